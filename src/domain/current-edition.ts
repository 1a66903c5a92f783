/**
 * Which edition the editors are working on now, for the dashboard's default choice: not the newest
 * created, but the one whose call or days are ongoing or next. Pure: no Strapi import.
 */
import { boundaries } from './call-state';
import type { EditionCalendar } from './edition-calendar';

export interface DatedEdition extends EditionCalendar {
  year?: number | null;
}

/**
 * The current edition among `editions` at `now`:
 * 1. of those with a date still ahead, the one whose last date comes first (this year's edition
 *    until its last day ends, even when next year's is already being prepared);
 * 2. else an edition with no dates yet (being prepared), the earliest year first;
 * 3. else the one that ended last.
 * Null for an empty list.
 */
export function currentEdition<T extends DatedEdition>(editions: readonly T[], now: Date): T | null {
  const t = now.getTime();
  const ranked = editions.map((edition) => {
    const times = boundaries(edition).map((b) => b.at.getTime());
    return { edition, last: times.length ? Math.max(...times) : null };
  });
  const ahead = ranked.filter((r): r is { edition: T; last: number } => r.last !== null && r.last > t).sort((a, b) => a.last - b.last);
  if (ahead[0]) return ahead[0].edition;
  const undated = ranked.filter((r) => r.last === null).sort((a, b) => (a.edition.year ?? Infinity) - (b.edition.year ?? Infinity));
  if (undated[0]) return undated[0].edition;
  const past = ranked.filter((r): r is { edition: T; last: number } => r.last !== null).sort((a, b) => b.last - a.last);
  return past[0]?.edition ?? null;
}
