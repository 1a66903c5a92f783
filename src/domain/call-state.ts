/**
 * The live state of an edition's call for proposals, computed (never stored) from its dates, the
 * clock and its time zone. Pure: no Strapi import.
 */
import { DateTime, Duration } from 'luxon';
import {
  allowedDurations,
  callWindowAt,
  dayEnd,
  formatInstantEn,
  formatInstantFr,
  sortedDays,
  toDateTime,
  zoneOf,
  type EditionCalendar,
} from './edition-calendar';
import type { Language } from './language';
import { describeDurations } from './phrases';

export type CallState = 'upcoming' | 'open' | 'closed' | 'decisions-released' | 'program-published' | 'past' | 'no-call';

export interface LocalizedInstant {
  at: string;
  text: string;
}

export interface CallForProposalsBlock {
  state: CallState;
  timeZone: string;
  opensAt: LocalizedInstant | null;
  closesAt: LocalizedInstant | null;
  responseDate: LocalizedInstant | null;
  programPublicationDate: LocalizedInstant | null;
  durations: { min: number | null; max: number | null; choices: number[] | null; text: string };
  timeLeft: { milliseconds: number; text: string } | null;
  /** When this block changes next by itself: a boundary, for caches. */
  nextChangeAt: string | null;
}

function lastDayEnd(edition: EditionCalendar): DateTime | null {
  const days = sortedDays(edition.days);
  const last = days[days.length - 1];
  return last ? dayEnd(last, zoneOf(edition)) : null;
}

export function callState(edition: EditionCalendar, now: Date): CallState {
  const zone = zoneOf(edition);
  const t = now.getTime();
  const window = callWindowAt(edition, now);
  const end = lastDayEnd(edition);
  if (end && t >= end.toMillis()) return 'past';
  const program = toDateTime(edition.programPublicationDate, zone);
  if (program && t >= program.toMillis()) return 'program-published';
  if (edition.withoutCall === true) return 'no-call';
  const response = toDateTime(edition.responseDate, zone);
  if (response && t >= response.toMillis()) return 'decisions-released';
  if (window.state === 'open') return 'open';
  if (window.state === 'closed') return 'closed';
  return 'upcoming';
}

/** Every instant at which the computed state of the edition changes. */
export function boundaries(edition: EditionCalendar): Array<{ name: string; at: Date }> {
  const zone = zoneOf(edition);
  const window = callWindowAt(edition, new Date(0));
  const list: Array<[string, DateTime | null]> = [
    ['cfp.opened', window.opensAt],
    ['cfp.closed', window.closedFrom],
    ['decisions.released', toDateTime(edition.responseDate, zone)],
    ['program.published', toDateTime(edition.programPublicationDate, zone)],
  ];
  const days = sortedDays(edition.days);
  if (days[0]) {
    const start = DateTime.fromISO(`${days[0].date}T${days[0].startTime}`, { zone });
    list.push(['edition.started', start.isValid ? start : null]);
  }
  list.push(['edition.ended', lastDayEnd(edition)]);
  return list.filter((b): b is [string, DateTime] => !!b[1]).map(([name, dt]) => ({ name, at: dt.toJSDate() }));
}

/** Boundaries older than this are history, not news: a job down for less than this misses none. */
export const BOUNDARY_LOOKBACK_MS = 2 * 24 * 3600 * 1000;

/** The boundaries crossed in the look-back window ending at `now` (both ends included). */
export function boundariesCrossed(edition: EditionCalendar, now: Date): Array<{ name: string; at: Date }> {
  const t = now.getTime();
  return boundaries(edition).filter(({ at }) => at.getTime() <= t && at.getTime() >= t - BOUNDARY_LOOKBACK_MS);
}

export function nextBoundaryAfter(edition: EditionCalendar, now: Date): Date | null {
  const future = boundaries(edition)
    .map((b) => b.at.getTime())
    .filter((t) => t > now.getTime())
    .sort((a, b) => a - b);
  return future.length > 0 ? new Date(future[0]) : null;
}

function durationText(ms: number, locale: Language): string {
  const d = Duration.fromMillis(ms).shiftTo('days', 'hours', 'minutes');
  const parts = (['days', 'hours', 'minutes'] as const).map((unit) => ({ unit, value: Math.floor(d.get(unit)) })).filter(({ value }) => value > 0);
  if (parts.length === 0) return locale === 'fr' ? "moins d'une minute" : 'less than a minute';
  return Duration.fromObject(Object.fromEntries(parts.slice(0, 2).map((p) => [p.unit, p.value])))
    .reconfigure({ locale })
    .toHuman({ listStyle: 'long' });
}

export function callForProposalsBlock(edition: EditionCalendar, now: Date, locale: Language = 'fr'): CallForProposalsBlock {
  const zone = zoneOf(edition);
  const format = locale === 'en' ? formatInstantEn : formatInstantFr;
  const instant = (value: unknown): LocalizedInstant | null => {
    const dt = toDateTime(value as string, zone);
    return dt ? { at: dt.toUTC().toISO()!, text: format(dt, zone) } : null;
  };
  const window = callWindowAt(edition, now);
  const durations = allowedDurations(edition);
  const state = callState(edition, now);
  const boundary = nextBoundaryAfter(edition, now);
  const next = state === 'open' ? new Date(Math.min(boundary?.getTime() ?? Infinity, Math.floor(now.getTime() / 60_000) * 60_000 + 60_000)) : boundary;
  // Counted from the start of the current minute, so the block (and its ETag) changes once a minute.
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const left = state === 'open' && window.closedFrom ? window.closedFrom.toMillis() - minute : null;
  return {
    state,
    timeZone: zone,
    opensAt: instant(edition.cfpOpensAt),
    closesAt: instant(edition.cfpClosesAt),
    responseDate: instant(edition.responseDate),
    programPublicationDate: instant(edition.programPublicationDate),
    durations: {
      ...durations,
      text: capitalize(describeDurations(durations, locale)),
    },
    timeLeft: left !== null ? { milliseconds: left, text: durationText(left, locale) } : null,
    nextChangeAt: next ? next.toISOString() : null,
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
