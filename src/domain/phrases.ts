/**
 * Phrases written once for every place that says them: a French day of the month, and what durations
 * an edition allows (see `allowedDurations`). Pure: no Strapi import.
 */
import type { AllowedDurations } from './edition-calendar';
import type { Language } from './language';

/** "1er", "2", … "31": French writes the first day of a month as an ordinal. */
export const frenchDayOfMonth = (day: number): string => (day === 1 ? '1er' : String(day));

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

/** The span of durations inside a French sentence ("des interventions de 5 à 30 minutes"), or ''. */
export function durationSpanFr({ min, max, choices }: AllowedDurations): string {
  if (choices) return `de ${choices[0]} à ${choices[choices.length - 1]} minutes`;
  return min !== null && max !== null ? `de ${min} à ${max} minutes` : '';
}
