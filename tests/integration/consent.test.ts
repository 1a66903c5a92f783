/**
 * Consents, recorded: the texts are settings, versioned, in French and English (seeded at boot);
 * a proposal keeps the exact version each consent was given or refused on, and the instant; a
 * version once seen never changes; the proposer changes a consent through the status link at any
 * time, each change recorded.
 */
import { adminToken, api, createEdition } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const TEXT = 'api::consent-text.consent-text';
let counter = 0;
const freshIp = () => `10.61.${Math.floor(++counter / 250)}.${(counter % 250) + 1}`;
let edition: any;
let token: string;

const SUBMITTED_AT = '2023-11-15T09:00:00.000Z';
const AFTER_DEADLINE = '2023-12-10T10:00:00.000Z';

const form = (n: number, overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: `Agente ${n}`,
  email: `agente${n}@example.org`,
  administrationName: 'DINUM',
  jobTitle: 'Cheffe de projet',
  title: `Une proposition sur les consentements ${n}`,
  abstract: 'Un résumé suffisamment long pour être accepté.',
  requestedDuration: 15,
  ...overrides,
});
const submit = (data: unknown, lang?: string) => {
  const req = api().post('/api/proposals').set('X-Forwarded-For', freshIp());
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};
const changeConsents = (statusToken: string, data: unknown, lang?: string) => {
  const req = api().put(`/api/proposals/mine/${statusToken}/consents`).set('X-Forwarded-For', freshIp());
  if (lang) req.set('Accept-Language', lang);
  return req.send({ data });
};
const cm = (method: 'get' | 'put' | 'post' | 'delete', path: string) =>
  api()[method](`/content-manager/collection-types/${TEXT}${path}`).set('Authorization', `Bearer ${token}`);
const texts = () => strapi.db.query(TEXT).findMany({ orderBy: [{ consent: 'asc' }, { version: 'asc' }] });
const proposalOf = (reference: string) => strapi.db.query(PROPOSAL).findOne({ where: { reference } });

/** Back to the texts a fresh install has: version 1 of each, from the form's wording. */
async function freshTexts() {
  await strapi.db.query(TEXT).deleteMany({});
  await strapi.service('api::consent-text.consent-text').seedMissing();
}

beforeAll(async () => {
  edition = await createEdition({ slug: 'consent-2023', title: 'Journées #BlueHats 2023' });
  token = await adminToken();
});

beforeEach(async () => {
  testClock.set(SUBMITTED_AT);
  await strapi.db.query(PROPOSAL).deleteMany({});
  await freshTexts();
});

afterAll(freshTexts);

describe('the texts, seeded and versioned', () => {
  it('a fresh install has version 1 of the three consents, in French and English, from the form’s wording; seeding again adds nothing', async () => {
    const rows = await texts();
    expect(rows.map((r: any) => [r.consent, r.version])).toEqual([
      ['contact', 1],
      ['jobTitle', 1],
      ['publication', 1],
    ]);
    expect(rows.find((r: any) => r.consent === 'contact')).toMatchObject({
      textFr: 'J’accepte d’être recontacté·e par l’équipe d’organisation au sujet de cette proposition.',
      textEn: 'I agree to be contacted by the organising team about this proposal.',
      firstRecordedAt: null,
    });
    expect(await strapi.service('api::consent-text.consent-text').seedMissing()).toEqual([]);
    expect(await strapi.db.query(TEXT).count({})).toBe(3);
  });

  it('a new text gets the next version of its consent, whatever version an editor writes', async () => {
    const res = await cm('post', '').send({ consent: 'contact', version: 42, textFr: 'Nouveau texte de contact.', textEn: 'New contact text.' });
    expect(res.status).toBe(201);
    const again = await cm('post', '').send({ consent: 'contact', textFr: 'Troisième texte.', textEn: 'Third text.' });
    expect(again.status).toBe(201);
    const contact = (await texts()).filter((r: any) => r.consent === 'contact');
    expect(contact.map((r: any) => r.version)).toEqual([1, 2, 3]);
    // The other consents keep their own numbering.
    expect((await texts()).filter((r: any) => r.consent === 'publication').map((r: any) => r.version)).toEqual([1]);
  });

  it('GET /api/consent-texts/current gives the latest version of each, in the request’s language', async () => {
    await strapi.documents(TEXT).create({ data: { consent: 'publication', textFr: 'Publication, version deux.', textEn: 'Publication, version two.' } as any });
    const fr = await api().get('/api/consent-texts/current');
    expect(fr.status).toBe(200);
    expect(fr.body.data).toEqual([
      expect.objectContaining({ consent: 'contact', version: 1, text: expect.stringContaining('recontacté') }),
      { consent: 'publication', version: 2, text: 'Publication, version deux.', textFr: 'Publication, version deux.', textEn: 'Publication, version two.' },
      expect.objectContaining({ consent: 'jobTitle', version: 1 }),
    ]);
    const en = await api().get('/api/consent-texts/current').set('Accept-Language', 'en');
    expect(en.body.data[1].text).toBe('Publication, version two.');
    expect(Object.keys(fr.body.data[0]).sort()).toEqual(['consent', 'text', 'textEn', 'textFr', 'version']);
  });

  it('nothing else of the texts is public: no stock REST route, no GraphQL type', async () => {
    for (const path of ['/api/consent-texts', `/api/consent-texts/${(await texts())[0].documentId}`]) {
      expect([403, 404, 405]).toContain((await api().get(path)).status);
    }
    const gql = await api().post('/graphql').send({ query: '{ consentTexts { documentId textFr } }' });
    expect(gql.body.errors?.[0]?.message).toMatch(/Cannot query field "consentTexts"/);
  });
});

describe('recording at submission', () => {
  it('stores each consent as given, with the version seen and the instant (the injected clock), and stamps the versions as seen', async () => {
    const current = (await api().get('/api/consent-texts/current')).body.data;
    const versions = Object.fromEntries(current.map((t: any) => [t.consent, t.version]));
    const res = await submit(form(1, { consentContact: true, consentPublication: false, consentJobTitle: true, consentVersions: versions }));
    expect(res.status).toBe(201);
    const row = await proposalOf(res.body.data.reference);
    expect(row).toMatchObject({ consentContact: true, consentPublication: false, consentJobTitle: true });
    expect(row.consentRecord).toEqual([
      { consent: 'contact', given: true, version: 1, at: SUBMITTED_AT },
      { consent: 'publication', given: false, version: 1, at: SUBMITTED_AT },
      { consent: 'jobTitle', given: true, version: 1, at: SUBMITTED_AT },
    ]);
    for (const text of await texts()) expect(new Date(text.firstRecordedAt).toISOString()).toBe(SUBMITTED_AT);
  });

  it('without consentVersions, the current versions are the ones recorded', async () => {
    await strapi.documents(TEXT).create({ data: { consent: 'jobTitle', textFr: 'Fonction, version deux.', textEn: 'Job title, version two.' } as any });
    const res = await submit(form(2, { consentJobTitle: false }));
    expect(res.status).toBe(201);
    const row = await proposalOf(res.body.data.reference);
    expect(row.consentRecord.find((e: any) => e.consent === 'jobTitle')).toEqual({ consent: 'jobTitle', given: false, version: 2, at: SUBMITTED_AT });
  });

  it('a text changed while the form was filled in is a 409 CONSENT_TEXT_CHANGED with the current texts, and nothing is saved', async () => {
    await strapi.documents(TEXT).create({ data: { consent: 'contact', textFr: 'Contact, version deux.', textEn: 'Contact, version two.' } as any });
    const res = await submit(form(3, { consentContact: true, consentVersions: { contact: 1, publication: 1, jobTitle: 1 } }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ status: 409, name: 'ConflictError', details: { code: 'CONSENT_TEXT_CHANGED', changed: ['contact'] } });
    expect(res.body.error.message).toMatch(/a changé pendant que vous remplissiez le formulaire/);
    expect(res.body.error.details.current.find((t: any) => t.consent === 'contact')).toMatchObject({ version: 2, text: 'Contact, version deux.' });
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(0);
    // Nothing recorded it: the new version may still be corrected.
    expect((await texts()).every((t: any) => t.firstRecordedAt === null)).toBe(true);

    const en = await submit(form(3, { consentVersions: { contact: 1 } }), 'en');
    expect(en.status).toBe(409);
    expect(en.body.error.message).toBe('The text of a consent changed while you filled in the form: read it again, then send your proposal again.');
  });

  it('refuses malformed versions by their path, with the form’s other errors', async () => {
    const res = await submit(form(4, { title: 'x', consentVersions: { contact: 'un', newsletter: 1 } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => [e.path.join('.'), e.code])).toEqual([
      ['title', 'TOO_SHORT'],
      ['consentVersions.contact', 'WRONG_TYPE'],
      ['consentVersions.newsletter', 'UNKNOWN_FIELD'],
    ]);
  });

  it('the GraphQL mutation takes the same versions and gives the same refusal', async () => {
    await strapi.documents(TEXT).create({ data: { consent: 'publication', textFr: 'Publication v2.', textEn: 'Publication v2.' } as any });
    const data = { ...form(5), consentPublication: true, consentVersions: { publication: 1 } };
    const mutation = `mutation S($data: ProposalSubmissionInput!) { submitProposal(data: $data) { reference } }`;
    const stale = await api().post('/graphql').set('X-Forwarded-For', freshIp()).send({ query: mutation, variables: { data } });
    expect(stale.body.errors[0].extensions.code).toBe('CONSENT_TEXT_CHANGED');
    const fresh = await api()
      .post('/graphql')
      .set('X-Forwarded-For', freshIp())
      .send({ query: mutation, variables: { data: { ...data, consentVersions: { publication: 2 } } } });
    expect(fresh.body.errors).toBeUndefined();
    const row = await proposalOf(fresh.body.data.submitProposal.reference);
    expect(row.consentRecord.find((e: any) => e.consent === 'publication')).toMatchObject({ given: true, version: 2 });
  });
});

describe('a version once seen', () => {
  it('can no longer be changed nor deleted (CONSENT_TEXT_IN_USE); a version nobody saw can', async () => {
    expect((await submit(form(6, { consentContact: true }))).status).toBe(201);
    const seen = (await texts()).find((t: any) => t.consent === 'contact');
    const update = await cm('put', `/${seen.documentId}`).send({ consent: 'contact', textFr: 'Texte réécrit.', textEn: 'Rewritten.' });
    expect(update.status).toBe(400);
    expect(update.body.error.details.code).toBe('CONSENT_TEXT_IN_USE');
    expect(update.body.error.message).toMatch(/Créez une nouvelle version/);
    const removal = await cm('delete', `/${seen.documentId}`);
    expect(removal.status).toBe(400);
    expect(removal.body.error.details.code).toBe('CONSENT_TEXT_IN_USE');
    expect((await texts()).find((t: any) => t.consent === 'contact').textFr).toBe(seen.textFr);

    const draft = await cm('post', '').send({ consent: 'contact', textFr: 'Brouillon de texte.', textEn: 'Draft text.' });
    const fixed = await cm('put', `/${draft.body.data.documentId}`).send({ consent: 'contact', textFr: 'Texte corrigé avant usage.', textEn: 'Fixed.' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data).toMatchObject({ version: 2, textFr: 'Texte corrigé avant usage.' });
    const moved = await cm('put', `/${draft.body.data.documentId}`).send({ consent: 'publication' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.code).toBe('CONSENT_TEXT_CONSENT_FIXED');
  });
});

describe('changing a consent through the status link', () => {
  it('at any time, after the deadline too, each change appended with the current version and its instant', async () => {
    const res = await submit(form(7, { consentContact: true, consentPublication: true, consentJobTitle: true }));
    const statusToken = res.body.data.statusToken;
    await strapi.documents(TEXT).create({ data: { consent: 'jobTitle', textFr: 'Fonction v2.', textEn: 'Job title v2.' } as any });
    testClock.set(AFTER_DEADLINE);
    // A correction of the other fields is closed…
    const correction = await api()
      .put(`/api/proposals/mine/${statusToken}`)
      .set('X-Forwarded-For', freshIp())
      .send({ data: { consentJobTitle: false } });
    expect(correction.status).toBe(403);
    expect(correction.body.error.details.code).toBe('CFP_CLOSED');
    // …the consents are not.
    const change = await changeConsents(statusToken, { consentJobTitle: false, consentContact: true });
    expect(change.status).toBe(200);
    expect(change.body.meta).toEqual({ unpublished: false });
    expect(change.body.data.consents).toEqual([
      { consent: 'contact', given: true, version: 1, at: expect.objectContaining({ at: SUBMITTED_AT }) },
      { consent: 'publication', given: true, version: 1, at: expect.objectContaining({ at: SUBMITTED_AT }) },
      { consent: 'jobTitle', given: false, version: 2, at: expect.objectContaining({ at: AFTER_DEADLINE, fr: expect.stringContaining('10 décembre 2023') }) },
    ]);
    const row = await proposalOf(res.body.data.reference);
    expect(row.consentJobTitle).toBe(false);
    expect(row.consentRecord).toHaveLength(4);
    expect(row.consentRecord[3]).toEqual({ consent: 'jobTitle', given: false, version: 2, at: AFTER_DEADLINE });

    const back = await changeConsents(statusToken, { consentJobTitle: true, consentVersions: { jobTitle: 2 } });
    expect(back.status).toBe(200);
    expect((await proposalOf(res.body.data.reference)).consentRecord).toHaveLength(5);
  });

  it('refuses anything but the three consents, an empty change, a stale version and a wrong token, in the caller’s language', async () => {
    const res = await submit(form(8));
    const statusToken = res.body.data.statusToken;
    const other = await changeConsents(statusToken, { state: 'accepted', consentContact: 'oui' });
    expect(other.status).toBe(400);
    expect(other.body.error.details.errors.map((e: any) => [e.path.join('.'), e.code])).toEqual([
      ['state', 'UNKNOWN_FIELD'],
      ['consentContact', 'WRONG_TYPE'],
    ]);
    const empty = await changeConsents(statusToken, {}, 'en');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Give at least one consent to change.');
    const notAnObject = await changeConsents(statusToken, 'oui');
    expect(notAnObject.status).toBe(400);
    await strapi.documents(TEXT).create({ data: { consent: 'contact', textFr: 'Contact v2.', textEn: 'Contact v2.' } as any });
    const stale = await changeConsents(statusToken, { consentContact: true, consentVersions: { contact: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.code).toBe('CONSENT_TEXT_CHANGED');
    const unknown = await changeConsents('x'.repeat(43), { consentContact: true });
    expect(unknown.status).toBe(404);
    expect((await proposalOf(res.body.data.reference)).consentRecord).toHaveLength(3);
  });

  it('an editor’s change in the admin is recorded with the editor’s name', async () => {
    const res = await submit(form(9, { consentContact: true }));
    const row = await proposalOf(res.body.data.reference);
    const put = await api()
      .put(`/content-manager/collection-types/${PROPOSAL}/${row.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ consentContact: false, consentRecord: [] });
    expect(put.status).toBe(200);
    const after = await proposalOf(res.body.data.reference);
    expect(after.consentRecord).toHaveLength(4);
    expect(after.consentRecord[3]).toMatchObject({ consent: 'contact', given: false, version: 1, by: expect.stringMatching(/Éditrice/) });
  });
});

describe('the pages', () => {
  it('the form shows the texts of the database in the page’s language, the third box, and the versions shown', async () => {
    await strapi
      .documents(TEXT)
      .create({ data: { consent: 'jobTitle', textFr: 'Ma fonction peut être publiée (v2).', textEn: 'My job title may be published (v2).' } as any });
    const fr = await api().get(`/editions/${edition.slug}/proposer`);
    expect(fr.status).toBe(200);
    expect(fr.text).toContain('Ma fonction peut être publiée (v2).');
    expect(fr.text).toMatch(/name="consentJobTitle"/);
    expect(fr.text).toContain('name="consentVersion-jobTitle" value="2"');
    expect(fr.text).toContain('name="consentVersion-contact" value="1"');
    const en = await api().get(`/editions/${edition.slug}/proposer?lang=en`);
    expect(en.text).toContain('My job title may be published (v2).');
  });

  it('a form sent with a version that changed since is shown again, with the new text and the reason', async () => {
    const page = (await api().get(`/editions/${edition.slug}/proposer`)).text;
    expect(page).toContain('name="consentVersion-contact" value="1"');
    await strapi.documents(TEXT).create({ data: { consent: 'contact', textFr: 'Contact, nouveau texte.', textEn: 'Contact, new text.' } as any });
    const res = await api()
      .post(`/editions/${edition.slug}/proposer`)
      .set('X-Forwarded-For', freshIp())
      .type('form')
      .send({ ...form(10), requestedDuration: '15', preferredDay: 'none', consentContact: 'oui', 'consentVersion-contact': '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('a changé pendant que vous remplissiez le formulaire');
    expect(res.text).toContain('Contact, nouveau texte.');
    expect(res.text).toContain('name="consentVersion-contact" value="2"');
    expect(await strapi.db.query(PROPOSAL).count({})).toBe(0);
  });

  it('the status page shows each consent with its version and date, and its form changes them after the deadline', async () => {
    const res = await submit(form(11, { consentContact: true, consentPublication: true }));
    const statusToken = res.body.data.statusToken;
    const status = await api().get(`/suivi/${statusToken}`);
    expect(status.text).toContain('Vos accords');
    expect(status.text).toMatch(/data-consent="contact" data-given="oui">Donné le 15 novembre 2023 à 10 h 00 \(heure de Paris\) \(texte version 1\)/);
    expect(status.text).toMatch(/data-consent="jobTitle" data-given="non">Non donné le 15 novembre 2023/);
    expect(status.text).toContain(`/suivi/${statusToken}/accords`);

    testClock.set(AFTER_DEADLINE);
    const formPage = await api().get(`/suivi/${statusToken}/accords`);
    expect(formPage.status).toBe(200);
    expect(formPage.text).toMatch(/id="consentContact" name="consentContact" value="oui" checked/);
    expect(formPage.text).not.toMatch(/id="consentJobTitle" name="consentJobTitle" value="oui" checked/);
    // Unticked boxes are consents withdrawn: contact goes, job title comes.
    const sent = await api().post(`/suivi/${statusToken}/accords`).set('X-Forwarded-For', freshIp()).type('form').send({
      consentPublication: 'oui',
      consentJobTitle: 'oui',
      'consentVersion-contact': '1',
      'consentVersion-publication': '1',
      'consentVersion-jobTitle': '1',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/suivi/${statusToken}?fait=accords`);
    const after = await api().get(sent.headers.location);
    expect(after.text).toContain('Vos accords sont enregistrés.');
    expect(after.text).toMatch(/data-consent="contact" data-given="non">Non donné le 10 décembre 2023/);
    expect(after.text).toMatch(/data-consent="jobTitle" data-given="oui">Donné le 10 décembre 2023/);
    expect((await proposalOf(res.body.data.reference)).consentRecord).toHaveLength(5);
  });
});
