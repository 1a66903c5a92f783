/**
 * The placement rules hold on the write paths that do not look like a move: « Discard changes » of a
 * session or of an edition, a relation body that names another edition, sessions connected from the
 * edition's side, publishing one session while its public placement differs from its draft,
 * « Publier le programme » as a whole, and an accepted suggestion that swaps two sessions.
 * The 2023 edition (tests/fixtures/editions.ts): 6 and 7 December, 14:00–17:00 in Paris (13:00–16:00 UTC).
 * The clock stands after the program date: a publication is public at once.
 */
import { adminToken, adminTokenFor, api, createEdition, createSession } from '../harness/factories';

const SESSION = 'api::session.session';
const EDITION = 'api::edition.edition';
const DAY1 = (hhmm: string) => `2023-12-06T${hhmm}:00.000Z`;

let editor: string;

const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const desk = (method: 'get' | 'post' | 'put', path: string) => as(editor, api()[method](`/bluehats${path}`));
const contentManager = (uid: string, path: string) => `/content-manager/collection-types/${uid}${path}`;
const errorsOf = async (edition: { documentId: string }) =>
  (await desk('get', `/editions/${edition.documentId}/program-builder`)).body.data.violations.filter((v: any) => v.severity === 'error');
const draftOf = (documentId: string) => strapi.db.query(SESSION).findOne({ where: { documentId, publishedAt: null }, populate: { edition: true } });
const publishedOf = (documentId: string) => strapi.db.query(SESSION).findOne({ where: { documentId, publishedAt: { $notNull: true } } });
/** A row's start as a UTC ISO instant (the drivers return a Date, a string or a number). */
const startOf = (row: { startsAt: unknown } | null) => (row?.startsAt == null ? null : new Date(row.startsAt as string).toISOString());
// The document service's params are typed per content type; these tests pass the shapes clients send.
const documents = (uid: string) => strapi.documents(uid as any) as any;

const draftEdition = (title: string) => createEdition({ title }, { publish: false });
const publishedEdition = (title: string) => createEdition({ title }, { publish: true });
const session = (edition: { documentId: string }, data: Record<string, unknown> = {}) =>
  createSession({ edition: edition.documentId, durationMinutes: 30, ...data }, { publish: false });
const publish = (documentId: string) => documents(SESSION).publish({ documentId, locale: '*' });
const move = (documentId: string, startsAt: string | null) => documents(SESSION).update({ documentId, locale: 'fr', data: { startsAt } });

beforeAll(async () => {
  await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.echappees@example.org');
});

beforeEach(() => testClock.set('2023-12-05T09:00:00.000Z'));

describe('« Discard changes »', () => {
  it('of a session: refused when its published placement now overlaps another', async () => {
    const edition = await publishedEdition('Échappées — abandon de session');
    const a = await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    await publish(a.documentId);
    await move(a.documentId, DAY1('14:00'));
    const b = await session(edition, { title: 'B', startsAt: DAY1('13:00') });

    const res = await as(editor, api().post(contentManager(SESSION, `/${a.documentId}/actions/discard?locale=fr`))).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('ROOM_OVERLAP');
    expect(res.body.error.details.violations[0].sessionIds).toEqual(expect.arrayContaining([a.documentId, b.documentId]));
    expect(startOf(await draftOf(a.documentId))).toBe(DAY1('14:00'));
    expect(await errorsOf(edition)).toEqual([]);

    // Once B is moved away, discarding is allowed and restores the published placement.
    await move(b.documentId, DAY1('15:00'));
    const ok = await as(editor, api().post(contentManager(SESSION, `/${a.documentId}/actions/discard?locale=fr`))).send({});
    expect(ok.status).toBe(200);
    expect(startOf(await draftOf(a.documentId))).toBe(DAY1('13:00'));
  });

  it('of an edition: refused (PROGRAM_NO_LONGER_FITS) when the published afternoons no longer hold a placed session', async () => {
    const edition = await publishedEdition('Échappées — abandon d’édition');
    await documents(EDITION).update({
      documentId: edition.documentId,
      locale: 'fr',
      data: {
        days: [
          { date: '2023-12-06', startTime: '14:00:00.000', endTime: '18:00:00.000' },
          { date: '2023-12-07', startTime: '14:00:00.000', endTime: '17:00:00.000' },
        ],
      },
    });
    const late = await session(edition, { title: 'Tard', startsAt: DAY1('16:15') });

    let error: any = null;
    await documents(EDITION)
      .discardDraft({ documentId: edition.documentId, locale: 'fr' })
      .catch((e: unknown) => (error = e));
    expect(error?.details?.code).toBe('PROGRAM_NO_LONGER_FITS');
    expect(error.details.sessions).toEqual([{ documentId: late.documentId, title: 'Tard' }]);
    expect(await errorsOf(edition)).toEqual([]);

    const res = await as(editor, api().post(contentManager(EDITION, `/${edition.documentId}/actions/discard?locale=fr`))).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('PROGRAM_NO_LONGER_FITS');
  });

  it('of an edition: refused (DRAFT_SESSIONS_WOULD_LEAVE) while sessions never published belong to it', async () => {
    const edition = await publishedEdition('Échappées — sessions en brouillon');
    await documents(EDITION).update({ documentId: edition.documentId, locale: 'fr', data: { changeoverMinutes: 5 } });
    const waiting = await session(edition, { title: 'Jamais publiée', startsAt: null });

    const res = await as(editor, api().post(contentManager(EDITION, `/${edition.documentId}/actions/discard?locale=fr`))).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('DRAFT_SESSIONS_WOULD_LEAVE');
    expect(res.body.error.details.sessions).toEqual([{ documentId: waiting.documentId, title: 'Jamais publiée' }]);
    expect((await draftOf(waiting.documentId)).edition?.documentId).toBe(edition.documentId);
  });

  it('of an edition: allowed when everything still fits, and the program keeps its sessions', async () => {
    const edition = await publishedEdition('Échappées — abandon permis');
    const talk = await session(edition, { title: 'Publiée', startsAt: DAY1('13:00') });
    await publish(talk.documentId);
    await documents(EDITION).update({ documentId: edition.documentId, locale: 'fr', data: { changeoverMinutes: 5 } });

    const res = await as(editor, api().post(contentManager(EDITION, `/${edition.documentId}/actions/discard?locale=fr`))).send({});
    expect(res.status).toBe(200);
    const sessions = (await desk('get', `/editions/${edition.documentId}/program-builder`)).body.data.sessions;
    expect(sessions.map((s: any) => s.documentId)).toEqual([talk.documentId]);
  });
});

describe('the edition a write names', () => {
  it('a disconnect of another edition keeps the stored one, and the rules apply', async () => {
    const edition = await draftEdition('Échappées — relation');
    const other = await draftEdition('Échappées — autre');
    await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    const b = await session(edition, { title: 'B', startsAt: null });

    let error: any = null;
    await documents(SESSION)
      .update({ documentId: b.documentId, locale: 'fr', data: { startsAt: DAY1('13:00'), edition: { disconnect: [other.documentId] } } })
      .catch((e: unknown) => (error = e));
    expect(error?.details?.code).toBe('ROOM_OVERLAP');

    const res = await as(editor, api().put(contentManager(SESSION, `/${b.documentId}?locale=fr`))).send({
      startsAt: DAY1('13:05'),
      edition: { disconnect: [{ documentId: other.documentId, locale: 'fr' }], connect: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('ROOM_OVERLAP');
    expect(startOf(await draftOf(b.documentId))).toBeNull();
    expect(await errorsOf(edition)).toEqual([]);
  });

  it('a disconnect of the stored edition (by id) takes the session out of the program', async () => {
    const edition = await draftEdition('Échappées — sortie');
    await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    const b = await session(edition, { title: 'B', startsAt: null });
    const editionRow = await strapi.db.query(EDITION).findOne({ where: { documentId: edition.documentId, publishedAt: null } });
    await documents(SESSION).update({ documentId: b.documentId, locale: 'fr', data: { startsAt: DAY1('13:00'), edition: { disconnect: [editionRow.id] } } });
    expect((await draftOf(b.documentId)).edition).toBeNull();
  });
});

describe('sessions connected from the edition’s side', () => {
  it('are refused (SESSIONS_SET_FROM_SESSION); an empty relation body passes', async () => {
    const edition = await draftEdition('Échappées — côté édition');
    const other = await draftEdition('Échappées — côté édition, autre');
    await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    const x = await session(other, { title: 'X', startsAt: DAY1('13:00') });

    const res = await as(editor, api().put(contentManager(EDITION, `/${edition.documentId}?locale=fr`))).send({
      sessions: { connect: [{ documentId: x.documentId, locale: 'fr' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('SESSIONS_SET_FROM_SESSION');
    expect((await draftOf(x.documentId)).edition.documentId).toBe(other.documentId);

    let error: any = null;
    await documents(EDITION)
      .update({ documentId: edition.documentId, locale: 'fr', data: { sessions: [x.documentId] } })
      .catch((e: unknown) => (error = e));
    expect(error?.details?.code).toBe('SESSIONS_SET_FROM_SESSION');
    expect(await errorsOf(edition)).toEqual([]);

    const same = await as(editor, api().put(contentManager(EDITION, `/${edition.documentId}?locale=fr`))).send({
      title: 'Échappées — côté édition, renommée',
      sessions: { connect: [], disconnect: [] },
    });
    expect(same.status).toBe(200);
  });
});

describe('publishing', () => {
  it('one session: refused (PUBLISHED_PROGRAM_CONFLICT) when its draft placement overlaps the public program', async () => {
    const edition = await publishedEdition('Échappées — publication seule');
    const a = await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    await publish(a.documentId);
    await move(a.documentId, DAY1('14:00'));
    const b = await session(edition, { title: 'B', startsAt: DAY1('13:00') });

    const res = await as(editor, api().post(contentManager(SESSION, `/${b.documentId}/actions/publish?locale=fr`))).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('PUBLISHED_PROGRAM_CONFLICT');
    expect(res.body.error.message).toContain('Publier le programme');
    expect(res.body.error.details.violations[0]).toMatchObject({ code: 'ROOM_OVERLAP' });
    expect(await publishedOf(b.documentId)).toBeNull();

    // « Publier le programme » publishes both at once: the final public program has no overlap.
    const all = await desk('post', `/editions/${edition.documentId}/program/publish`);
    expect(all.status).toBe(200);
    expect(startOf(await publishedOf(a.documentId))).toBe(DAY1('14:00'));
    expect(startOf(await publishedOf(b.documentId))).toBe(DAY1('13:00'));
  });

  it('« Publier le programme »: the final public program checked first, nothing published when it breaks', async () => {
    const edition = await publishedEdition('Échappées — publier le programme');
    const a = await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    await publish(a.documentId);
    const b = await session(edition, { title: 'B', startsAt: DAY1('14:00') });
    // A is made to overlap B in its draft by a write that went around the rules (query engine).
    const aDraft = await strapi.db.query(SESSION).findOne({ where: { documentId: a.documentId, publishedAt: null } });
    await strapi.db.query(SESSION).update({ where: { id: aDraft.id }, data: { startsAt: DAY1('14:15') } });

    const res = await desk('post', `/editions/${edition.documentId}/program/publish`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('PUBLISHED_PROGRAM_CONFLICT');
    expect(await publishedOf(b.documentId)).toBeNull();
    expect(startOf(await publishedOf(a.documentId))).toBe(DAY1('13:00'));
  });
});

describe('accepting placements', () => {
  it('swaps two placed sessions: the final program is checked, not each step', async () => {
    const edition = await draftEdition('Échappées — échange');
    const a = await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    const b = await session(edition, { title: 'B', startsAt: DAY1('13:30') });
    const res = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send({
      placements: [
        { documentId: a.documentId, startsAt: DAY1('13:30') },
        { documentId: b.documentId, startsAt: DAY1('13:00') },
      ],
    });
    expect(res.status).toBe(200);
    expect(startOf(await draftOf(a.documentId))).toBe(DAY1('13:30'));
    expect(startOf(await draftOf(b.documentId))).toBe(DAY1('13:00'));

    // A final program that overlaps is still refused, and nothing is written.
    const bad = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send({
      placements: [
        { documentId: a.documentId, startsAt: DAY1('14:00') },
        { documentId: b.documentId, startsAt: DAY1('14:10') },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('ROOM_OVERLAP');
    expect(startOf(await draftOf(a.documentId))).toBe(DAY1('13:30'));
  });
});
