/**
 * An editor erases a person on request (a request received by mail), by address, across editions:
 * the preview, the confirmation, a stale count, all or nothing, twice, junk input, and who may.
 */
import { AFTER_PROGRAM_2023, adminTokenFor, api, createEdition, createProposal, createSession, createSpeaker } from '../harness/factories';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const MAIL = 'api::notification.notification';
const TASK = 'api::privacy-task.privacy-task';
const LOG = 'api::access-log.access-log';
const ADDRESS = 'claude.bernard@example.gouv.fr';
const OTHER = 'sacha.petit@example.gouv.fr';

let editorToken: string;
const tokens: Record<string, string> = {};
let edition2023: any;
let edition2024: any;

const as = (token: string) => ({
  get: (p: string) => api().get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string, body: object = {}) => api().post(p).set('Authorization', `Bearer ${token}`).send(body),
});
const preview = (email: string, token = editorToken) => as(token).get(`/bluehats/erasures/preview?email=${encodeURIComponent(email)}`);
const erase = (body: object, token = editorToken) => as(token).post('/bluehats/erasures', body);
const rowOf = (documentId: string) => strapi.db.query(PROPOSAL).findOne({ where: { documentId } });

/** The person's three proposals: one to delete, one to anonymise (2023), one published (2024); and someone else's. */
async function people() {
  testClock.set('2023-11-15T09:00:00.000Z');
  const submitted = await createProposal({ edition: edition2023.documentId, email: ADDRESS, speakerName: 'Claude Bernard', title: 'Un premier sujet' });
  const rejected = await createProposal({
    edition: edition2023.documentId,
    email: ADDRESS,
    speakerName: 'Claude Bernard',
    title: 'Un sujet refusé',
    state: 'rejected',
    communicatedState: 'rejected',
    communicatedAt: '2023-11-27T09:00:00.000Z',
    decisionReleasedAt: '2023-11-27T09:00:00.000Z',
  });
  const confirmed = await createProposal({
    edition: edition2024.documentId,
    email: ADDRESS,
    speakerName: 'Claude Bernard',
    title: 'Un sujet publié',
    state: 'confirmed',
    communicatedAt: '2023-11-27T09:00:00.000Z',
  });
  const other = await createProposal({ edition: edition2023.documentId, email: OTHER, speakerName: 'Sacha Petit', title: 'Un autre sujet' });
  testClock.set(AFTER_PROGRAM_2023);
  const speaker = await createSpeaker({ name: 'Claude Bernard' });
  const session = await createSession({
    title: 'Un sujet publié',
    edition: edition2024.documentId,
    proposal: confirmed.documentId,
    speakers: [speaker.documentId],
  });
  return { submitted, rejected, confirmed, other, session };
}

beforeAll(async () => {
  editorToken = await adminTokenFor('bluehats-editor', 'editrice-effacement@example.org');
  for (const code of ['bluehats-reviewer', 'strapi-editor', 'strapi-author']) tokens[code] = await adminTokenFor(code, `${code}-effacement@example.org`);
  edition2023 = await createEdition({ slug: 'effacement-2023', title: 'Journées #BlueHats 2023' });
  edition2024 = await createEdition({ slug: 'effacement-2024', title: 'Journées #BlueHats bis 2023' });
});

beforeEach(async () => {
  for (const uid of [MAIL, TASK, LOG, SESSION, 'api::speaker.speaker', PROPOSAL]) await strapi.db.query(uid).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
});

describe('the preview', () => {
  it('lists, per edition, each proposal at the address and what becomes of it; case does not matter', async () => {
    await people();
    const res = await preview('  Claude.BERNARD@example.gouv.fr ');
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe(3);
    expect(res.body.data.email).toBe(ADDRESS);
    const byTitle = Object.fromEntries(res.body.data.editions.map((e: any) => [e.title, e]));
    expect(byTitle['Journées #BlueHats 2023']).toMatchObject({ documentId: edition2023.documentId, count: 2 });
    expect(byTitle['Journées #BlueHats 2023'].proposals).toEqual([
      expect.objectContaining({ title: 'Un premier sujet', stateLabel: 'Reçue', outcome: 'delete', outcomeLabel: 'supprimée' }),
      expect.objectContaining({ title: 'Un sujet refusé', outcome: 'anonymise', outcomeLabel: 'anonymisée (statistiques gardées)' }),
    ]);
    expect(byTitle['Journées #BlueHats bis 2023'].proposals).toEqual([
      expect.objectContaining({ title: 'Un sujet publié', outcome: 'keep-published', outcomeLabel: 'publication gardée, données personnelles effacées' }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(OTHER);
  });

  it('answers a total of 0 for an address nobody used', async () => {
    const res = await preview('personne@example.org');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ email: 'personne@example.org', total: 0, editions: [] });
  });
});

describe('the erasure', () => {
  it('needs the confirmation (400) and the fresh count (409 with the new preview); nothing moves before', async () => {
    const { submitted } = await people();
    const unconfirmed = await erase({ email: ADDRESS });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.details.code).toBe('ERASURE_NOT_CONFIRMED');
    expect((await erase({ email: ADDRESS, confirm: 'true', expected: 3 })).body.error.details.code).toBe('ERASURE_NOT_CONFIRMED');
    const stale = await erase({ email: ADDRESS, confirm: true, expected: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ code: 'ERASURE_PREVIEW_STALE', expected: 2, preview: { total: 3 } });
    expect(stale.body.error.message).toContain('3 seraient effacées maintenant, pas 2');
    expect(await rowOf(submitted.documentId)).toMatchObject({ email: ADDRESS });
    expect(await strapi.db.query(LOG).count({})).toBe(0);
  });

  it('erases the person in every edition by the one rule, logs one line per edition, leaves others alone; twice is a 404', async () => {
    const { submitted, rejected, confirmed, other, session } = await people();
    testClock.set('2024-01-10T10:00:00.000Z');
    const res = await erase({ email: 'CLAUDE.bernard@example.gouv.fr', confirm: true, expected: 3 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total: 3 });
    expect(res.body.data.editions).toEqual(
      expect.arrayContaining([
        { documentId: edition2023.documentId, title: 'Journées #BlueHats 2023', count: 2, summary: '1 supprimée, 1 anonymisée' },
        { documentId: edition2024.documentId, title: 'Journées #BlueHats bis 2023', count: 1, summary: '1 publication gardée' },
      ])
    );
    expect(res.body.data.kept.length).toBeGreaterThan(0);

    expect(await rowOf(submitted.documentId)).toBeNull();
    expect(await rowOf(rejected.documentId)).toMatchObject({ email: null, speakerName: null, title: null, state: 'rejected', erasedBecause: 'editor_request' });
    expect(await rowOf(confirmed.documentId)).toMatchObject({ email: null, speakerName: null, erasedBecause: 'editor_request' });
    expect(await rowOf(other.documentId)).toMatchObject({ email: OTHER, speakerName: 'Sacha Petit' });
    const published = await strapi.db.query(SESSION).findOne({ where: { documentId: session.documentId, publishedAt: { $notNull: true } } });
    expect(published).toMatchObject({ title: 'Un sujet publié' });
    expect(await strapi.db.query(MAIL).count({ where: { recipient: ADDRESS } })).toBe(0);

    const lines = await strapi.db.query(LOG).findMany({ orderBy: { editionTitle: 'asc' } });
    expect(lines).toEqual([
      expect.objectContaining({ action: 'editor_erasure', editionTitle: 'Journées #BlueHats 2023', proposals: 2, summary: '1 supprimée, 1 anonymisée' }),
      expect.objectContaining({ action: 'editor_erasure', editionTitle: 'Journées #BlueHats bis 2023', proposals: 1, summary: '1 publication gardée' }),
    ]);
    for (const line of lines) {
      expect(line.by).toBe('Agent bluehats-editor <editrice-effacement@example.org>');
      expect(new Date(line.at).toISOString()).toBe('2024-01-10T10:00:00.000Z');
      expect(JSON.stringify(line)).not.toMatch(/claude|bernard|sujet/i);
    }

    // The published speaker leaves editors a task, on the dashboard of that edition only.
    const dashboard = await as(editorToken).get(`/bluehats/editions/${edition2024.documentId}/dashboard`);
    expect(dashboard.body.data.privacyTasks).toEqual([
      expect.objectContaining({
        kind: 'published_speaker_erased',
        text: 'Un intervenant de « Un sujet publié » a effacé ses données : vérifiez sa photo et sa biographie publiées.',
        createdOnText: '10 janvier 2024 à 11 h 00 (heure de Paris)',
      }),
    ]);
    expect((await as(editorToken).get(`/bluehats/editions/${edition2023.documentId}/dashboard`)).body.data.privacyTasks).toEqual([]);

    const again = await erase({ email: ADDRESS, confirm: true, expected: 3 });
    expect(again.status).toBe(404);
    expect(again.body.error.details.code).toBe('NOTHING_TO_ERASE');
    expect((await preview(ADDRESS)).body.data.total).toBe(0);
    expect(await strapi.db.query(LOG).count({})).toBe(2);
  });

  it('is all or nothing: a failure on the last proposal leaves every proposal and the log as they were', async () => {
    const { submitted, rejected, confirmed } = await people();
    const service = strapi.service('api::proposal.personal-data') as any;
    const original = service.erase;
    let calls = 0;
    service.erase = async (...args: unknown[]) => {
      calls += 1;
      if (calls === 3) throw new Error('the database went away');
      return original(...args);
    };
    try {
      const res = await erase({ email: ADDRESS, confirm: true, expected: 3 });
      expect(res.status).toBe(500);
    } finally {
      service.erase = original;
    }
    expect(calls).toBe(3);
    expect(await rowOf(submitted.documentId)).toMatchObject({ email: ADDRESS, erasedAt: null });
    expect(await rowOf(rejected.documentId)).toMatchObject({ email: ADDRESS, title: 'Un sujet refusé', erasedAt: null });
    expect(await rowOf(confirmed.documentId)).toMatchObject({ email: ADDRESS, erasedAt: null });
    expect(await strapi.db.query(LOG).count({})).toBe(0);
    expect(await strapi.db.query(TASK).count({})).toBe(0);
    // And the erasure, retried, does it all.
    expect((await erase({ email: ADDRESS, confirm: true, expected: 3 })).status).toBe(200);
  });
});

describe('privacy tasks', () => {
  it('are marked done by an Éditeur (« Fait »), then leave the dashboard; an unknown task is a 404', async () => {
    await people();
    await erase({ email: ADDRESS, confirm: true, expected: 3 });
    const [task] = await strapi.db.query(TASK).findMany({});
    expect((await as(tokens['bluehats-reviewer']).post(`/bluehats/privacy-tasks/${task.documentId}/done`)).status).toBe(403);
    const desk = await as(editorToken).get('/bluehats/personal-data');
    expect(desk.body.data.tasks).toEqual([
      expect.objectContaining({ documentId: task.documentId, edition: { documentId: edition2024.documentId, title: 'Journées #BlueHats bis 2023' } }),
    ]);
    testClock.set('2024-01-11T08:00:00.000Z');
    const done = await as(editorToken).post(`/bluehats/privacy-tasks/${task.documentId}/done`);
    expect(done.status).toBe(200);
    expect(done.body.data).toEqual({
      documentId: task.documentId,
      doneAt: '2024-01-11T08:00:00.000Z',
      doneBy: 'Agent bluehats-editor <editrice-effacement@example.org>',
    });
    expect((await as(editorToken).post(`/bluehats/privacy-tasks/${task.documentId}/done`)).body.data.doneAt).toBe('2024-01-11T08:00:00.000Z');
    expect((await as(editorToken).get(`/bluehats/editions/${edition2024.documentId}/dashboard`)).body.data.privacyTasks).toEqual([]);
    expect((await as(editorToken).get('/bluehats/personal-data')).body.data.tasks).toEqual([]);
    const unknown = await as(editorToken).post('/bluehats/privacy-tasks/nope/done');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details.code).toBe('PRIVACY_TASK_NOT_FOUND');
  });

  it('are never made by hand', async () => {
    await expect(
      strapi.documents(TASK).create({ data: { kind: 'published_speaker_erased', createdOn: '2023-11-15T09:00:00.000Z' } as any })
    ).rejects.toMatchObject({
      details: { code: 'PRIVACY_TASK_MADE_BY_APP' },
    });
  });
});

describe('bad input', () => {
  it.each([
    ['no address', ''],
    ['junk', 'email=pas-une-adresse'],
    ['very long', `email=${'a'.repeat(250)}@example.org`],
    ['two addresses', 'email=a@example.org&email=b@example.org'],
    ['an object', 'email[a]=b@example.org'],
    ['a list of them', 'email[]=a@example.org'],
  ])('preview with %s: 400 INVALID_EMAIL', async (_name, query) => {
    const res = await as(editorToken).get(`/bluehats/erasures/preview?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      data: null,
      error: expect.objectContaining({
        status: 400,
        name: 'ValidationError',
        message: expect.stringContaining('adresse électronique'),
        details: expect.objectContaining({ code: 'INVALID_EMAIL' }),
      }),
    });
  });

  it.each([
    ['a number', 123],
    ['a list', [ADDRESS]],
    ['an object', { $eqi: ADDRESS }],
    ['nothing', undefined],
  ])('erasure with %s as the address: 400 INVALID_EMAIL, in English on request', async (_name, email) => {
    await people();
    const res = await api()
      .post('/bluehats/erasures')
      .set('Authorization', `Bearer ${editorToken}`)
      .set('Accept-Language', 'en')
      .send({ email, confirm: true, expected: 3 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: 'Give one valid e-mail address (254 characters at most).', details: { code: 'INVALID_EMAIL' } });
    expect(await strapi.db.query(PROPOSAL).count({ where: { email: ADDRESS } })).toBe(3);
  });

  it('takes an address literally, never as a pattern: « %@… » or « _ » match nobody else', async () => {
    await people();
    for (const email of ['%@example.gouv.fr', 'claude_bernard@example.gouv.fr']) {
      expect((await preview(email)).body.data.total).toBe(0);
      expect((await erase({ email, confirm: true, expected: 0 })).body.error.details.code).toBe('NOTHING_TO_ERASE');
    }
    expect(await strapi.db.query(PROPOSAL).count({ where: { email: ADDRESS } })).toBe(3);
  });
});

describe('who may', () => {
  it.each(['bluehats-reviewer', 'strapi-editor', 'strapi-author'])('%s: 403 on every erasure route, nothing erased', async (code) => {
    await people();
    const token = tokens[code];
    for (const res of [
      await preview(ADDRESS, token),
      await erase({ email: ADDRESS, confirm: true, expected: 3 }, token),
      await as(token).get('/bluehats/personal-data'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.details).toMatchObject({ code: 'NOT_ALLOWED', action: 'plugin::bluehats.personal-data.erase' });
    }
    expect(await strapi.db.query(PROPOSAL).count({ where: { email: ADDRESS } })).toBe(3);
  });
});
