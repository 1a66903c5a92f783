/**
 * The C3VOC conference schedule ("schedule.json" / "schedule.xml"), the format pretalx and frab emit
 * and Giggity, ConfClerk and EventFahrplan read. Pure: no Strapi import.
 */
import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { create } from 'xmlbuilder2';
import { zoneOf } from '../edition-calendar';
import type { Program, ProgramSession } from '../program';
import { exportedTitle } from './cancellation';
import type { PublicLinks } from './links';

const FORMAT_TYPE: Record<string, string> = {
  talk: 'talk',
  lightning_talk: 'lightning talk',
  round_table: 'discussion',
  workshop: 'workshop',
  // Program items: the C3VOC schema's `type` is a free string whose examples end with "other".
  break: 'break',
  welcome: 'other',
  closing: 'other',
};

/** A stable UUID (version 5 layout) derived from a name: the same session always gets the same guid. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`bluehats-events:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "bluehats-2023" → "bluehats_2023": the acronym pattern allows no inner hyphen. */
export const acronymOf = (slug: string) =>
  slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .padEnd(4, '_');

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The version of this generator's output format, not of the program (that is `schedule.version`). */
const GENERATOR_VERSION = '1.0';

export interface ScheduleOptions {
  /** PUBLIC_URL: the schedule's `base_url`. */
  baseUrl: string;
  /** Where the conference and each event link to (src/domain/exports/links.ts). */
  links: PublicLinks;
  /** The instant of the export: a program without days starts and ends on its date. */
  now: Date;
  /** The program's current version number (src/domain/program-versions.ts); none yet: the content digest. */
  programVersion?: number | null;
}

/**
 * The schedule's `version` before the program has one: a short digest of everything else it says.
 * Apps compare it with the one they hold to tell the reader the program changed; the same program
 * gives the same version, in the JSON and the XML alike (both are written from one object).
 */
export function scheduleVersion(schedule: object): string {
  return createHash('sha256').update(JSON.stringify(schedule)).digest('hex').slice(0, 12);
}

/** `"3"` for the program's version 3 (what EventFahrplan and Giggity show as the version); the digest before version 1. */
export function scheduleVersionName(programVersion: number | null, content: object): string {
  return programVersion ? String(programVersion) : scheduleVersion(content);
}

function eventOf(program: Program, session: ProgramSession, options: ScheduleOptions) {
  const zone = zoneOf(program.edition);
  const start = DateTime.fromISO(session.startsAt!, { zone });
  const acronym = acronymOf(program.edition.slug);
  const slug = `${acronym}-${session.slug
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+$/, '')}`.padEnd(10, '0');
  const links = [
    ...(session.slidesUrl ? [{ type: 'slides', url: session.slidesUrl, title: 'Supports' }] : []),
    ...(session.videoUrl ? [{ type: 'media', url: session.videoUrl, title: 'Vidéo' }] : []),
  ];
  if (session.number === null) throw new Error(`Session ${session.documentId} has no number`);
  return {
    guid: stableUuid(`session:${session.documentId}`),
    // Stable across corrections and republications (src/domain/schedule-identity.ts): EventFahrplan keys favourites and alarms on it.
    id: session.number,
    date: start.toISO({ suppressMilliseconds: true })!,
    start: start.toFormat('HH:mm'),
    duration: hhmm(session.durationMinutes ?? 0),
    room: session.room || 'Salle principale',
    slug,
    url: options.links.session(session),
    title: exportedTitle(session, program.edition.locale),
    subtitle: null,
    track: null,
    type: FORMAT_TYPE[session.format ?? 'talk'] ?? 'talk',
    language: program.edition.locale ?? 'fr',
    abstract: session.abstract ?? '',
    description: null,
    persons: session.speakers.map((s) => ({ guid: stableUuid(`speaker:${s.documentId}`), name: s.name, public_name: s.name })),
    links,
  };
}

export function scheduleJson(program: Program, options: ScheduleOptions) {
  const zone = zoneOf(program.edition);
  const days = program.days.filter((d) => d.sessions.some((s) => s.startsAt));
  const first = program.days[0];
  const last = program.days[program.days.length - 1];
  const dayBounds = (day: Program['days'][number]) => {
    const starts = day.sessions.map((s) => s.startsAt!).sort();
    const ends = day.sessions.map((s) => s.endsAt ?? s.startsAt!).sort();
    return {
      start: day.start ?? starts[0],
      end: day.end ?? ends[ends.length - 1],
    };
  };
  const local = (iso: string) => DateTime.fromISO(iso, { zone }).toISO({ suppressMilliseconds: true })!;
  const today = DateTime.fromJSDate(options.now, { zone }).toISODate()!;
  const content = {
    base_url: `${options.baseUrl.replace(/\/+$/, '')}/`,
    conference: {
      acronym: acronymOf(program.edition.slug),
      title: program.edition.title,
      ...(program.edition.description ? { description: program.edition.description } : {}),
      start: first ? first.date : today,
      end: last ? last.date : today,
      daysCount: program.days.length,
      timeslot_duration: '00:05',
      time_zone_name: zone,
      url: options.links.program,
      rooms: [...new Set(days.flatMap((d) => d.sessions.map((s) => s.room || 'Salle principale')))].map((name) => ({
        name,
        guid: stableUuid(`room:${program.edition.documentId}:${name}`),
      })),
      days: program.days.map((day) => {
        const bounds = dayBounds(day);
        const rooms: Record<string, ReturnType<typeof eventOf>[]> = {};
        for (const session of day.sessions) {
          const event = eventOf(program, session, options);
          (rooms[event.room] ??= []).push(event);
        }
        return {
          index: day.index,
          date: day.date,
          day_start: bounds.start ? local(bounds.start) : `${day.date}T00:00:00Z`,
          day_end: bounds.end ? local(bounds.end) : `${day.date}T23:59:00Z`,
          rooms,
        };
      }),
    },
  };
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'bluehats-events', version: GENERATOR_VERSION },
    // The program's version number, as pretalx writes its release's name here; a digest until the first.
    schedule: { version: scheduleVersionName(options.programVersion ?? null, content), ...content },
  };
}

export function scheduleXml(program: Program, options: ScheduleOptions): string {
  const json = scheduleJson(program, options).schedule;
  const c = json.conference;
  // xmlbuilder2 escapes text and attributes (`<`, `&`, `"`), but writes characters XML 1.0 cannot hold
  // (a control character pasted into a title) as they are, which makes the file unreadable: drop them.
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' }).ele('schedule');
  root.ele('generator', { name: 'bluehats-events', version: GENERATOR_VERSION });
  root.ele('version').txt(json.version);
  const conference = root.ele('conference');
  conference.ele('title').txt(c.title);
  conference.ele('acronym').txt(c.acronym);
  conference.ele('start').txt(c.start);
  conference.ele('end').txt(c.end);
  conference.ele('days').txt(String(c.daysCount));
  conference.ele('timeslot_duration').txt(c.timeslot_duration);
  conference.ele('base_url').txt(json.base_url);
  conference.ele('time_zone_name').txt(c.time_zone_name);
  for (const day of c.days) {
    const d = root.ele('day', { index: String(day.index), date: day.date, start: day.day_start, end: day.day_end });
    for (const [roomName, events] of Object.entries(day.rooms)) {
      const room = d.ele('room', { name: roomName, guid: stableUuid(`room:${program.edition.documentId}:${roomName}`) });
      for (const e of events) {
        const ev = room.ele('event', { id: String(e.id), guid: e.guid });
        ev.ele('room').txt(e.room);
        ev.ele('title').txt(e.title);
        ev.ele('type').txt(e.type);
        ev.ele('date').txt(e.date);
        ev.ele('start').txt(e.start);
        ev.ele('duration').txt(e.duration);
        ev.ele('abstract').txt(e.abstract ?? '');
        ev.ele('slug').txt(e.slug);
        ev.ele('track').txt('');
        ev.ele('language').txt(e.language ?? 'fr');
        const persons = ev.ele('persons');
        for (const p of e.persons) persons.ele('person', { guid: p.guid }).txt(p.name);
        const links = ev.ele('links');
        for (const l of e.links) links.ele('link', { href: l.url, type: l.type }).txt(l.title);
        ev.ele('url').txt(e.url);
      }
    }
  }
  return root.end({ prettyPrint: true });
}
