/** What frontends read: the live call state, the program, the exports (each checked by its own schema or parser), caching. */
import fs from 'fs';
import path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import ical from 'node-ical';
import { parse as parseYaml } from 'yaml';
import { validateXML } from 'xmllint-wasm';
import { api, createEdition, createSession, createSpeaker, demoData, seedModule } from '../harness/factories';
import { statementsDuring } from '../harness/sql-statements';

// The format's own schemas, vendored with their source and licence (tests/fixtures/schedule/SOURCE.md).
const SPECS = path.resolve(__dirname, '..', 'fixtures', 'schedule');
const AFTER_PROGRAM = '2023-12-05T12:00:00.000Z';
let edition2023: any;

beforeAll(async () => {
  testClock.set('2026-11-23T12:00:00.000Z');
  await seedModule().seedDemo(strapi, demoData());
  edition2023 = await strapi.documents('api::edition.edition').findFirst({ filters: { slug: 'bluehats-2023' }, status: 'published' });
});

beforeEach(() => {
  testClock.set(AFTER_PROGRAM);
  appResponseCache.invalidate();
});

describe('the live state of the call', () => {
  const stateAt = async (now: string, query: Record<string, string> = {}) => {
    testClock.set(now);
    const res = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' }, ...query });
    expect(res.status).toBe(200);
    return res.body.data[0].callForProposals;
  };

  it.each([
    ['2023-11-03T07:59:59.999Z', 'upcoming'],
    ['2023-11-03T08:00:00.000Z', 'open'],
    ['2023-11-20T22:59:59.999Z', 'open'],
    ['2023-11-20T23:00:00.000Z', 'closed'],
    ['2023-11-26T23:00:00.000Z', 'decisions-released'],
    ['2023-12-04T08:00:00.000Z', 'program-published'],
    ['2023-12-07T16:00:00.000Z', 'past'],
  ])('at %s is %s', async (now, state) => {
    expect((await stateAt(now)).state).toBe(state);
  });

  it('gives the instants in ISO and in French, the durations and the time left', async () => {
    const block = await stateAt('2023-11-18T21:30:00.000Z');
    expect(block).toEqual({
      state: 'open',
      timeZone: 'Europe/Paris',
      opensAt: { at: '2023-11-03T08:00:00.000Z', text: '3 novembre 2023 à 9 h 00 (heure de Paris)' },
      closesAt: { at: '2023-11-20T22:59:00.000Z', text: '20 novembre 2023 à 23 h 59 (heure de Paris)' },
      responseDate: { at: '2023-11-26T23:00:00.000Z', text: '27 novembre 2023 à 0 h 00 (heure de Paris)' },
      programPublicationDate: { at: '2023-12-04T08:00:00.000Z', text: '4 décembre 2023 à 9 h 00 (heure de Paris)' },
      durations: { min: 5, max: 30, choices: [5, 10, 15, 20, 30], text: 'Les durées possibles sont 5, 10, 15, 20, 30 minutes' },
      timeLeft: { milliseconds: (2 * 24 * 60 + 90) * 60_000, text: expect.stringMatching(/^2\sjours et 1\sheure$/) },
      nextChangeAt: '2023-11-18T21:31:00.000Z',
    });
  });

  it('speaks English with locale=en', async () => {
    const block = await stateAt('2023-11-18T21:30:00.000Z', { locale: 'en' });
    expect(block.closesAt.text).toBe('20 November 2023 at 23:59 (Paris time)');
    expect(block.timeLeft.text.replace(/\s/g, ' ')).toBe('2 days and 1 hour');
  });

  it('is in GraphQL too', async () => {
    testClock.set('2023-11-20T23:00:00.000Z');
    const res = await api().post('/graphql').send({
      query:
        '{ editions(filters: { slug: { eq: "bluehats-2023" } }) { callForProposals { state closesAt { text } durations { choices } timeLeft { text } } } }',
    });
    expect(res.body.data.editions[0].callForProposals).toEqual({
      state: 'closed',
      closesAt: { text: '20 novembre 2023 à 23 h 59 (heure de Paris)' },
      durations: { choices: [5, 10, 15, 20, 30] },
      timeLeft: null,
    });
  });
});

describe('the program', () => {
  it('groups published sessions by day, sorted by start, with speakers and their administration', async () => {
    const res = await api().get('/api/editions/bluehats-2023/program');
    expect(res.status).toBe(200);
    const { days } = res.body.data;
    expect(days.map((d: any) => [d.index, d.date, d.label])).toEqual([
      [1, '2023-12-06', 'après-midi du 6 décembre'],
      [2, '2023-12-07', 'après-midi du 7 décembre'],
    ]);
    expect(days[0].sessions.map((s: any) => s.title)).toEqual(['Ouverture des journées #BlueHats', 'Des cartes libres pour tous les services publics']);
    expect(days[1].sessions[1]).toMatchObject({
      title: "Table ronde : le libre à l'école",
      durationMinutes: 30,
      room: 'Salle BlueHats',
      startsAt: '2023-12-07T13:10:00.000Z',
      endsAt: '2023-12-07T13:40:00.000Z',
    });
    expect(days[1].sessions[1].speakers.map((s: any) => [s.name, s.administration?.acronym])).toEqual(expect.arrayContaining([['Sacha Témoin', 'MENJ']]));
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.org|proposal/);
  });

  it('respects the embargo', async () => {
    testClock.set('2023-12-01T12:00:00.000Z');
    const edition = await createEdition({ programPublicationDate: '2023-12-04T08:00:00.000Z' });
    await createSession({ title: 'Pas encore', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
    const before = await api().get(`/api/editions/${edition.slug}/program`);
    expect(before.body.data.days.flatMap((d: any) => d.sessions)).toEqual([]);
    testClock.set('2023-12-04T08:00:00.000Z');
    await strapi.service('api::session.embargo').publishDue();
    const after = await api().get(`/api/editions/${edition.slug}/program`);
    expect(after.body.data.days.flatMap((d: any) => d.sessions).map((s: any) => s.title)).toEqual(['Pas encore']);
  });

  it('is in GraphQL too', async () => {
    const res = await api().post('/graphql').send({ query: '{ program(edition: "bluehats-2023") { days { sessions { title } } } }' });
    expect(res.body.data.program.days[1].sessions).toHaveLength(2);
  });

  it('answers 404 for an unknown edition', async () => {
    const res = await api().get('/api/editions/inconnue/program');
    expect(res.status).toBe(404);
    expect(res.body.error.details.code).toBe('EDITION_NOT_FOUND');
  });

  it('computes the program in at most 4 SQL queries, the same for 5 and for 300 sessions', async () => {
    const count = async (n: number) => {
      // One room per session: an edition without a room list has a single room.
      const rooms = Array.from({ length: n }, (_, i) => ({ name: `Salle ${i}` }));
      const edition = await createEdition({ programPublicationDate: '2023-12-04T08:00:00.000Z', rooms });
      const speaker = await createSpeaker();
      // One import, one program version at its end (not one per session: src/api/program-version).
      await strapi.service('api::program-version.program-versions').batch([], async () => {
        for (let i = 0; i < n; i++) {
          await createSession({
            edition: edition.documentId,
            speakers: [speaker.documentId],
            // Each in its own room, inside the first afternoon: the program's rules refuse overlaps.
            startsAt: new Date(Date.parse('2023-12-06T13:00:00Z') + (i % 60) * 60_000).toISOString(),
            room: `Salle ${i}`,
          });
        }
      });
      // The listener sees every query of the process: measure twice, keep the smaller, so that
      // unrelated background work cannot inflate the count.
      const measure = async () => {
        appResponseCache.invalidate();
        const { result: res, statements } = await statementsDuring(() => api().get(`/api/editions/${edition.slug}/program`));
        expect(res.body.data.days.flatMap((d: any) => d.sessions)).toHaveLength(n);
        return statements.length;
      };
      return Math.min(await measure(), await measure());
    };
    const five = await count(5);
    const many = await count(300);
    expect(five).toBeGreaterThan(0);
    expect(many).toBe(five);
    // The default locale, the edition with its days and venue, the sessions with their speakers and
    // administrations, the newest program version (src/persistence/joined-read.ts).
    expect(five).toBeLessThanOrEqual(4);
  }, 120_000);
});

describe('exports', () => {
  it('schedule.json validates against the C3VOC JSON schema', async () => {
    const res = await api().get('/api/editions/bluehats-2023/schedule.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    addFormats(ajv);
    ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(SPECS, 'schedule.schema.json'), 'utf8')));
    const ok = validate(res.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const conference = res.body.schedule.conference;
    expect(conference).toMatchObject({ acronym: 'bluehats_2023', time_zone_name: 'Europe/Paris', daysCount: 2 });
    expect(conference.days[0].rooms['Salle BlueHats'][0]).toMatchObject({ date: '2023-12-06T14:00:00+01:00', start: '14:00', duration: '00:10' });
  });

  it('schedule.xml validates against the C3VOC XSD (libxml2 in WebAssembly, no system xmllint)', async () => {
    const res = await api().get('/api/editions/bluehats-2023/schedule.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/xml/);
    const xsd = { fileName: 'schedule.xml.xsd', contents: fs.readFileSync(path.join(SPECS, 'schedule.xml.xsd'), 'utf8') };
    const result = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: res.text }], schema: [xsd] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.text).toContain('<title>Des cartes libres pour tous les services publics</title>');
    // The validator does refuse: the same document without its required <version> is invalid.
    const broken = await validateXML({ xml: [{ fileName: 'broken.xml', contents: res.text.replace(/<version>[^<]*<\/version>/, '') }], schema: [xsd] });
    expect(broken.valid).toBe(false);
    expect(broken.errors[0].message).toMatch(/version/);
  });

  it('iCalendar for the edition parses back, in Paris time, with stable UIDs', async () => {
    const first = await api().get('/api/editions/bluehats-2023/calendar.ics');
    expect(first.headers['content-type']).toMatch(/text\/calendar/);
    expect(first.text).toContain('BEGIN:VTIMEZONE');
    expect(first.text).toContain('TZID:Europe/Paris');
    const events = Object.values(ical.sync.parseICS(first.text)).filter((e: any) => e.type === 'VEVENT') as any[];
    expect(events).toHaveLength(4);
    const opening = events.find((e) => e.summary === 'Ouverture des journées #BlueHats');
    expect(new Date(opening.start).toISOString()).toBe('2023-12-06T13:00:00.000Z');
    expect(new Date(opening.end).toISOString()).toBe('2023-12-06T13:10:00.000Z');
    expect(opening.start.tz).toBe('Europe/Paris');
    appResponseCache.invalidate();
    const second = await api().get('/api/editions/bluehats-2023/calendar.ics');
    const uids = (text: string) =>
      (Object.values(ical.sync.parseICS(text)) as any[])
        .filter((e) => e.type === 'VEVENT')
        .map((e) => e.uid)
        .sort();
    expect(uids(second.text)).toEqual(uids(first.text));
  });

  it('iCalendar for one session', async () => {
    const program = await api().get('/api/editions/bluehats-2023/program');
    const session = program.body.data.days[0].sessions[1];
    const res = await api().get(`/api/sessions/${session.documentId}/calendar.ics`);
    const events = (Object.values(ical.sync.parseICS(res.text)) as any[]).filter((e) => e.type === 'VEVENT');
    expect(events).toHaveLength(1);
    expect(events[0].uid).toBe(`session-${session.documentId}@bluehats-events`);
    expect(events[0].location).toContain('Palais des Congrès');
  });

  it('the announcement is Markdown with front matter, every date from the edition', async () => {
    const res = await api().get('/api/editions/bluehats-2023/announcement.md');
    expect(res.headers['content-type']).toMatch(/text\/markdown/);
    const [, front, body] = res.text.split(/^---$/m);
    expect(parseYaml(front)).toMatchObject({
      title: 'Appel à interventions : Journées #BlueHats des 6 et 7 décembre 2023',
      date: '2023-11-03',
      tags: ['bluehats'],
      deadline: '2023-11-20T23:59:00+01:00',
    });
    for (const fact of [
      'Rendez-vous au salon Open Source Experience, Palais des Congrès (Paris), les mercredi 6 et jeudi 7 décembre 2023, de 14 h à 17 h.',
      '**lundi 20 novembre 2023 à 23 h 59 (heure de Paris)**',
      'de 5 à 20 minutes de préférence (30 minutes au plus)',
      'votre jour préféré (après-midi du 6 décembre ou après-midi du 7 décembre)',
      'Nous vous répondrons avant le lundi 27 novembre 2023',
      'publierons le programme le lundi 4 décembre 2023 à 9 h 00.',
      '(https://www.opensource-experience.com/creer-mon-badge/)',
      '/editions/bluehats-2023/proposer)',
      'mailto:contact@code.gouv.fr',
    ]) {
      expect(body).toContain(fact);
    }
  });

  it('one Markdown page per published session, for a static site', async () => {
    const res = await api().get('/api/editions/bluehats-2023/session-pages');
    expect(res.body.data).toHaveLength(4);
    const page = res.body.data.find((p: any) => p.path === '2023-12-06-2023-cartes-libres.md');
    const [, front] = page.content.split(/^---$/m);
    expect(parseYaml(front)).toMatchObject({
      title: 'Des cartes libres pour tous les services publics',
      date: '2023-12-06T14:15:00+01:00',
      duration: 20,
      speakers: [{ name: 'Dominique Démo', administration: 'IGN' }],
    });
  });
});

describe('HTTP caching', () => {
  it('sends ETag and Cache-Control, keeps the security headers, and answers If-None-Match with 304', async () => {
    const first = await api().get('/api/editions/bluehats-2023/program');
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const cached = await api().get('/api/editions/bluehats-2023/program');
    for (const header of ['content-security-policy', 'x-frame-options', 'strict-transport-security', 'x-content-type-options']) {
      expect(cached.headers[header]).toBeDefined();
    }
    expect(cached.text).toBe(first.text);
    const revalidated = await api().get('/api/editions/bluehats-2023/program').set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
  });

  it('changes the ETag when content is published', async () => {
    const before = await api().get('/api/editions/bluehats-2023/program');
    const session = before.body.data.days[0].sessions[0];
    await strapi
      .documents('api::session.session')
      .update({ documentId: session.documentId, locale: 'fr', data: { title: 'Ouverture (titre corrigé)' } as any });
    await strapi.documents('api::session.session').publish({ documentId: session.documentId, locale: 'fr' });
    const after = await api().get('/api/editions/bluehats-2023/program').set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.days[0].sessions[0].title).toBe('Ouverture (titre corrigé)');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('changes the ETag of stock routes when the computed state changes', async () => {
    testClock.set('2023-11-20T22:59:59.999Z');
    const open = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' } });
    const same = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' } })
      .set('If-None-Match', open.headers.etag);
    expect(same.status).toBe(304);
    testClock.set('2023-11-20T23:00:00.000Z');
    const closed = await api()
      .get('/api/editions')
      .query({ filters: { slug: 'bluehats-2023' } })
      .set('If-None-Match', open.headers.etag);
    expect(closed.status).toBe(200);
    expect(closed.body.data[0].callForProposals.state).toBe('closed');
  });

  it('serves the program again computed once a date boundary passes', async () => {
    testClock.set('2023-12-04T07:59:00.000Z');
    const edition = await createEdition({ programPublicationDate: '2023-12-04T08:00:00.000Z', slug: 'bornes' });
    await createSession({ title: 'Programmée', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
    expect((await api().get('/api/editions/bornes/program')).body.data.days[0].sessions).toEqual([]);
    testClock.set('2023-12-04T08:00:00.000Z');
    await strapi.service('api::session.embargo').publishDue();
    expect((await api().get('/api/editions/bornes/program')).body.data.days[0].sessions).toHaveLength(1);
  });
});

describe('a frontend with the official @strapi/client', () => {
  it('reads editions, the call state and the program', async () => {
    const server = strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { strapi: createClient } = require('@strapi/client');
      const client = createClient({ baseURL: `http://127.0.0.1:${port}/api` });
      const editions = await client.collection('editions').find({ filters: { slug: { $eq: 'bluehats-2023' } }, populate: ['days'] });
      expect(editions.data[0]).toMatchObject({ slug: 'bluehats-2023', callForProposals: { state: 'program-published' } });
      expect(editions.data[0].days).toHaveLength(2);
      const one = await client.collection('editions').findOne(editions.data[0].documentId);
      expect(one.data.title).toBe('Journées #BlueHats des 6 et 7 décembre 2023');
      const program = await (await client.fetch('/editions/bluehats-2023/program')).json();
      expect(program.data.days).toHaveLength(2);
      await expect(client.collection('proposals').find()).rejects.toThrow();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('OpenAPI', () => {
  it('documents every custom route, generated by @strapi/plugin-documentation', async () => {
    const service = strapi.plugin('documentation').service('documentation');
    const file = path.join(service.getFullDocumentationPath(), '1.0.0', 'full_documentation.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const route of [
      '/proposals',
      '/proposals/mine/{token}',
      '/proposals/mine/{token}/confirm',
      '/editions/{edition}/program',
      '/editions/{edition}/schedule.json',
      '/editions/{edition}/schedule.xml',
      '/editions/{edition}/calendar.ics',
      '/editions/{edition}/announcement.md',
      '/sessions/{session}/calendar.ics',
      '/editions',
      '/sessions',
    ]) {
      expect(Object.keys(doc.paths)).toContain(route);
    }
    expect(doc.paths['/proposals'].post.responses['403'].description).toContain('CFP_CLOSED');
    const ui = await api().get('/documentation/v1.0.0');
    expect(ui.status).toBe(200);
  });
});
