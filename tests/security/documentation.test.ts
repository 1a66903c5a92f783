/**
 * The published API description (GET /documentation, Swagger UI with the OpenAPI document inlined)
 * names nothing private. Before the fix, nested relation schemas (session → proposal, anything →
 * createdBy) listed the proposal's private fields (reviewerNotes, statusTokenHash, …) and the
 * admin users' tokens.
 */
import { api } from '../harness/factories';
import { EXPECTED_PUBLIC_TYPES as PUBLIC_TYPES, EXPECTED_INTERNAL_TYPES as INTERNAL_TYPES } from '../fixtures/content-types';

// The proposer's own routes, and the schemas they use, document what a proposer types in (their
// name, their e-mail, their co-speakers…) and reads back through the private link; a co-speaker's
// invitation link likewise.
const PROPOSER_ROUTES =
  /^#\/(paths\/\/proposals(\/|$)|components\/schemas\/(SubmissionForm|SubmissionCorrection|SubmissionReceipt|StatusLinkView|PersonalDataExport|ErasurePreview|ConsentChange|ConsentVersions|CoSpeakerForm|InvitationView)\/)/;
/** The proposer's own export: what is stored about them, read back through the private link. */
const EXPORTED = (name: string) =>
  new RegExp(`^#\\/components\\/schemas\\/PersonalDataExport\\/properties\\/proposals\\/items\\/(properties\\/${name}|required)$`);

/**
 * Private names that the hand-written schemas use for something public, each only where it is meant:
 * `status` of every error answer and the public status of a proposal (never its internal `state`),
 * `state` of the computed call block, and what the status link shows the author alone.
 */
const MEANT_HERE: Record<string, RegExp> = {
  status: /(\/error\/(properties\/status|required)|^#\/components\/schemas\/(SubmissionReceipt|StatusLinkView)\/(properties\/status|required))$/,
  state: /^#\/components\/schemas\/CallForProposals\/(properties\/state|required)$/,
  decisionMessage: /^#\/components\/schemas\/StatusLinkView\/(properties\/decisionMessage|required)$/,
  // The proposer's confirmation window, shown to the proposer and to a co-speaker who may confirm in it.
  confirmationDeadline: /^#\/components\/schemas\/(StatusLinkView|InvitationView)\/(properties\/confirmationDeadline|required)$/,
  // The consents' current texts are public by design (GET /consent-texts/current), and nothing else of their type.
  consent: /^#\/components\/schemas\/ConsentText\/(properties\/consent|required)$/,
  textFr: /^#\/components\/schemas\/ConsentText\/(properties\/textFr|required)$/,
  textEn: /^#\/components\/schemas\/ConsentText\/(properties\/textEn|required)$/,
  // What a proposer types to submit late; the proposal's relation of that name stays private.
  lateCode: /^#\/components\/schemas\/SubmissionForm\/properties\/lateCode$/,
  // `at` of a dated value (the call's instants, the export's history); `version` of a consent text and
  // of the C3VOC schedule: generic words that internal types (access log, consent texts) also use.
  at: /^#\/(components\/schemas\/(CallForProposals|PersonalDataExport)|paths\/\/editions)\/.*\/(properties\/at|required)$/,
  // The program's public version and its changelog (src/api/program-version): what the program page
  // shows, never the internal type's rows (no schema, no path of their own).
  version:
    /^#\/(components\/schemas\/(ConsentText\/(properties\/version|required)|Program\/(properties\/version|required))|paths\/\/editions\/\{edition\}\/schedule\.json\/.*\/schedule\/(properties\/version|required))$/,
  changes: /^#\/components\/schemas\/Program\/properties\/version\/(properties\/changes|required)$/,
};
const MEANT_IN_EXPORT = ['status', 'decisionMessage', 'confirmationDeadline', 'reviewerNotes'];
const meantHere = ({ name, at }: { name: string; at: string }) =>
  (MEANT_HERE[name]?.test(at) ?? false) ||
  (MEANT_IN_EXPORT.includes(name) &&
    (EXPORTED(name).test(at) ||
      (name === 'status' && /^#\/components\/schemas\/(PersonalDataExport|ErasurePreview)\/.*\/(properties\/status|required)$/.test(at))));

type Attributes = Record<string, { private?: boolean }>;
const attributesOf = (uid: string): Attributes => (strapi.contentTypes as Record<string, { attributes: Attributes }>)[uid].attributes;
const names = (uids: string[], keep: (a: { private?: boolean }) => boolean) =>
  new Set(
    uids.flatMap((uid) =>
      Object.entries(attributesOf(uid))
        .filter(([, a]) => keep(a))
        .map(([name]) => name)
    )
  );

/** Names that must not appear as a schema property anywhere in the document. */
function forbiddenNames() {
  const everyType = Object.keys(strapi.contentTypes);
  const componentNames = new Set(Object.values(strapi.components as Record<string, { attributes: Attributes }>).flatMap((c) => Object.keys(c.attributes)));
  const publicNames = new Set([...names(PUBLIC_TYPES, (a) => !a.private), ...componentNames]);
  // Private anywhere, unless a public type shows a field of that name (e.g. `locale` on localized types).
  const privateNames = [...names(everyType, (a) => !!a.private)].filter((n) => !publicNames.has(n));
  // Fields of the internal types that no other type shares: they can only come from an internal type.
  const sharedNames = new Set([
    ...names(
      everyType.filter((uid) => !INTERNAL_TYPES.includes(uid)),
      (a) => !a.private
    ),
    ...componentNames,
  ]);
  const internalNames = [...names(INTERNAL_TYPES, (a) => !a.private)].filter((n) => !sharedNames.has(n));
  return { privateNames: new Set(privateNames), internalNames: new Set(internalNames) };
}

async function servedDocument(route: string) {
  const res = await api().get(route);
  expect(res.status).toBe(200);
  const match = /spec: (\{[\s\S]*\}),\s*dom_id/.exec(res.text);
  if (!match) throw new Error(`no inlined OpenAPI document in ${route}`);
  return JSON.parse(match[1]);
}

/** Every schema property name in the document, with its JSON pointer. */
function propertyNames(document: unknown): Array<{ name: string; at: string }> {
  const found: Array<{ name: string; at: string }> = [];
  const stack: Array<[unknown, string]> = [[document, '#']];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key}`;
      if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const name of Object.keys(value)) found.push({ name, at: `${here}/${name}` });
      }
      if (key === 'required' && Array.isArray(value)) for (const name of value) if (typeof name === 'string') found.push({ name, at: here });
      stack.push([value, here]);
    }
  }
  return found;
}

describe.each(['/documentation', '/documentation/v1.0.0'])('GET %s', (route) => {
  it('names no private field of any content type', async () => {
    const { privateNames } = forbiddenNames();
    // The check is only as good as its list: the proposal's private fields must be in it.
    expect([...privateNames]).toEqual(
      expect.arrayContaining(['reviewerNotes', 'statusTokenHash', 'stateHistory', 'secret', 'createdBy', 'password', 'resetPasswordToken'])
    );
    const leaks = propertyNames(await servedDocument(route)).filter((found) => privateNames.has(found.name) && !meantHere(found));
    expect(leaks).toEqual([]);
  });

  it('describes no internal type: no schema, no path, none of their own fields', async () => {
    const { internalNames } = forbiddenNames();
    expect([...internalNames]).toEqual(expect.arrayContaining(['speakerName', 'onceKey', 'bodyTemplate', 'claimedBy']));
    const document = await servedDocument(route);
    const schemas = Object.keys(document.components?.schemas ?? {});
    expect(schemas.filter((s) => /^(Proposal|Notification|Delivery|RebuildTarget|JobMark)/.test(s))).toEqual([]);
    expect(Object.keys(document.paths).filter((p) => /^\/(notifications|deliveries|rebuild-targets|job-marks)\b/.test(p))).toEqual([]);
    const leaks = propertyNames(document).filter((found) => internalNames.has(found.name) && !PROPOSER_ROUTES.test(found.at) && !meantHere(found));
    expect(leaks).toEqual([]);
  });

  it('still documents the public types and the proposer routes', async () => {
    const document = await servedDocument(route);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/editions', '/sessions', '/proposals', '/proposals/mine/{token}']));
    expect(Object.keys(document.components.schemas.Session.properties)).toEqual(expect.arrayContaining(['title', 'edition', 'speakers']));
    const { $ref } = document.paths['/proposals'].post.requestBody.content['application/json'].schema.properties.data;
    const submission = document.components.schemas[$ref.replace('#/components/schemas/', '')];
    expect(submission.properties.email).toEqual(expect.objectContaining({ format: 'email' }));
  });
});
