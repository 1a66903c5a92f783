/**
 * What schedule apps and calendars rely on, as pure rules: the session's number and sequence, the
 * schedule's version, the links, the cancelled mark, the iCalendar text (two readers: a strict
 * line-level RFC 5545 reading and node-ical), local times across the autumn daylight-saving change.
 */
import ical from 'node-ical';
import { nextScheduleSequence, nextSessionNumber, scheduleChanged } from '../../src/domain/schedule-identity';
import { buildProgram, type ProgramEdition } from '../../src/domain/program';
import { publicLinks } from '../../src/domain/exports/links';
import { cancelledTitle } from '../../src/domain/exports/cancellation';
import { scheduleJson, scheduleVersion, scheduleXml } from '../../src/domain/exports/schedule';
import { editionCalendar, sessionCalendar } from '../../src/domain/exports/ical';
import { missingPublicUrlWarning } from '../../src/http/public-url';
import { prop, readRfc5545 } from '../harness/rfc5545';

describe('the session number', () => {
  it.each([
    [null, 1],
    [undefined, 1],
    [0, 1],
    [41, 42],
  ])('after %p comes %p', (highest, next) => {
    expect(nextSessionNumber(highest)).toBe(next);
  });
});

describe('the schedule sequence', () => {
  const before = { startsAt: '2023-12-06T13:00:00.000Z', durationMinutes: 20, room: 'Salle BlueHats', cancelled: false };

  it.each<[string, Record<string, unknown>, boolean]>([
    ['the same instant as a Date', { startsAt: new Date('2023-12-06T13:00:00.000Z') }, false],
    ['the same instant without milliseconds', { startsAt: '2023-12-06T13:00:00Z' }, false],
    ['one millisecond later', { startsAt: '2023-12-06T13:00:00.001Z' }, true],
    ['no start any more', { startsAt: null }, true],
    ['the same duration as a string', { durationMinutes: '20' }, false],
    ['a longer duration', { durationMinutes: 30 }, true],
    ['another room', { room: 'Salle 2' }, true],
    ['the same room with spaces around', { room: ' Salle BlueHats ' }, false],
    ['cancelled', { cancelled: true }, true],
    ['not cancelled, again', { cancelled: false }, false],
    ['a new title only', { title: 'Autre titre', abstract: 'Autre résumé' }, false],
    ['nothing', {}, false],
  ])('%s: changed = %p', (_label, change, changed) => {
    expect(scheduleChanged(before, change)).toBe(changed);
  });

  it('an empty room and no room are the same place', () => {
    expect(scheduleChanged({ room: null }, { room: '' })).toBe(false);
    expect(scheduleChanged({ room: '' }, { room: 'Salle 2' })).toBe(true);
  });

  it('goes up by one on a change, stays otherwise, starts from 0', () => {
    expect(nextScheduleSequence(null, true)).toBe(1);
    expect(nextScheduleSequence(3, true)).toBe(4);
    expect(nextScheduleSequence(3, false)).toBe(3);
  });
});

describe('PUBLIC_URL at boot', () => {
  it('warns in production when it is missing, in French then English, on one line', () => {
    const warning = missingPublicUrlWarning('', 'production', 'http://localhost:1337');
    expect(warning).toMatch(/^PUBLIC_URL n'est pas défini .* \/ PUBLIC_URL is not set: .*http:\/\/localhost:1337/);
    expect(warning).not.toMatch(/\n/);
    expect(missingPublicUrlWarning(undefined, 'production', 'http://localhost:1337')).toBe(warning);
    expect(missingPublicUrlWarning('  ', 'production', 'http://localhost:1337')).toBe(warning);
  });

  it('is quiet when it is set, and outside production', () => {
    expect(missingPublicUrlWarning('https://evenements.example.gouv.fr', 'production', 'x')).toBeNull();
    expect(missingPublicUrlWarning('', 'development', 'x')).toBeNull();
    expect(missingPublicUrlWarning('', 'test', 'x')).toBeNull();
    expect(missingPublicUrlWarning('', undefined, 'x')).toBeNull();
  });
});

describe('links', () => {
  it('point to the public pages, from PUBLIC_URL without its trailing slash', () => {
    const links = publicLinks('https://evenements.example.gouv.fr/', 'bluehats-2023', { pages: true });
    expect(links.program).toBe('https://evenements.example.gouv.fr/editions/bluehats-2023/programme');
    expect(links.session({ slug: 'cartes-libres', documentId: 'abc' })).toBe(
      'https://evenements.example.gouv.fr/editions/bluehats-2023/programme/cartes-libres'
    );
  });

  it('point to the API in a headless deployment', () => {
    const links = publicLinks('https://api.example.org', 'bluehats-2023', { pages: false });
    expect(links.program).toBe('https://api.example.org/api/editions/bluehats-2023/program');
    expect(links.session({ slug: 'cartes-libres', documentId: 'abc' })).toBe('https://api.example.org/api/sessions/abc');
  });

  it('encode what is not a URL character', () => {
    expect(publicLinks('https://e.example', 'éd ition', { pages: true }).session({ slug: 'a/b?c', documentId: 'x' })).toBe(
      'https://e.example/editions/%C3%A9d%20ition/programme/a%2Fb%3Fc'
    );
  });
});

describe('the cancelled mark', () => {
  it('prefixes the title in the program language', () => {
    expect(cancelledTitle('Ouverture', 'fr')).toBe('Annulée\u00a0: Ouverture');
    expect(cancelledTitle('Opening', 'en')).toBe('Cancelled: Opening');
  });
});

/** An autumn edition on both sides of the end of summer time in Paris (29 October 2023, 03:00 → 02:00). */
const AUTUMN: ProgramEdition = {
  documentId: 'ed1',
  slug: 'automne-2023',
  title: "Journées d'automne",
  year: 2023,
  timeZone: 'Europe/Paris',
  locale: 'fr',
  updatedAt: '2023-10-01T08:00:00.000Z',
  venue: { name: 'Salle des fêtes', address: '1 place de la Mairie' },
  days: [
    { date: '2023-10-27', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'vendredi' },
    { date: '2023-10-30', startTime: '14:00:00.000', endTime: '17:00:00.000', label: 'lundi' },
  ],
} as ProgramEdition;

const raw = (over: Record<string, unknown>) => ({
  id: 1,
  documentId: 's1',
  number: 1,
  slug: 'avant',
  title: 'Avant le changement d’heure',
  abstract: 'Résumé ; avec, des\nsignes',
  startsAt: '2023-10-27T12:00:00.000Z', // 14:00 CEST
  durationMinutes: 30,
  room: 'Salle A',
  format: 'talk',
  cancelled: false,
  scheduleSequence: 0,
  updatedAt: '2023-10-02T09:30:15.123Z',
  speakers: [{ documentId: 'sp1', name: 'Camille Exemple', administration: { name: 'Direction interministérielle du numérique', acronym: 'DINUM' } }],
  ...over,
});

const program = () =>
  buildProgram(AUTUMN, [
    raw({}),
    raw({
      id: 7,
      documentId: 's2',
      number: 2,
      slug: 'apres',
      title: 'Après le changement d’heure',
      startsAt: '2023-10-30T13:00:00.000Z', // 14:00 CET
      cancelled: true,
      scheduleSequence: 3,
      updatedAt: '2023-10-20T16:45:00.000Z',
    }),
  ]);

const options = { links: publicLinks('https://evenements.example.gouv.fr', AUTUMN.slug, { pages: true }), uidDomain: 'bluehats-events' };

describe('the C3VOC schedule', () => {
  const scheduleOptions = { baseUrl: 'https://evenements.example.gouv.fr', links: options.links, now: new Date('2023-10-25T10:00:00Z') };

  it('numbers events with the session number, links their public page, and marks the cancelled one', () => {
    const events = scheduleJson(program(), scheduleOptions).schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
    expect(events.map((e) => [e.id, e.title, e.url, e.date])).toEqual([
      [1, 'Avant le changement d’heure', 'https://evenements.example.gouv.fr/editions/automne-2023/programme/avant', '2023-10-27T14:00:00+02:00'],
      [
        2,
        'Annulée\u00a0: Après le changement d’heure',
        'https://evenements.example.gouv.fr/editions/automne-2023/programme/apres',
        '2023-10-30T14:00:00+01:00',
      ],
    ]);
  });

  it('has a version that follows the content, the same in JSON and XML', () => {
    const json = scheduleJson(program(), scheduleOptions).schedule;
    expect(json.version).toMatch(/^[0-9a-f]{12}$/);
    expect(scheduleJson(program(), scheduleOptions).schedule.version).toBe(json.version);
    expect(scheduleXml(program(), scheduleOptions)).toContain(`<version>${json.version}</version>`);
    const { version: _v, ...content } = json;
    expect(scheduleVersion(content)).toBe(json.version);
    const moved = buildProgram(AUTUMN, [raw({ room: 'Salle B' })]);
    const alone = buildProgram(AUTUMN, [raw({})]);
    expect(scheduleJson(moved, scheduleOptions).schedule.version).not.toBe(scheduleJson(alone, scheduleOptions).schedule.version);
  });
});

describe('iCalendar', () => {
  it('reads as RFC 5545 line by line: CRLF at the end, DTSTAMP in UTC from the last change, SEQUENCE, STATUS', () => {
    const body = editionCalendar(program(), options);
    const { problems, events } = readRfc5545(body);
    expect(problems).toEqual([]);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(events.map((e) => [prop(e, 'UID')?.value, prop(e, 'DTSTAMP')?.value, prop(e, 'SEQUENCE')?.value, prop(e, 'STATUS')?.value ?? null])).toEqual([
      ['session-s1@bluehats-events', '20231002T093015Z', '0', null],
      ['session-s2@bluehats-events', '20231020T164500Z', '3', 'CANCELLED'],
    ]);
  });

  it('writes local times in the edition zone on both sides of the change of time', () => {
    const { events } = readRfc5545(editionCalendar(program(), options));
    expect(events.map((e) => [prop(e, 'DTSTART')?.params.TZID, prop(e, 'DTSTART')?.value, prop(e, 'DTEND')?.value])).toEqual([
      ['Europe/Paris', '20231027T140000', '20231027T143000'],
      ['Europe/Paris', '20231030T140000', '20231030T143000'],
    ]);
  });

  it('parses back with node-ical to the same instants, in Europe/Paris', () => {
    const parsed = Object.values(ical.sync.parseICS(editionCalendar(program(), options))).filter((c) => c.type === 'VEVENT') as ical.VEvent[];
    expect(
      parsed.map((e) => [e.uid, new Date(e.start).toISOString(), new Date(e.end).toISOString(), e.start.tz, e.status ?? null, Number(e.sequence)])
    ).toEqual([
      ['session-s1@bluehats-events', '2023-10-27T12:00:00.000Z', '2023-10-27T12:30:00.000Z', 'Europe/Paris', null, 0],
      ['session-s2@bluehats-events', '2023-10-30T13:00:00.000Z', '2023-10-30T13:30:00.000Z', 'Europe/Paris', 'CANCELLED', 3],
    ]);
    expect(new Date(parsed[0].dtstamp).toISOString()).toBe('2023-10-02T09:30:15.000Z');
    expect(parsed[1].summary).toBe('Annulée\u00a0: Après le changement d’heure');
    // URL;VALUE=URI:… — node-ical keeps the parameter beside the value.
    expect(parsed[0].url).toEqual({ params: { VALUE: 'URI' }, val: 'https://evenements.example.gouv.fr/editions/automne-2023/programme/avant' });
  });

  it('gives the same bytes for the same program', () => {
    expect(editionCalendar(program(), options)).toBe(editionCalendar(program(), options));
    const one = program().days[0].sessions[0];
    expect(sessionCalendar(program(), one, options)).toBe(sessionCalendar(program(), one, options));
    expect(readRfc5545(sessionCalendar(program(), one, options)).problems).toEqual([]);
  });

  it('the line-level reading does refuse a wrong file', () => {
    const body = editionCalendar(program(), options);
    expect(readRfc5545(body.replace(/\r\n$/, '')).problems).toContain('the file does not end with CRLF');
    expect(readRfc5545(body.replace('DTSTAMP:20231002T093015Z', 'DTSTAMP:20231002T093015')).problems).toContain(
      'VEVENT 1: DTSTAMP 20231002T093015 is not in UTC'
    );
    expect(readRfc5545(body.replace('SUMMARY:', `SUMMARY:${'x'.repeat(80)}`)).problems.join()).toMatch(/octets \(75 at most\)/);
    expect(readRfc5545(body.replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/, '')).problems).toContain('TZID Europe/Paris has no VTIMEZONE');
  });
});
