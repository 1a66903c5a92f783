/**
 * The program builder's grid, without React: the answer of GET /bluehats/editions/:id/program-builder,
 * where a session sits on an afternoon's grid (5-minute rows in real elapsed time from the afternoon's
 * start, one column per room), the keyboard's moves, and the rules computed live with the server's own
 * pure module, so that what turns red while moving is what the server will refuse.
 */
import { DateTime } from 'luxon';
import { enforcedViolations, roomKey, type Placed, type PlacementViolation } from '../../../../../domain/program-placement';

export interface BuilderDay {
  date: string;
  label: string | null;
  /** ISO instants. */
  start: string;
  end: string;
  minutes: number;
}

export interface BuilderEdition {
  documentId: string;
  title: string;
  timeZone: string;
  changeoverMinutes: number | null;
  rooms: string[];
  programPublicationDate: string | null;
  days: BuilderDay[];
}

export type SessionStatus = 'draft' | 'published' | 'modified';

export interface BuilderSession {
  documentId: string;
  number: number | null;
  title: string;
  format: string;
  startsAt: string | null;
  durationMinutes: number | null;
  room: string | null;
  cancelled: boolean;
  preferredDay: string | null;
  status: SessionStatus;
  fromProposal: boolean;
  speakers: string[];
}

export type BuilderViolation = PlacementViolation;

export interface ProgramBuilder {
  edition: BuilderEdition;
  sessions: BuilderSession[];
  violations: BuilderViolation[];
}

/** Where a session is: what a move, a resize or the form changes. */
export interface Position {
  startsAt: string | null;
  durationMinutes: number;
  room: string | null;
}

export const STEP_MINUTES = 5;
/** The height of a 5-minute row of the grid, in pixels (the page draws it; the browser test drags by it). */
export const ROW_PX = 14;
const MINUTE_MS = 60_000;
export const DEFAULT_DURATION = 20;

/**
 * The grid's columns: the edition's rooms. An edition without a list has one room, « Salle » (null),
 * whatever its sessions say in `room`: the rules read it so (`roomKey`, src/domain/program-placement.ts).
 */
export const gridColumns = (edition: BuilderEdition): Array<string | null> => (edition.rooms.length > 0 ? edition.rooms : [null]);

/** The column a room is drawn in (no room is the edition's first; any room is the one room of an edition without a list), or -1. */
export const columnOf = (edition: BuilderEdition, columns: Array<string | null>, room: string | null): number => columns.indexOf(roomKey(room, edition.rooms));

export const positionOf = (session: BuilderSession): Position => ({
  startsAt: session.startsAt,
  durationMinutes: session.durationMinutes ?? DEFAULT_DURATION,
  room: session.room,
});

const ms = (iso: string) => DateTime.fromISO(iso).toMillis();

/** The afternoon a start falls in (its start included, its end excluded), or -1. */
export function dayIndexOf(edition: BuilderEdition, startsAt: string | null): number {
  if (!startsAt) return -1;
  const at = ms(startsAt);
  return edition.days.findIndex((day) => at >= ms(day.start) && at < ms(day.end));
}

/** Minutes from the afternoon's start (real elapsed time: a DST night has the length it has). */
export const minutesIntoDay = (day: BuilderDay, startsAt: string): number => (ms(startsAt) - ms(day.start)) / MINUTE_MS;

/** The instant `minutes` after the afternoon's start, as UTC ISO. */
export const instantInDay = (day: BuilderDay, minutes: number): string => DateTime.fromMillis(ms(day.start) + minutes * MINUTE_MS, { zone: 'utc' }).toISO()!;

/** « 14 h 20 » in the edition's zone. */
export const frenchTime = (iso: string, zone: string): string => DateTime.fromISO(iso, { zone }).toFormat("H 'h' mm");

/** « 14:20 » in the edition's zone, as the form's field reads it. */
export const inputTime = (iso: string, zone: string): string => DateTime.fromISO(iso, { zone }).toFormat('HH:mm');

/** « mercredi 6 décembre », or the afternoon's own label. */
export const dayName = (day: BuilderDay): string => day.label || DateTime.fromISO(day.date, { locale: 'fr' }).toFormat('cccc d LLLL');

/** The 5-minute rows of an afternoon (a partial last step counts as a row). */
export const rowsOf = (day: BuilderDay): number => Math.ceil(day.minutes / STEP_MINUTES);

/** The start typed in the form (« 14:20 » or « 14 h 20 ») on an afternoon's date, in the edition's zone; null if unreadable. */
export function startFromForm(day: BuilderDay, time: string, zone: string): string | null {
  const match = /^\s*(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?\s*$/i.exec(time);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2] ?? '0')];
  if (hour > 23 || minute > 59) return null;
  const local = DateTime.fromISO(day.date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  return local.isValid ? local.toUTC().toISO() : null;
}

/** Where a session taken from the list lands first: the first afternoon's start, first room. */
export const firstSlot = (edition: BuilderEdition, columns: Array<string | null>, durationMinutes: number): Position | null =>
  edition.days.length === 0 ? null : { startsAt: edition.days[0].start, durationMinutes, room: columns[0] ?? null };

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'PageUp' | 'PageDown';
export const MOVE_KEYS: readonly string[] = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown'];

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * One key pressed on a picked-up session. Up and down: 5 minutes earlier or later (never before the
 * afternoon's start nor at its end: what overflows turns red, it does not vanish). Left and right:
 * the previous or next room, and past the first or last one the previous or next afternoon (its last
 * or first room), at the same time from the afternoon's start. Page up and down: the previous or next
 * afternoon. With Shift, up and down shorten or lengthen by 5 minutes (5 at least).
 */
export function moveByKey(edition: BuilderEdition, columns: Array<string | null>, position: Position, key: MoveKey, shift: boolean): Position {
  const dayIndex = dayIndexOf(edition, position.startsAt);
  if (dayIndex < 0 || !position.startsAt) return firstSlot(edition, columns, position.durationMinutes) ?? position;
  const day = edition.days[dayIndex];
  const offset = minutesIntoDay(day, position.startsAt);
  if (shift && (key === 'ArrowUp' || key === 'ArrowDown')) {
    const durationMinutes = Math.max(STEP_MINUTES, position.durationMinutes + (key === 'ArrowDown' ? STEP_MINUTES : -STEP_MINUTES));
    return { ...position, durationMinutes };
  }
  const lastRow = (d: BuilderDay) => (rowsOf(d) - 1) * STEP_MINUTES;
  const toDay = (index: number, room: string | null): Position => {
    const target = edition.days[index];
    return { ...position, room, startsAt: instantInDay(target, clamp(offset, 0, lastRow(target))) };
  };
  const column = Math.max(0, columnOf(edition, columns, position.room));
  switch (key) {
    case 'ArrowUp':
    case 'ArrowDown': {
      const next = Math.round(offset / STEP_MINUTES) * STEP_MINUTES + (key === 'ArrowDown' ? STEP_MINUTES : -STEP_MINUTES);
      return { ...position, startsAt: instantInDay(day, clamp(next, 0, lastRow(day))) };
    }
    case 'ArrowLeft':
      if (column > 0) return { ...position, room: columns[column - 1] };
      return dayIndex > 0 ? toDay(dayIndex - 1, columns[columns.length - 1]) : position;
    case 'ArrowRight':
      if (column < columns.length - 1) return { ...position, room: columns[column + 1] };
      return dayIndex < edition.days.length - 1 ? toDay(dayIndex + 1, columns[0]) : position;
    case 'PageUp':
      return dayIndex > 0 ? toDay(dayIndex - 1, position.room) : position;
    case 'PageDown':
      return dayIndex < edition.days.length - 1 ? toDay(dayIndex + 1, position.room) : position;
  }
}

/** The start at a row under the pointer, snapped to 5 minutes inside the afternoon. */
export const startAtRow = (day: BuilderDay, row: number): string => instantInDay(day, clamp(Math.round(row), 0, rowsOf(day) - 1) * STEP_MINUTES);

/** The duration a resize handle dragged by `rows` gives, 5 minutes at least. */
export const resizedDuration = (duration: number, rows: number): number => Math.max(STEP_MINUTES, duration + Math.round(rows) * STEP_MINUTES);

/** « 14 h 20, salle Ada, mercredi 6 décembre »: what the live region says of a position. */
export function describePosition(edition: BuilderEdition, position: Position): string {
  if (!position.startsAt) return 'hors du programme';
  const dayIndex = dayIndexOf(edition, position.startsAt);
  const room = roomKey(position.room, edition.rooms);
  const where = room ? `, salle ${room}` : '';
  const when = dayIndex >= 0 ? `, ${dayName(edition.days[dayIndex])}` : ', hors des après-midi';
  return `${frenchTime(position.startsAt, edition.timeZone)}${where}${when}`;
}

/**
 * The rules on the program as it would be with `moved` applied (documentId → position): the very
 * `enforcedViolations` the server runs on every write.
 */
export function liveViolations(edition: BuilderEdition, sessions: BuilderSession[], moved: ReadonlyMap<string, Position>): BuilderViolation[] {
  const zone = edition.timeZone;
  const days = edition.days.map((day) => ({
    date: day.date,
    startTime: DateTime.fromISO(day.start, { zone }).toFormat('HH:mm'),
    endTime: DateTime.fromISO(day.end, { zone }).toFormat('HH:mm'),
  }));
  const placed: Placed[] = sessions.map((session) => {
    const position = moved.get(session.documentId) ?? positionOf(session);
    return {
      id: session.documentId,
      title: session.title,
      startsAt: position.startsAt,
      durationMinutes: position.durationMinutes,
      room: position.room,
      preferredDay: session.preferredDay,
      cancelled: session.cancelled,
    };
  });
  return enforcedViolations({ timeZone: zone, days, rooms: edition.rooms, changeoverMinutes: edition.changeoverMinutes }, placed);
}

/** Each session's worst problem: an error (red) wins over a warning (amber). */
export function severityBySession(violations: BuilderViolation[]): Map<string, 'error' | 'warning'> {
  const worst = new Map<string, 'error' | 'warning'>();
  for (const violation of violations) {
    for (const id of violation.sessionIds) {
      if (worst.get(String(id)) !== 'error') worst.set(String(id), violation.severity);
    }
  }
  return worst;
}
