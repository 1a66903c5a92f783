/**
 * The program builder's placement rules and its suggestion (« Proposer un placement »).
 * Pure: no Strapi import. Every instant is compared in real elapsed time; the edition's IANA zone
 * only turns its days' local wall-clock slots into instants (so a slot on a DST night has the
 * length it really has) and tells which local date a session falls on.
 */
import { DateTime } from 'luxon';
import { dayEnd, dayStart, sortedDays, toDateTime, zoneOf, type EditionDay } from './edition-calendar';

export type SessionId = string | number;

export interface PlacementEdition {
  timeZone?: string | null;
  days?: EditionDay[] | null;
  /** The edition's rooms, in order; none or an empty list means a single room. */
  rooms?: string[] | null;
  /** The least gap between two talks of a room, for changeovers. */
  changeoverMinutes?: number | null;
}

/** A session as the builder sees it: `startsAt` null means not placed yet. */
export interface Placed {
  id: SessionId;
  title: string;
  startsAt: string | null;
  durationMinutes: number;
  /** Null is the edition's first (or only) room. */
  room: string | null;
  /** A YYYY-MM-DD date among the edition's days, or null. */
  preferredDay: string | null;
  /** A cancelled session stays listed but takes no room. */
  cancelled?: boolean | null;
}

export type Unplaced = Omit<Placed, 'startsAt' | 'room' | 'cancelled'>;

export type PlacementSeverity = 'error' | 'warning';

export type PlacementCode =
  'INVALID_SESSION_TIME' | 'UNKNOWN_ROOM' | 'OUTSIDE_DAY_SLOT' | 'ROOM_OVERLAP' | 'CHANGEOVER_TOO_SHORT' | 'DAY_OVER_CAPACITY' | 'PREFERRED_DAY_NOT_RESPECTED';

export interface PlacementViolation {
  code: PlacementCode;
  /** An error is refused; a warning is reported only. */
  severity: PlacementSeverity;
  /** The sessions concerned, in the order of the program. */
  sessionIds: SessionId[];
  /** The edition day concerned (YYYY-MM-DD), when there is one. */
  day: string | null;
  /** The room concerned (null: the edition's single room), when there is one. */
  room: string | null;
  message: string; // French
  messageEn: string;
}

const MINUTE_MS = 60_000;

const CODE_ORDER: PlacementCode[] = [
  'INVALID_SESSION_TIME',
  'UNKNOWN_ROOM',
  'OUTSIDE_DAY_SLOT',
  'ROOM_OVERLAP',
  'CHANGEOVER_TOO_SHORT',
  'DAY_OVER_CAPACITY',
  'PREFERRED_DAY_NOT_RESPECTED',
];

/** Numbers in numeric order, before strings in code-point order: an order that ignores the input's. */
export function compareSessionIds(a: SessionId, b: SessionId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A day's slot as instants, with its capacity in real elapsed minutes. */
export interface DaySlot {
  date: string;
  start: DateTime;
  end: DateTime;
  minutes: number;
}

/** The edition's valid day slots, by date. A day whose times are invalid or reversed has no slot. */
export function daySlots(edition: PlacementEdition): DaySlot[] {
  const zone = zoneOf(edition);
  return sortedDays(edition.days).flatMap((day) => {
    const start = dayStart(day, zone);
    const end = dayEnd(day, zone);
    if (!start || !end || !(start < end)) return [];
    return [{ date: day.date, start, end, minutes: (end.toMillis() - start.toMillis()) / MINUTE_MS }];
  });
}

function roomsOf(edition: PlacementEdition): string[] {
  return (edition.rooms ?? []).filter((room) => typeof room === 'string' && room.trim() !== '');
}

/**
 * The room a session takes: its own, or the edition's first. An edition without a room list has ONE
 * room (null), whatever text its sessions carry in `room`: « Salle BlueHats » and no room are the
 * same place there, so that a talk in one and a talk in the other cannot overlap.
 */
export function roomKey(room: string | null | undefined, rooms: readonly string[]): string | null {
  if (rooms.length === 0) return null;
  return room?.trim() || rooms[0];
}

function changeoverOf(edition: PlacementEdition): number {
  const gap = edition.changeoverMinutes;
  return typeof gap === 'number' && Number.isFinite(gap) && gap > 0 ? gap : 0;
}

const isValidDuration = (minutes: unknown): minutes is number => typeof minutes === 'number' && Number.isInteger(minutes) && minutes > 0;

interface Timed {
  session: Placed;
  room: string | null;
  start: number;
  end: number;
  /** The session's local date in the edition's zone. */
  date: string;
}

const hm = (dt: DateTime) => dt.toFormat("H 'h' mm");
const hmEn = (dt: DateTime) => dt.toFormat('HH:mm');
const roomFr = (room: string | null) => (room ? ` (salle ${room})` : '');
const roomEn = (room: string | null) => (room ? ` (room ${room})` : '');
const byProgramOrder = (a: Timed, b: Timed) => a.start - b.start || a.end - b.end || compareSessionIds(a.session.id, b.session.id);

/**
 * Everything wrong with where the sessions are, as one list: errors (refused) and warnings (a
 * preferred afternoon not respected: reported, never refused). Sessions without a start and
 * cancelled sessions take no room and break no rule. Same input, same list, whatever the order.
 */
export function placementViolations(edition: PlacementEdition, sessions: Placed[]): PlacementViolation[] {
  const zone = zoneOf(edition);
  const rooms = roomsOf(edition);
  const gap = changeoverOf(edition);
  const slots = daySlots(edition);
  const violations: PlacementViolation[] = [];
  const add = (
    code: PlacementCode,
    timed: Timed[],
    day: string | null,
    room: string | null,
    message: string,
    messageEn: string,
    severity: PlacementSeverity = 'error'
  ) => violations.push({ code, severity, sessionIds: timed.map((t) => t.session.id), day, room, message, messageEn });

  const timed: Timed[] = [];
  for (const session of sessions) {
    if (session.cancelled || session.startsAt === null || session.startsAt === undefined) continue;
    const start = toDateTime(session.startsAt, zone);
    const room = roomKey(session.room, rooms);
    if (!start || !isValidDuration(session.durationMinutes)) {
      violations.push({
        code: 'INVALID_SESSION_TIME',
        severity: 'error',
        sessionIds: [session.id],
        day: null,
        room,
        message: `« ${session.title} » : l'heure de début ou la durée est invalide (la durée est un nombre entier de minutes positif).`,
        messageEn: `"${session.title}": invalid start time or duration (a duration is a positive whole number of minutes).`,
      });
      continue;
    }
    timed.push({ session, room, start: start.toMillis(), end: start.toMillis() + session.durationMinutes * MINUTE_MS, date: start.toISODate()! });
  }
  timed.sort(byProgramOrder);
  const local = (ms: number) => DateTime.fromMillis(ms, { zone });

  for (const t of timed) {
    if (rooms.length > 0 && t.room !== null && !rooms.includes(t.room)) {
      add(
        'UNKNOWN_ROOM',
        [t],
        t.date,
        t.room,
        `« ${t.session.title} » est placée dans la salle « ${t.room} », que l'édition n'a pas (salles : ${rooms.join(', ')}).`,
        `"${t.session.title}" is in room "${t.room}", which the edition does not have (rooms: ${rooms.join(', ')}).`
      );
    }
    const inside = slots.some((slot) => t.start >= slot.start.toMillis() && t.end <= slot.end.toMillis());
    if (!inside) {
      const sameDay = slots.find((slot) => slot.date === t.date);
      const where = sameDay
        ? `l'après-midi du ${sameDay.date} (de ${hm(sameDay.start)} à ${hm(sameDay.end)})`
        : `aucun jour de l'édition (${slots.map((s) => s.date).join(', ') || 'aucun jour saisi'})`;
      const whereEn = sameDay ? `the slot of ${sameDay.date} (${hmEn(sameDay.start)}–${hmEn(sameDay.end)})` : `any of the edition's days`;
      add(
        'OUTSIDE_DAY_SLOT',
        [t],
        t.date,
        t.room,
        `« ${t.session.title} » (de ${hm(local(t.start))} à ${hm(local(t.end))}, le ${t.date}) ne tient pas dans ${where}.`,
        `"${t.session.title}" (${hmEn(local(t.start))}–${hmEn(local(t.end))} on ${t.date}) does not lie within ${whereEn}.`
      );
    }
  }

  const byRoom = new Map<string | null, Timed[]>();
  for (const t of timed) byRoom.set(t.room, [...(byRoom.get(t.room) ?? []), t]);
  const roomOrder = [...byRoom.keys()].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));

  for (const room of roomOrder) {
    const list = byRoom.get(room)!;
    for (let j = 0; j < list.length; j += 1) {
      for (let i = 0; i < j; i += 1) {
        const [a, b] = [list[i], list[j]];
        // Half-open intervals: a talk ending at 15 h 00 and the next starting at 15 h 00 touch, they do not overlap.
        if (b.start < a.end) {
          add(
            'ROOM_OVERLAP',
            [a, b],
            b.date,
            room,
            `« ${a.session.title} » (de ${hm(local(a.start))} à ${hm(local(a.end))}) et « ${b.session.title} » (de ${hm(local(b.start))} à ${hm(local(b.end))}) se chevauchent${roomFr(room)}.`,
            `"${a.session.title}" and "${b.session.title}" overlap${roomEn(room)}.`
          );
        }
      }
    }
    for (let j = 1; j < list.length; j += 1) {
      const [a, b] = [list[j - 1], list[j]];
      const between = (b.start - a.end) / MINUTE_MS;
      if (between >= 0 && between < gap) {
        add(
          'CHANGEOVER_TOO_SHORT',
          [a, b],
          b.date,
          room,
          `Entre « ${a.session.title} » et « ${b.session.title} »${roomFr(room)}, il y a ${between} min : il en faut au moins ${gap} pour le changement d'intervenant.`,
          `Between "${a.session.title}" and "${b.session.title}"${roomEn(room)} there are ${between} min; changeovers need at least ${gap}.`
        );
      }
    }
    for (const slot of slots) {
      const ofDay = list.filter((t) => t.date === slot.date);
      const scheduled = ofDay.reduce((sum, t) => sum + t.session.durationMinutes, 0);
      if (scheduled > slot.minutes) {
        add(
          'DAY_OVER_CAPACITY',
          ofDay,
          slot.date,
          room,
          `L'après-midi du ${slot.date}${roomFr(room)} compte ${scheduled} min de sessions pour ${slot.minutes} min disponibles.`,
          `The afternoon of ${slot.date}${roomEn(room)} holds ${scheduled} min of sessions for ${slot.minutes} min available.`
        );
      }
    }
  }

  for (const t of timed) {
    const preferred = t.session.preferredDay;
    if (preferred && preferred !== t.date) {
      add(
        'PREFERRED_DAY_NOT_RESPECTED',
        [t],
        t.date,
        t.room,
        `« ${t.session.title} » est placée le ${t.date}, mais son intervenant préférait le ${preferred}.`,
        `"${t.session.title}" is on ${t.date}, but its speaker preferred ${preferred}.`,
        'warning'
      );
    }
  }

  const rank = (v: PlacementViolation) => CODE_ORDER.indexOf(v.code);
  return violations
    .map((v, index) => ({ v, index }))
    .sort((x, y) => rank(x.v) - rank(y.v) || x.index - y.index)
    .map(({ v }) => v);
}

export const isRefused = (violations: PlacementViolation[]): boolean => violations.some((v) => v.severity === 'error');

export interface SuggestedPlacement {
  id: SessionId;
  /** UTC ISO instant. */
  startsAt: string;
  room: string | null;
  day: string;
}

export interface LeftOut {
  id: SessionId;
  reason: string; // French
  reasonEn: string;
}

export interface PlacementSuggestion {
  placements: SuggestedPlacement[];
  left: LeftOut[];
}

interface Occupied {
  room: string | null;
  start: number;
  end: number;
  date: string;
  minutes: number;
}

/**
 * « Proposer un placement »: placed sessions stay where they are; each unplaced talk, longest first
 * (ties by id), goes on its preferred afternoon if it fits there, else on the afternoon (and room)
 * with the most room left, ties by date then room order; always after the room's last session and
 * its changeover gap, never past the afternoon's end nor over its capacity. What fits nowhere is
 * left out with a reason. Same input, same suggestion, whatever the order of the arrays.
 */
export function suggestPlacement(edition: PlacementEdition, placed: Placed[], unplaced: Unplaced[]): PlacementSuggestion {
  const zone = zoneOf(edition);
  const rooms = roomsOf(edition);
  const roomChoices: Array<string | null> = rooms.length > 0 ? rooms : [null];
  const gap = changeoverOf(edition) * MINUTE_MS;
  const slots = daySlots(edition);

  const occupied: Occupied[] = [];
  for (const session of placed) {
    if (session.cancelled || !session.startsAt || !isValidDuration(session.durationMinutes)) continue;
    const start = toDateTime(session.startsAt, zone);
    if (!start) continue;
    const room = roomKey(session.room, rooms);
    occupied.push({
      room,
      start: start.toMillis(),
      end: start.toMillis() + session.durationMinutes * MINUTE_MS,
      date: start.toISODate()!,
      minutes: session.durationMinutes,
    });
  }

  const longestSlot = Math.max(0, ...slots.map((s) => s.minutes));
  const placements: SuggestedPlacement[] = [];
  const left: LeftOut[] = [];
  const queue = [...unplaced].sort((a, b) => (b.durationMinutes ?? 0) - (a.durationMinutes ?? 0) || compareSessionIds(a.id, b.id));
  const seen = new Set<SessionId>();

  /** Where a talk of `minutes` would start in this slot and room, and the room left there; null if it does not fit. */
  const fit = (slot: DaySlot, room: string | null, minutes: number): { start: number; roomLeft: number } | null => {
    const inRoom = occupied.filter((o) => o.room === room);
    const slotStart = slot.start.toMillis();
    const slotEnd = slot.end.toMillis();
    const cursor = inRoom.filter((o) => o.start < slotEnd && o.end + gap > slotStart).reduce((at, o) => Math.max(at, o.end + gap), slotStart);
    const end = cursor + minutes * MINUTE_MS;
    const used = inRoom.filter((o) => o.date === slot.date).reduce((sum, o) => sum + o.minutes, 0);
    const clash = inRoom.some((o) => !(end + gap <= o.start || o.end + gap <= cursor));
    if (end > slotEnd || clash || used + minutes > slot.minutes) return null;
    return { start: cursor, roomLeft: Math.min((slotEnd - cursor) / MINUTE_MS, slot.minutes - used) };
  };

  for (const talk of queue) {
    if (seen.has(talk.id)) continue;
    seen.add(talk.id);
    if (!isValidDuration(talk.durationMinutes)) {
      left.push({
        id: talk.id,
        reason: 'Durée invalide : un nombre entier de minutes positif est attendu.',
        reasonEn: 'Invalid duration: a positive whole number of minutes is expected.',
      });
      continue;
    }
    const candidates = slots.flatMap((slot) =>
      roomChoices.flatMap((room, roomIndex) => {
        const found = fit(slot, room, talk.durationMinutes);
        return found ? [{ slot, room, roomIndex, ...found }] : [];
      })
    );
    // Most room left first; ties by date (slots are by date), then by room order.
    const best = (list: typeof candidates) =>
      [...list].sort((a, b) => b.roomLeft - a.roomLeft || (a.slot.date < b.slot.date ? -1 : a.slot.date > b.slot.date ? 1 : 0) || a.roomIndex - b.roomIndex)[0];
    const chosen = best(candidates.filter((c) => c.slot.date === talk.preferredDay)) ?? best(candidates);
    if (!chosen) {
      const reason =
        slots.length === 0
          ? ["L'édition n'a aucun après-midi où placer des sessions.", 'The edition has no afternoon to place sessions in.']
          : talk.durationMinutes > longestSlot
            ? [
                `« ${talk.title} » dure ${talk.durationMinutes} min, plus que le plus long des après-midi (${longestSlot} min).`,
                `"${talk.title}" lasts ${talk.durationMinutes} min, longer than the longest afternoon (${longestSlot} min).`,
              ]
            : [
                `Aucun après-midi n'a encore ${talk.durationMinutes} min de libres pour « ${talk.title} », changement d'intervenant compris.`,
                `No afternoon has ${talk.durationMinutes} free minutes left for "${talk.title}", changeover included.`,
              ];
      left.push({ id: talk.id, reason: reason[0], reasonEn: reason[1] });
      continue;
    }
    const end = chosen.start + talk.durationMinutes * MINUTE_MS;
    occupied.push({ room: chosen.room, start: chosen.start, end, date: chosen.slot.date, minutes: talk.durationMinutes });
    placements.push({ id: talk.id, startsAt: DateTime.fromMillis(chosen.start, { zone: 'utc' }).toISO()!, room: chosen.room, day: chosen.slot.date });
  }
  return { placements, left };
}

/**
 * The rules every write enforces, from `placementViolations`: an edition without any valid day yet
 * (its afternoons not entered, or one « sans appel » imported without them) has no slot to hold a
 * session against, so OUTSIDE_DAY_SLOT is not raised there; rooms, overlaps and changeovers still
 * are. Entering the days later is then refused if placed sessions fall outside them
 * (`newlyBroken`, PROGRAM_NO_LONGER_FITS).
 */
export function enforcedViolations(edition: PlacementEdition, sessions: Placed[]): PlacementViolation[] {
  const all = placementViolations(edition, sessions);
  return daySlots(edition).length > 0 ? all : all.filter((v) => v.code !== 'OUTSIDE_DAY_SLOT');
}

/**
 * The errors a write of session `id` is refused for: those that concern it. A problem elsewhere in
 * the program, older than this write, does not block an unrelated edit.
 */
export function refusalsFor(edition: PlacementEdition, sessions: Placed[], id: SessionId): PlacementViolation[] {
  return enforcedViolations(edition, sessions).filter((v) => v.severity === 'error' && v.sessionIds.includes(id));
}

const violationKey = (v: PlacementViolation) => JSON.stringify([v.code, v.sessionIds, v.day, v.room]);

/**
 * The errors that new edition settings (days, rooms, changeover, zone) would bring on the placed
 * sessions: those under `after` that were not already there under `before`.
 */
export function newlyBroken(before: PlacementEdition, after: PlacementEdition, sessions: Placed[]): PlacementViolation[] {
  const known = new Set(
    enforcedViolations(before, sessions)
      .filter((v) => v.severity === 'error')
      .map(violationKey)
  );
  return enforcedViolations(after, sessions).filter((v) => v.severity === 'error' && !known.has(violationKey(v)));
}
