/**
 * Next year's edition from this year's: the year in its title and slug, and its dates moved by
 * whole weeks so that each day keeps its weekday. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';
import { toDateTime, type Instant } from './edition-calendar';

/** « Journées #BlueHats 2023 » → « Journées #BlueHats 2024 »; a title without the year gets it appended. */
export function retitleForYear(text: string, fromYear: number, toYear: number, separator = ' '): string {
  const pattern = new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g');
  return pattern.test(text) ? text.replace(pattern, String(toYear)) : `${text}${separator}${toYear}`;
}

/**
 * The whole number of weeks that moves `date` (YYYY-MM-DD) nearest to the same calendar date a year
 * later: 52 weeks for every date (364 days, one or two days short of the anniversary, against five or
 * six days past it with 53), kept as a computation so that the rule reads as it is stated.
 */
export function weeksToNextYear(date: string): number {
  const start = DateTime.fromISO(date, { zone: 'UTC' });
  const anniversary = start.plus({ years: 1 }); // 29 February → 28 February
  const days = anniversary.diff(start, 'days').days;
  return Math.round(days / 7);
}

/** A calendar date moved by whole weeks. */
export function shiftDate(date: string, weeks: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ weeks }).toISODate()!;
}

/**
 * An instant moved by whole weeks, its wall-clock time kept in `zone` (23:59 stays 23:59 across a
 * change of summer time). A time that does not exist on the target night (the spring-forward gap)
 * moves forward by the gap, as the clocks do.
 */
export function shiftInstant(instant: Instant | null | undefined, weeks: number, zone: string): string | null {
  const dt = toDateTime(instant, zone);
  return dt ? dt.plus({ weeks }).toUTC().toISO() : null;
}

/**
 * A day's label for its moved date: the year replaced where it is written; a label that names the old
 * day of the month (« après-midi du 6 décembre ») would now lie, so it is dropped for the editors to
 * write again.
 */
export function relabelDay(label: string | null | undefined, fromDate: string, toDate: string, fromYear: number, toYear: number): string | null {
  if (!label) return null;
  const from = DateTime.fromISO(fromDate);
  const to = DateTime.fromISO(toDate);
  const namesOldDay = new RegExp(`(?<!\\d)${from.day}(?:er)?(?!\\d)`).test(label.replace(new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g'), ''));
  if (namesOldDay && from.day !== to.day) return null;
  return label.replace(new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g'), String(toYear));
}
