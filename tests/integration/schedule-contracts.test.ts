/**
 * What schedule apps (EventFahrplan, Giggity, ConfClerk) and subscribed calendars rely on from one
 * download to the next, on the running app: an event id that survives a correction and a new
 * publication, a schedule version that moves with the program and only then, links to the public
 * pages made from PUBLIC_URL, cancelled sessions that stay listed and marked, and iCalendar files
 * whose bytes (and ETag) change only with the content, with a SEQUENCE that rises when the time or
 * the place changes. The calendars are read by two independent parsers, node-ical and ical.js (Mozilla's,
 * used by Thunderbird), and by a strict line-level RFC 5545 reading (tests/harness/rfc5545.ts).
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import ical from 'node-ical';
import ICAL from 'ical.js';
import { adminToken, AFTER_PROGRAM_2023, api, createEdition, createSession, createSpeaker } from '../harness/factories';
import { prop, readRfc5545 } from '../harness/rfc5545';
import { scheduleJsonErrors, scheduleXmlErrors } from '../harness/schedule-schemas';

const SESSION = 'api::session.session';
const PUBLIC_URL = 'https://evenements.example.gouv.fr';

beforeEach(() => {
  testClock.set(AFTER_PROGRAM_2023);
  appResponseCache.invalidate();
});

interface ScheduleEvent {
  id: number;
  guid: string;
  title: string;
  url: string;
  date: string;
  room: string;
}

const eventsOf = (schedule: any): ScheduleEvent[] => schedule.schedule.conference.days.flatMap((d: any) => Object.values(d.rooms).flat());

async function scheduleJson(slug: string) {
  const res = await api().get(`/api/editions/${slug}/schedule.json`);
  expect(res.status).toBe(200);
  return res.body;
}

async function scheduleXml(slug: string): Promise<string> {
  const res = await api().get(`/api/editions/${slug}/schedule.xml`);
  expect(res.status).toBe(200);
  return res.text;
}

/** Writes the draft as an editor would, then publishes it: Strapi makes a new published row. */
async function editAndPublish(documentId: string, data: Record<string, unknown>) {
  await strapi.documents(SESSION).update({ documentId, locale: 'fr', data: data as any });
  await strapi.documents(SESSION).publish({ documentId, locale: 'fr' });
}

const rowsOf = (documentId: string) => strapi.db.query(SESSION).findMany({ where: { documentId }, select: ['id', 'number', 'publishedAt', 'locale'] });
const publishedRow = (documentId: string) =>
  strapi.db
    .query(SESSION)
    .findOne({ where: { documentId, locale: 'fr', publishedAt: { $notNull: true } }, select: ['id', 'number', 'updatedAt', 'scheduleSequence'] });

/** An edition whose program is out, with sessions on its first afternoon. */
async function programWith(...sessions: Record<string, unknown>[]) {
  const edition = await createEdition();
  const created = [];
  for (const [i, data] of sessions.entries()) {
    created.push(await createSession({ edition: edition.documentId, startsAt: `2023-12-06T1${3 + i}:00:00.000Z`, room: 'Salle BlueHats', ...data }));
  }
  return { edition, sessions: created };
}

describe('the event id', () => {
  it('stays the same when the title is corrected and the session published again', async () => {
    const { edition, sessions } = await programWith({ title: 'Des cartes libres pour tous les sevrices publics' });
    const documentId = sessions[0].documentId;
    const rowBefore = await publishedRow(documentId);
    const [before] = eventsOf(await scheduleJson(edition.slug));
    expect(before.id).toBe(rowBefore.number);
    expect(before.id).toBeGreaterThanOrEqual(1);

    await editAndPublish(documentId, { title: 'Des cartes libres pour tous les services publics' });

    const rowAfter = await publishedRow(documentId);
    // Strapi made a new row for the new publication: an id taken from the row would have changed.
    expect(rowAfter.id).not.toBe(rowBefore.id);
    const [after] = eventsOf(await scheduleJson(edition.slug));
    expect(after).toMatchObject({ id: before.id, guid: before.guid, title: 'Des cartes libres pour tous les services publics' });
    expect(await scheduleXml(edition.slug)).toContain(`<event id="${before.id}" guid="${before.guid}">`);
    // Draft and published rows carry the same number.
    expect(new Set((await rowsOf(documentId)).map((r: { number: number }) => r.number))).toEqual(new Set([before.id]));
  });

  it('is written once: neither an update, nor the admin, nor a new locale changes it; a duplicate gets its own', async () => {
    const token = await adminToken();
    const { sessions } = await programWith({ title: 'Numérotée une fois' });
    const { documentId } = sessions[0];
    const number = (await publishedRow(documentId)).number;

    await strapi
      .documents(SESSION)
      .update({ documentId, locale: 'fr', data: { number: number + 1000, scheduleSequence: 77, title: 'Numérotée, toujours' } as any });
    const cm = (method: 'put' | 'post' | 'get', p: string) =>
      api()[method](`/content-manager/collection-types/${SESSION}${p}`).set('Authorization', `Bearer ${token}`);
    const put = await cm('put', `/${documentId}?locale=fr`).send({ number: 1, title: 'Numérotée, encore' });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ number, scheduleSequence: 0, title: 'Numérotée, encore' });
    // The English version of the same session is the same event.
    await strapi.documents(SESSION).update({ documentId, locale: 'en', data: { title: 'Numbered once' } as any });
    const rows = await rowsOf(documentId);
    expect(rows.map((r: { locale: string }) => r.locale).sort()).toEqual(['en', 'fr', 'fr']);
    expect(rows.every((r: { number: number }) => r.number === number)).toBe(true);

    // The copy goes to the second afternoon: at its source's place it would overlap it (the program's rules).
    const clone = await cm('post', `/clone/${documentId}?locale=fr`).send({
      title: 'La copie',
      slug: `la-copie-${number}`,
      startsAt: '2023-12-07T13:00:00.000Z',
    });
    expect(clone.status).toBeLessThan(300);
    const copy = clone.body.data;
    expect(copy.documentId).not.toBe(documentId);
    expect(copy.number).toBeGreaterThan(number);
    const highest = await strapi.db.query(SESSION).findOne({ where: { number: { $notNull: true } }, orderBy: { number: 'desc' }, select: ['number'] });
    expect(copy.number).toBe(highest.number);
  });

  it('is distinct for sessions created at the same moment, through the admin and the document service', async () => {
    const token = await adminToken();
    // One room per session (an edition without a room list has a single room).
    const edition = await createEdition({ rooms: Array.from({ length: 16 }, (_, i) => ({ name: `Salle ${i}` })) });
    const viaAdmin = (i: number) =>
      api()
        .post(`/content-manager/collection-types/${SESSION}?locale=fr`)
        .set('Authorization', `Bearer ${token}`)
        .send({ title: `En même temps (admin) ${i}`, slug: `en-meme-temps-admin-${edition.slug}-${i}`, edition: edition.documentId, durationMinutes: 10 })
        .then((res) => {
          expect(res.status).toBe(201);
          return res.body.data.documentId as string;
        });
    const viaService = (i: number) =>
      // Each in its own room: at one start in one room they would overlap (the program's rules).
      createSession({ edition: edition.documentId, title: `En même temps ${i}`, startsAt: '2023-12-06T13:00:00.000Z', room: `Salle ${i}` }).then(
        (s) => s.documentId
      );
    const documentIds = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? viaAdmin(i) : viaService(i))));
    const rows: { documentId: string; number: number }[] = await strapi.db
      .query(SESSION)
      .findMany({ where: { documentId: { $in: documentIds } }, select: ['documentId', 'number'] });
    const byDocument = new Map<string, Set<number>>();
    for (const row of rows) byDocument.set(row.documentId, (byDocument.get(row.documentId) ?? new Set()).add(row.number));
    expect(byDocument.size).toBe(16);
    for (const numbers of byDocument.values()) expect(numbers.size).toBe(1); // draft and published agree
    const numbers = [...byDocument.values()].map((n) => [...n][0]);
    expect(numbers.every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
    expect(new Set(numbers).size).toBe(16);
  });

  it('survives a restore: a restored number is kept, a session without one is numbered after the highest', async () => {
    const { edition, sessions } = await programWith({ title: 'Restaurée avec son numéro' }, { title: 'Antérieure aux numéros' });
    const [kept, older] = sessions.map((s) => s.documentId);
    const highest = (await strapi.db.query(SESSION).findOne({ where: { number: { $notNull: true } }, orderBy: { number: 'desc' }, select: ['number'] })).number;
    // As `strapi import` writes rows (the database, not the document service): one brings its number,
    // the other comes from before numbers existed.
    await strapi.db.query(SESSION).updateMany({ where: { documentId: kept }, data: { number: highest + 50 } });
    await strapi.db.query(SESSION).updateMany({ where: { documentId: older }, data: { number: null } });

    // The export numbers what it finds unnumbered, once, and says the same afterwards.
    const events = eventsOf(await scheduleJson(edition.slug));
    expect(events.map((e) => [e.title, e.id])).toEqual([
      ['Restaurée avec son numéro', highest + 50],
      ['Antérieure aux numéros', highest + 51],
    ]);
    expect(await strapi.db.query(SESSION).count({ where: { documentId: older, number: highest + 51 } })).toBe(2);
    const next = await createSession({ edition: edition.documentId });
    expect((await publishedRow(next.documentId)).number).toBe(highest + 52);
    expect(await strapi.service('api::session.schedule-identity').numberUnnumbered()).toBe(0);
  });
});

describe('the schedule version', () => {
  it('is the program version, the same in JSON and XML, stays when nothing changed, and changes with the program', async () => {
    const { edition, sessions } = await programWith({ title: 'Version un' });
    const v1 = (await scheduleJson(edition.slug)).schedule.version;
    expect(v1).toBe('1'); // published after the program date: version 1 (src/api/program-version)
    expect(await scheduleXml(edition.slug)).toContain(`<version>${v1}</version>`);

    testClock.set(new Date(Date.parse(AFTER_PROGRAM_2023) + 60_000).toISOString());
    appResponseCache.invalidate();
    expect((await scheduleJson(edition.slug)).schedule.version).toBe(v1);

    await editAndPublish(sessions[0].documentId, { title: 'Version deux' });
    const v2 = (await scheduleJson(edition.slug)).schedule.version;
    expect(v2).toBe('2');
    expect(await scheduleXml(edition.slug)).toContain(`<version>${v2}</version>`);
  });
});

describe('absolute links and PUBLIC_URL', () => {
  let before: string;
  beforeEach(() => {
    before = strapi.config.get<string>('server.url');
  });
  afterEach(() => {
    strapi.config.set('server.url', before);
  });

  it('base_url, the conference and event urls, and the calendar URL follow PUBLIC_URL; the UIDs do not', async () => {
    const { edition, sessions } = await programWith({ title: 'Une page publique' });
    const session = await strapi.documents(SESSION).findOne({ documentId: sessions[0].documentId, locale: 'fr' });
    const uidsWithout = readRfc5545((await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text).events.map((e) => prop(e, 'UID')?.value);
    expect(uidsWithout).toEqual([`session-${session!.documentId}@bluehats-events`]);

    strapi.config.set('server.url', `${PUBLIC_URL}/`);
    appResponseCache.invalidate();
    const schedule = await scheduleJson(edition.slug);
    const pageUrl = `${PUBLIC_URL}/editions/${edition.slug}/programme/${session!.slug}`;
    expect(schedule.schedule.base_url).toBe(`${PUBLIC_URL}/`);
    expect(schedule.schedule.conference.url).toBe(`${PUBLIC_URL}/editions/${edition.slug}/programme`);
    expect(eventsOf(schedule)[0].url).toBe(pageUrl);
    expect(await scheduleXml(edition.slug)).toContain(`<url>${pageUrl}</url>`);
    const calendar = readRfc5545((await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text);
    expect(calendar.events.map((e) => [prop(e, 'UID')?.value, prop(e, 'URL')?.value])).toEqual([[uidsWithout[0], pageUrl]]);

    // The event's url is the session's public page, which answers.
    const page = await api().get(pageUrl.slice(PUBLIC_URL.length));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<h1>Une page publique</h1>');
  });

  const bootWarnings = (env: Record<string, string>) =>
    new Promise<string[]>((resolve, reject) => {
      const file = path.join('.tmp', `boot-warnings-${process.pid}-${env.PUBLIC_URL ? 'set' : 'unset'}.db`);
      const appDir = path.resolve(__dirname, '..', '..');
      execFile(
        process.execPath,
        [path.join(__dirname, '..', 'harness', 'boot-warnings.js')],
        {
          cwd: appDir,
          env: { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file, DATABASE_URL: '', CRON_ENABLED: 'false', SMTP_PORT: '9', ...env },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, file + suffix), { force: true });
          if (error) return reject(new Error(`${error.message}\n${stderr}`));
          const report = stdout.split('\n').find((line) => line.startsWith('{"warnings":'));
          if (!report) return reject(new Error(`no report in ${stdout}\n${stderr}`));
          resolve(JSON.parse(report).warnings);
        }
      );
    });

  it('a production boot without PUBLIC_URL warns once, in French and English; with it, not at all', async () => {
    // Two boots side by side: each creates its own database, which takes most of the time.
    const [without, withIt] = await Promise.all([
      bootWarnings({ NODE_ENV: 'production', PUBLIC_URL: '' }),
      bootWarnings({ NODE_ENV: 'production', PUBLIC_URL }),
    ]);
    const aboutPublicUrl = (warnings: string[]) => warnings.filter((w) => w.includes('PUBLIC_URL'));
    expect(aboutPublicUrl(without)).toHaveLength(1);
    expect(aboutPublicUrl(without)[0]).toMatch(/^PUBLIC_URL n'est pas défini : .*http:\/\/localhost:\d+.* \/ PUBLIC_URL is not set: /);
    expect(aboutPublicUrl(withIt)).toEqual([]);
  }, 180_000);
});

describe('a cancelled session', () => {
  it('stays at its place, marked, in every export and on the pages', async () => {
    const { edition, sessions } = await programWith({ title: 'Maintenue' }, { title: 'Finalement annulée' });
    const cancelled = sessions[1].documentId;
    const sequenceBefore = (await publishedRow(cancelled)).scheduleSequence;
    await editAndPublish(cancelled, { cancelled: true });

    const schedule = await scheduleJson(edition.slug);
    expect(scheduleJsonErrors(schedule)).toEqual([]);
    expect(eventsOf(schedule).map((e) => e.title)).toEqual(['Maintenue', 'Annulée\u00a0: Finalement annulée']);
    const xml = await scheduleXml(edition.slug);
    expect(await scheduleXmlErrors(xml)).toEqual([]);
    expect(xml).toContain('<title>Annulée\u00a0: Finalement annulée</title>');

    const calendar = readRfc5545((await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text);
    expect(calendar.problems).toEqual([]);
    expect(calendar.events.map((e) => [prop(e, 'STATUS')?.value ?? null, prop(e, 'SEQUENCE')?.value])).toEqual([
      [null, '0'],
      ['CANCELLED', String(sequenceBefore + 1)],
    ]);

    const pages = (await api().get(`/api/editions/${edition.slug}/session-pages`)).body.data.map((p: { content: string }) => p.content);
    expect(pages.map((page: string) => [/^cancelled: true$/m.test(page), /^\*\*Session annulée\.\*\*$/m.test(page)])).toEqual([
      [false, false],
      [true, true],
    ]);

    const program = await api().get(`/api/editions/${edition.slug}/program`);
    expect(program.body.data.days[0].sessions.map((s: any) => [s.title, s.cancelled])).toEqual([
      ['Maintenue', false],
      ['Finalement annulée', true],
    ]);

    // On the program page, the badge sits in the cancelled session's card, and only there.
    const cards = (html: string) => html.split('<div class="fr-card fr-card--horizontal').slice(1);
    const page = await api().get(`/editions/${edition.slug}/programme`);
    expect(page.status).toBe(200);
    expect(cards(page.text).map((card) => [/Finalement annulée/.test(card), /data-cancelled>Annulée</.test(card)])).toEqual([
      [false, false],
      [true, true],
    ]);
    const english = await api().get(`/editions/${edition.slug}/programme?lang=en`);
    expect(english.text).toMatch(/class="fr-badge fr-badge--error[^"]*" data-cancelled>Cancelled</);
    const sessionPage = await api().get(
      `/editions/${edition.slug}/programme/${(await strapi.documents(SESSION).findOne({ documentId: cancelled, locale: 'fr' }))!.slug}`
    );
    expect(sessionPage.text).toMatch(/<h1>Finalement annulée<\/h1>\s*<p class="fr-badge fr-badge--error fr-badge--no-icon" data-cancelled>Annulée<\/p>/);
    const keptPage = await api().get(
      `/editions/${edition.slug}/programme/${(await strapi.documents(SESSION).findOne({ documentId: sessions[0].documentId, locale: 'fr' }))!.slug}`
    );
    expect(keptPage.text).not.toContain('data-cancelled');
  });
});

describe('iCalendar', () => {
  const utcStamp = (at: string | Date) =>
    new Date(at)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');

  it('takes DTSTAMP from the last change, in UTC: a poll 15 s later gets 304, a change a new ETag', async () => {
    const speaker = await createSpeaker({ name: 'Dominique Démo' });
    const { edition, sessions } = await programWith({ title: 'Toujours la même', speakers: [speaker.documentId] });
    const { documentId } = sessions[0];
    const path = `/api/editions/${edition.slug}/calendar.ics`;
    const first = await api().get(path);
    expect(first.status).toBe(200);
    const { problems, events } = readRfc5545(first.text);
    expect(problems).toEqual([]);
    expect(prop(events[0], 'DTSTAMP')?.value).toBe(utcStamp((await publishedRow(documentId)).updatedAt));

    // 15 s later the cached answer has expired (10 s) and the file is written again: the same bytes.
    testClock.set(new Date(Date.parse(AFTER_PROGRAM_2023) + 15_000).toISOString());
    const poll = await api().get(path).set('If-None-Match', first.headers.etag);
    expect(poll.status).toBe(304);
    const session = await api().get(`/api/sessions/${documentId}/calendar.ics`);
    testClock.set(new Date(Date.parse(AFTER_PROGRAM_2023) + 30_000).toISOString());
    expect((await api().get(`/api/sessions/${documentId}/calendar.ics`).set('If-None-Match', session.headers.etag)).status).toBe(304);

    await editAndPublish(documentId, { abstract: 'Un résumé ajouté.' });
    const changed = await api().get(path).set('If-None-Match', first.headers.etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    const stamp = prop(readRfc5545(changed.text).events[0], 'DTSTAMP')!.value;
    expect(stamp).toBe(utcStamp((await publishedRow(documentId)).updatedAt));
  });

  it('raises SEQUENCE when the start, the duration or the room changes, in the admin too, not for the title', async () => {
    const token = await adminToken();
    const { sessions } = await programWith({ title: 'Qui bouge' });
    const { documentId } = sessions[0];
    const sequence = async () => {
      const res = await api().get(`/api/sessions/${documentId}/calendar.ics`);
      const { problems, events } = readRfc5545(res.text);
      expect(problems).toEqual([]);
      return prop(events[0], 'SEQUENCE')?.value;
    };
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['title', () => editAndPublish(documentId, { title: 'Qui bouge, titre corrigé' })],
      ['start', () => editAndPublish(documentId, { startsAt: '2023-12-06T15:00:00.000Z' })],
      ['same start, written differently', () => editAndPublish(documentId, { startsAt: '2023-12-06T16:00:00+01:00' })],
      ['duration', () => editAndPublish(documentId, { durationMinutes: 30 })],
      ['room', () => editAndPublish(documentId, { room: 'Salle 2' })],
      [
        'room, in the admin',
        async () => {
          const cm = (p: string) => api().post(`/content-manager/collection-types/${SESSION}${p}`).set('Authorization', `Bearer ${token}`);
          expect(
            (
              await api()
                .put(`/content-manager/collection-types/${SESSION}/${documentId}?locale=fr`)
                .set('Authorization', `Bearer ${token}`)
                .send({ room: 'Salle 3' })
            ).status
          ).toBe(200);
          expect((await cm(`/${documentId}/actions/publish?locale=fr`).send({})).status).toBe(200);
        },
      ],
      ['abstract', () => editAndPublish(documentId, { abstract: 'Rien qui bouge.' })],
    ];
    const seen: Array<[string, string | undefined]> = [['created', await sequence()]];
    for (const [label, step] of steps) {
      await step();
      seen.push([label, await sequence()]);
    }
    expect(seen).toEqual([
      ['created', '0'],
      ['title', '0'],
      ['start', '1'],
      ['same start, written differently', '1'],
      ['duration', '2'],
      ['room', '3'],
      ['room, in the admin', '4'],
      ['abstract', '4'],
    ]);
  });

  it('keeps local times in the edition zone across the end of summer time, read by two parsers', async () => {
    testClock.set('2023-10-05T08:00:00.000Z');
    const edition = await createEdition({
      cfpOpensAt: '2023-09-01T07:00:00.000Z',
      cfpClosesAt: '2023-09-20T21:59:00.000Z',
      responseDate: '2023-09-25T22:00:00.000Z',
      programPublicationDate: '2023-10-01T07:00:00.000Z',
      days: [
        { date: '2023-10-27', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'vendredi' },
        { date: '2023-10-30', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'lundi' },
      ],
    });
    // 14:00 in Paris both days: 12:00 UTC in summer time (CEST, +2), 13:00 UTC after the change (CET, +1) on 29 October.
    await createSession({ edition: edition.documentId, title: 'Heure d’été', startsAt: '2023-10-27T12:00:00.000Z', durationMinutes: 30 });
    await createSession({ edition: edition.documentId, title: 'Heure d’hiver', startsAt: '2023-10-30T13:00:00.000Z', durationMinutes: 30 });

    const body = (await api().get(`/api/editions/${edition.slug}/calendar.ics`)).text;
    const { problems, events } = readRfc5545(body);
    expect(problems).toEqual([]);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(events.map((e) => [prop(e, 'SUMMARY')?.value, `${prop(e, 'DTSTART')?.params.TZID}:${prop(e, 'DTSTART')?.value}`, prop(e, 'DTEND')?.value])).toEqual([
      ['Heure d’été', 'Europe/Paris:20231027T140000', '20231027T143000'],
      ['Heure d’hiver', 'Europe/Paris:20231030T140000', '20231030T143000'],
    ]);
    expect(body).toMatch(/BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0200[\s\S]*BEGIN:STANDARD[\s\S]*TZOFFSETTO:\+0100/);

    const parsed = (Object.values(ical.sync.parseICS(body)) as ical.VEvent[]).filter((c) => c.type === 'VEVENT');
    expect(parsed.map((e) => [e.summary, new Date(e.start).toISOString(), new Date(e.end).toISOString(), e.start.tz])).toEqual([
      ['Heure d’été', '2023-10-27T12:00:00.000Z', '2023-10-27T12:30:00.000Z', 'Europe/Paris'],
      ['Heure d’hiver', '2023-10-30T13:00:00.000Z', '2023-10-30T13:30:00.000Z', 'Europe/Paris'],
    ]);
    expect(parsed.every((e) => /^session-[a-z0-9]+@bluehats-events$/.test(e.uid))).toBe(true);

    // ical.js resolves each local time with the calendar's own VTIMEZONE, as Thunderbird does.
    const calendar = new ICAL.Component(ICAL.parse(body));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const read = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(read.map((e) => [e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString(), e.startDate.zone?.tzid])).toEqual([
      ['Heure d’été', '2023-10-27T12:00:00.000Z', '2023-10-27T12:30:00.000Z', 'Europe/Paris'],
      ['Heure d’hiver', '2023-10-30T13:00:00.000Z', '2023-10-30T13:30:00.000Z', 'Europe/Paris'],
    ]);
    const stamps = calendar.getAllSubcomponents('vevent').map((v) => v.getFirstProperty('dtstamp')!.getFirstValue() as ICAL.Time);
    expect(stamps.every((t) => t.zone === ICAL.Timezone.utcTimezone)).toBe(true);

    const schedule = await scheduleJson(edition.slug);
    expect(scheduleJsonErrors(schedule)).toEqual([]);
    expect(eventsOf(schedule).map((e) => e.date)).toEqual(['2023-10-27T14:00:00+02:00', '2023-10-30T14:00:00+01:00']);
    expect(await scheduleXmlErrors(await scheduleXml(edition.slug))).toEqual([]);
  });
});
