/**
 * Program versions: version 1 at the program date through the cron, version 2 through « Publier le
 * programme » after a move, a new title and a cancellation; the changelog in the REST program, the
 * page, schedule.json/xml, iCalendar and the `program.changed` rebuild event; the embargo at its
 * boundary; who may publish (« Publier le programme », apart from building it); no version made by hand.
 */
import http from 'http';
import ical from 'node-ical';
import { adminToken, adminTokenFor, api, createEdition, createProposal, createSession, createSpeaker } from '../harness/factories';
import { scheduleJsonErrors, scheduleXmlErrors } from '../harness/schedule-schemas';

const VERSION = 'api::program-version.program-version';
const SESSION = 'api::session.session';
const TARGET = 'api::rebuild-target.rebuild-target';
const DELIVERY = 'api::delivery.delivery';
const PROGRAM_DATE = '2023-12-04T08:00:00.000Z';
const JUST_BEFORE = '2023-12-04T07:59:59.999Z';
const HOSTILE = 'Le <script>alert(1)</script> libre';

const as = (token: string) => ({
  get: (p: string) => api().get(p).set('Authorization', `Bearer ${token}`),
  post: (p: string, body: object = {}) => api().post(p).set('Authorization', `Bearer ${token}`).send(body),
});
const versionsOf = (edition: { documentId: string }) =>
  strapi.db.query(VERSION).findMany({ where: { edition: { documentId: edition.documentId } }, orderBy: { number: 'asc' } });
const updateDraft = (documentId: string, data: Record<string, unknown>) => strapi.documents(SESSION).update({ documentId, locale: 'fr', data: data as any });

const received: any[] = [];
let receiver: http.Server;
let receiverUrl: string;
let editorToken: string;
let superAdminToken: string;
let edition: any;
let opening: any;
let moved: any;
let retitled: any;
let cancelled: any;
/** What the exports said at version 1, to compare with version 2. */
const atV1: { etag?: string; sequence?: number } = {};

beforeAll(async () => {
  superAdminToken = await adminToken();
  editorToken = await adminTokenFor('bluehats-editor', 'editrice-versions@example.org');
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/program`;

  testClock.set('2023-11-28T10:00:00.000Z');
  await strapi.db.query(TARGET).deleteMany({});
  await strapi.db.query(DELIVERY).deleteMany({});
  await strapi.documents(TARGET).create({
    data: {
      name: 'Site du programme',
      url: receiverUrl,
      method: 'POST',
      secret: 'un-secret-de-signature-tres-long',
      enabled: true,
      events: ['program.*'],
      quietPeriodSeconds: 10,
      maxAttempts: 3,
    } as any,
  });
  edition = await createEdition({ programPublicationDate: PROGRAM_DATE });
  const ada = await createSpeaker({ name: 'Ada Lovelace' }, { publish: false });
  // Drafts only: « Publier le programme » publishes them (here, before the program date: schedules them).
  opening = await createSession(
    { title: 'Ouverture', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z', speakers: [ada.documentId] },
    { publish: false }
  );
  moved = await createSession({ title: 'Des cartes libres', edition: edition.documentId, startsAt: '2023-12-06T13:30:00.000Z' }, { publish: false });
  retitled = await createSession({ title: 'Le libre à l’école', edition: edition.documentId, startsAt: '2023-12-07T13:00:00.000Z' }, { publish: false });
  cancelled = await createSession({ title: 'Atelier annulé', edition: edition.documentId, startsAt: '2023-12-07T14:00:00.000Z' }, { publish: false });
  // Not placed yet: stays a draft.
  await createSession({ title: 'Sans horaire', edition: edition.documentId }, { publish: false });
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await strapi.db.query(TARGET).deleteMany({});
  await strapi.db.query(DELIVERY).deleteMany({});
});

beforeEach(() => appResponseCache.invalidate());

describe('before the program date: the embargo holds, versions included', () => {
  it('« Publier le programme » schedules the placed sessions instead, and makes no version', async () => {
    const res = await as(editorToken).post(`/bluehats/editions/${edition.documentId}/program/publish`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ scheduled: 4, scheduledPublishAt: PROGRAM_DATE });
    expect(await versionsOf(edition)).toEqual([]);
  });

  it('at the last millisecond before the program date, nothing is public: no version, no changelog anywhere', async () => {
    testClock.set(JUST_BEFORE);
    expect(await strapi.service('api::session.embargo').publishDue()).toBe(0);
    expect(await versionsOf(edition)).toEqual([]);
    const program = await api().get(`/api/editions/${edition.slug}/program`);
    expect(program.body.data).toMatchObject({ days: [expect.objectContaining({ sessions: [] }), expect.objectContaining({ sessions: [] })], version: null });
    const schedule = await api().get(`/api/editions/${edition.slug}/schedule.json`);
    expect(schedule.body.schedule.version).toMatch(/^[0-9a-f]{12}$/); // the content hash: no version yet
    const page = await api().get(`/editions/${edition.slug}/programme`);
    expect(page.text).not.toContain('Modifications du programme');
    expect(page.text).not.toContain('Version 1');
    const graphql = await api()
      .post('/graphql')
      .send({ query: `{ program(edition: "${edition.slug}") { version { number } } }` });
    expect(graphql.body.data.program.version).toBeNull();
  });
});

describe('version 1 at the program date, through the cron', () => {
  it('publishes everything scheduled and records one version, « programme stabilisé »', async () => {
    testClock.set(PROGRAM_DATE);
    expect(await strapi.service('api::session.embargo').publishDue()).toBe(5); // 4 sessions, then their speaker
    const versions = await versionsOf(edition);
    expect(versions.map((v: any) => v.number)).toEqual([1]);
    expect(new Date(versions[0].releasedAt).toISOString()).toBe(PROGRAM_DATE);
    expect(versions[0].changes.map((c: any) => c.kind)).toEqual(['added', 'added', 'added', 'added']);
    expect(versions[0].changes[0].text.fr).toBe('Ajoutée\u00a0: «\u00a0Ouverture\u00a0» le mercredi 6 décembre 14 h 00, salle principale (20 min).');
    // The speaker, published after the sessions, is in the snapshot (one version, at the batch's end).
    expect(versions[0].snapshot.sessions.find((s: any) => s.title === 'Ouverture').speakers).toEqual(['Ada Lovelace']);
  });

  it('shows version 1 in the REST program and the exports', async () => {
    const program = await api().get(`/api/editions/${edition.slug}/program`);
    expect(program.body.data.version).toMatchObject({
      number: 1,
      label: { fr: 'Version 1 — programme stabilisé', en: 'Version 1 — stabilised program' },
      releasedAt: PROGRAM_DATE,
      updated: { fr: 'Mis à jour le 4 décembre 2023 à 9 h 00 (heure de Paris)', en: 'Updated on 4 December 2023 at 09:00 (Paris time)' },
    });
    const schedule = await api().get(`/api/editions/${edition.slug}/schedule.json`);
    expect(schedule.body.schedule.version).toBe('1');
    expect(scheduleJsonErrors(schedule.body)).toEqual([]);
    atV1.etag = schedule.headers.etag;
    const calendar = await api().get(`/api/editions/${edition.slug}/calendar.ics`);
    const event = Object.values(ical.sync.parseICS(calendar.text)).find((e: any) => e.type === 'VEVENT' && e.summary === 'Des cartes libres') as any;
    atV1.sequence = Number(event.sequence);
  });
});

describe('version 2 through « Publier le programme »', () => {
  let answer: any;

  beforeAll(async () => {
    testClock.set('2023-12-05T10:00:00.000Z');
    await updateDraft(moved.documentId, { startsAt: '2023-12-06T14:00:00.000Z' });
    await updateDraft(retitled.documentId, { title: HOSTILE });
    await updateDraft(cancelled.documentId, { cancelled: true });
    answer = await as(editorToken).post(`/bluehats/editions/${edition.documentId}/program/publish`);
  });

  it('publishes the three changed sessions and answers version 2 with its changelog', () => {
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      published: 3,
      refused: 0,
      version: { number: 2, label: { fr: 'Version 2' }, releasedAt: '2023-12-05T10:00:00.000Z' },
    });
    const texts = answer.body.data.version.changes.map((c: any) => [c.kind, c.text.fr]);
    expect(texts).toEqual([
      ['moved', '«\u00a0Des cartes libres\u00a0» déplacée du mercredi 6 décembre 14 h 30 à 15 h 00.'],
      ['retitled', `«\u00a0Le libre à l’école\u00a0» s'intitule désormais «\u00a0${HOSTILE}\u00a0».`],
      ['cancelled', 'Annulée\u00a0: «\u00a0Atelier annulé\u00a0» (prévue le jeudi 7 décembre 15 h 00).'],
    ]);
  });

  it('publishing again with nothing changed makes no version', async () => {
    const again = await as(editorToken).post(`/bluehats/editions/${edition.documentId}/program/publish`);
    expect(again.body.data).toEqual({ published: 0, refused: 0, version: null });
    expect((await versionsOf(edition)).map((v: any) => v.number)).toEqual([1, 2]);
  });

  it('lists the versions for editors, newest first, with their changes', async () => {
    const res = await as(editorToken).get(`/bluehats/editions/${edition.documentId}/program/versions`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((v: any) => [v.number, v.changes.length])).toEqual([
      [2, 3],
      [1, 4],
    ]);
  });

  it('schedule.json and schedule.xml say version 2, valid against the C3VOC schemas; the cancelled session stays, marked', async () => {
    const json = await api().get(`/api/editions/${edition.slug}/schedule.json`);
    expect(json.body.schedule.version).toBe('2');
    expect(scheduleJsonErrors(json.body)).toEqual([]);
    const events = json.body.schedule.conference.days.flatMap((d: any) => Object.values(d.rooms).flat());
    expect(events.map((e: any) => e.title)).toContain('Annulée\u00a0: Atelier annulé');
    const xml = await api().get(`/api/editions/${edition.slug}/schedule.xml`);
    expect(xml.text).toContain('<version>2</version>');
    expect(xml.text).not.toContain('<script>');
    expect(await scheduleXmlErrors(xml.text)).toEqual([]);
  });

  it('changes the exports’ ETag: the version-1 ETag gets the new body, not a 304', async () => {
    const res = await api().get(`/api/editions/${edition.slug}/schedule.json`).set('If-None-Match', atV1.etag!);
    expect(res.status).toBe(200);
    expect(res.headers.etag).not.toBe(atV1.etag);
    const same = await api().get(`/api/editions/${edition.slug}/schedule.json`).set('If-None-Match', res.headers.etag);
    expect(same.status).toBe(304);
  });

  it('raises the moved talk’s iCalendar SEQUENCE and marks the cancelled one', async () => {
    const calendar = await api().get(`/api/editions/${edition.slug}/calendar.ics`);
    const events = Object.values(ical.sync.parseICS(calendar.text)).filter((e: any) => e.type === 'VEVENT') as any[];
    const movedEvent = events.find((e) => e.summary === 'Des cartes libres');
    expect(Number(movedEvent.sequence)).toBeGreaterThan(atV1.sequence!);
    expect(events.find((e) => String(e.summary).includes('Atelier annulé')).status).toBe('CANCELLED');
  });

  it('the REST program carries the current version and its changelog; GraphQL too', async () => {
    const program = await api().get(`/api/editions/${edition.slug}/program`);
    expect(program.body.data.version).toMatchObject({ number: 2, label: { fr: 'Version 2' } });
    expect(program.body.data.version.changes.map((c: any) => c.kind)).toEqual(['moved', 'retitled', 'cancelled']);
    const graphql = await api()
      .post('/graphql')
      .send({
        query: `{ program(edition: "${edition.slug}") { version { number label { fr } updated { fr } changes { kind id title text { fr en } } } } }`,
      });
    expect(graphql.body.data.program.version).toMatchObject({
      number: 2,
      label: { fr: 'Version 2' },
      updated: { fr: expect.stringMatching(/^Mis à jour le 5 décembre 2023/) },
    });
    expect(graphql.body.data.program.version.changes[2]).toMatchObject({
      kind: 'cancelled',
      title: 'Atelier annulé',
      text: { fr: expect.stringMatching(/^Annulée/) },
    });
  });

  it('the program page shows the version, « mis à jour le … » and every changelog, newest first, titles escaped', async () => {
    const page = await api().get(`/editions/${edition.slug}/programme`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Version 2');
    expect(page.text).toContain('Mis à jour le 5 décembre 2023 à 11 h 00 (heure de Paris)');
    expect(page.text).toContain('Modifications du programme');
    expect(page.text.indexOf('Version 2')).toBeLessThan(page.text.indexOf('Version 1 — programme stabilisé'));
    expect(page.text).toContain('Annulée\u00a0: «\u00a0Atelier annulé\u00a0»');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('announces `program.changed` to a target filtering on `program.*`, with the version and its changes', async () => {
    testClock.set('2023-12-05T10:01:00.000Z');
    await strapi.service('api::rebuild-target.deliveries').deliverDue();
    const events = received.flatMap((body) => body.events);
    expect(events.map((e: any) => e.type)).toEqual(['program.changed', 'program.changed']);
    expect(events[1]).toEqual({
      type: 'program.changed',
      at: '2023-12-05T10:00:00.000Z',
      edition: { documentId: edition.documentId, slug: edition.slug },
      version: { number: 2, label: { fr: 'Version 2', en: 'Version 2' }, releasedAt: '2023-12-05T10:00:00.000Z' },
      changes: answer.body.data.version.changes,
    });
    expect(events[0].version.number).toBe(1);
  });
});

describe('who writes versions', () => {
  it('a Relecteur may neither publish the program nor list its versions', async () => {
    const reviewer = await adminTokenFor('bluehats-reviewer', 'relecteur-versions@example.org');
    const publish = await as(reviewer).post(`/bluehats/editions/${edition.documentId}/program/publish`);
    expect(publish.status).toBe(403);
    expect(publish.body.error.details.code).toBe('NOT_ALLOWED');
    expect((await as(reviewer).get(`/bluehats/editions/${edition.documentId}/program/versions`)).status).toBe(403);
  });

  it('« Construire le programme » alone places talks but may not publish: that takes « Publier le programme »', async () => {
    const roles = strapi.service('admin::role');
    const role = await roles.create({ name: 'Placeur', code: 'placeur-sans-publication', description: 'Test' });
    await roles.assignPermissions(role.id, [{ action: 'plugin::bluehats.program.build', subject: null, properties: {}, conditions: [] }]);
    const builder = await adminTokenFor('placeur-sans-publication', 'placeur.versions@example.org');
    const before = await versionsOf(edition);

    const publish = await as(builder).post(`/bluehats/editions/${edition.documentId}/program/publish`);
    expect(publish.status).toBe(403);
    expect(publish.body.error.details).toMatchObject({ code: 'NOT_ALLOWED', action: 'plugin::bluehats.program.publish' });
    expect(await versionsOf(edition)).toEqual(before);

    // Another edition, so that this placement changes nothing of the versions above.
    const elsewhere = await createEdition({ programPublicationDate: PROGRAM_DATE }, { publish: false });
    const talk = await createSession({ title: 'À placer', edition: elsewhere.documentId, startsAt: null }, { publish: false });
    const place = await api()
      .put(`/bluehats/sessions/${talk.documentId}/placement`)
      .set('Authorization', `Bearer ${builder}`)
      .send({ startsAt: '2023-12-06T13:00:00.000Z' });
    expect(place.status).toBe(200);
    const draft = await strapi.db.query(SESSION).findOne({ where: { documentId: talk.documentId, publishedAt: null } });
    expect(new Date(draft.startsAt).toISOString()).toBe('2023-12-06T13:00:00.000Z');
    expect((await as(builder).get(`/bluehats/editions/${edition.documentId}/program/versions`)).status).toBe(200);
  });

  it('nobody makes, changes or deletes a version by hand: not a super admin, not the document service', async () => {
    const before = await versionsOf(edition);
    // Éditeur has no « create » on versions at all; a super admin has every right, and meets the rule.
    expect((await as(editorToken).post(`/content-manager/collection-types/${VERSION}`, { number: 3 })).status).toBe(403);
    const res = await as(superAdminToken).post(`/content-manager/collection-types/${VERSION}`, {
      number: 3,
      releasedAt: '2023-12-05T10:00:00.000Z',
      snapshot: {},
      changes: [],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('PROGRAM_VERSION_WRITTEN_BY_APP');
    await expect(strapi.documents(VERSION).update({ documentId: before[1].documentId, data: { number: 7 } as any })).rejects.toThrow(
      /écrites par l'application/
    );
    await expect(strapi.documents(VERSION).delete({ documentId: before[1].documentId })).rejects.toThrow(/écrites par l'application/);
    expect(await versionsOf(edition)).toEqual(before);
  });

  it('two publications at once never take the same number', async () => {
    testClock.set('2023-12-05T11:00:00.000Z');
    await updateDraft(opening.documentId, { title: 'Ouverture des journées' });
    await updateDraft(moved.documentId, { durationMinutes: 30 });
    await Promise.all([
      strapi.documents(SESSION).publish({ documentId: opening.documentId, locale: '*' }),
      strapi.documents(SESSION).publish({ documentId: moved.documentId, locale: '*' }),
    ]);
    const numbers = (await versionsOf(edition)).map((v: any) => v.number);
    expect(numbers).toEqual([...new Set(numbers)]);
    expect(numbers.slice(0, 2)).toEqual([1, 2]);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
  });

  it('a session unpublished from anywhere makes its version at once: gone is « annulée »; deleting a draft makes none', async () => {
    testClock.set('2023-12-05T12:00:00.000Z');
    const before = (await versionsOf(edition)).length;
    await strapi.documents(SESSION).unpublish({ documentId: opening.documentId, locale: '*' });
    const after = await versionsOf(edition);
    expect(after).toHaveLength(before + 1);
    expect(after[after.length - 1].changes.map((c: any) => [c.kind, c.text.fr])).toEqual([
      ['cancelled', 'Annulée\u00a0: «\u00a0Ouverture des journées\u00a0» (prévue le mercredi 6 décembre 14 h 00).'],
    ]);
    const draftOnly = await createSession({ title: 'Brouillon', edition: edition.documentId }, { publish: false });
    await strapi.documents(SESSION).delete({ documentId: draftOnly.documentId, locale: '*' });
    expect(await versionsOf(edition)).toHaveLength(before + 1);
  });
});

describe('a person erased leaves the program history', () => {
  const NAME = 'Nomeffaceqx';
  const ADDRESS = 'nom.efface.versions@example.org';
  const versionsTable = () => strapi.db.metadata.get(VERSION).tableName;
  /** The version rows of the whole database whose snapshot or changes hold `text`, read with raw SQL. */
  const rowsNaming = async (text: string) => {
    const like = `%${text.toLowerCase()}%`;
    const res = await strapi.db
      .connection(versionsTable())
      .select('id')
      .whereRaw('lower(cast(snapshot as text)) like ? or lower(cast(changes as text)) like ?', [like, like]);
    return res.map((r: { id: number }) => r.id);
  };

  it('out of every version’s snapshot and changelog when their published talk stays; their removal then publishes no change', async () => {
    testClock.set('2023-12-08T09:00:00.000Z');
    const followed = await createEdition({ programPublicationDate: PROGRAM_DATE });
    const proposal = await createProposal({
      edition: followed.documentId,
      email: ADDRESS,
      speakerName: NAME,
      state: 'confirmed',
      communicatedAt: '2023-11-27T09:00:00.000Z',
      decisionReleasedAt: '2023-11-27T09:00:00.000Z',
    });
    const grace = await createSpeaker({ name: 'Grace Restequx' });
    const person = await createSpeaker({ name: NAME });
    const talk = await createSession({
      title: 'Un talk suivi',
      edition: followed.documentId,
      proposal: proposal.documentId,
      startsAt: '2023-12-06T13:00:00.000Z',
      speakers: [grace.documentId],
    });
    await updateDraft(talk.documentId, { speakers: [grace.documentId, person.documentId] });
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    const before = await versionsOf(followed);
    expect(before.map((v: any) => v.changes.map((c: any) => c.kind))).toEqual([['added'], ['speakers_changed']]);
    // The raw search finds the name where it is (the second version: its snapshot and its change): it is able to fail.
    expect(await rowsNaming(NAME)).toEqual([before[1].id]);

    const res = await as(editorToken).post('/bluehats/erasures', { email: ADDRESS, confirm: true, expected: 1 });
    expect(res.status).toBe(200);
    expect(await rowsNaming(NAME)).toEqual([]);
    const after = await versionsOf(followed);
    expect(after.map((v: any) => [v.number, v.snapshot.sessions.map((s: any) => s.speakers), v.changes.map((c: any) => c.kind)])).toEqual([
      [before[0].number, [['Grace Restequx']], ['added']],
      [before[1].number, [['Grace Restequx']], []],
    ]);
    // The talk stays public as it was, naming them, until editors act on their task.
    const published = await strapi.db
      .query(SESSION)
      .findOne({ where: { documentId: talk.documentId, publishedAt: { $notNull: true } }, populate: { speakers: { select: ['name'] } } });
    expect(published.speakers.map((s: any) => s.name).sort()).toEqual(['Grace Restequx', NAME]);

    // Editors take them off the talk and publish it: compared with the forgotten snapshot, nothing changed.
    testClock.set('2023-12-08T10:00:00.000Z');
    await updateDraft(talk.documentId, { speakers: [grace.documentId] });
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    expect((await versionsOf(followed)).map((v: any) => v.number)).toEqual(after.map((v: any) => v.number));
    // A later change makes a version whose changelog does not name them either.
    await updateDraft(talk.documentId, { title: 'Un talk suivi, retitré' });
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    const latest = await versionsOf(followed);
    expect(latest.at(-1).changes.map((c: any) => c.kind)).toEqual(['retitled']);
    expect(await rowsNaming(NAME)).toEqual([]);
  });

  it('until editors act, another publication of the edition records neither their name nor « ajout » of it; the live program still shows the talk', async () => {
    const OTHER_NAME = 'Nomoubliezq';
    const OTHER_ADDRESS = 'nom.oublie.versions@example.org';
    testClock.set('2023-12-08T11:00:00.000Z');
    const kept = await createEdition({ programPublicationDate: PROGRAM_DATE });
    const proposal = await createProposal({
      edition: kept.documentId,
      email: OTHER_ADDRESS,
      speakerName: OTHER_NAME,
      state: 'confirmed',
      communicatedAt: '2023-11-27T09:00:00.000Z',
      decisionReleasedAt: '2023-11-27T09:00:00.000Z',
    });
    const person = await createSpeaker({ name: OTHER_NAME });
    const talk = await createSession({
      title: 'Un talk qui reste',
      edition: kept.documentId,
      proposal: proposal.documentId,
      startsAt: '2023-12-06T13:00:00.000Z',
      speakers: [person.documentId],
    });
    const other = await createSession({ title: 'Une autre session', edition: kept.documentId, startsAt: '2023-12-06T14:00:00.000Z' });
    const published = await versionsOf(kept);
    expect(published[0].snapshot.sessions.find((s: any) => s.title === 'Un talk qui reste').speakers).toEqual([OTHER_NAME]);
    expect(await rowsNaming(OTHER_NAME)).not.toEqual([]);

    const res = await as(editorToken).post('/bluehats/erasures', { email: OTHER_ADDRESS, confirm: true, expected: 1 });
    expect(res.status).toBe(200);
    expect(await rowsNaming(OTHER_NAME)).toEqual([]);

    // Editors have not acted yet: the talk is still published with their name. Another session is retitled.
    testClock.set('2023-12-08T12:00:00.000Z');
    await updateDraft(other.documentId, { title: 'Une autre session, retitrée' });
    await strapi.documents(SESSION).publish({ documentId: other.documentId, locale: '*' });
    const latest = (await versionsOf(kept)).at(-1);
    expect(latest.number).toBe(published.at(-1).number + 1);
    expect(latest.changes.map((c: any) => [c.kind, c.title])).toEqual([['retitled', 'Une autre session, retitrée']]);
    expect(latest.snapshot.sessions.find((s: any) => s.title === 'Un talk qui reste').speakers).toEqual([]);
    expect(await rowsNaming(OTHER_NAME)).toEqual([]);
    // The same once editors republish the talk itself (here as it is): no version brings the name back.
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    expect(await rowsNaming(OTHER_NAME)).toEqual([]);

    // Only history forgets: the live program, its export and its page still show the talk with its speaker.
    const schedule = await api().get(`/api/editions/${kept.slug}/schedule.json`);
    expect(schedule.status).toBe(200);
    const events = schedule.body.schedule.conference.days.flatMap((d: any) => Object.values(d.rooms).flat()) as any[];
    const event = events.find((e) => e.title === 'Un talk qui reste');
    expect(event.persons.map((p: any) => p.public_name ?? p.name)).toEqual([OTHER_NAME]);
    expect(schedule.body.schedule.version).toBe(String(latest.number));
    const page = await api().get(`/editions/${kept.slug}/programme`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Un talk qui reste');
    expect(page.text).toContain(OTHER_NAME);
  });

  it('under the name their profile was published with too (an editor corrected it), and no rebuild event ever names them', async () => {
    const TYPED = 'Typhaine Saisieqx';
    const SHOWN = 'Typhaine Corrigeeqx';
    const MAIL = 'typhaine.versions@example.org';
    testClock.set('2023-12-08T12:00:00.000Z');
    const followed = await createEdition({ programPublicationDate: PROGRAM_DATE });
    const proposal = await createProposal({
      edition: followed.documentId,
      email: MAIL,
      speakerName: TYPED,
      state: 'confirmed',
      communicatedAt: '2023-11-27T09:00:00.000Z',
      decisionReleasedAt: '2023-11-27T09:00:00.000Z',
    });
    const profile = await createSpeaker({ name: SHOWN });
    const talk = await createSession({
      title: 'Un talk corrigé',
      edition: followed.documentId,
      proposal: proposal.documentId,
      startsAt: '2023-12-06T13:00:00.000Z',
    });
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    await updateDraft(talk.documentId, { speakers: [profile.documentId] });
    await strapi.documents(SESSION).publish({ documentId: talk.documentId, locale: '*' });
    expect((await versionsOf(followed)).map((v: any) => v.changes.map((c: any) => c.kind))).toEqual([['added'], ['speakers_changed']]);
    expect(await rowsNaming(SHOWN)).toHaveLength(1);
    // The rebuild target hears the change of speakers, without a name (payloads and their log hold no personal data).
    const events = (await strapi.db.query(DELIVERY).findMany({}))
      .flatMap((d: any) => d.events ?? [])
      .filter((e: any) => e.type === 'program.changed' && e.edition?.documentId === followed.documentId);
    const speakersEvent = events.flatMap((e: any) => e.changes).find((c: any) => c.kind === 'speakers_changed');
    expect(speakersEvent).toEqual(
      expect.objectContaining({
        title: 'Un talk corrigé',
        text: { fr: '«\u00a0Un talk corrigé\u00a0», intervenants modifiés.', en: '“Un talk corrigé”, speakers changed.' },
      })
    );
    expect(JSON.stringify(events)).not.toContain(SHOWN);

    const res = await as(editorToken).post('/bluehats/erasures', { email: MAIL, confirm: true, expected: 1 });
    expect(res.status).toBe(200);
    expect(await rowsNaming(SHOWN)).toEqual([]);
    expect(await rowsNaming(TYPED)).toEqual([]);
  });
});
