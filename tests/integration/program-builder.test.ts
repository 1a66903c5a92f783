/**
 * The program builder's rules on every write path — the content manager, the builder's desk routes,
 * the document service as the seed and the jobs call it — and its routes: the view, a move, the
 * suggestion and its acceptance (all or none), program items, who may do what, strange inputs
 * (always a 400, never a 500), two placements at once, a DST night and a slot across noon.
 * The 2023 edition (tests/fixtures/editions.ts): two afternoons, 6 and 7 December, 14:00–17:00 in
 * Paris, that is 13:00–16:00 UTC.
 */
import { adminToken, adminTokenFor, api, createEdition, createProposal, createSession, createSpeaker } from '../harness/factories';

const SESSION = 'api::session.session';
const EDITION = 'api::edition.edition';
const DAY1 = (hhmm: string) => `2023-12-06T${hhmm}:00.000Z`;
const DAY2 = (hhmm: string) => `2023-12-07T${hhmm}:00.000Z`;

let superAdmin: string;
let editor: string;
let reviewer: string;

const as = (token: string, req: any) => req.set('Authorization', `Bearer ${token}`);
const desk = (method: 'get' | 'post' | 'put', path: string, token = editor) => as(token, api()[method](`/bluehats${path}`));
const view = (edition: { documentId: string }, token = editor) => desk('get', `/editions/${edition.documentId}/program-builder`, token);
const place = (documentId: string, body: unknown, token = editor) => desk('put', `/sessions/${documentId}/placement`, token).send(body as object);
const contentManager = (path = '') => `/content-manager/collection-types/${SESSION}${path}`;
const draftOf = async (documentId: string) => strapi.db.query(SESSION).findOne({ where: { documentId, publishedAt: null } });

/** An edition of the 2023 days, with its own sessions. */
const edition2023 = (data: Record<string, unknown> = {}) => createEdition({ title: 'Journées #BlueHats 2023 — programme', ...data }, { publish: false });
const session = (edition: { documentId: string }, data: Record<string, unknown> = {}) =>
  createSession({ edition: edition.documentId, durationMinutes: 30, ...data }, { publish: false });

beforeAll(async () => {
  superAdmin = await adminToken();
  editor = await adminTokenFor('bluehats-editor', 'editrice.programme@example.org');
  reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur.programme@example.org');
});

beforeEach(() => testClock.set('2023-11-28T09:00:00.000Z'));

describe('the builder view', () => {
  it('shows the afternoons as instants, the sessions in their draft state and what is wrong, without the proposer', async () => {
    const edition = await edition2023({ rooms: [{ name: 'Salle BlueHats' }, { name: 'Atelier' }], changeoverMinutes: 5 });
    const speaker = await createSpeaker({ name: 'Camille Publique' });
    const proposal = await createProposal({ edition: edition.documentId, email: 'secret.proposant@example.org', preferredDay: '2023-12-07' });
    const talk = await session(edition, { title: 'Un retour', startsAt: DAY1('13:00'), speakers: [speaker.documentId], proposal: proposal.documentId });
    const waiting = await session(edition, { title: 'À placer', startsAt: null });

    const res = await view(edition);
    expect(res.status).toBe(200);
    expect(res.body.data.edition).toEqual({
      documentId: edition.documentId,
      title: 'Journées #BlueHats 2023 — programme',
      timeZone: 'Europe/Paris',
      changeoverMinutes: 5,
      rooms: ['Salle BlueHats', 'Atelier'],
      programPublicationDate: '2023-12-04T08:00:00.000Z',
      days: [
        { date: '2023-12-06', label: 'après-midi du 6 décembre', start: DAY1('13:00'), end: DAY1('16:00'), minutes: 180 },
        { date: '2023-12-07', label: 'après-midi du 7 décembre', start: DAY2('13:00'), end: DAY2('16:00'), minutes: 180 },
      ],
    });
    const byId = new Map(res.body.data.sessions.map((s: any) => [s.documentId, s]));
    expect(byId.get(talk.documentId)).toEqual({
      documentId: talk.documentId,
      number: expect.any(Number),
      title: 'Un retour',
      format: 'talk',
      startsAt: DAY1('13:00'),
      durationMinutes: 30,
      room: null,
      cancelled: false,
      preferredDay: '2023-12-07',
      status: 'draft',
      fromProposal: true,
      speakers: ['Camille Publique'],
    });
    expect(byId.get(waiting.documentId)).toMatchObject({ startsAt: null, fromProposal: false, preferredDay: null });
    // The preferred afternoon not kept is a warning, never a refusal.
    expect(res.body.data.violations).toEqual([
      expect.objectContaining({ code: 'PREFERRED_DAY_NOT_RESPECTED', severity: 'warning', sessionIds: [talk.documentId] }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('secret.proposant');
  });

  it('answers 404 for an unknown edition, and 403 to a Relecteur', async () => {
    const missing = await desk('get', '/editions/inconnue/program-builder');
    expect([missing.status, missing.body.error.details.code]).toEqual([404, 'EDITION_NOT_FOUND']);
    const edition = await edition2023();
    expect((await view(edition, reviewer)).status).toBe(403);
    expect((await place('x', { startsAt: null }, reviewer)).status).toBe(403);
    expect((await desk('post', `/editions/${edition.documentId}/program-items`, reviewer).send({})).status).toBe(403);
    expect((await view(edition, superAdmin)).status).toBe(200);
    expect((await api().get(`/bluehats/editions/${edition.documentId}/program-builder`)).status).toBe(401);
  });
});

describe('an admin token (Settings › Admin tokens)', () => {
  /** Made as the settings page makes one, with the desk actions given. */
  const tokenWith = async (name: string, actions: string[]) => {
    const res = await as(superAdmin, api().post('/admin/admin-tokens')).send({
      name: `${name}-${process.pid}`,
      description: 'Outil de placement',
      lifespan: null,
      adminPermissions: actions.map((action) => ({ action: `plugin::bluehats.${action}`, subject: null, properties: {}, conditions: [] })),
    });
    expect(res.status).toBe(201);
    return res.body.data.accessKey as string;
  };

  it('places with « Construire le programme », and is refused without it', async () => {
    const edition = await edition2023();
    const s = await session(edition, { startsAt: null });
    const builder = await tokenWith('placement', ['program.build']);
    const reader = await tokenWith('lecture', ['dashboard.read']);
    expect((await place(s.documentId, { startsAt: DAY1('13:00') }, reader)).status).toBe(403);
    expect((await draftOf(s.documentId)).startsAt).toBeNull();
    const res = await place(s.documentId, { startsAt: DAY1('13:00') }, builder);
    expect(res.status).toBe(200);
    expect(new Date((await draftOf(s.documentId)).startsAt).toISOString()).toBe(DAY1('13:00'));
  });
});

describe('a move through the builder', () => {
  it('places, refuses an overlap in French and English with the violations of this session, and unplaces', async () => {
    const edition = await edition2023();
    const first = await session(edition, { title: 'Première', startsAt: DAY1('13:00') });
    const second = await session(edition, { title: 'Seconde', startsAt: null });

    const overlap = await place(second.documentId, { startsAt: DAY1('13:15') });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.name).toBe('ValidationError');
    expect(overlap.body.error.details.code).toBe('ROOM_OVERLAP');
    expect(overlap.body.error.message).toContain('se chevauchent');
    expect(overlap.body.error.details.violations).toEqual([
      expect.objectContaining({ code: 'ROOM_OVERLAP', sessionIds: [first.documentId, second.documentId] }),
    ]);
    const english = await place(second.documentId, { startsAt: DAY1('13:15') }).set('Accept-Language', 'en');
    expect(english.body.error.message).toBe('"Première" and "Seconde" overlap.');
    expect((await draftOf(second.documentId)).startsAt).toBeNull();

    const ok = await place(second.documentId, { startsAt: DAY1('13:30'), durationMinutes: 20, room: null });
    expect(ok.status).toBe(200);
    expect(ok.body.data.session).toMatchObject({ documentId: second.documentId, startsAt: DAY1('13:30'), durationMinutes: 20 });
    expect(ok.body.data.violations).toEqual([]);

    const unplaced = await place(second.documentId, { startsAt: null });
    expect(unplaced.status).toBe(200);
    expect((await draftOf(second.documentId)).startsAt).toBeNull();
  });

  it.each([
    ['outside the afternoon', { startsAt: DAY1('15:45') }, 'OUTSIDE_DAY_SLOT'],
    ['on a day that is not the edition’s', { startsAt: '2023-12-08T13:00:00.000Z' }, 'OUTSIDE_DAY_SLOT'],
    ['in a room the edition does not have', { startsAt: DAY2('13:00'), room: 'Grand amphi' }, 'UNKNOWN_ROOM'],
    ['too close to the previous one for the changeover', { startsAt: DAY1('13:32') }, 'CHANGEOVER_TOO_SHORT'],
  ])('refuses a session %s', async (_what, body, code) => {
    const edition = await edition2023({ rooms: [{ name: 'Salle BlueHats' }], changeoverMinutes: 5 });
    await session(edition, { startsAt: DAY1('13:00') });
    const moved = await session(edition, { startsAt: null });
    const res = await place(moved.documentId, body);
    expect({ status: res.status, code: res.body.error?.details?.code }).toEqual({ status: 400, code });
  });

  it('refuses an afternoon over its capacity in a room, and says which one', async () => {
    const edition = await edition2023({ days: [{ date: '2023-12-06', startTime: '14:00:00.000', endTime: '15:00:00.000' }] });
    await session(edition, { startsAt: DAY1('13:00'), durationMinutes: 40 });
    const late = await session(edition, { startsAt: null, durationMinutes: 20 });
    const res = await place(late.documentId, { startsAt: DAY1('13:40') });
    expect(res.status).toBe(200);
    const longer = await place(late.documentId, { startsAt: DAY1('13:40'), durationMinutes: 21 });
    expect(longer.status).toBe(400);
    expect(longer.body.error.details.violations.map((v: any) => v.code)).toEqual(['OUTSIDE_DAY_SLOT', 'DAY_OVER_CAPACITY']);
    expect(longer.body.error.details.code).toBe('OUTSIDE_DAY_SLOT');
  });

  it('does not let an old problem elsewhere block an unrelated move', async () => {
    const edition = await edition2023();
    const a = await session(edition, { title: 'A', startsAt: DAY1('13:00') });
    const b = await session(edition, { title: 'B', startsAt: DAY1('14:00') });
    // Written straight into the database, as before the rules: B overlaps A.
    await strapi.db.query(SESSION).updateMany({ where: { documentId: b.documentId }, data: { startsAt: DAY1('13:10') } });
    const c = await session(edition, { title: 'C', startsAt: null });
    expect((await place(c.documentId, { startsAt: DAY2('13:00') })).status).toBe(200);
    // B itself cannot move into another overlap, but may leave it.
    expect((await place(b.documentId, { startsAt: DAY1('13:20') })).body.error.details.code).toBe('ROOM_OVERLAP');
    expect((await place(b.documentId, { startsAt: DAY1('14:00') })).status).toBe(200);
    expect((await view(edition)).body.data.violations).toEqual([]);
    expect(a.documentId).toBeTruthy();
  });

  it('answers 404 for an unknown session', async () => {
    const res = await place('inconnue', { startsAt: null });
    expect([res.status, res.body.error.details.code]).toEqual([404, 'SESSION_NOT_FOUND']);
  });

  it.each([
    ['no body', undefined],
    ['an array', [1, 2]],
    ['a JSON string', 'x'],
    ['no startsAt', { durationMinutes: 20 }],
    ['an unknown key', { startsAt: null, startAt: DAY1('13:00') }],
    ['a date without offset', { startsAt: '2023-12-06T14:00:00' }],
    ['a date only', { startsAt: '2023-12-06' }],
    ['an impossible date', { startsAt: '2023-02-30T13:00:00Z' }],
    ['a number as start', { startsAt: 1701867600000 }],
    ['a nested object', { startsAt: { $gt: '2023' } }],
    ['an array as start', { startsAt: [DAY1('13:00')] }],
    ['a huge duration', { startsAt: DAY1('13:00'), durationMinutes: 1e308 }],
    ['a zero duration', { startsAt: DAY1('13:00'), durationMinutes: 0 }],
    ['a fractional duration', { startsAt: DAY1('13:00'), durationMinutes: 10.5 }],
    ['a duration as string', { startsAt: DAY1('13:00'), durationMinutes: '20' }],
    ['a duration past 600', { startsAt: DAY1('13:00'), durationMinutes: 601 }],
    ['a room too long', { startsAt: DAY1('13:00'), room: 'x'.repeat(121) }],
    ['a room as object', { startsAt: DAY1('13:00'), room: { name: 'x' } }],
  ])('refuses %s with 400, never 500', async (_what, body) => {
    const edition = await edition2023();
    const s = await session(edition, { startsAt: null });
    const req = desk('put', `/sessions/${s.documentId}/placement`).set('Content-Type', 'application/json');
    const res = await (body === undefined ? req : req.send(JSON.stringify(body)));
    expect({ status: res.status, name: res.body.error?.name }).toEqual({ status: 400, name: 'ValidationError' });
    // A bare JSON string is refused by the body parser already.
    expect(res.body.error.details.code).toBe(typeof body === 'string' ? 'MALFORMED_BODY' : 'VALIDATION_FAILED');
    expect((await draftOf(s.documentId)).startsAt).toBeNull();
  });
});

describe('every other write path holds the same rules', () => {
  it('the content manager: create and update refused with the rule’s code; a title edit of a placed session passes', async () => {
    const edition = await edition2023();
    const first = await session(edition, { title: 'Déjà là', startsAt: DAY1('13:00') });
    const created = await as(editor, api().post(contentManager('?locale=fr'))).send({
      title: 'Par le gestionnaire',
      slug: `par-le-gestionnaire-${edition.documentId}`,
      edition: edition.documentId,
      startsAt: DAY1('13:10'),
      durationMinutes: 20,
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details.code).toBe('ROOM_OVERLAP');
    expect(await strapi.db.query(SESSION).count({ where: { slug: `par-le-gestionnaire-${edition.documentId}` } })).toBe(0);

    const outside = await as(editor, api().put(contentManager(`/${first.documentId}?locale=fr`))).send({ startsAt: DAY1('16:00') });
    expect([outside.status, outside.body.error.details.code]).toEqual([400, 'OUTSIDE_DAY_SLOT']);
    const retitled = await as(editor, api().put(contentManager(`/${first.documentId}?locale=fr`))).send({
      title: 'Déjà là, retitrée',
      startsAt: DAY1('13:00'),
    });
    expect(retitled.status).toBe(200);
    expect((await draftOf(first.documentId)).title).toBe('Déjà là, retitrée');
  });

  it('the document service, as the seed and jobs call it: create, update, copy, edition change', async () => {
    const edition = await edition2023();
    const other = await edition2023();
    await session(edition, { startsAt: DAY1('13:00') });
    await expect(session(edition, { startsAt: DAY1('13:20') })).rejects.toMatchObject({ details: { code: 'ROOM_OVERLAP' } });
    const elsewhere = await session(other, { startsAt: DAY1('13:00') });
    await expect(
      strapi.documents(SESSION).update({ documentId: elsewhere.documentId, locale: 'fr', data: { edition: edition.documentId } as any })
    ).rejects.toMatchObject({ details: { code: 'ROOM_OVERLAP' } });
    await expect(strapi.documents(SESSION).clone({ documentId: elsewhere.documentId, locale: 'fr', data: {} as any })).rejects.toMatchObject({
      details: { code: 'ROOM_OVERLAP' },
    });
    const copy = await strapi.documents(SESSION).clone({ documentId: elsewhere.documentId, locale: 'fr', data: { startsAt: DAY2('13:00') } as any });
    expect(copy.documentId).toBeTruthy();
    // A cancelled session takes no room: the slot is free again.
    const cancelled = await session(edition, { startsAt: null });
    const [placed] = await strapi.db
      .query(SESSION)
      .findMany({ where: { edition: { documentId: edition.documentId }, startsAt: DAY1('13:00'), publishedAt: null } });
    await strapi.documents(SESSION).update({ documentId: placed.documentId, locale: 'fr', data: { cancelled: true } as any });
    await strapi.documents(SESSION).update({ documentId: cancelled.documentId, locale: 'fr', data: { startsAt: DAY1('13:00') } as any });
    // …and restoring the cancelled one is refused: its place is taken.
    await expect(strapi.documents(SESSION).update({ documentId: placed.documentId, locale: 'fr', data: { cancelled: false } as any })).rejects.toMatchObject({
      details: { code: 'ROOM_OVERLAP' },
    });
  });

  it('« Abandonner les modifications » brings a session back to its published place only if that place is free', async () => {
    testClock.set('2023-12-05T12:00:00.000Z'); // the program is out: a publish publishes
    const edition = await createEdition({ title: 'Journées #BlueHats 2023 — publiées' });
    const moved = await createSession({ edition: edition.documentId, title: 'Publiée à 14 h', startsAt: DAY1('13:00'), durationMinutes: 30 });
    expect(await strapi.db.query(SESSION).count({ where: { documentId: moved.documentId, publishedAt: { $notNull: true } } })).toBe(1);
    await strapi.documents(SESSION).update({ documentId: moved.documentId, locale: 'fr', data: { startsAt: DAY1('14:00') } as any });
    const taker = await session(edition, { title: 'Prend la place', startsAt: DAY1('13:00') });
    await expect(strapi.documents(SESSION).discardDraft({ documentId: moved.documentId, locale: 'fr' })).rejects.toMatchObject({
      details: { code: 'ROOM_OVERLAP' },
    });
    expect(new Date((await draftOf(moved.documentId)).startsAt).toISOString()).toBe(DAY1('14:00'));
    await strapi.documents(SESSION).update({ documentId: taker.documentId, locale: 'fr', data: { startsAt: DAY2('13:00') } as any });
    await strapi.documents(SESSION).discardDraft({ documentId: moved.documentId, locale: 'fr' });
    expect(new Date((await draftOf(moved.documentId)).startsAt).toISOString()).toBe(DAY1('13:00'));
  });

  it('an edition whose new days, rooms or changeover no longer fit the placed sessions is refused', async () => {
    const edition = await edition2023({ rooms: [{ name: 'Salle BlueHats' }, { name: 'Atelier' }] });
    const talk = await session(edition, { title: 'Dans l’atelier', startsAt: DAY2('13:00'), room: 'Atelier' });
    await session(edition, { title: 'Juste après', startsAt: DAY2('13:30'), room: 'Atelier' });
    const update = (data: Record<string, unknown>) => strapi.documents(EDITION).update({ documentId: edition.documentId, locale: 'fr', data: data as any });

    await expect(update({ days: [{ date: '2023-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000' }] })).rejects.toMatchObject({
      details: { code: 'PROGRAM_NO_LONGER_FITS', sessions: expect.arrayContaining([{ documentId: talk.documentId, title: 'Dans l’atelier' }]) },
    });
    await expect(update({ rooms: [{ name: 'Salle BlueHats' }] })).rejects.toMatchObject({ details: { code: 'PROGRAM_NO_LONGER_FITS' } });
    await expect(update({ changeoverMinutes: 10 })).rejects.toMatchObject({ details: { code: 'PROGRAM_NO_LONGER_FITS' } });
    await expect(update({ timeZone: 'America/Cayenne' })).rejects.toMatchObject({ details: { code: 'PROGRAM_NO_LONGER_FITS' } });
    await expect(update({ rooms: [{ name: 'Atelier' }, { name: ' atelier ' }] })).rejects.toMatchObject({
      details: { code: 'EDITION_INCOHERENT', errors: [expect.objectContaining({ code: 'DUPLICATE_ROOM', path: ['rooms', '1', 'name'] })] },
    });
    // What still fits passes, and the title of the edition is no concern of the program.
    await update({ rooms: [{ name: 'Atelier' }, { name: 'Salle BlueHats' }, { name: 'Salle 3' }], title: 'Renommée' });
    const row = await strapi.db.query(EDITION).findOne({ where: { documentId: edition.documentId, publishedAt: null }, populate: { rooms: true } });
    expect(row.rooms.map((r: any) => r.name)).toEqual(['Atelier', 'Salle BlueHats', 'Salle 3']);

    // Through the content manager too, in its own words.
    const res = await as(editor, api().put(`/content-manager/collection-types/${EDITION}/${edition.documentId}?locale=fr`)).send({ changeoverMinutes: 10 });
    expect([res.status, res.body.error.details.code]).toEqual([400, 'PROGRAM_NO_LONGER_FITS']);
  });

  it('an edition without days checks rooms, overlaps and changeovers only; entering days later is checked', async () => {
    const edition = await edition2023({ days: [], cfpOpensAt: null, cfpClosesAt: null, responseDate: null, programPublicationDate: null });
    const a = await session(edition, { startsAt: '2024-03-01T09:00:00.000Z' });
    await expect(session(edition, { startsAt: '2024-03-01T09:10:00.000Z' })).rejects.toMatchObject({ details: { code: 'ROOM_OVERLAP' } });
    await expect(
      strapi.documents(EDITION).update({
        documentId: edition.documentId,
        locale: 'fr',
        data: { days: [{ date: '2024-03-02', startTime: '09:00:00.000', endTime: '12:00:00.000' }] } as any,
      })
    ).rejects.toMatchObject({ details: { code: 'PROGRAM_NO_LONGER_FITS', sessions: [expect.objectContaining({ documentId: a.documentId })] } });
  });
});

describe('a session made from a confirmed proposal', () => {
  it('goes where « Proposer un placement » would put it: its preferred afternoon, after what is there', async () => {
    const edition = await edition2023({ changeoverMinutes: 5 });
    const confirmed = () => createProposal({ edition: edition.documentId, state: 'confirmed', preferredDay: '2023-12-07', requestedDuration: 30 });
    const fromProposals = strapi.service('api::session.from-proposals') as { draftSessionFromProposal: (id: number) => Promise<string> };
    const starts: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const documentId = await fromProposals.draftSessionFromProposal((await confirmed()).id);
      const row = await draftOf(documentId);
      starts.push(row.startsAt ? new Date(row.startsAt).toISOString() : null);
    }
    expect(starts).toEqual([DAY2('13:00'), DAY2('13:35'), DAY2('14:10')]);
    expect((await view(edition)).body.data.violations).toEqual([]);
  });
});

describe('two placements at once', () => {
  it('never both pass into an overlap', async () => {
    const edition = await edition2023();
    const sessions = await Promise.all(Array.from({ length: 6 }, (_, i) => session(edition, { title: `Concurrente ${i}`, startsAt: null })));
    const results = await Promise.all(sessions.map((s) => place(s.documentId, { startsAt: DAY1('13:00') })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    expect((await view(edition)).body.data.violations).toEqual([]);
  });
});

describe('« Proposer un placement » and its acceptance', () => {
  it('suggests without writing, then accepts all in one transaction, or nothing', async () => {
    const edition = await edition2023();
    const fixed = await session(edition, { title: 'Ouverture', startsAt: DAY1('13:00'), durationMinutes: 15 });
    const p = await createProposal({ edition: edition.documentId, preferredDay: '2023-12-07' });
    const a = await session(edition, { title: 'Préfère le 7', startsAt: null, durationMinutes: 30, proposal: p.documentId });
    const b = await session(edition, { title: 'Sans préférence', startsAt: null, durationMinutes: 20 });

    const suggestion = await desk('post', `/editions/${edition.documentId}/program-builder/suggestion`);
    expect(suggestion.status).toBe(200);
    expect(suggestion.body.data).toEqual({
      placements: [
        { id: a.documentId, startsAt: DAY2('13:00'), room: null, day: '2023-12-07' },
        { id: b.documentId, startsAt: DAY1('13:15'), room: null, day: '2023-12-06' },
      ],
      left: [],
    });
    expect((await draftOf(a.documentId)).startsAt).toBeNull();

    // One placement breaks a rule: nothing is written.
    const refused = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send({
      placements: [
        { documentId: a.documentId, startsAt: DAY2('13:00'), room: null },
        { documentId: b.documentId, startsAt: DAY1('13:05'), room: null },
      ],
    });
    expect([refused.status, refused.body.error.details.code]).toEqual([400, 'ROOM_OVERLAP']);
    expect((await draftOf(a.documentId)).startsAt).toBeNull();

    const unknown = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send({
      placements: [
        { documentId: fixed.documentId, startsAt: DAY1('13:00'), room: null },
        { documentId: 'inconnue', startsAt: DAY2('14:00'), room: null },
      ],
    });
    expect([unknown.status, unknown.body.error.details.code]).toEqual([404, 'SESSION_NOT_FOUND']);

    const accepted = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send({
      placements: suggestion.body.data.placements.map((s: any) => ({ documentId: s.id, startsAt: s.startsAt, room: s.room })),
    });
    expect(accepted.status).toBe(200);
    expect(new Date((await draftOf(a.documentId)).startsAt).toISOString()).toBe(DAY2('13:00'));
    expect(new Date((await draftOf(b.documentId)).startsAt).toISOString()).toBe(DAY1('13:15'));
    expect(accepted.body.data.violations).toEqual([]);
  });

  it.each([
    ['no list', {}],
    ['an empty list', { placements: [] }],
    ['a string', { placements: 'tout' }],
    ['a null start', { placements: [{ documentId: 'x', startsAt: null }] }],
    ['an array as id', { placements: [{ documentId: ['x'], startsAt: DAY1('13:00') }] }],
    ['an unknown key', { placements: [{ documentId: 'x', startsAt: DAY1('13:00'), extra: 1 }] }],
    [
      'a session twice',
      {
        placements: [
          { documentId: 'x', startsAt: DAY1('13:00') },
          { documentId: 'x', startsAt: DAY2('13:00') },
        ],
      },
    ],
    ['501 placements', { placements: Array.from({ length: 501 }, (_, i) => ({ documentId: `s${i}`, startsAt: DAY1('13:00') })) }],
  ])('refuses an acceptance with %s: 400', async (_what, body) => {
    const edition = await edition2023();
    const res = await desk('post', `/editions/${edition.documentId}/program-builder/accept`).send(body);
    expect([res.status, res.body.error.details.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('program items', () => {
  it('adds a break, a welcome, a closing or a round table as a draft session without proposal, held by the rules', async () => {
    const edition = await edition2023();
    const items = desk('post', `/editions/${edition.documentId}/program-items`);
    const res = await items.send({ title: 'Pause café', format: 'break', startsAt: DAY1('14:30'), durationMinutes: 15 });
    expect(res.status).toBe(201);
    expect(res.body.data.session).toMatchObject({
      title: 'Pause café',
      format: 'break',
      startsAt: DAY1('14:30'),
      durationMinutes: 15,
      fromProposal: false,
      status: 'draft',
    });
    const row = await draftOf(res.body.data.session.documentId);
    expect(row).toMatchObject({ format: 'break', publishedAt: null });

    const overlap = await desk('post', `/editions/${edition.documentId}/program-items`).send({
      title: 'Accueil',
      format: 'welcome',
      startsAt: DAY1('14:40'),
      durationMinutes: 10,
    });
    expect([overlap.status, overlap.body.error.details.code]).toEqual([400, 'ROOM_OVERLAP']);
    const unplaced = await desk('post', `/editions/${edition.documentId}/program-items`).send({ title: 'Clôture', format: 'closing', durationMinutes: 10 });
    expect(unplaced.status).toBe(201);
    expect(unplaced.body.data.session.startsAt).toBeNull();
  });

  it.each([
    ['a talk', { title: 'Pause', format: 'talk', durationMinutes: 10 }],
    ['an empty title', { title: '', format: 'break', durationMinutes: 10 }],
    ['a title too long', { title: 'x'.repeat(201), format: 'break', durationMinutes: 10 }],
    ['no duration', { title: 'Pause', format: 'break' }],
    ['a proposal', { title: 'Pause', format: 'break', durationMinutes: 10, proposal: 'x' }],
    ['a title as array', { title: ['Pause'], format: 'break', durationMinutes: 10 }],
  ])('refuses an item with %s: 400', async (_what, body) => {
    const edition = await edition2023();
    const res = await desk('post', `/editions/${edition.documentId}/program-items`).send(body);
    expect([res.status, res.body.error.details.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('answers 404 for an unknown edition', async () => {
    const res = await desk('post', '/editions/inconnue/program-items').send({ title: 'Pause', format: 'break', durationMinutes: 10 });
    expect([res.status, res.body.error.details.code]).toEqual([404, 'EDITION_NOT_FOUND']);
  });
});

describe('time zones', () => {
  const dstEdition = () =>
    edition2023({
      cfpOpensAt: '2023-09-01T07:00:00.000Z',
      cfpClosesAt: '2023-09-20T21:59:00.000Z',
      responseDate: '2023-09-25T22:00:00.000Z',
      programPublicationDate: '2023-10-01T07:00:00.000Z',
      // The last Sunday of October: 01:00 summer time (23:00 UTC the day before) to 04:00 winter time (03:00 UTC), four real hours.
      days: [{ date: '2023-10-29', startTime: '01:00:00.000', endTime: '04:00:00.000', label: 'nuit du changement d’heure' }],
    });

  it('a DST night’s slot has the minutes it really has', async () => {
    const edition = await dstEdition();
    const res = await view(edition);
    expect(res.body.data.edition.days).toEqual([
      { date: '2023-10-29', label: 'nuit du changement d’heure', start: '2023-10-28T23:00:00.000Z', end: '2023-10-29T03:00:00.000Z', minutes: 240 },
    ]);
    const s = await session(edition, { startsAt: null });
    expect((await place(s.documentId, { startsAt: '2023-10-29T01:00:00+02:00', durationMinutes: 241 })).body.error.details.code).toBe('OUTSIDE_DAY_SLOT');
    const ok = await place(s.documentId, { startsAt: '2023-10-29T01:00:00+02:00', durationMinutes: 240 });
    expect(ok.status).toBe(200);
    expect(ok.body.data.session.startsAt).toBe('2023-10-28T23:00:00.000Z');
  });

  it('a slot across noon holds a session across noon', async () => {
    const edition = await edition2023({ days: [{ date: '2023-12-06', startTime: '10:00:00.000', endTime: '14:00:00.000' }] });
    const s = await session(edition, { startsAt: null, durationMinutes: 60 });
    expect((await place(s.documentId, { startsAt: '2023-12-06T11:30:00+01:00' })).status).toBe(200);
    expect((await place(s.documentId, { startsAt: '2023-12-06T13:30:00+01:00' })).body.error.details.code).toBe('OUTSIDE_DAY_SLOT');
  });
});
