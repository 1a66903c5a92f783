/**
 * Program versions and their public changelog. Pure: no Strapi import, no wall clock.
 *
 * - A **snapshot** is what a published program says of each session: its number (the stable id of
 *   the schedule exports, src/domain/schedule-identity.ts), title, start, duration, room, speakers'
 *   names and cancellation, with the edition's zone to say the times in.
 * - The **changelog** between two snapshots lists, per session, what an attendee needs to know:
 *   added, cancelled, moved, retitled, speakers_changed. A session that vanished from the newer
 *   snapshot without being cancelled counts as cancelled: schedule apps must not keep a ghost.
 * - The **version number**: none before the program date (the embargo), 1 for the first published
 *   on or after it (« programme stabilisé »), then the next one each time.
 */
import { DateTime } from 'luxon';
import { sessionEmbargoUntil, type Instant } from './embargo';
import { formatInstantEn, formatInstantFr, zoneOf } from './edition-calendar';
import type { Language } from './language';
import { frenchDate, frenchList } from './phrases';
import type { Program, ProgramSession } from './program';

export interface SnapshotSession {
  /** The session's number: the schedule exports' `id`, stable across edits. */
  id: number;
  title: string;
  /** ISO instant (UTC), null while the session has no start. */
  startsAt: string | null;
  durationMinutes: number | null;
  room: string | null;
  /** The speakers' names, in the program's order. */
  speakers: string[];
  cancelled: boolean;
}

export interface ProgramSnapshot {
  /** The edition's IANA zone: the changelog says times in it. */
  zone: string;
  sessions: SnapshotSession[];
}

export type Texts = Record<Language, string>;

/** Where and when a session takes place: what a move changes. */
export interface Placement {
  startsAt: string | null;
  room: string | null;
  durationMinutes: number | null;
}

interface ChangeBase {
  /** The session's number. */
  id: number;
  /** Its title in the newer snapshot (the older one for a vanished session). */
  title: string;
  text: Texts;
}

export type ProgramChange =
  | (ChangeBase & { kind: 'added'; placement: Placement })
  | (ChangeBase & { kind: 'cancelled'; placement: Placement })
  | (ChangeBase & { kind: 'moved'; from: Placement; to: Placement })
  | (ChangeBase & { kind: 'retitled'; from: string; to: string })
  | (ChangeBase & { kind: 'speakers_changed'; added: string[]; removed: string[] });

export type ProgramChangeKind = ProgramChange['kind'];

/** The order of a session's own changes when it has several. */
export const PROGRAM_CHANGE_KINDS: readonly ProgramChangeKind[] = ['added', 'cancelled', 'moved', 'retitled', 'speakers_changed'];

const toIso = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
const cleanRoom = (room: string | null | undefined): string | null => (room ?? '').trim() || null;

/** One session as a snapshot holds it. */
export function snapshotSession(
  session: Pick<ProgramSession, 'title' | 'startsAt' | 'durationMinutes' | 'room' | 'cancelled' | 'speakers'> & { number: number }
): SnapshotSession {
  return {
    id: session.number,
    title: session.title,
    startsAt: toIso(session.startsAt),
    durationMinutes: session.durationMinutes ?? null,
    room: cleanRoom(session.room),
    speakers: session.speakers.map((s) => s.name),
    cancelled: session.cancelled === true,
  };
}

/** The snapshot of a built program (src/domain/program.ts); a session without a number cannot be followed and is left out. */
export function programSnapshot(program: Program): ProgramSnapshot {
  const sessions = [...program.days.flatMap((d) => d.sessions), ...program.unscheduled]
    .filter((s): s is ProgramSession & { number: number } => s.number !== null)
    .map(snapshotSession)
    .sort((a, b) => a.id - b.id);
  return { zone: zoneOf(program.edition), sessions };
}

// ---- texts -------------------------------------------------------------------------------------

const ROOM_FALLBACK: Texts = { fr: 'salle principale', en: 'main room' };

const localOf = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

/** « jeudi 7 décembre 14 h 30 » / "Thursday 7 December 14:30", in the zone. */
function when(iso: string | null, zone: string, language: Language): string {
  if (!iso) return language === 'fr' ? 'sans horaire' : 'unscheduled';
  const dt = localOf(iso, zone);
  return language === 'fr' ? `${frenchDate(dt, { year: false })} ${dt.toFormat("H 'h' mm")}` : dt.setLocale('en-GB').toFormat('cccc d MMMM HH:mm');
}

/** The time alone, for a move inside the same local day. */
function timeOnly(iso: string, zone: string, language: Language): string {
  const dt = localOf(iso, zone);
  return language === 'fr' ? dt.toFormat("H 'h' mm") : dt.toFormat('HH:mm');
}

const utcOffset = (iso: string, zone: string) => `UTC${localOf(iso, zone).toFormat('Z')}`;
const sameLocalDay = (a: string, b: string, zone: string) => localOf(a, zone).toISODate() === localOf(b, zone).toISODate();

const quoted = (title: string, language: Language) => (language === 'fr' ? `«\u00a0${title}\u00a0»` : `“${title}”`);
const roomName = (room: string | null, language: Language) => room ?? ROOM_FALLBACK[language];
const minutes = (value: number | null) => (value === null ? '?' : String(value));
const englishList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const colon = (language: Language) => (language === 'fr' ? '\u00a0:' : ':');

function placementText(p: Placement, zone: string, language: Language): string {
  const at =
    language === 'fr'
      ? p.startsAt
        ? `le ${when(p.startsAt, zone, 'fr')}`
        : 'sans horaire'
      : p.startsAt
        ? `on ${when(p.startsAt, zone, 'en')}`
        : 'unscheduled';
  return `${at}, ${roomName(p.room, language)}${p.durationMinutes === null ? '' : ` (${p.durationMinutes} min)`}`;
}

function moveText(title: string, from: Placement, to: Placement, zone: string, language: Language): string {
  const parts: string[] = [];
  if (from.startsAt !== to.startsAt) {
    const fr = language === 'fr';
    if (from.startsAt && to.startsAt && sameLocalDay(from.startsAt, to.startsAt, zone)) {
      let [fromText, toText] = [when(from.startsAt, zone, language), timeOnly(to.startsAt, zone, language)];
      // The night the clocks go back, one wall-clock time happens twice: the UTC offset tells which.
      if (fromText.endsWith(` ${toText}`))
        [fromText, toText] = [`${fromText} (${utcOffset(from.startsAt, zone)})`, `${toText} (${utcOffset(to.startsAt, zone)})`];
      parts.push(`${fr ? 'déplacée du' : 'moved from'} ${fromText} ${fr ? 'à' : 'to'} ${toText}`);
    } else {
      parts.push(`${fr ? 'déplacée du' : 'moved from'} ${when(from.startsAt, zone, language)} ${fr ? 'au' : 'to'} ${when(to.startsAt, zone, language)}`);
    }
  }
  if (from.room !== to.room)
    parts.push(`${language === 'fr' ? 'salle' : 'room'}${colon(language)} ${roomName(from.room, language)} → ${roomName(to.room, language)}`);
  if (from.durationMinutes !== to.durationMinutes) {
    parts.push(`${language === 'fr' ? 'durée' : 'duration'}${colon(language)} ${minutes(from.durationMinutes)} → ${minutes(to.durationMinutes)} min`);
  }
  return `${quoted(title, language)} ${parts.join(language === 'fr' ? '\u00a0; ' : '; ')}.`;
}

function speakersText(title: string, added: string[], removed: string[], language: Language): string {
  const parts: string[] = [];
  if (language === 'fr') {
    if (added.length) parts.push(`ajout${colon('fr')} ${frenchList(added)}`);
    if (removed.length) parts.push(`retrait${colon('fr')} ${frenchList(removed)}`);
    return `${quoted(title, 'fr')}, intervenants — ${parts.join('\u00a0; ')}.`;
  }
  if (added.length) parts.push(`added: ${englishList(added)}`);
  if (removed.length) parts.push(`removed: ${englishList(removed)}`);
  return `${quoted(title, 'en')}, speakers — ${parts.join('; ')}.`;
}

const both = (say: (language: Language) => string): Texts => ({ fr: say('fr'), en: say('en') });

// ---- changelog ---------------------------------------------------------------------------------

const placementOf = (s: SnapshotSession): Placement => ({ startsAt: toIso(s.startsAt), room: cleanRoom(s.room), durationMinutes: s.durationMinutes ?? null });

/** What changed between the program as it was (null: never published) and as it is now. */
export function programChangelog(previous: ProgramSnapshot | null, next: ProgramSnapshot): ProgramChange[] {
  const zone = next.zone;
  const before = new Map((previous?.sessions ?? []).map((s) => [s.id, s]));
  const after = new Map(next.sessions.map((s) => [s.id, s]));
  // Each change with the start it sorts on: the newer one, the older one for a vanished session.
  const changes: { change: ProgramChange; sortStart: string | null }[] = [];
  const push = (change: ProgramChange, sortStart: string | null) => changes.push({ change, sortStart });

  for (const now of after.values()) {
    const was = before.get(now.id);
    const to = placementOf(now);
    const wasLive = was !== undefined && !was.cancelled;
    if (now.cancelled) {
      // A session cancelled before anyone saw it live is no news.
      if (wasLive)
        push(
          { kind: 'cancelled', id: now.id, title: now.title, placement: placementOf(was), text: cancelledTexts(now.title, placementOf(was), zone) },
          to.startsAt
        );
      continue;
    }
    if (!wasLive) {
      // New, or back after a cancellation: either way it is now on the program.
      push(
        {
          kind: 'added',
          id: now.id,
          title: now.title,
          placement: to,
          text: both((l) => `${l === 'fr' ? 'Ajoutée' : 'Added'}${colon(l)} ${quoted(now.title, l)} ${placementText(to, zone, l)}.`),
        },
        to.startsAt
      );
      continue;
    }
    const from = placementOf(was);
    if (from.startsAt !== to.startsAt || from.room !== to.room || from.durationMinutes !== to.durationMinutes) {
      push({ kind: 'moved', id: now.id, title: now.title, from, to, text: both((l) => moveText(now.title, from, to, zone, l)) }, to.startsAt);
    }
    if (was.title !== now.title) {
      push(
        {
          kind: 'retitled',
          id: now.id,
          title: now.title,
          from: was.title,
          to: now.title,
          text: both((l) =>
            l === 'fr'
              ? `${quoted(was.title, l)} s'intitule désormais ${quoted(now.title, l)}.`
              : `${quoted(was.title, l)} is now titled ${quoted(now.title, l)}.`
          ),
        },
        to.startsAt
      );
    }
    const added = now.speakers.filter((name) => !was.speakers.includes(name));
    const removed = was.speakers.filter((name) => !now.speakers.includes(name));
    if (added.length || removed.length) {
      push(
        { kind: 'speakers_changed', id: now.id, title: now.title, added, removed, text: both((l) => speakersText(now.title, added, removed, l)) },
        to.startsAt
      );
    }
  }
  for (const was of before.values()) {
    if (after.has(was.id) || was.cancelled) continue;
    const placement = placementOf(was);
    push({ kind: 'cancelled', id: was.id, title: was.title, placement, text: cancelledTexts(was.title, placement, zone) }, placement.startsAt);
  }

  const startKey = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));
  return changes
    .sort(
      (a, b) =>
        startKey(a.sortStart) - startKey(b.sortStart) ||
        a.change.id - b.change.id ||
        PROGRAM_CHANGE_KINDS.indexOf(a.change.kind) - PROGRAM_CHANGE_KINDS.indexOf(b.change.kind)
    )
    .map((c) => c.change);
}

function cancelledTexts(title: string, placement: Placement, zone: string): Texts {
  return both((l) =>
    placement.startsAt
      ? `${l === 'fr' ? 'Annulée' : 'Cancelled'}${colon(l)} ${quoted(title, l)} (${l === 'fr' ? 'prévue le' : 'planned for'} ${when(placement.startsAt, zone, l)}).`
      : `${l === 'fr' ? 'Annulée' : 'Cancelled'}${colon(l)} ${quoted(title, l)}.`
  );
}

// ---- a person erased ---------------------------------------------------------------------------

/** What a stored version holds that may name a person: its snapshot and its changelog. */
export interface VersionContent {
  snapshot: ProgramSnapshot;
  changes: ProgramChange[];
}

/** A name as people write it again: spaces around and case aside, accents kept. */
export const normalisedName = (name: string): string => name.normalize('NFC').trim().toLocaleLowerCase('fr');

const sameName = (a: string, b: string) => normalisedName(a) === normalisedName(b);

/**
 * A change as a rebuild event carries it (`program.changed`): the same, but a change of speakers
 * names nobody. Webhook payloads and the deliveries' log hold no personal data (an erasure could not
 * reach a payload already queued or sent); a site reads the names in the program it rebuilds.
 */
export type EventChange =
  Exclude<ProgramChange, { kind: 'speakers_changed' }> | Omit<Extract<ProgramChange, { kind: 'speakers_changed' }>, 'added' | 'removed'>;

export function changeForEvent(change: ProgramChange): EventChange {
  if (change.kind !== 'speakers_changed') return change;
  const { added: _added, removed: _removed, ...rest } = change;
  return {
    ...rest,
    text: both((l) => (l === 'fr' ? `${quoted(change.title, 'fr')}, intervenants modifiés.` : `${quoted(change.title, 'en')}, speakers changed.`)),
  };
}

/**
 * A version without one speaker's name in the sessions numbered `sessionIds` (an erased person, in
 * their own talks only: a namesake elsewhere is someone else). Out of those sessions' snapshot, out
 * of their `speakers_changed` changes (their texts said again; a change left with nobody goes).
 * The same object when nothing names them, so that callers write only what changed. The changelog
 * of the next publication compares with this version: it cannot name them either.
 */
export function forgetSpeaker(version: VersionContent, sessionIds: ReadonlySet<number>, name: string): VersionContent {
  const named = (names: string[]) => names.some((n) => sameName(n, name));
  const without = (names: string[]) => names.filter((n) => !sameName(n, name));
  const concerned = (id: number, names: string[]) => sessionIds.has(id) && named(names);
  const inSnapshot = version.snapshot.sessions.some((s) => concerned(s.id, s.speakers));
  const inChanges = version.changes.some((c) => c.kind === 'speakers_changed' && concerned(c.id, [...c.added, ...c.removed]));
  if (!inSnapshot && !inChanges) return version;
  const sessions = version.snapshot.sessions.map((s) => (concerned(s.id, s.speakers) ? { ...s, speakers: without(s.speakers) } : s));
  const changes = version.changes.flatMap((c): ProgramChange[] => {
    if (c.kind !== 'speakers_changed' || !concerned(c.id, [...c.added, ...c.removed])) return [c];
    const [added, removed] = [without(c.added), without(c.removed)];
    if (added.length === 0 && removed.length === 0) return [];
    return [{ ...c, added, removed, text: both((l) => speakersText(c.title, added, removed, l)) }];
  });
  return { snapshot: { ...version.snapshot, sessions }, changes };
}

/**
 * What identifies an erased speaker in one talk, before the service keys it (an HMAC: no readable
 * trace is kept): the session's number and the name normalised as `forgetSpeaker` compares it.
 */
export const forgottenSpeakerText = (sessionId: number, name: string): string => `${sessionId}:${normalisedName(name)}`;

/**
 * A snapshot without the speakers `forgotten(session number, name)` says were erased from that
 * session: a published talk still naming an erased person (until editors take them off it) never
 * brings their name back into a later version or its changelog. The same object when nobody goes.
 */
export function snapshotWithout(snapshot: ProgramSnapshot, forgotten: (sessionId: number, name: string) => boolean): ProgramSnapshot {
  if (!snapshot.sessions.some((s) => s.speakers.some((name) => forgotten(s.id, name)))) return snapshot;
  return { ...snapshot, sessions: snapshot.sessions.map((s) => ({ ...s, speakers: s.speakers.filter((name) => !forgotten(s.id, name)) })) };
}

// ---- version numbers ---------------------------------------------------------------------------

export interface ProgramVersionRef {
  number: number;
  publishedAt: Instant;
}

export interface ProgramVersionNumber {
  number: number;
  /** Version 1: the program the seeds promise as stabilised. */
  stabilised: boolean;
  label: Texts;
}

/** « Version 1 — programme stabilisé », « Version 2 »; in English "Version 1 — stabilised program". */
export function programVersionLabel(number: number): Texts {
  return number === 1 ? { fr: 'Version 1 — programme stabilisé', en: 'Version 1 — stabilised program' } : { fr: `Version ${number}`, en: `Version ${number}` };
}

/**
 * The number a publication at `now` gets, or null while the program is under embargo (before
 * `programPublicationDate`; an edition without that date is not held back, as in src/domain/embargo.ts).
 * Numbers only grow: after `current`, the next one, even if the program date moved since.
 */
export function nextProgramVersion(current: ProgramVersionRef | null, now: Date, programPublicationDate: Instant): ProgramVersionNumber | null {
  if (sessionEmbargoUntil(programPublicationDate, now) !== null) return null;
  const number = current ? Math.max(0, Math.floor(Number(current.number) || 0)) + 1 : 1;
  return { number, stabilised: number === 1, label: programVersionLabel(number) };
}

/**
 * Whether a publication makes a new version: the first program that holds a session, then any
 * change an attendee would see (a reordering of speakers, or a session cancelled before anyone saw
 * it, is no news and makes none).
 */
export function isNewVersion(previous: ProgramSnapshot | null, next: ProgramSnapshot, changes: readonly ProgramChange[]): boolean {
  return previous === null ? next.sessions.length > 0 : changes.length > 0;
}

/** « Mis à jour le 5 décembre 2023 à 14 h 30 (heure de Paris) » / "Updated on …", in the edition's zone. */
export function versionUpdatedText(releasedAt: Date | string, zone: string): Texts {
  return { fr: `Mis à jour le ${formatInstantFr(releasedAt, zone)}`, en: `Updated on ${formatInstantEn(releasedAt, zone)}` };
}

// ---- « Publier le programme » ------------------------------------------------------------------

/** A draft or published row as the database gives it: its fields, relations as lists of `{documentId}`. */
export type PublicationRow = Record<string, unknown>;

/** What a session's publication copies to the public program. */
export const SESSION_PUBLISHED_FIELDS = [
  'title',
  'slug',
  'abstract',
  'startsAt',
  'durationMinutes',
  'room',
  'format',
  'slidesUrl',
  'videoUrl',
  'cancelled',
  'speakers',
] as const;
/** What a speaker's publication copies to the public program and pages. */
export const SPEAKER_PUBLISHED_FIELDS = ['name', 'jobTitle', 'bio', 'administration', 'photo'] as const;

/** A field as compared: instants as epoch milliseconds, relations as sorted documentIds, empty as null. */
function comparable(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) return value.map(comparable).map(String).sort().join(',');
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'object') return (value as { documentId?: unknown; id?: unknown }).documentId ?? (value as { id?: unknown }).id ?? null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value);
  return value;
}

/** Whether a draft says something its published version does not (or has none). */
export function draftDiffers(draft: PublicationRow, published: PublicationRow | null | undefined, fields: readonly string[]): boolean {
  if (!published) return true;
  return fields.some((field) => comparable(draft[field]) !== comparable(published[field]));
}

/** A session « Publier le programme » publishes: placed (a start) or cancelled, and not public as it is. */
export function sessionAwaitsPublication(draft: PublicationRow, published: PublicationRow | null | undefined): boolean {
  const placed = comparable(draft.startsAt) !== null || draft.cancelled === true;
  return placed && draftDiffers(draft, published, SESSION_PUBLISHED_FIELDS);
}
