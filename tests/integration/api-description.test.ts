/**
 * The OpenAPI document is one a client can trust: valid OpenAPI 3.0 (against the specification's own
 * JSON Schema, vendored in tests/fixtures/openapi, and for @apidevtools/swagger-parser), every route of the app described with its
 * operationId, what it takes, what it answers and its refusals, and the answers the app really gives
 * — success and refusals alike — valid against what the document says. It is served as JSON at
 * /api/openapi.json, in production too.
 */
import fs from 'fs';
import path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'child_process';
import { AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker } from '../harness/factories';
import { startApp, type AppProcess } from '../security/support/app-process';

type Json = any; // The document and the answers are JSON, checked by schemas here rather than by types.

const UID = 'api::proposal.proposal';
const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'openapi', 'openapi-3.0.schema.json');
const CALL_STATES = ['upcoming', 'open', 'closed', 'decisions-released', 'program-published', 'past', 'no-call'];

/**
 * The specification's schema is JSON Schema draft-04, which Ajv 8 does not read; its two draft-04
 * idioms are translated: `id` (dropped, with `$schema`) and a boolean `exclusiveMinimum` beside `minimum`.
 */
function fromDraft04(node: Json): Json {
  if (Array.isArray(node)) return node.map(fromDraft04);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || key === '$schema') continue;
    out[key] = fromDraft04(value);
  }
  if (out.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (out.exclusiveMaximum === true) {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  }
  return out;
}

function openApiValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(fromDraft04(JSON.parse(fs.readFileSync(FIXTURE, 'utf8'))));
}

/** The JSON pointer of a document part, as a URI fragment. */
const pointer = (...segments: string[]) => '#/' + segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/** What swagger-parser checks beyond the schema: references resolve, operationIds are unique, path parameters are declared. */
function semanticProblems(document: Json): string[] {
  const problems: string[] = [];
  const resolve = (ref: string) =>
    ref
      .slice(2)
      .split('/')
      .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Json, key) => (node === undefined ? undefined : node[key]), document);
  const stack: Json[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (typeof node.$ref === 'string' && resolve(node.$ref) === undefined) problems.push(`unresolved ${node.$ref}`);
    stack.push(...Object.values(node));
  }
  const operationIds = new Map<string, string>();
  for (const [template, item] of Object.entries<Json>(document.paths)) {
    const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, operation] of Object.entries<Json>(item)) {
      const where = `${method.toUpperCase()} ${template}`;
      if (operationIds.has(operation.operationId))
        problems.push(`${where}: operationId ${operation.operationId} also on ${operationIds.get(operation.operationId)}`);
      operationIds.set(operation.operationId, where);
      const parameters: Json[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      const declared = parameters.filter((p) => p.in === 'path');
      if (declared.some((p) => p.required !== true)) problems.push(`${where}: a path parameter not required`);
      if (JSON.stringify(declared.map((p) => p.name).sort()) !== JSON.stringify(inTemplate))
        problems.push(`${where}: path parameters ${declared.map((p) => p.name)}`);
      const keys = parameters.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) problems.push(`${where}: a parameter twice`);
    }
  }
  return problems;
}

let document: Json;
let answers: Ajv;
const validators = new Map<string, ValidateFunction>();

/** The described answer of an operation for a status, as an Ajv validator (the document's `nullable` is Ajv's too). */
function describedAnswer(method: string, template: string, status: number): { validate?: ValidateFunction; mediaType?: string } {
  const response = document.paths[template]?.[method]?.responses?.[String(status)];
  if (!response) throw new Error(`${method.toUpperCase()} ${template} does not describe a ${status}`);
  const [mediaType] = Object.keys(response.content ?? {});
  if (mediaType !== 'application/json') return { mediaType };
  const ref = `openapi.json${pointer('paths', template, method, 'responses', String(status), 'content', mediaType, 'schema')}`;
  if (!validators.has(ref)) validators.set(ref, answers.compile({ $ref: ref }));
  return { validate: validators.get(ref), mediaType };
}

/** The described request body of an operation, as an Ajv validator. */
function describedRequest(method: string, template: string): ValidateFunction {
  const ref = `openapi.json${pointer('paths', template, method, 'requestBody', 'content', 'application/json', 'schema')}`;
  if (!validators.has(ref)) validators.set(ref, answers.compile({ $ref: ref }));
  return validators.get(ref)!;
}

/** A real answer is one the document describes, for its status, body included. */
function expectDescribed(res: { status: number; body: unknown; headers: Record<string, string> }, method: string, template: string) {
  const { validate, mediaType } = describedAnswer(method, template, res.status);
  if (validate) {
    const valid = validate(res.body);
    expect({ answer: `${method.toUpperCase()} ${template} ${res.status}`, errors: valid ? [] : validate.errors }).toEqual({
      answer: `${method.toUpperCase()} ${template} ${res.status}`,
      errors: [],
    });
  } else if (mediaType) {
    expect(res.headers['content-type']).toContain(mediaType);
  }
}

beforeAll(async () => {
  const res = await api().get('/api/openapi.json');
  expect(res.status).toBe(200);
  document = res.body;
  answers = new Ajv({ allErrors: true, strict: false });
  addFormats(answers);
  answers.addSchema(document, 'openapi.json');
});

describe('the document', () => {
  it('is served as JSON at /api/openapi.json: the document /documentation shows, with an ETag and 304', async () => {
    const res = await api().get('/api/openapi.json');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const page = await api().get('/documentation');
    const inlined = JSON.parse(/spec: (\{[\s\S]*\}),\s*dom_id/.exec(page.text)![1]);
    expect(res.body).toEqual(inlined);
    const again = await api().get('/api/openapi.json').set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    expect(document.paths['/openapi.json'].get.operationId).toBe('getOpenApiDocument');
  });

  it('is valid OpenAPI 3.0 against the specification’s JSON Schema', () => {
    const validate = openApiValidator();
    const valid = validate(document);
    // anyOf/oneOf failures only repeat the branch errors listed beside them.
    expect(valid ? [] : validate.errors!.filter((e) => !['anyOf', 'oneOf'].includes(e.keyword))).toEqual([]);
  });

  it('is accepted by @apidevtools/swagger-parser (schema and references), which refused it before', () => {
    const swaggerParser = (doc: Json) =>
      spawnSync(process.execPath, [path.resolve(__dirname, '..', 'harness', 'validate-openapi.mjs')], { input: JSON.stringify(doc), encoding: 'utf8' });
    const verdict = swaggerParser(document);
    expect({ status: verdict.status, out: verdict.stdout.trim() }).toEqual({ status: 0, out: 'valid' });
    const broken = JSON.parse(JSON.stringify(document));
    broken.components.schemas.SubmissionCorrection.required = [];
    expect(swaggerParser(broken).status).toBe(1);
  });

  it('the schema catches what swagger-parser refused before: an empty `required`', () => {
    const broken = JSON.parse(JSON.stringify(document));
    broken.components.schemas.SubmissionCorrection.required = [];
    expect(openApiValidator()(broken)).toBe(false);
  });

  it('has its references resolved, unique operationIds and every path parameter declared', () => {
    expect(semanticProblems(document)).toEqual([]);
  });

  it('describes every route of the app: operationId, what it takes and answers, its refusals with their codes', () => {
    // The routes the app adds to Strapi's own (find and findOne of the public types).
    const custom = Object.values(strapi.apis as Json)
      .flatMap((definition: Json) => Object.values(definition.routes ?? {}).flatMap((router: Json) => router.routes ?? []))
      .filter((route: Json) => typeof route.handler !== 'string' || !/\.(find|findOne|create|update|delete)$/.test(route.handler))
      .map((route: Json) => ({ method: route.method.toLowerCase(), template: route.path.replace(/:(\w+)/g, '{$1}') }));
    custom.push({ method: 'get', template: '/openapi.json' });
    const described = custom.map(({ method, template }) => [method, template, document.paths[template]?.[method]?.operationId]);
    expect(described.map(([, , id]) => id).sort()).toEqual(
      [
        'submitProposal',
        'getMyProposal',
        'correctMyProposal',
        'withdrawMyProposal',
        'confirmMyProposal',
        'declineMyProposal',
        'exportMyPersonalData',
        'mailMyPersonalData',
        'previewMyErasure',
        'eraseMyPersonalData',
        'changeMyConsents',
        'getCurrentConsentTexts',
        'getEditionProgram',
        'getEditionScheduleJson',
        'getEditionScheduleXml',
        'getEditionCalendar',
        'getEditionAnnouncement',
        'getEditionSessionPages',
        'getSessionCalendar',
        'getSessionPage',
        'getOpenApiDocument',
        'getMyInvitation',
        'acceptMyInvitation',
        'declineMyInvitation',
        'confirmMyParticipation',
        'withdrawMyParticipation',
        'eraseMyInvitation',
      ].sort()
    );
    for (const { method, template } of custom) {
      const operation = document.paths[template][method];
      const where = `${method.toUpperCase()} ${template}`;
      const ok = Object.entries<Json>(operation.responses).find(([status]) => /^2/.test(status))![1];
      expect({ where, answers: Object.values<Json>(ok.content ?? {}).every((media) => media.schema) && Object.keys(ok.content ?? {}).length > 0 }).toEqual({
        where,
        answers: true,
      });
      if (['submitProposal', 'correctMyProposal'].includes(operation.operationId)) {
        expect({ where, body: operation.requestBody?.required && operation.requestBody.content['application/json'].schema.properties.data.$ref }).toEqual({
          where,
          body: expect.stringMatching(/^#\/components\/schemas\/Submission(Form|Correction)$/),
        });
      }
      const refusals = Object.entries<Json>(operation.responses).filter(([status]) => /^4/.test(status));
      expect({ where, refusals: refusals.length > 0 }).toEqual({ where, refusals: true });
      for (const [status, refusal] of refusals) {
        const [shape, narrowed] = refusal.content['application/json'].schema.allOf;
        expect(shape).toEqual({ $ref: '#/components/schemas/Error' });
        const { code } = narrowed.properties.error.properties.details.properties;
        expect({ where, status, codes: code.enum.length > 0, said: code.enum.every((c: string) => refusal.description.includes(c)) }).toEqual({
          where,
          status,
          codes: true,
          said: true,
        });
      }
    }
  });

  it('gives the Edition its computed callForProposals block, with the states of the call', () => {
    expect(document.components.schemas.Edition.properties.callForProposals).toEqual({ $ref: '#/components/schemas/CallForProposals' });
    const block = document.components.schemas.CallForProposals;
    expect(block.properties.state.enum).toEqual(CALL_STATES);
    expect(block.readOnly).toBe(true);
  });

  it('says where a proposal stands with the public statuses only, never the internal `submitted`', () => {
    const statuses = ['under-review', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined'];
    expect(document.components.schemas.SubmissionReceipt.properties.status.enum).toEqual(statuses);
    expect(document.components.schemas.StatusLinkView.properties.status.enum).toEqual(statuses);
  });

  it('takes the proposer’s form from its one definition: required fields, lengths, no other field', () => {
    const form = document.components.schemas.SubmissionForm;
    expect(form.required).toEqual(['edition', 'speakerName', 'email', 'administrationName', 'title', 'abstract', 'requestedDuration']);
    expect(form.properties.title).toMatchObject({ type: 'string', minLength: 5, maxLength: 200 });
    expect(form.additionalProperties).toBe(false);
    expect(document.components.schemas.SubmissionCorrection.required).toBeUndefined();
    expect(document.components.schemas.SubmissionCorrection.properties.edition).toBeUndefined();
  });

  it('names no server of its own: the API is under /api of the host that serves the document', () => {
    expect(document.servers).toEqual([{ url: '/api', description: expect.any(String) }]);
    expect(document.info.license).toEqual({ name: 'MIT' });
    expect(JSON.stringify(document.info)).not.toMatch(/YOUR_TERMS|something\.io/);
  });
});

describe('what the app answers is what the document says', () => {
  let edition: Json;
  let ip = 0;
  let proposals = 0;
  const from = () => `10.31.0.${++ip}`;
  /** A new proposer's form each time. */
  const form = (overrides: Record<string, unknown> = {}, n = ++proposals) => ({
    edition: edition.slug,
    speakerName: 'Camille Exemple',
    email: `camille.${n}@example.org`,
    administrationName: 'DINUM',
    jobTitle: 'Développeuse',
    title: `Notre forge logicielle libre ${n}`,
    abstract: 'Deux ans de forge mutualisée entre trois ministères : ce qui a marché, ce qui a coincé.',
    preferredDay: null,
    requestedDuration: 15,
    consentContact: true,
    consentPublication: true,
    ...overrides,
  });
  const submit = (data: unknown) => api().post('/api/proposals').set('X-Forwarded-For', from()).send({ data });
  const mine = (token: string, action = '') => `/api/proposals/mine/${token}${action}`;
  const post = (url: string) => api().post(url).set('X-Forwarded-For', from());
  const released = async (state: 'accepted') => {
    const res = await submit(form());
    expect(res.status).toBe(201);
    const row = await strapi.db.query(UID).findOne({ where: { reference: res.body.data.reference } });
    await strapi.documents(UID).update({ documentId: row.documentId, data: { state } as Json });
    return res.body.data.statusToken as string;
  };

  beforeAll(async () => {
    edition = await createEdition({ confirmationWindowDays: 5 });
  });
  beforeEach(() => testClock.set('2023-11-15T09:00:00.000Z'));

  it('submitting: 201, and each refusal', async () => {
    const data = form();
    const body = describedRequest('post', '/proposals');
    // What the app accepts, the description accepts; what it refuses field by field, the description refuses.
    expect(body({ data }) ? [] : body.errors).toEqual([]);
    expect(body({ data: { ...data, jobTitle: null, language: null, consentContact: false } })).toBe(true);
    expect(body({ data: form({ email: 'nope' }) })).toBe(false);
    expect(body({ data: form({ colour: 'bleu' }) })).toBe(false);
    expect(body({ data: form({ title: 'Ttl' }) })).toBe(false);
    const { edition: _edition, ...withoutEdition } = form();
    expect(body({ data: withoutEdition })).toBe(false);
    const created = await submit(data);
    expectDescribed(created, 'post', '/proposals');
    expect(created.status).toBe(201);
    const duplicate = await submit(data);
    expectDescribed(duplicate, 'post', '/proposals');
    expect(duplicate.body.error.details.code).toBe('PROPOSAL_DUPLICATE');
    const invalid = await submit(form({ email: 'nope', requestedDuration: 7, colour: 'bleu' }));
    expectDescribed(invalid, 'post', '/proposals');
    expect(invalid.body.error.details.errors.map((e: Json) => e.code).sort()).toEqual(['DURATION_NOT_ALLOWED', 'INVALID_EMAIL', 'UNKNOWN_FIELD']);
    expectDescribed(await submit(form({ edition: 'inconnue' })), 'post', '/proposals');
    const malformed = await api().post('/api/proposals').set('X-Forwarded-For', from()).set('Content-Type', 'application/json').send('{"data": ');
    expectDescribed(malformed, 'post', '/proposals');
    expect(malformed.body.error.details.code).toBe('MALFORMED_BODY');
    testClock.set('2023-11-21T00:00:00.000Z');
    const closed = await submit(form());
    expectDescribed(closed, 'post', '/proposals');
    expect(closed.body.error.details.code).toBe('CFP_CLOSED');
  });

  it('the status link: read, correct, withdraw, and their refusals', async () => {
    const { body } = await submit(form());
    const token = body.data.statusToken;
    expectDescribed(await api().get(mine(token)), 'get', '/proposals/mine/{token}');
    expectDescribed(await api().get(mine('x'.repeat(43))), 'get', '/proposals/mine/{token}');
    const drafts = await api().get(`${mine(token)}?status=draft`);
    expectDescribed(drafts, 'get', '/proposals/mine/{token}');
    expect(drafts.body.error.details.code).toBe('DRAFTS_NOT_PUBLIC');
    const correction = describedRequest('put', '/proposals/mine/{token}');
    expect(correction({ data: { requestedDuration: 20, preferredDay: '2023-12-07' } })).toBe(true);
    expect(correction({ data: { jobTitle: null } })).toBe(true);
    expect(correction({ data: { edition: 'une-autre' } })).toBe(false);
    const corrected = await api()
      .put(mine(token))
      .set('X-Forwarded-For', from())
      .send({ data: { requestedDuration: 20, preferredDay: '2023-12-07' } });
    expectDescribed(corrected, 'put', '/proposals/mine/{token}');
    expect(corrected.body.data).toMatchObject({ requestedDuration: 20, preferredDay: '2023-12-07', status: 'under-review' });
    const moved = await api()
      .put(mine(token))
      .set('X-Forwarded-For', from())
      .send({ data: { edition: 'une-autre' } });
    expectDescribed(moved, 'put', '/proposals/mine/{token}');
    expect(moved.body.error.details.errors[0]).toMatchObject({ path: ['edition'], code: 'UNKNOWN_FIELD' });
    expectDescribed(await post(mine(token, '/confirm')), 'post', '/proposals/mine/{token}/confirm');
    expectDescribed(await post(mine(token, '/withdraw')), 'post', '/proposals/mine/{token}/withdraw');
    const afterWithdrawal = await api()
      .put(mine(token))
      .set('X-Forwarded-For', from())
      .send({ data: { requestedDuration: 10 } });
    expectDescribed(afterWithdrawal, 'put', '/proposals/mine/{token}');
    expect(afterWithdrawal.body.error.details.code).toBe('PROPOSAL_WITHDRAWN');
  });

  it('confirming and declining once accepted, late, and withdrawing what cannot be', async () => {
    const [confirming, declining, late] = [await released('accepted'), await released('accepted'), await released('accepted')];
    await strapi.service('api::proposal.decisions').releaseEdition(edition.documentId);
    const confirmed = await post(mine(confirming, '/confirm'));
    expectDescribed(confirmed, 'post', '/proposals/mine/{token}/confirm');
    expect(confirmed.body.data.status).toBe('confirmed');
    const declined = await post(mine(declining, '/decline'));
    expectDescribed(declined, 'post', '/proposals/mine/{token}/decline');
    const stuck = await post(mine(declining, '/withdraw'));
    expectDescribed(stuck, 'post', '/proposals/mine/{token}/withdraw');
    expect(stuck.body.error.details.code).toBe('ILLEGAL_TRANSITION');
    testClock.set('2023-12-01T12:00:00.000Z');
    const tooLate = await post(mine(late, '/decline'));
    expectDescribed(tooLate, 'post', '/proposals/mine/{token}/decline');
    expect(tooLate.body.error.details.code).toBe('CONFIRMATION_CLOSED');
  });

  it('the editions, their program and every export', async () => {
    testClock.set(AFTER_PROGRAM_2023);
    const administration = await strapi.documents('api::administration.administration').create({
      data: { name: `Direction du numérique ${process.pid}`, acronym: 'DNUM', kind: 'ministry' } as Json,
    });
    const speaker = await createSpeaker({ administration: administration.documentId, bio: 'Cheffe de projet.' });
    const session = await createSession({
      edition: edition.documentId,
      speakers: [speaker.documentId],
      // The second afternoon: the talk confirmed above holds the first one's 14:00 (the builder's rules refuse overlaps).
      startsAt: '2023-12-07T13:00:00.000Z',
      room: 'Salle BlueHats',
      abstract: 'Un résumé.',
    });
    await createSession({ edition: edition.documentId, title: 'Sans heure' });

    const editions = await api().get(`/api/editions?filters[slug]=${edition.slug}`);
    expectDescribed(editions, 'get', '/editions');
    expect(editions.body.data[0].callForProposals.state).toBe('program-published');
    expectDescribed(await api().get(`/api/editions/${edition.documentId}`), 'get', '/editions/{id}');

    const program = await api().get(`/api/editions/${edition.slug}/program`);
    expectDescribed(program, 'get', '/editions/{edition}/program');
    expect(program.body.data.days[1].sessions[0].speakers[0].administration.acronym).toBe('DNUM');
    expect(program.body.data.unscheduled.map((s: Json) => s.title)).toEqual(['Sans heure']);
    const unchanged = await api().get(`/api/editions/${edition.slug}/program`).set('If-None-Match', program.headers.etag);
    expect(unchanged.status).toBe(304);
    describedAnswer('get', '/editions/{edition}/program', 304);
    expectDescribed(await api().get('/api/editions/inconnue/program'), 'get', '/editions/{edition}/program');
    expectDescribed(await api().get(`/api/editions/${edition.slug}/program?status=draft`), 'get', '/editions/{edition}/program');

    for (const [template, suffix] of [
      ['/editions/{edition}/schedule.json', 'schedule.json'],
      ['/editions/{edition}/schedule.xml', 'schedule.xml'],
      ['/editions/{edition}/calendar.ics', 'calendar.ics'],
      ['/editions/{edition}/announcement.md', 'announcement.md'],
      ['/editions/{edition}/session-pages', 'session-pages'],
    ]) {
      const res = await api().get(`/api/editions/${edition.slug}/${suffix}`);
      expect({ template, status: res.status }).toEqual({ template, status: 200 });
      expectDescribed(res, 'get', template);
      expectDescribed(await api().get(`/api/editions/inconnue/${suffix}`), 'get', template);
    }
    for (const [template, suffix] of [
      ['/sessions/{session}/calendar.ics', 'calendar.ics'],
      ['/sessions/{session}/page.md', 'page.md'],
    ]) {
      const res = await api().get(`/api/sessions/${session.documentId}/${suffix}`);
      expect({ template, status: res.status }).toEqual({ template, status: 200 });
      expectDescribed(res, 'get', template);
      const unknown = await api().get(`/api/sessions/inconnue/${suffix}`);
      expectDescribed(unknown, 'get', template);
      expect(unknown.body.error.details.code).toBe('SESSION_NOT_FOUND');
    }
  });

  it('an undescribed status would fail these checks', () => {
    expect(() => describedAnswer('get', '/editions/{edition}/program', 418)).toThrow(/does not describe a 418/);
    const { validate } = describedAnswer('get', '/editions/{edition}/program', 404);
    expect(validate!({ data: null, error: { status: 404, name: 'NotFoundError', message: '…', details: { code: 'SESSION_NOT_FOUND' } } })).toBe(false);
  });
});

describe('an administrator’s password on the documentation', () => {
  const store = () => strapi.store({ type: 'plugin', name: 'documentation', key: 'config' });
  let before: Json;
  beforeAll(async () => {
    before = await store().get();
    await store().set({ value: { ...before, restrictedAccess: true, password: 'not used: no login here' } });
  });
  afterAll(async () => {
    await store().set({ value: before });
  });

  it('protects the JSON as it protects the page', async () => {
    const json = await api().get('/api/openapi.json');
    expectDescribed(json, 'get', '/openapi.json');
    expect(json.body.error.details.code).toBe('DOCUMENTATION_RESTRICTED');
    const page = await api().get('/documentation');
    expect(page.status).toBe(302);
    expect(page.headers.location).toMatch(/\/documentation\/login$/);
  });
});

describe('NODE_ENV=production (as `npm start` and the demo run)', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ NODE_ENV: 'production' });
  }, 120_000);
  afterAll(() => app?.stop());

  it('serves the same document as JSON, and Swagger UI at /documentation', async () => {
    const json = await app.http().get('/api/openapi.json');
    expect(json.status).toBe(200);
    const operations = (d: Json) => Object.entries<Json>(d.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p} ${item[m].operationId}`));
    expect(operations(json.body).sort()).toEqual(operations(document).sort());
    expect(json.body.components.schemas).toEqual(document.components.schemas);
    const page = await app.http().get('/documentation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    expect(JSON.parse(/spec: (\{[\s\S]*\}),\s*dom_id/.exec(page.text)![1]).paths).toEqual(json.body.paths);
  });
});
