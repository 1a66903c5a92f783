/**
 * Phrases written once for every place that says them: a French day of the month, dates and hours
 * as an announcement writes them, lists, and what durations an edition allows (see
 * `allowedDurations`, `durationSpans`). Pure: no Strapi import.
 */
import type { DateTime } from 'luxon';
import type { AllowedDurations, DurationSpans } from './edition-calendar';
import type { Language } from './language';

/** "1er", "2", … "31": French writes the first day of a month as an ordinal. */
export const frenchDayOfMonth = (day: number): string => (day === 1 ? '1er' : String(day));

/** "a", "a et b", "a, b et c" (or "ou"). */
export function frenchList(items: string[], conjunction: 'et' | 'ou' = 'et'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** A wall-clock time "HH:mm[:ss]" as French writes it: "14 h", "14 h 30". */
export function frenchTimeOfDay(time: string): string {
  const [h, m] = time.split(':');
  return m === undefined || m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

/** "mercredi 6 décembre 2023" (with `weekday`, `year` as asked), in the DateTime's own zone. */
export function frenchDate(dt: DateTime, { weekday = true, year = true }: { weekday?: boolean; year?: boolean } = {}): string {
  const local = dt.setLocale('fr');
  return `${weekday ? `${local.toFormat('cccc')} ` : ''}${frenchDayOfMonth(local.day)} ${local.toFormat(year ? 'LLLL yyyy' : 'LLLL')}`;
}

/** Midnight, local time: the instant opens a day, and is said as that day alone. */
export const isStartOfDay = (dt: DateTime): boolean => dt.hour === 0 && dt.minute === 0;

/**
 * An instant as local plain text: "20 novembre 2023 à 23 h 59". At midnight the day alone
 * ("27 novembre 2023"): "à 0 h 00" is no time anyone announces.
 */
export function frenchDateTime(dt: DateTime, { weekday = false }: { weekday?: boolean } = {}): string {
  return isStartOfDay(dt) ? frenchDate(dt, { weekday }) : frenchDateAndTime(dt, { weekday });
}

/** The same with the time always said, for a deadline: its minute is inside the call, even at 0 h 00. */
export function frenchDateAndTime(dt: DateTime, { weekday = false }: { weekday?: boolean } = {}): string {
  return `${frenchDate(dt, { weekday })} à ${dt.toFormat("H 'h' mm")}`;
}

/**
 * A date by which something happens: "au plus tard le lundi 27 novembre 2023 à 12 h 00"; at
 * midnight "avant le lundi 27 novembre 2023" (by the end of the day before, as the seeds say it).
 */
export function frenchByDate(dt: DateTime): string {
  return isStartOfDay(dt) ? `avant le ${frenchDate(dt)}` : `au plus tard le ${frenchDateTime(dt, { weekday: true })}`;
}

/**
 * Calendar days, with their weekdays, the month and year said once where they are shared: "le
 * mercredi 6 décembre 2023", "les mercredi 6 et jeudi 7 décembre 2023", "les jeudi 30 novembre et
 * vendredi 1er décembre 2023". Expects the days sorted.
 */
export function frenchDays(days: DateTime[]): string {
  if (days.length === 0) return '';
  const words = days.map((day, i) => {
    const d = day.setLocale('fr');
    const next = days[i + 1];
    const month = !next || next.month !== d.month || next.year !== d.year;
    const year = !next || next.year !== d.year;
    return [d.toFormat('cccc'), frenchDayOfMonth(d.day), month ? d.toFormat('LLLL') : '', year ? d.toFormat('yyyy') : ''].filter(Boolean).join(' ');
  });
  return `${days.length === 1 ? 'le' : 'les'} ${frenchList(words)}`;
}

/** The rule on durations, as a clause: "les durées possibles sont 5, 10, 15 minutes". */
export function describeDurations({ min, max, choices }: AllowedDurations, language: Language): string {
  if (language === 'en') {
    if (choices) return `allowed durations are ${choices.join(', ')} minutes`;
    if (min !== null && max !== null) return `the duration must lie between ${min} and ${max} minutes`;
    return 'the duration must be a positive whole number of minutes';
  }
  if (choices) return `les durées possibles sont ${choices.join(', ')} minutes`;
  if (min !== null && max !== null) return `la durée doit être comprise entre ${min} et ${max} minutes`;
  return 'la durée doit être un nombre entier de minutes positif';
}

/**
 * The span of durations inside a French sentence, the recommended one first when the edition has
 * one: "de 5 à 20 minutes de préférence (30 minutes au plus)", "de 5 à 30 minutes", or ''.
 */
export function durationSpanFr({ min, max, recommendedMax }: DurationSpans): string {
  if (min === null || max === null) return '';
  return recommendedMax !== null ? `de ${min} à ${recommendedMax} minutes de préférence (${max} minutes au plus)` : `de ${min} à ${max} minutes`;
}

/** The durations a proposer picks from: "5, 10, 15, 20 ou 30 minutes", "entre 5 et 30 minutes", or ''. */
export function durationChoicesFr({ min, max, choices }: AllowedDurations): string {
  if (choices) return `${frenchList(choices.map(String), 'ou')} minutes`;
  return min !== null && max !== null ? `entre ${min} et ${max} minutes` : '';
}

/**
 * A count with its noun agreed, as French writes it: "0 essai", "1 essai", "3 essais",
 * "2 propositions" (0 and 1 take the singular). The plural is the singular with an "s" unless given.
 */
export function frenchCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${Math.abs(count) < 2 ? singular : plural}`;
}
