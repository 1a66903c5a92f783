/**
 * The editors' desk through the admin API: the current edition chosen by the server, the French
 * reasons of rebuild failures, the CSV's name and edition column, the rebuild test, and the outboxes
 * that nobody creates by hand.
 */
import http from 'http';
import { adminToken, adminTokenFor, api, createEdition, createProposal } from '../harness/factories';

const TARGET = 'api::rebuild-target.rebuild-target';
const DELIVERY = 'api::delivery.delivery';

let superToken: string;
let editorToken: string;
let receiverStatus = 204;
let receiver: http.Server;
let url: string;

const as = (token: string) => ({
  get: (p: string) => api().get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string, body: object = {}) => api().post(p).set('Authorization', `Bearer ${token}`).send(body),
  del: (p: string) => api().delete(p).set('Authorization', `Bearer ${token}`),
});

/** The 2023 call's dates one year later (Paris keeps its winter time on those dates). */
const NEXT_YEAR = {
  cfpOpensAt: '2024-11-03T08:00:00.000Z',
  cfpClosesAt: '2024-11-20T22:59:00.000Z',
  responseDate: '2024-11-26T23:00:00.000Z',
  programPublicationDate: '2024-12-04T08:00:00.000Z',
  days: [
    { date: '2024-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000' },
    { date: '2024-12-07', startTime: '14:00:00.000', endTime: '17:00:00.000' },
  ],
};

async function createTarget(name: string) {
  return strapi.documents(TARGET).create({ data: { name, url, method: 'POST', enabled: true, quietPeriodSeconds: 0, maxAttempts: 1 } as any });
}

beforeAll(async () => {
  superToken = await adminToken();
  editorToken = await adminTokenFor('bluehats-editor', 'editrice-desk@example.org');
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(receiverStatus).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/build`;
});

afterAll(async () => {
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
});

beforeEach(async () => {
  await strapi.db.query(DELIVERY).deleteMany({});
  await strapi.db.query(TARGET).deleteMany({});
  receiverStatus = 204;
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the editions list', () => {
  it('marks the current edition, not the newest: this year until its last day ends, then the next', async () => {
    const thisYear = await createEdition({ slug: 'desk-2023', title: 'Journées 2023', year: 2023 });
    const nextYear = await createEdition({ slug: 'desk-2024', title: 'Journées 2024', year: 2024, ...NEXT_YEAR }, { publish: false });
    const current = async () => {
      const res = await as(editorToken).get('/bluehats/editions');
      expect(res.status).toBe(200);
      return res.body.data.filter((e: any) => e.current).map((e: any) => e.documentId);
    };
    const list = (await as(editorToken).get('/bluehats/editions')).body.data.map((e: any) => e.documentId);
    expect(list.indexOf(nextYear.documentId)).toBeLessThan(list.indexOf(thisYear.documentId)); // newest first in the selector
    expect(await current()).toEqual([thisYear.documentId]);
    testClock.set('2023-12-07T15:59:00.000Z'); // 16 h 59 in Paris, the last day still on
    expect(await current()).toEqual([thisYear.documentId]);
    testClock.set('2023-12-07T16:00:00.000Z'); // 17 h 00: the 2023 days are over
    expect(await current()).toEqual([nextYear.documentId]);
  });
});

describe('the dashboard', () => {
  it('names the failed target and says why in French, even once the target is deleted', async () => {
    const edition = await createEdition({ slug: 'desk-failures' });
    const target = await createTarget('Site code.gouv.fr');
    receiverStatus = 500;
    await as(editorToken).post(`/bluehats/rebuild-targets/${target.documentId}/test`);
    const failures = async () => (await as(editorToken).get(`/bluehats/editions/${edition.documentId}/dashboard`)).body.data.webhookFailures;
    expect(await failures()).toEqual([
      expect.objectContaining({
        target: 'Site code.gouv.fr',
        attempts: 1,
        lastStatus: 500,
        reason: 'le site a répondu 500 (erreur du serveur)',
        // The row's last write (Strapi stamps it with the wall clock), said in the edition's zone.
        atText: expect.stringMatching(/^\d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2} \(heure de Paris\)$/),
      }),
    ]);
    expect((await as(superToken).del(`/content-manager/collection-types/${TARGET}/${target.documentId}`)).status).toBe(200);
    expect(await failures()).toEqual([expect.objectContaining({ target: 'Site code.gouv.fr', reason: 'le site a répondu 500 (erreur du serveur)' })]);
    // The delivery log, in the admin, still names the site.
    const log = await as(superToken).get(`/content-manager/collection-types/${DELIVERY}`);
    expect(log.body.results).toEqual([expect.objectContaining({ targetName: 'Site code.gouv.fr', state: 'failed' })]);
  });

  it('labels states and days in French, with ordinals', async () => {
    const edition = await createEdition({
      slug: 'desk-labels',
      days: [{ date: '2023-12-01', startTime: '14:00:00.000', endTime: '17:00:00.000' }],
      programPublicationDate: '2023-11-30T08:00:00.000Z',
    });
    await createProposal({ edition: edition.documentId, preferredDay: '2023-12-01', requestedDuration: 20, state: 'submitted' });
    const d = (await as(editorToken).get(`/bluehats/editions/${edition.documentId}/dashboard`)).body.data;
    expect(d.byState.find((s: any) => s.state === 'submitted')).toEqual({ state: 'submitted', label: 'Reçue', count: 1 });
    expect(d.byPreferredDay[0]).toEqual({ day: '2023-12-01', label: 'vendredi 1er décembre 2023', count: 1 });
    expect(d.undecided.proposals).toEqual([expect.objectContaining({ documentId: expect.any(String), reference: expect.any(String) })]);
  });
});

describe('the CSV export', () => {
  it('is named after the edition and the day in its zone, and says the edition on every row', async () => {
    const edition = await createEdition({ slug: 'bluehats-2023-desk', title: 'Journées #BlueHats 2023' });
    await createProposal({ edition: edition.documentId, requestedDuration: 10, state: 'submitted' });
    testClock.set('2023-11-30T23:30:00.000Z'); // already 1 December in Paris
    const res = await as(editorToken).get(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="propositions-bluehats-2023-desk-2023-12-01.csv"');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('"Édition";"Référence";"Titre"')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith('"Journées #BlueHats 2023";')).toBe(true);
  });
});

describe('the rebuild test', () => {
  it('answers the state, the status, the time taken and no reason when the site takes it', async () => {
    const target = await createTarget('Site de test');
    const res = await as(editorToken).post(`/bluehats/rebuild-targets/${target.documentId}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ state: 'sent', status: 204, error: null, durationMs: expect.any(Number), reason: null });
    expect(res.body.data.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('answers the French reason when the site fails', async () => {
    const target = await createTarget('Site de test');
    receiverStatus = 503;
    const res = await as(editorToken).post(`/bluehats/rebuild-targets/${target.documentId}/test`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ state: 'failed', status: 503, reason: 'le site a répondu 503 (service indisponible)' });
  });

  it('is refused to a reviewer, and unknown targets are a 404', async () => {
    const target = await createTarget('Site de test');
    const reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur-desk@example.org');
    expect((await as(reviewer).post(`/bluehats/rebuild-targets/${target.documentId}/test`)).status).toBe(403);
    const unknown = await as(editorToken).post('/bluehats/rebuild-targets/inconnue/test');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details.code).toBe('REBUILD_TARGET_NOT_FOUND');
  });
});

describe('the outboxes are written by the app alone', () => {
  it.each([
    [DELIVERY, { state: 'pending', attempts: 0 }],
    ['api::notification.notification', { kind: 'acceptance', state: 'pending' }],
  ])('an admin create of %s is refused, even for a super admin', async (uid, body) => {
    const before = await strapi.db.query(uid as any).count({});
    const res = await as(superToken).post(`/content-manager/collection-types/${uid}`, body);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ name: 'PolicyError', details: { code: 'OUTBOX_WRITTEN_BY_APP' } });
    expect(res.body.error.message).toBe("Les envois et les courriels sont créés par l'application : on ne les crée pas à la main.");
    const english = await api()
      .post(`/content-manager/collection-types/${uid}`)
      .set('Authorization', `Bearer ${superToken}`)
      .set('Accept-Language', 'en')
      .send(body);
    expect(english.body.error).toMatchObject({ status: 403, message: 'Deliveries and mails are created by the app: they cannot be created by hand.' });
    expect(await strapi.db.query(uid as any).count({})).toBe(before);
  });

  it('an editor has no right to create them (no « Créer une entrée »), but reads them', async () => {
    const permissions = (await as(editorToken).get('/admin/users/me/permissions')).body.data as Array<{ action: string; subject: string }>;
    const rights = (uid: string) => permissions.filter((p) => p.subject === uid).map((p) => p.action.split('.').pop());
    expect(rights(DELIVERY)).not.toContain('create');
    expect(rights(DELIVERY)).toContain('read');
    expect(rights('api::notification.notification')).not.toContain('create');
    expect(rights(TARGET)).toContain('create');
    expect((await as(editorToken).post(`/content-manager/collection-types/${DELIVERY}`, { state: 'pending' })).status).toBe(403);
  });

  it('the app still writes its deliveries', async () => {
    const target = await createTarget('Site de test');
    await as(editorToken).post(`/bluehats/rebuild-targets/${target.documentId}/test`);
    expect(await strapi.db.query(DELIVERY).count({ where: { targetName: 'Site de test' } })).toBe(1);
  });
});
