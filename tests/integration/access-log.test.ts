/**
 * The access log of personal data, through the admin API: each CSV export writes a line (who, when,
 * which edition, how many), only Éditeur reads it, nobody writes, changes or deletes a line by hand,
 * and no line ever holds a proposer's name, address, title or reference.
 */
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';

const LOG = 'api::access-log.access-log';
const PROPOSAL = 'api::proposal.proposal';
const CM = `/content-manager/collection-types/${LOG}`;

let superToken: string;
let editorToken: string;
const tokens: Record<string, string> = {};
let edition: any;
let proposals: any[];

const as = (token: string) => ({
  get: (p: string) => api().get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string, body: object = {}) => api().post(p).set('Authorization', `Bearer ${token}`).send(body),
  put: (p: string, body: object = {}) => api().put(p).set('Authorization', `Bearer ${token}`).send(body),
  del: (p: string) => api().delete(p).set('Authorization', `Bearer ${token}`),
});

/** Every text of every log line, raw from the table (whatever the columns). */
async function logText(): Promise<string> {
  const rows = await strapi.db.connection('access_logs').select('*');
  return JSON.stringify(rows);
}

beforeAll(async () => {
  superToken = await adminToken();
  editorToken = await adminTokenFor('bluehats-editor', 'editrice-journal@example.org');
  for (const code of ['bluehats-reviewer', 'strapi-editor', 'strapi-author']) tokens[code] = await adminTokenFor(code, `${code}-journal@example.org`);
  edition = await createEdition({ slug: 'journal-2023', title: 'Journées #BlueHats 2023' });
  proposals = [
    await createProposal({
      edition: edition.documentId,
      speakerName: 'Camille Dupont',
      email: 'camille.dupont@example.gouv.fr',
      title: 'Logiciels libres à la DGFiP',
    }),
    await createProposal({ edition: edition.documentId, speakerName: 'Dominique Martin', email: 'dominique.martin@example.gouv.fr', title: 'Un socle commun' }),
  ];
});

beforeEach(async () => {
  await strapi.db.query(LOG).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('each CSV export', () => {
  it('writes one line: the editor, the instant, the edition, the number of proposals', async () => {
    const res = await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('camille.dupont@example.gouv.fr'); // the file does hold addresses: hence the log
    const lines = await strapi.db.query(LOG).findMany({ populate: { edition: { select: ['documentId'] } } });
    expect(lines).toEqual([
      expect.objectContaining({
        action: 'proposals_csv_export',
        by: 'Agent bluehats-editor <editrice-journal@example.org>',
        editionTitle: 'Journées #BlueHats 2023',
        proposals: 2,
        edition: expect.objectContaining({ documentId: edition.documentId }),
      }),
    ]);
    expect(new Date(lines[0].at).toISOString()).toBe('2023-11-15T09:00:00.000Z'); // the app's clock
    testClock.set('2023-11-16T10:00:00.000Z');
    await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    expect(await strapi.db.query(LOG).count({ where: { action: 'proposals_csv_export' } })).toBe(2);
  });

  it('writes nothing when the export is refused (unknown edition, or a role without export)', async () => {
    expect((await as(editorToken).get('/bluehats/editions/nope/proposals.csv')).status).toBe(404);
    expect((await as(tokens['bluehats-reviewer']).get(`/bluehats/editions/${edition.documentId}/proposals.csv`)).status).toBe(403);
    expect(await strapi.db.query(LOG).count({})).toBe(0);
  });

  it('appears, in French, on the personal-data page of the desk', async () => {
    await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    const res = await as(editorToken).get('/bluehats/personal-data');
    expect(res.status).toBe(200);
    expect(res.body.data.log).toEqual([
      expect.objectContaining({
        actionLabel: 'Export CSV des propositions',
        atText: '15 novembre 2023 à 10 h 00 (heure de Paris)',
        by: 'Agent bluehats-editor <editrice-journal@example.org>',
        editionTitle: 'Journées #BlueHats 2023',
        proposals: 2,
      }),
    ]);
  });
});

describe('reading the log', () => {
  it('is for Éditeur alone: Relecteur, the stock Editor and Author get 403', async () => {
    await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    const list = await as(editorToken).get(CM);
    expect(list.status).toBe(200);
    expect(list.body.results).toEqual([expect.objectContaining({ action: 'proposals_csv_export', proposals: 2 })]);
    for (const code of ['bluehats-reviewer', 'strapi-editor', 'strapi-author']) {
      expect({ code, status: (await as(tokens[code]).get(CM)).status }).toEqual({ code, status: 403 });
      expect({ code, status: (await as(tokens[code]).get('/bluehats/personal-data')).status }).toEqual({ code, status: 403 });
    }
  });
});

describe('writing the log by hand', () => {
  const refused = {
    status: 403,
    body: expect.objectContaining({ error: expect.objectContaining({ details: expect.objectContaining({ code: 'ACCESS_LOG_WRITTEN_BY_APP' }) }) }),
  };

  it('is refused to everyone, a super admin included: create, update, clone, delete', async () => {
    await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    const [line] = await strapi.db.query(LOG).findMany({});
    const forged = { at: '2023-11-15T09:00:00.000Z', by: 'personne', action: 'proposals_csv_export', proposals: 0 };

    const create = await as(superToken).post(CM, forged);
    expect(create).toMatchObject(refused);
    expect(create.body.error.message).toContain("écrit par l'application seule");
    expect(await as(superToken).put(`${CM}/${line.documentId}`, { by: 'quelqu’un d’autre' })).toMatchObject(refused);
    expect(await as(superToken).post(`${CM}/clone/${line.documentId}`, {})).toMatchObject(refused);
    expect(await as(superToken).del(`${CM}/${line.documentId}`)).toMatchObject(refused);
    const bulk = await as(superToken).post(`${CM}/actions/bulkDelete`, { documentIds: [line.documentId] });
    expect(bulk.status).toBeGreaterThanOrEqual(400);
    expect(bulk.status).toBeLessThan(500);

    // An Éditeur holds no write right on it at all.
    expect((await as(editorToken).post(CM, forged)).status).toBe(403);
    expect((await as(editorToken).del(`${CM}/${line.documentId}`)).status).toBe(403);

    const after = await strapi.db.query(LOG).findMany({});
    expect(after).toEqual([expect.objectContaining({ id: line.id, by: line.by, proposals: 2 })]);
  });

  it('is refused to code through the document service too, in English on request', async () => {
    await expect(strapi.documents(LOG).create({ data: { at: '2023-11-15T09:00:00.000Z', by: 'x', action: 'editor_erasure' } as any })).rejects.toMatchObject({
      details: { code: 'ACCESS_LOG_WRITTEN_BY_APP' },
    });
    const english = await api().post(CM).set('Authorization', `Bearer ${superToken}`).set('Accept-Language', 'en').send({ by: 'x' });
    expect(english.status).toBe(403);
    expect(english.body.error.message).toBe('The personal data access log is written by the app alone: no line can be created, changed or deleted.');
  });
});

describe('what the log holds', () => {
  it('never a proposer’s name, address, title or reference, after exports and an erasure', async () => {
    await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    const rows = await strapi.db.query(PROPOSAL).findMany({ where: { documentId: { $in: proposals.map((p) => p.documentId) } } });
    const preview = await as(editorToken).get('/bluehats/erasures/preview?email=camille.dupont@example.gouv.fr');
    expect(preview.body.data.total).toBe(1);
    const erased = await as(editorToken).post('/bluehats/erasures', { email: 'camille.dupont@example.gouv.fr', confirm: true, expected: 1 });
    expect(erased.status).toBe(200);
    const text = (await logText()).toLowerCase();
    expect(await strapi.db.query(LOG).count({})).toBe(2);
    for (const row of rows) {
      for (const value of [row.speakerName, row.email, row.title, row.reference, row.abstract]) {
        expect({ value, found: text.includes(String(value).toLowerCase()) }).toEqual({ value, found: false });
      }
    }
  });
});
