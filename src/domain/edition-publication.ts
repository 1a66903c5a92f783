/**
 * What an edition needs before it is published: a complete call for proposals, or the editors'
 * explicit « sans appel à interventions ». Pure: no Strapi import.
 */
import type { EditionCalendar, RuleViolation } from './edition-calendar';

export type PublishableEdition = EditionCalendar;

/** Each field a published call needs, with its label as the edit view shows it. */
export const CALL_REQUIREMENTS: ReadonlyArray<{ path: keyof EditionCalendar; fr: string; en: string }> = [
  { path: 'cfpOpensAt', fr: "l'ouverture de l'appel", en: 'the call opening' },
  { path: 'cfpClosesAt', fr: "la date limite de l'appel", en: 'the call deadline' },
  { path: 'responseDate', fr: 'la date de réponse', en: 'the response date' },
  { path: 'programPublicationDate', fr: 'la date de publication du programme', en: 'the program publication date' },
  { path: 'days', fr: 'au moins un jour', en: 'at least one day' },
  { path: 'minDurationMinutes', fr: 'la durée minimale', en: 'the shortest duration' },
  { path: 'maxDurationMinutes', fr: 'la durée maximale', en: 'the longest duration' },
];

const isMissing = (value: unknown): boolean => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** The fields a published edition lacks (none when `withoutCall` is set), one violation each. */
export function missingForPublication(edition: PublishableEdition): RuleViolation[] {
  if (edition.withoutCall === true) return [];
  return CALL_REQUIREMENTS.filter(({ path }) => isMissing(edition[path])).map(({ path, fr, en }) => ({
    path,
    code: 'REQUIRED_FOR_PUBLICATION',
    message: `Il manque ${fr} pour publier l'édition (ou cochez « Sans appel à interventions »).`,
    messageEn: `Publishing the edition needs ${en} (or tick "Without a call for proposals").`,
  }));
}

/** « Publication impossible : il manque l'ouverture de l'appel et la date de réponse. … » */
export function publicationRefusalMessage(missing: RuleViolation[]): { fr: string; en: string } {
  const labels = missing.map((m) => CALL_REQUIREMENTS.find((r) => r.path === m.path)!);
  const list = (words: string[], and: string) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`);
  return {
    fr: `Publication impossible : il manque ${list(
      labels.map((l) => l.fr),
      'et'
    )}. Complétez l'appel à interventions, ou cochez « Sans appel à interventions ».`,
    en: `Cannot publish: ${list(
      labels.map((l) => l.en),
      'and'
    )} missing. Complete the call for proposals, or tick "Without a call for proposals".`,
  };
}
