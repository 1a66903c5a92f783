/**
 * The program embargo: before the edition's programPublicationDate, an editor's publish of a session
 * or of its new speaker is refused with PUBLICATION_SCHEDULED and scheduled instead; they are never
 * published, not even for an instant, so they are invisible on every public route; after the date
 * they appear with no editor action. No route leaks a proposal's private fields.
 */
import { adminToken, api, createEdition, createEvent, createProposal, createSession, createSpeaker } from '../harness/factories';

const PROGRAM = '2023-12-04T08:00:00.000Z';
const justBefore = new Date(Date.parse(PROGRAM) - 1).toISOString();
const SECRET = 'embargo.secret@example.org';
let event: any;
let edition: any;
let session: any;
let speaker: any;
let token: string;
let earlyPublishes: any[] = [];

/** Everything the app or Strapi itself could let slip of an early publish, seen as it happens. */
const slips: { publishedRows: string[]; publishEvents: string[] } = { publishedRows: [], publishEvents: [] };
const EMBARGOED = ['api::session.session', 'api::speaker.speaker'];
const rowSlipped = (event: any) => {
  const rows = [event.result].flat().filter(Boolean);
  for (const row of rows) if (row.publishedAt) slips.publishedRows.push(`${event.model.uid} ${event.action} ${row.documentId}`);
};
const publishSlipped = (event: any) => {
  if (EMBARGOED.includes(event.uid)) slips.publishEvents.push(`${event.uid} ${event.entry?.documentId}`);
};
let stopWatching: Array<() => void> = [];

const deliveredEvents = async () =>
  (await strapi.db.query('api::delivery.delivery').findMany({})).flatMap((d: any) => d.events ?? []).map((e: any) => `${e.type} ${e.documentId ?? ''}`.trim());

const embargo = () => strapi.service('api::session.embargo');
const gql = (query: string) => api().post('/graphql').send({ query });

/** Everything a public client can ask, as one comparable picture. */
async function publicView() {
  const sessionId = session.documentId;
  const [list, one, editions, events, filtered, speakers, speakerOne, graph] = await Promise.all([
    api().get('/api/sessions'),
    api().get(`/api/sessions/${sessionId}`),
    api()
      .get('/api/editions')
      .query({ populate: { sessions: { populate: ['speakers'] } } }),
    api()
      .get('/api/events')
      .query({ populate: { editions: { populate: ['sessions'] } } }),
    api()
      .get('/api/editions')
      .query({ filters: { sessions: { title: { $eq: 'Session sous embargo' } } } }),
    api()
      .get('/api/speakers')
      .query({ populate: ['sessions'] }),
    api().get(`/api/speakers/${speaker.documentId}`),
    gql(`{
      sessions { title }
      sessions_connection { nodes { title } pageInfo { total } }
      session(documentId: "${sessionId}") { title }
      editions { sessions { title } sessions_connection { nodes { title } } }
      events { editions { sessions { title speakers { name } } } }
      speakers { name sessions { title } }
      filtered: editions(filters: { sessions: { title: { eq: "Session sous embargo" } } }) { title }
    }`),
  ]);
  for (const res of [list, editions, events, filtered, speakers, graph]) {
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('note interne confidentielle');
  }
  expect(graph.body.errors).toBeUndefined();
  return {
    restList: list.body.data.map((s: any) => s.title),
    restTotal: list.body.meta.pagination.total,
    restOne: one.status,
    populatedFromEdition: editions.body.data[0].sessions.map((s: any) => s.title),
    populatedFromEvent: events.body.data[0].editions[0].sessions.map((s: any) => s.title),
    editionsFilteredBySession: filtered.body.data.length,
    speakers: speakers.body.data.map((s: any) => s.name),
    speakerOne: speakerOne.status,
    gqlList: graph.body.data.sessions.map((s: any) => s.title),
    gqlConnection: graph.body.data.sessions_connection.nodes.length,
    gqlTotal: graph.body.data.sessions_connection.pageInfo.total,
    gqlOne: graph.body.data.session,
    gqlFromEdition: graph.body.data.editions[0].sessions.length + graph.body.data.editions[0].sessions_connection.nodes.length,
    gqlFromEvent: graph.body.data.events[0].editions[0].sessions.length,
    gqlSpeakers: graph.body.data.speakers.map((s: any) => s.name),
    gqlFiltered: graph.body.data.filtered.length,
  };
}

const HIDDEN = {
  restList: [],
  restTotal: 0,
  restOne: 404,
  populatedFromEdition: [],
  populatedFromEvent: [],
  editionsFilteredBySession: 0,
  speakers: [],
  speakerOne: 404,
  gqlList: [],
  gqlConnection: 0,
  gqlTotal: 0,
  gqlOne: null,
  gqlFromEdition: 0,
  gqlFromEvent: 0,
  gqlSpeakers: [],
  gqlFiltered: 0,
};

const VISIBLE = {
  restList: ['Session sous embargo'],
  restTotal: 1,
  restOne: 200,
  populatedFromEdition: ['Session sous embargo'],
  populatedFromEvent: ['Session sous embargo'],
  editionsFilteredBySession: 1,
  speakers: ['Intervenante Nouvelle'],
  speakerOne: 200,
  gqlList: ['Session sous embargo'],
  gqlConnection: 1,
  gqlTotal: 1,
  gqlOne: { title: 'Session sous embargo' },
  gqlFromEdition: 2,
  gqlFromEvent: 1,
  gqlSpeakers: ['Intervenante Nouvelle'],
  gqlFiltered: 1,
};

beforeAll(async () => {
  token = await adminToken();
  testClock.set('2023-11-28T10:00:00.000Z');
  event = await createEvent();
  edition = await createEdition({ event: event.documentId, programPublicationDate: PROGRAM });
  const proposal = await createProposal({ edition: edition.documentId, email: SECRET, state: 'submitted' });
  speaker = await createSpeaker({ name: 'Intervenante Nouvelle' }, { publish: false });
  session = await createSession(
    { title: 'Session sous embargo', edition: edition.documentId, speakers: [speaker.documentId], proposal: proposal.documentId },
    { publish: false }
  );
  // A rebuild target listens to everything (its outbox is read, nothing is sent).
  await strapi.documents('api::rebuild-target.rebuild-target').create({
    data: { name: 'Site', url: 'http://127.0.0.1:9/hook', method: 'POST', enabled: true, quietPeriodSeconds: 0, maxAttempts: 1 } as any,
  });
  // Every row written and every publish event of Strapi, from now on.
  stopWatching = [
    strapi.db.lifecycles.subscribe({
      models: EMBARGOED,
      afterCreate: rowSlipped,
      afterCreateMany: rowSlipped,
      afterUpdate: rowSlipped,
      afterUpdateMany: rowSlipped,
    }),
  ];
  strapi.eventHub.on('entry.publish', publishSlipped);
  // The editor publishes both in the admin, early.
  for (const [uid, doc] of [
    ['api::speaker.speaker', speaker],
    ['api::session.session', session],
  ]) {
    const res = await api()
      .post(`/content-manager/collection-types/${uid}/${doc.documentId}/actions/publish?locale=fr`)
      .set('Authorization', `Bearer ${token}`)
      .send({});
    // Checked right after each publish: no published row exists.
    const published = await strapi.db.query(uid).count({ where: { documentId: doc.documentId, publishedAt: { $notNull: true } } });
    earlyPublishes.push({ uid, status: res.status, error: res.body.error, published });
  }
});

afterAll(() => {
  for (const stop of stopWatching) stop();
  strapi.eventHub.removeListener('entry.publish', publishSlipped);
});

describe('before the program publication date', () => {
  it('refuses the early publish and tells the editor, in French, when it will happen', () => {
    expect(earlyPublishes.map((p) => [p.uid, p.status, p.error?.name, p.error?.details?.code, p.error?.details?.scheduledPublishAt])).toEqual([
      ['api::speaker.speaker', 400, 'ApplicationError', 'PUBLICATION_SCHEDULED', PROGRAM],
      ['api::session.session', 400, 'ApplicationError', 'PUBLICATION_SCHEDULED', PROGRAM],
    ]);
    expect(earlyPublishes[1].error.message).toContain(
      'Cette session sera publiée le 4 décembre 2023 à 9 h 00 (heure de Paris) (date de publication du programme)'
    );
    expect(earlyPublishes[1].error.details.messageEn).toContain('4 December 2023 at 09:00 (Paris time)');
  });

  it('never published them, not even for an instant', async () => {
    expect(earlyPublishes.map((p) => p.published)).toEqual([0, 0]);
    expect(slips).toEqual({ publishedRows: [], publishEvents: [] });
    expect((await deliveredEvents()).filter((e) => e.startsWith('content.published'))).toEqual([]);
  });

  it('hides the session and its new speaker on every public route, even published by an editor', async () => {
    testClock.set(justBefore);
    expect(await publicView()).toEqual(HIDDEN);
  });

  it('records the scheduled publication for editors', async () => {
    const rows = await strapi.db.query('api::session.session').findMany({ where: { documentId: session.documentId } });
    expect(rows.map((r: any) => new Date(r.scheduledPublishAt).toISOString())).toEqual([PROGRAM]);
  });

  it('stays hidden when the job runs a millisecond early', async () => {
    testClock.set(justBefore);
    expect(await embargo().publishDue()).toBe(0);
    expect(await publicView()).toEqual(HIDDEN);
  });
});

describe('at the program publication date', () => {
  it('appears on every route with no editor action', async () => {
    testClock.set(PROGRAM);
    expect(await embargo().publishDue()).toBe(2); // the session, then its speaker
    expect(await publicView()).toEqual(VISIBLE);
    expect(await embargo().publishDue()).toBe(0);
    // The scheduler's publish is the first the outside world hears of, and the watchers saw it.
    expect((await deliveredEvents()).filter((e) => e.startsWith('content.published'))).toEqual([
      `content.published ${session.documentId}`,
      `content.published ${speaker.documentId}`,
    ]);
    expect(slips.publishEvents).toEqual([`api::session.session ${session.documentId}`, `api::speaker.speaker ${speaker.documentId}`]);
  });

  it('goes back under embargo if the editors move the date later', async () => {
    testClock.set('2023-12-04T09:00:00.000Z');
    const later = '2023-12-05T08:00:00.000Z';
    await strapi.documents('api::edition.edition').update({
      documentId: edition.documentId,
      locale: 'fr',
      data: { programPublicationDate: later } as any,
    });
    await strapi.documents('api::edition.edition').publish({ documentId: edition.documentId, locale: 'fr' });
    const view = await publicView();
    expect(view.restList).toEqual([]);
    expect(view.gqlTotal).toBe(0);
    testClock.set(later);
    await embargo().publishDue();
    expect((await publicView()).restList).toEqual(['Session sous embargo']);
  });

  it('publishes at once a session published after the date', async () => {
    testClock.set('2023-12-06T10:00:00.000Z');
    const late = await createSession({ title: 'Ajout de dernière minute', edition: edition.documentId });
    const res = await api().get(`/api/sessions/${late.documentId}`);
    expect(res.status).toBe(200);
  });
});
