/**
 * Admin tokens (Settings › Admin tokens): Strapi 5 authenticates them on every admin route with its
 * `admin-token` strategy, as their owner with the token's own permissions. A write made with one is
 * an admin's write: the content manager's limits on proposals hold (no speaker state, system fields
 * ignored) and the history, the release and the access log name the token's owner, not « l'intervenant »
 * nor « automatique ». A content-API token does not pass for an admin token, nor does a revoked one.
 */
import { adminToken, adminTokenFor, api, createEdition, submitProposal } from '../harness/factories';

const UID = 'api::proposal.proposal';
const RELEASE = 'api::decision-release.decision-release';
const LOG = 'api::access-log.access-log';
const OWNER = 'Éditrice Test';
const OWNER_WITH_ADDRESS = 'Éditrice Test <editor@example.org>';

let superToken: string;
let token: { id: number; accessKey: string };
let edition: any;
let ip = 0;

const row = (documentId: string) => strapi.db.query(UID).findOne({ where: { documentId } });
const as = (bearer: string, req: any) => req.set('Authorization', `Bearer ${bearer}`);
const cm = (method: 'put' | 'post', path: string, bearer = token.accessKey) => as(bearer, api()[method](`/content-manager/collection-types/${UID}${path}`));
const submitted = () => submitProposal(edition, ++ip, `10.77.0.${ip}`);

/** What the Éditeur role may do on proposals and at the desk: what such a token is made for. */
async function editorPermissions() {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'bluehats-editor' } });
  const rows: Array<{ action: string; subject: string | null; properties: Record<string, unknown> }> = await strapi.db
    .query('admin::permission')
    .findMany({ where: { role: role.id } });
  return rows
    .filter((p) => p.subject === UID || p.action.startsWith('plugin::bluehats.'))
    .map(({ action, subject, properties }) => ({ action, subject, properties, conditions: [] }));
}

/** Made the way the admin's settings page makes one: POST /admin/admin-tokens with an admin session. */
async function createAdminToken(name: string) {
  const res = await as(superToken, api().post('/admin/admin-tokens')).send({
    name,
    description: 'Outil de reprise des propositions',
    lifespan: null,
    adminPermissions: await editorPermissions(),
  });
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  expect(res.body.data).toMatchObject({ kind: 'admin', accessKey: expect.any(String) });
  return res.body.data as { id: number; accessKey: string };
}

beforeAll(async () => {
  superToken = await adminToken();
  // The Éditeur role and its permissions exist once some admin holds it.
  await adminTokenFor('bluehats-editor', 'editrice-jeton@example.org');
  edition = await createEdition({ slug: 'jetons-2023', title: 'Journées #BlueHats 2023', contactEmail: 'contact@example.org' });
  token = await createAdminToken(`reprise-${process.pid}`);
});

beforeEach(async () => {
  await strapi.service('api::notification.notification').drain();
  await strapi.db.query('api::notification.notification').deleteMany({});
  await strapi.db.query(RELEASE).deleteMany({});
  await strapi.db.query(UID).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('a content-manager write made with an admin token', () => {
  it.each(['withdrawn', 'confirmed', 'declined'])("is refused the speaker's state %s (400 SPEAKER_STATE), nothing written", async (state) => {
    const p = await submitted();
    const res = await cm('put', `/${p.documentId}`).send({ state });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'SPEAKER_STATE', state } });
    expect((await row(p.documentId)).state).toBe('submitted');
  });

  it('is refused a speaker state on a new proposal too', async () => {
    const created = await cm('post', '').send({
      speakerName: 'Agent',
      email: 'agent.jeton@example.org',
      administrationName: 'DINUM',
      title: 'Créée avec un jeton',
      abstract: 'Un résumé.',
      requestedDuration: 10,
      state: 'confirmed',
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details.code).toBe('SPEAKER_STATE');
    expect(await strapi.db.query(UID).count({ where: { title: 'Créée avec un jeton' } })).toBe(0);
  });

  it('has its system fields ignored and the rest saved', async () => {
    const p = await submitted();
    const before = await row(p.documentId);
    const res = await cm('put', `/${p.documentId}`).send({
      title: 'Titre repris avec un jeton',
      stateHistory: [{ from: 'submitted', to: 'accepted', at: '2020-01-01T00:00:00.000Z', by: 'personne' }],
      statusTokenHash: 'x',
      submittedAt: '2020-01-01T00:00:00.000Z',
      reference: 'BH23-FAUX-FAUX',
      communicatedState: 'accepted',
    });
    expect(res.status).toBe(200);
    const after = await row(p.documentId);
    expect(after.title).toBe('Titre repris avec un jeton');
    for (const field of ['stateHistory', 'statusTokenHash', 'submittedAt', 'reference', 'communicatedState']) {
      expect([field, after[field]]).toEqual([field, before[field]]);
    }
    // The proposer's link still works: its hash was not replaced.
    expect((await api().get(`/api/proposals/mine/${p.statusToken}`)).status).toBe(200);
  });

  it("records the token's owner in the state history, not « l'intervenant »", async () => {
    const p = await submitted();
    expect((await cm('put', `/${p.documentId}`).send({ state: 'accepted' })).status).toBe(200);
    expect((await row(p.documentId)).stateHistory.map((h: any) => [h.from, h.to, h.by])).toEqual([['submitted', 'accepted', OWNER]]);
  });
});

describe("the desk's routes with an admin token", () => {
  it("name the token's owner as who released the decisions and who exported the CSV", async () => {
    const p = await submitted();
    const desk = (method: 'get' | 'post', path: string) => as(token.accessKey, api()[method](`/bluehats${path}`));
    expect((await desk('post', `/proposals/${p.documentId}/state`).send({ state: 'waitlisted' })).status).toBe(200);
    const released = await desk('post', `/editions/${edition.documentId}/release-decisions`).send({ confirm: true, expected: 1 });
    expect([released.status, released.body.data]).toEqual([200, { released: 1 }]);
    expect(await strapi.db.query(RELEASE).findMany({ select: ['releasedBy'] })).toEqual([expect.objectContaining({ releasedBy: OWNER_WITH_ADDRESS })]);
    expect((await row(p.documentId)).stateHistory.map((h: any) => h.by)).toEqual([OWNER]);

    await strapi.db.query(LOG).deleteMany({});
    expect((await desk('get', `/editions/${edition.documentId}/proposals.csv`)).status).toBe(200);
    expect(await strapi.db.query(LOG).findMany({ select: ['action', 'by'] })).toEqual([
      expect.objectContaining({ action: 'proposals_csv_export', by: OWNER_WITH_ADDRESS }),
    ]);
  });
});

describe('what does not pass for an admin token', () => {
  it('a content-API token, even full access, gets 401 on the content manager and writes nothing', async () => {
    const made = await as(superToken, api().post('/admin/api-tokens')).send({ name: `contenu-${process.pid}`, type: 'full-access', lifespan: null });
    expect(made.status).toBe(201);
    const p = await submitted();
    const res = await cm('put', `/${p.documentId}`, made.body.data.accessKey).send({ title: 'Par un jeton de contenu' });
    expect(res.status).toBe(401);
    expect((await row(p.documentId)).title).not.toBe('Par un jeton de contenu');
  });

  it('a revoked admin token gets 401', async () => {
    const revoked = await createAdminToken(`revoque-${process.pid}`);
    const p = await submitted();
    expect((await cm('put', `/${p.documentId}`, revoked.accessKey).send({ title: 'Avant révocation' })).status).toBe(200);
    expect((await as(superToken, api().delete(`/admin/admin-tokens/${revoked.id}`))).status).toBe(200);
    const res = await cm('put', `/${p.documentId}`, revoked.accessKey).send({ title: 'Après révocation' });
    expect(res.status).toBe(401);
    expect((await row(p.documentId)).title).toBe('Avant révocation');
  });
});
