/**
 * Anonymised review, through the admin API as a Relecteur: with the edition's setting on, no answer
 * carries the proposer's name, e-mail, administration, kind or job title (nor the anti-duplicate
 * key), and no filter, search, sort or relation tells them; with it off, a Relecteur sees what they
 * saw before; Éditeur and super admins see everything, always.
 *
 * Every identifying value of the hidden proposals holds « Zorglub », so that one search of the
 * answers finds any of them, wherever it would leak.
 */
import qs from 'qs';
import { adminToken, adminTokenFor, api, createEdition, createProposal, createSession } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const MARK = /zorglub/i;

let superToken: string;
let reviewer: string;
let editor: string;
let exporter: string;
let hiddenEdition: any;
let openEdition: any;
let camille: any; // hidden
let albert: any; // hidden
let alex: any; // seen
let session: any;

const as = (token: string, method: 'get' | 'put' | 'post', path: string) => api()[method](path).set('Authorization', `Bearer ${token}`);
const cmList = (token: string, uid: string, query: Record<string, unknown>) =>
  as(token, 'get', `/content-manager/collection-types/${uid}?${qs.stringify({ page: 1, pageSize: 100, ...query }, { encodeValuesOnly: true })}`);
/** The proposals of one edition, as the content manager lists them, with more conditions. */
const proposalsOf = (token: string, edition: any, conditions: Record<string, unknown>[] = [], query: Record<string, unknown> = {}) =>
  cmList(token, PROPOSAL, { filters: { $and: [{ edition: { documentId: { $eq: edition.documentId } } }, ...conditions] }, ...query });
const text = (res: { text?: string; body: unknown }) => res.text || JSON.stringify(res.body);
const setAnonymous = (edition: any, on: boolean) =>
  strapi.db.query('api::edition.edition').updateMany({ where: { documentId: edition.documentId }, data: { anonymousReview: on } });

beforeAll(async () => {
  superToken = await adminToken();
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.anonyme@example.org');
  editor = await adminTokenFor('bluehats-editor', 'editrice.anonyme@example.org');
  // A Relecteur an administrator allowed to export and erase: the CSV of an anonymised edition has
  // no identity for them, and looking up a person by address is refused while a review is anonymous.
  const roles = strapi.service('admin::role');
  const reviewerRole = await strapi.db.query('admin::role').findOne({ where: { code: 'bluehats-reviewer' } });
  const permissions = await strapi.db.query('admin::permission').findMany({ where: { role: { id: reviewerRole.id } } });
  const exportingRole = await roles.create({ name: 'Relecteur exportateur', code: 'relecteur-exportateur', description: 'Test' });
  await roles.assignPermissions(exportingRole.id, [
    ...permissions.map((p: any) => ({ action: p.action, subject: p.subject, properties: p.properties, conditions: p.conditions })),
    { action: 'plugin::bluehats.proposals.export', subject: null, properties: {}, conditions: [] },
    { action: 'plugin::bluehats.personal-data.erase', subject: null, properties: {}, conditions: [] },
  ]);
  exporter = await adminTokenFor('relecteur-exportateur', 'relecteur.exportateur@example.org');

  hiddenEdition = await createEdition({ anonymousReview: true });
  openEdition = await createEdition();
  const quokka = await strapi.documents('api::administration.administration').create({ data: { name: 'Ministère Quokka', kind: 'ministry' } as any });
  const hidden = (first: string, title: string) => ({
    edition: hiddenEdition.documentId,
    speakerName: `${first} Zorglub`,
    email: `${first.toLowerCase()}.zorglub@example.org`,
    administrationName: 'Agence Zorglub',
    administration: quokka.documentId,
    administrationKind: 'ministry',
    jobTitle: 'Cheffe de projet Zorglub',
    title: `Logiciels libres à l'agence (${first})`,
    abstract: 'Un déploiement réussi.',
  });
  camille = await createProposal(hidden('Camille', 'Camille'));
  albert = await createProposal(hidden('Albert', 'Albert'));
  alex = await createProposal({
    edition: openEdition.documentId,
    speakerName: 'Alex Visible',
    email: 'alex.visible@example.org',
    administrationName: 'Agence Visible',
    administration: quokka.documentId,
    jobTitle: 'Chargé de mission',
    title: 'Une collaboration fructueuse',
  });
  session = await createSession(
    { edition: hiddenEdition.documentId, proposal: camille.documentId, title: 'Session tirée de la proposition' },
    { publish: false }
  );
});

afterAll(async () => {
  await setAnonymous(hiddenEdition, true);
});

describe('the setting', () => {
  it('is an internal field of the edition: not in REST', async () => {
    const res = await api().get(`/api/editions/${hiddenEdition.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe(hiddenEdition.title);
    expect(res.body.data).not.toHaveProperty('anonymousReview');
    const filtered = await api().get(`/api/editions?filters[anonymousReview][$eq]=true`);
    expect(filtered.status).toBe(400);
  });

  it('is set by an Éditeur in the content manager, not by a Relecteur', async () => {
    const path = `/content-manager/collection-types/api::edition.edition/${openEdition.documentId}?locale=fr`;
    expect((await as(reviewer, 'put', path).send({ anonymousReview: true })).status).toBe(403);
    const on = await as(editor, 'put', path).send({ anonymousReview: true });
    expect(on.status).toBe(200);
    expect(on.body.data.anonymousReview).toBe(true);
    // Saved, not yet published: it already applies.
    const seen = await as(reviewer, 'get', `/content-manager/collection-types/${PROPOSAL}/${alex.documentId}`);
    expect(seen.body.data.speakerName).toBeNull();
    const off = await as(editor, 'put', path).send({ anonymousReview: false });
    expect(off.body.data.anonymousReview).toBe(false);
    const again = await as(reviewer, 'get', `/content-manager/collection-types/${PROPOSAL}/${alex.documentId}`);
    expect(again.body.data.speakerName).toBe('Alex Visible');
  });

  it("is copied to next year's edition", async () => {
    const res = await as(editor, 'post', `/bluehats/editions/${hiddenEdition.documentId}/duplicate`);
    expect(res.status).toBe(201);
    const copy = await strapi.db.query('api::edition.edition').findOne({ where: { documentId: res.body.data.documentId } });
    expect(copy.anonymousReview).toBe(true);
  });
});

describe('the content manager, as a Relecteur', () => {
  it('lists the hidden proposals without their identity, and the others with it', async () => {
    const res = await cmList(reviewer, PROPOSAL, {});
    expect(res.status).toBe(200);
    expect(text(res)).not.toMatch(MARK);
    const hidden = res.body.results.find((p: any) => p.documentId === camille.documentId);
    expect(hidden).toMatchObject({ speakerName: null, email: null, administrationName: null, administrationKind: null, jobTitle: null, duplicateKey: null });
    expect(hidden.administration ?? null).toBeNull();
    expect(hidden.title).toBe(camille.title);
    const seen = res.body.results.find((p: any) => p.documentId === alex.documentId);
    expect(seen).toMatchObject({ speakerName: 'Alex Visible', email: 'alex.visible@example.org', administrationName: 'Agence Visible' });
    expect(seen.administration).toMatchObject({ name: 'Ministère Quokka' });
  });

  it('opens a hidden proposal without its identity', async () => {
    const res = await as(reviewer, 'get', `/content-manager/collection-types/${PROPOSAL}/${camille.documentId}`);
    expect(res.status).toBe(200);
    expect(text(res)).not.toMatch(MARK);
    expect(res.body.data).toMatchObject({ speakerName: null, email: null, jobTitle: null, title: camille.title, abstract: 'Un déploiement réussi.' });
    expect(res.body.data.administration).toEqual({ count: 0 });
  });

  it('lets the Relecteur write the internal notes, and keeps the identity stored', async () => {
    const res = await as(reviewer, 'put', `/content-manager/collection-types/${PROPOSAL}/${camille.documentId}`).send({
      reviewerNotes: 'Retour concret, à retenir.',
      speakerName: null,
    });
    expect(res.status).toBe(200);
    expect(text(res)).not.toMatch(MARK);
    expect(res.body.data.reviewerNotes).toBe('Retour concret, à retenir.');
    const stored = await strapi.db.query(PROPOSAL).findOne({ where: { documentId: camille.documentId }, populate: { administration: true } });
    expect(stored).toMatchObject({ reviewerNotes: 'Retour concret, à retenir.', speakerName: 'Camille Zorglub', email: 'camille.zorglub@example.org' });
    expect(stored.administration.name).toBe('Ministère Quokka');
  });

  it.each([
    ['a name', { speakerName: { $eq: 'Camille Zorglub' } }, 1],
    ['part of a name', { speakerName: { $containsi: 'zorglub' } }, 2],
    ['an address', { email: { $startsWith: 'camille' } }, 1],
    ['an administration as typed', { administrationName: { $eq: 'Agence Zorglub' } }, 2],
    ['the matched administration', { administration: { name: { $eq: 'Ministère Quokka' } } }, 2],
    ['a kind of administration', { administrationKind: { $eq: 'ministry' } }, 2],
    ['a job title', { jobTitle: { $containsi: 'cheffe' } }, 2],
    ['an anti-duplicate key', { duplicateKey: { $null: false } }, 2],
    ['a name in a group', { $or: [{ speakerName: { $eq: 'Camille Zorglub' } }, { id: { $eq: -1 } }] }, 1],
    ['an empty name', { speakerName: { $null: true } }, 0],
  ])('filters on %s match no hidden proposal, counts included', async (_name, condition, forEditor) => {
    const res = await proposalsOf(reviewer, hiddenEdition, [condition]);
    if (res.status === 400) {
      // Refused outright (an internal field): no answer to read either.
      expect(res.body.error.details.code).toBe('FILTER_NOT_ALLOWED');
      return;
    }
    expect(res.status).toBe(200);
    expect(res.body.pagination.total).toBe(0);
    const asEditor = await proposalsOf(editor, hiddenEdition, [condition]);
    expect(asEditor.body.pagination.total).toBe(forEditor);
  });

  it('a negated condition on identity answers the same whatever the value', async () => {
    const negated = async (token: string, name: string) =>
      (await proposalsOf(token, hiddenEdition, [{ $not: { speakerName: { $eq: name } } }])).body.pagination.total;
    expect(await negated(reviewer, 'Camille Zorglub')).toBe(await negated(reviewer, 'Personne'));
    expect(await negated(editor, 'Camille Zorglub')).toBe(1);
    expect(await negated(editor, 'Personne')).toBe(2);
  });

  it('filters on identity still work where the review is not anonymous, and for an Éditeur', async () => {
    const seen = await proposalsOf(reviewer, openEdition, [{ speakerName: { $eq: 'Alex Visible' } }]);
    expect(seen.body.pagination.total).toBe(1);
    const asEditor = await proposalsOf(editor, hiddenEdition, [{ speakerName: { $containsi: 'zorglub' } }]);
    expect(asEditor.body.pagination.total).toBe(2);
    const byTitle = await proposalsOf(reviewer, hiddenEdition, [{ title: { $eq: camille.title } }]);
    expect(byTitle.body.pagination.total).toBe(1);
  });

  it('refuses or ignores a filter on a column name, never answering by it', async () => {
    const res = await proposalsOf(reviewer, hiddenEdition, [{ speaker_name: { $eq: 'Camille Zorglub' } }]);
    if (res.status === 200) expect(res.body.pagination.total).toBe(0);
    else expect(res.status).toBe(400);
  });

  it('searches titles, not identities', async () => {
    const byName = await proposalsOf(reviewer, hiddenEdition, [], { _q: 'Zorglub' });
    expect(byName.status).toBe(200);
    expect(byName.body.pagination.total).toBe(0);
    const byTitle = await proposalsOf(reviewer, hiddenEdition, [], { _q: '(Camille)' });
    expect(byTitle.body.results.map((p: any) => p.documentId)).toEqual([camille.documentId]);
    expect(text(byTitle)).not.toMatch(MARK);
    const asEditor = await proposalsOf(editor, hiddenEdition, [], { _q: 'Zorglub' });
    expect(asEditor.body.pagination.total).toBe(2);
    const open = await proposalsOf(reviewer, openEdition, [], { _q: 'Alex Visible' });
    expect(open.body.pagination.total).toBe(1);
  });

  it('ignores a sort on identity', async () => {
    const order = async (token: string, sort: string) =>
      (await proposalsOf(token, hiddenEdition, [], { sort })).body.results.map((p: any) => p.documentId).join(',');
    expect(await order(reviewer, 'speakerName:ASC')).toBe(await order(reviewer, 'speakerName:DESC'));
    expect(await order(reviewer, 'email:ASC')).toBe(await order(reviewer, 'email:DESC'));
    expect(await order(editor, 'speakerName:ASC')).not.toBe(await order(editor, 'speakerName:DESC'));
  });

  it('bulk validation reads and sorts without identity', async () => {
    const body = (sort: string) => ({ documentIds: [camille.documentId, albert.documentId], sort });
    const asc = await as(reviewer, 'post', `/content-manager/collection-types/${PROPOSAL}/actions/bulkFindForValidation`).send(body('speakerName:asc'));
    expect(asc.status).toBe(200);
    expect(text(asc)).not.toMatch(MARK);
    const desc = await as(reviewer, 'post', `/content-manager/collection-types/${PROPOSAL}/actions/bulkFindForValidation`).send(body('speakerName:desc'));
    expect(asc.body.results.map((p: any) => p.documentId)).toEqual(desc.body.results.map((p: any) => p.documentId));
  });

  it('a session read through its proposal tells nothing of the hidden proposer', async () => {
    const filtered = (condition: Record<string, unknown>) =>
      cmList(reviewer, 'api::session.session', { filters: { $and: [{ documentId: { $eq: session.documentId } }, { proposal: condition }] } });
    const byName = await filtered({ speakerName: { $eq: 'Camille Zorglub' } });
    expect(byName.status).toBe(200);
    expect(byName.body.pagination.total).toBe(0);
    const byTitle = await filtered({ title: { $eq: camille.title } });
    expect(byTitle.body.pagination.total).toBe(1);
    expect(text(byTitle)).not.toMatch(MARK);
    const one = await as(reviewer, 'get', `/content-manager/collection-types/api::session.session/${session.documentId}?locale=fr`);
    expect(one.status).toBe(200);
    expect(text(one)).not.toMatch(MARK);
  });

  it("the relation routes: a hidden proposal's administration reads as empty, and its choices leave none out", async () => {
    const existing = await as(reviewer, 'get', `/content-manager/relations/${PROPOSAL}/${camille.documentId}/administration`);
    expect(existing.status).toBe(200);
    expect(existing.body.results).toEqual([]);
    const seen = await as(reviewer, 'get', `/content-manager/relations/${PROPOSAL}/${alex.documentId}/administration`);
    expect(seen.body.results.map((a: any) => a.name)).toEqual(['Ministère Quokka']);
    const names = async (token: string, id: string) =>
      (await as(token, 'get', `/content-manager/relations/${PROPOSAL}/administration?id=${id}&pageSize=100`)).body.results.map((a: any) => a.name);
    expect(await names(reviewer, camille.documentId)).toContain('Ministère Quokka');
    expect(await names(editor, camille.documentId)).not.toContain('Ministère Quokka');
    expect(await names(reviewer, alex.documentId)).not.toContain('Ministère Quokka');
  });

  it('the relation routes: proposals listed from a session come without identity, even shown by name', async () => {
    const contentTypes = strapi.plugin('content-manager').service('content-types');
    const model = strapi.contentType('api::session.session');
    const configuration = await contentTypes.findConfiguration(model);
    const byName = {
      ...configuration.metadatas,
      proposal: { ...configuration.metadatas.proposal, edit: { ...configuration.metadatas.proposal.edit, mainField: 'speakerName' } },
    };
    await contentTypes.updateConfiguration(model, { settings: configuration.settings, metadatas: byName, layouts: configuration.layouts });
    try {
      const existing = await as(reviewer, 'get', `/content-manager/relations/api::session.session/${session.documentId}/proposal?locale=fr`);
      expect(existing.status).toBe(200);
      expect(existing.body.results.map((p: any) => p.documentId)).toEqual([camille.documentId]);
      expect(text(existing)).not.toMatch(MARK);
      const search = await as(reviewer, 'get', `/content-manager/relations/api::session.session/proposal?locale=fr&_q=Zorglub&pageSize=100`);
      expect(search.status).toBe(200);
      expect(search.body.pagination.total).toBe(0);
      const filtered = await as(
        reviewer,
        'get',
        `/content-manager/relations/api::session.session/proposal?${qs.stringify({ locale: 'fr', pageSize: 100, filters: { email: { $containsi: 'zorglub' } } })}`
      );
      expect(filtered.status).toBe(200);
      expect(filtered.body.pagination.total).toBe(0);
      const available = await as(reviewer, 'get', `/content-manager/relations/api::session.session/proposal?locale=fr&pageSize=100`);
      expect(available.status).toBe(200);
      expect(text(available)).not.toMatch(MARK);
      const asEditor = await as(editor, 'get', `/content-manager/relations/api::session.session/proposal?locale=fr&_q=Zorglub&pageSize=100`);
      expect(asEditor.body.pagination.total).toBeGreaterThanOrEqual(1);
      expect(text(asEditor)).toMatch(MARK);
    } finally {
      await contentTypes.updateConfiguration(model, { settings: configuration.settings, metadatas: configuration.metadatas, layouts: configuration.layouts });
    }
  });

  it('the home page widgets name no hidden proposer', async () => {
    for (const path of ['/content-manager/homepage/recent-documents?action=update', '/content-manager/homepage/count-documents']) {
      const res = await as(reviewer, 'get', path);
      expect(res.status).toBe(200);
      expect(text(res)).not.toMatch(MARK);
    }
  });
});

describe('the desk, as a Relecteur', () => {
  it('the dashboard of an anonymised edition has no counts by kind of administration', async () => {
    const res = await as(reviewer, 'get', `/bluehats/editions/${hiddenEdition.documentId}/dashboard`);
    expect(res.status).toBe(200);
    expect(text(res)).not.toMatch(MARK);
    expect(res.body.data).toMatchObject({ identityHidden: true, byAdministrationKind: [], total: 2 });
    const open = await as(reviewer, 'get', `/bluehats/editions/${openEdition.documentId}/dashboard`);
    expect(open.body.data.identityHidden).toBe(false);
    expect(open.body.data.byAdministrationKind).toEqual([expect.objectContaining({ kind: 'ministry', count: 1 })]);
    const asEditor = await as(editor, 'get', `/bluehats/editions/${hiddenEdition.documentId}/dashboard`);
    expect(asEditor.body.data.identityHidden).toBe(false);
    expect(asEditor.body.data.byAdministrationKind).toEqual([expect.objectContaining({ kind: 'ministry', count: 2 })]);
  });

  it.each([
    ['the home page', () => '/bluehats/home'],
    ['the editions', () => '/bluehats/editions'],
    ['the undecided proposals', () => '/bluehats/undecided'],
    ['the decision panel', () => `/bluehats/proposals/${camille.documentId}/decision`],
  ])('%s names no hidden proposer', async (_name, path) => {
    const res = await as(reviewer, 'get', path());
    expect(res.status).toBe(200);
    expect(text(res)).not.toMatch(MARK);
  });
});

describe('the CSV', () => {
  const csv = (token: string, edition: any) => as(token, 'get', `/bluehats/editions/${edition.documentId}/proposals.csv`);

  it('is refused to a Relecteur, as before', async () => {
    expect((await csv(reviewer, hiddenEdition)).status).toBe(403);
  });

  it('of an anonymised edition has no identity column for a Relecteur allowed to export', async () => {
    const res = await csv(exporter, hiddenEdition);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(MARK);
    const header = res.text.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe(
      '"Édition";"Référence";"Titre";"Jour préféré";"Durée (min)";"État";"Décision communiquée";"Reçue le";"Décidée le";"Notes internes";' +
        '"Moyenne pondérée";"Écart type";"Relectures";"Relecteurs assignés";"Moyenne « Intérêt pour les agents publics »";"Moyenne « Retour d’expérience concret »";"Moyenne « Clarté »"'
    );
    expect(res.text).toContain('(Camille)');
    const open = await csv(exporter, openEdition);
    expect(open.text).toContain('"Intervenant";"Courriel";"Administration";"Nature";"Fonction"');
    expect(open.text).toContain('alex.visible@example.org');
  });

  it('keeps every column for an Éditeur', async () => {
    const res = await csv(editor, hiddenEdition);
    expect(res.text).toContain('"Intervenant";"Courriel"');
    expect(res.text).toContain('camille.zorglub@example.org');
  });
});

describe('the erasure by address', () => {
  it('is refused to a Relecteur allowed to erase while a review is anonymous (what an address proposed is who proposed it)', async () => {
    const preview = await as(exporter, 'get', '/bluehats/erasures/preview?email=camille.zorglub@example.org').set('Accept-Language', 'en');
    expect(preview.status).toBe(403);
    expect(preview.body.error.details.code).toBe('IDENTITY_NOT_ALLOWED');
    expect(preview.body.error.message).toMatch(/^An anonymised review/);
    expect(text(preview)).not.toMatch(/Logiciels libres/);
    const erase = await as(exporter, 'post', '/bluehats/erasures').send({ email: 'camille.zorglub@example.org', confirm: true, expected: 1 });
    expect(erase.status).toBe(403);
    expect(await strapi.db.query(PROPOSAL).count({ where: { documentId: camille.documentId, speakerName: 'Camille Zorglub' } })).toBe(1);
    const asEditor = await as(editor, 'get', '/bluehats/erasures/preview?email=camille.zorglub@example.org');
    expect(asEditor.status).toBe(200);
    expect(asEditor.body.data.total).toBe(1);
  });
});

describe('with the setting off', () => {
  // Every edition's: a sort on identity is ignored while any edition is anonymised.
  let anonymised: string[] = [];
  beforeAll(async () => {
    const rows = await strapi.db.query('api::edition.edition').findMany({ where: { anonymousReview: true }, select: ['documentId'] });
    anonymised = [...new Set<string>(rows.map((row: any) => row.documentId))];
    for (const documentId of anonymised) await setAnonymous({ documentId }, false);
  });
  afterAll(async () => {
    for (const documentId of anonymised) await setAnonymous({ documentId }, true);
  });

  it('a Relecteur sees, filters and sorts as before', async () => {
    const one = await as(reviewer, 'get', `/content-manager/collection-types/${PROPOSAL}/${camille.documentId}`);
    expect(one.body.data).toMatchObject({ speakerName: 'Camille Zorglub', email: 'camille.zorglub@example.org', jobTitle: 'Cheffe de projet Zorglub' });
    const byName = await proposalsOf(reviewer, hiddenEdition, [{ speakerName: { $containsi: 'zorglub' } }]);
    expect(byName.body.pagination.total).toBe(2);
    const sorted = await proposalsOf(reviewer, hiddenEdition, [], { sort: 'speakerName:ASC' });
    expect(sorted.body.results.map((p: any) => p.speakerName)).toEqual(['Albert Zorglub', 'Camille Zorglub']);
    const existing = await as(reviewer, 'get', `/content-manager/relations/${PROPOSAL}/${camille.documentId}/administration`);
    expect(existing.body.results.map((a: any) => a.name)).toEqual(['Ministère Quokka']);
    const dashboard = await as(reviewer, 'get', `/bluehats/editions/${hiddenEdition.documentId}/dashboard`);
    expect(dashboard.body.data.identityHidden).toBe(false);
  });
});

describe('Éditeur and super admin', () => {
  it.each([
    ['Éditeur', () => editor],
    ['super admin', () => superToken],
  ])('%s sees the identity of an anonymised edition', async (_name, token) => {
    const one = await as(token(), 'get', `/content-manager/collection-types/${PROPOSAL}/${camille.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ speakerName: 'Camille Zorglub', administrationName: 'Agence Zorglub', jobTitle: 'Cheffe de projet Zorglub' });
    const list = await proposalsOf(token(), hiddenEdition, [], { sort: 'speakerName:ASC' });
    expect(list.body.results.map((p: any) => p.speakerName)).toEqual(['Albert Zorglub', 'Camille Zorglub']);
  });
});
