/**
 * The program embargo, as a rule: when may a session or a speaker be public?
 *
 * A session may be public from its edition's programPublicationDate (inclusive); a session whose
 * edition has no such date is not held back. A speaker is held back only while every one of their
 * sessions is: a speaker with no session, or with one session already public, may be public now.
 *
 * The answer is the instant until which the document must stay unpublished, or null when it may be
 * published now. No Strapi, no wall clock: the caller passes `now`.
 */
import { formatInstantEn, formatInstantFr } from './edition-calendar';

export type Instant = Date | string | null | undefined;

export type EmbargoSubject = { kind: 'session'; programPublicationDate: Instant } | { kind: 'speaker'; sessionProgramPublicationDates: Instant[] };

const toMillis = (at: Instant): number | null => {
  if (at === null || at === undefined || at === '') return null;
  const ms = (at instanceof Date ? at : new Date(at)).getTime();
  return Number.isNaN(ms) ? null : ms;
};

/** The program date of one session's edition, if it is still ahead of `now`. */
export function sessionEmbargoUntil(programPublicationDate: Instant, now: Date): Date | null {
  const at = toMillis(programPublicationDate);
  return at !== null && at > now.getTime() ? new Date(at) : null;
}

/** The earliest program date among a speaker's sessions, if every one of them is still ahead of `now`. */
export function speakerEmbargoUntil(sessionProgramPublicationDates: Instant[], now: Date): Date | null {
  if (sessionProgramPublicationDates.length === 0) return null;
  const untils = sessionProgramPublicationDates.map((date) => sessionEmbargoUntil(date, now));
  if (untils.some((until) => until === null)) return null;
  return new Date(Math.min(...untils.map((until) => until!.getTime())));
}

/** Null when the document may be public at `now`; otherwise the instant it may be. */
export function embargoUntil(subject: EmbargoSubject, now: Date): Date | null {
  return subject.kind === 'session'
    ? sessionEmbargoUntil(subject.programPublicationDate, now)
    : speakerEmbargoUntil(subject.sessionProgramPublicationDates, now);
}

/**
 * What the editor reads in the admin when a publish is turned into a scheduled publication. The
 * content manager shows the message as it is (an ICU string: no braces, no straight apostrophes).
 */
export function scheduledPublicationNotice(kind: EmbargoSubject['kind'], until: Date, zone: string) {
  const what =
    kind === 'session'
      ? { fr: 'Cette session sera publiée', en: 'This session will be published' }
      : { fr: 'Cet intervenant sera publié', en: 'This speaker will be published' };
  return {
    code: 'PUBLICATION_SCHEDULED' as const,
    scheduledPublishAt: until.toISOString(),
    message: `Publication programmée : ${what.fr} le ${formatInstantFr(until, zone)} (date de publication du programme), pas avant. C’est le brouillon enregistré à cette date qui sera publié.`,
    messageEn: `Publication scheduled: ${what.en} on ${formatInstantEn(until, zone)} (the program publication date), not before. The draft saved by then is what will be published.`,
  };
}
