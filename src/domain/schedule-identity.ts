/**
 * What lets schedule apps and calendars follow a session from one export to the next. Pure.
 * - Its **number**: a positive integer given once, at creation, the next after the highest in use;
 *   schedule.json and schedule.xml call it `id` (EventFahrplan keys favourites and alarms on it).
 * - Its **schedule sequence**: the iCalendar SEQUENCE (RFC 5545 §3.8.7.4), raised by one whenever
 *   what an attendee acts on changes: the start, the duration, the room, the cancellation.
 */

/** The number a new session gets, from the highest already given (null when there is none). */
export function nextSessionNumber(highest: number | null | undefined): number {
  return Math.max(0, Math.floor(Number(highest) || 0)) + 1;
}

/** The fields whose change raises the sequence. */
export const SCHEDULE_FIELDS = ['startsAt', 'durationMinutes', 'room', 'cancelled'] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

type Comparable = number | string | boolean | null;

/** One value as stored, whatever shape it arrives in (a Date or an ISO string, '' for an empty room). */
function normalise(field: ScheduleField, value: unknown): Comparable {
  if (field === 'cancelled') return value === true || value === 'true' || value === 1;
  if (value === null || value === undefined || value === '') return null;
  if (field === 'startsAt') {
    const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
    // An unreadable instant is left to the schema's validation; here it counts as a change.
    return Number.isNaN(ms) ? String(value) : ms;
  }
  if (field === 'durationMinutes') return Number(value);
  return String(value).trim() || null;
}

/** Whether `change` (the fields an update writes) moves, resizes, relocates, cancels or restores the session `before`. */
export function scheduleChanged(before: Partial<Record<ScheduleField, unknown>>, change: Record<string, unknown>): boolean {
  return SCHEDULE_FIELDS.some((field) => field in change && normalise(field, change[field]) !== normalise(field, before[field]));
}

/** The sequence after an update: one more when the schedule changed, the same otherwise. */
export function nextScheduleSequence(current: number | null | undefined, changed: boolean): number {
  const base = Math.max(0, Math.floor(Number(current) || 0));
  return changed ? base + 1 : base;
}
