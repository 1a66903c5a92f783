/**
 * Personal data of proposers: what is personal in a proposal, what an erasure does with it, and
 * when an edition's retention period ends. Pure: no Strapi import.
 *
 * One rule decides every erasure, whoever asks (the proposer through the status link, an editor on
 * a request received by mail, the retention job): what was published stays what was published, and
 * everything else personal goes.
 */
import { randomBytes } from 'crypto';
import { DateTime } from 'luxon';
import { sortedDays, toDateTime, zoneOf, type EditionCalendar, type RuleViolation } from './edition-calendar';
import { frenchCount, frenchDate } from './phrases';
import type { ProposalState } from './proposal-states';

/**
 * The fields of a proposal that identify or describe the person, or hold text of theirs that was
 * never published: all emptied by an erasure. The title goes too: for a talk that was never
 * published, it is the person's unpublished text; for a published one, the session keeps it.
 */
export const PERSONAL_PROPOSAL_FIELDS = [
  'speakerName',
  'email',
  'administrationName',
  'jobTitle',
  'title',
  'abstract',
  'decisionMessage',
  'reviewerNotes',
  'consentRecord',
  'statusTokenHash',
  'statusTokenEncrypted',
  'statusTokenExpiresAt',
  'duplicateKey',
  'coSpeakersInvited',
] as const;
export type PersonalProposalField = (typeof PERSONAL_PROPOSAL_FIELDS)[number];

/**
 * What an anonymised proposal keeps, for anonymous statistics (counts per state, per day of
 * submission, per kind of administration, per requested duration and preferred day), blurred so that
 * nothing leads back to a person: a new random reference (the old one is in mails and exported
 * CSV files), the day of submission in the edition's zone rather than the instant, the kind of
 * administration rather than which one, and the states gone through without when or by whom.
 */
export function anonymousStatistics(
  row: { submittedAt?: string | null; stateHistory?: { from?: string | null; to: string }[] | null; administration?: { kind?: string | null } | null },
  timeZone: string | null | undefined
) {
  const zone = zoneOf({ timeZone });
  const submitted = row.submittedAt ? DateTime.fromISO(String(row.submittedAt), { zone }) : null;
  return {
    reference: `ANON-${randomBytes(6).toString('hex').toUpperCase()}`,
    submittedAt: submitted?.isValid ? submitted.startOf('day').toUTC().toISO() : null,
    administrationKind: row.administration?.kind ?? null,
    stateHistory: (row.stateHistory ?? []).map((change) => ({ from: change.from ?? null, to: change.to })),
    decidedAt: null,
    notifiedAt: null,
    confirmationDeadline: null,
  };
}

/** Why personal data was erased: the proposer's request, a request an editor received, retention. */
export const ERASURE_REASONS = ['proposer_request', 'editor_request', 'retention'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * What an erasure does to one proposal:
 * - `delete`: nothing was ever communicated or published: the proposal, its mails and its tokens go;
 * - `anonymise`: a decision was communicated (or the retention date passed), nothing is public:
 *   the row stays for the statistics, emptied of everything personal; a draft session goes;
 * - `keep-published`: a session of it is published: the public record stays as published, the
 *   personal data behind it goes, and editors get a task.
 */
export const ERASURE_OUTCOMES = ['delete', 'anonymise', 'keep-published'] as const;
export type ErasureOutcome = (typeof ERASURE_OUTCOMES)[number];

export interface ErasureFacts {
  state: ProposalState;
  /** A decision was communicated to the proposer (released), now or before. */
  decisionCommunicated: boolean;
  /** A version of its session is published. */
  sessionPublished: boolean;
}

export function erasureOutcome(facts: ErasureFacts, reason: ErasureReason): ErasureOutcome {
  if (facts.sessionPublished) return 'keep-published';
  // The retention job keeps anonymous statistics of every proposal; a person's own request before
  // any decision reached them removes the proposal altogether.
  if (reason === 'retention' || facts.decisionCommunicated) return 'anonymise';
  return 'delete';
}

/** The retention period an edition gets when editors set none. */
export const DEFAULT_RETENTION_MONTHS = 12;
/** The longest retention period an edition may set: ten years. */
export const MAXIMUM_RETENTION_MONTHS = 120;

type RetentionEdition = EditionCalendar & { retentionMonths?: number | null };

/**
 * When an edition's personal data ends: `retentionMonths` (default 12, never under `minimumMonths`)
 * after the end of its last day, in its zone (the same wall-clock time N months later on the
 * calendar, whatever the DST). Without days, counted from the end of the deadline's day; without
 * either, null (nothing to count from). The answer is the first instant after the period: the
 * local midnight that opens the day the data goes.
 */
export function retentionEndsAt(edition: RetentionEdition, minimumMonths: number): DateTime | null {
  const zone = zoneOf(edition);
  const lastDay = sortedDays(edition.days).pop();
  // A deadline is inclusive to its minute (« 23 h 59 »): its day, like an edition day, counts whole.
  const base = lastDay ? DateTime.fromISO(lastDay.date, { zone }) : toDateTime(edition.cfpClosesAt, zone);
  if (!base || !base.isValid) return null;
  const months = Math.max(edition.retentionMonths ?? DEFAULT_RETENTION_MONTHS, minimumMonths);
  // The day's last millisecond plus the months, plus one millisecond: never a wall-clock midnight
  // computed directly, which a zone that changes its clocks at midnight skips.
  return base.endOf('day').plus({ months }).plus({ milliseconds: 1 });
}

/** True once `now` has reached the end of the retention period. */
export function retentionPassed(edition: RetentionEdition, minimumMonths: number, now: Date): boolean {
  const end = retentionEndsAt(edition, minimumMonths);
  return !!end && now.getTime() >= end.toMillis();
}

/**
 * The retention period an editor may set: a whole number of months, at least the legal minimum the
 * operator configured (two months by default: the time to appeal a decision before the
 * administrative court), at most ten years. Empty means the default. Checked with the edition's
 * other rules (see `assertCoherent`), so a refusal reaches the admin form on the field.
 */
export function checkRetention(value: unknown, minimumMonths: number): RuleViolation[] {
  if (value === null || value === undefined || value === '') return [];
  const path = 'retentionMonths';
  // A form may send the number as text; Strapi stores « 12 » as 12.
  const months = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof months !== 'number' || !Number.isInteger(months)) {
    return [
      {
        path,
        code: 'INVALID_RETENTION',
        message: 'La durée de conservation des données personnelles doit être un nombre entier de mois.',
        messageEn: 'The personal data retention period must be a whole number of months.',
      },
    ];
  }
  if (months < minimumMonths) {
    return [
      {
        path,
        code: 'RETENTION_TOO_SHORT',
        message: `La durée de conservation des données personnelles doit être d’au moins ${frenchCount(minimumMonths, 'mois', 'mois')} après le dernier jour de l’édition : c’est le délai de recours contentieux contre une décision, pendant lequel les propositions doivent rester disponibles (${frenchCount(months, 'mois', 'mois')} saisi).`,
        messageEn: `The personal data retention period must be at least ${minimumMonths} month(s) after the edition's last day: the time to appeal a decision before the administrative court, during which proposals must remain available (${months} given).`,
      },
    ];
  }
  if (months > MAXIMUM_RETENTION_MONTHS) {
    return [
      {
        path,
        code: 'RETENTION_TOO_LONG',
        message: `La durée de conservation des données personnelles ne peut pas dépasser ${MAXIMUM_RETENTION_MONTHS} mois (dix ans) : ${months} mois saisis.`,
        messageEn: `The personal data retention period cannot exceed ${MAXIMUM_RETENTION_MONTHS} months (ten years): ${months} given.`,
      },
    ];
  }
  return [];
}

/** The day the data goes, as editors read it: « 8 décembre 2024 », in the edition's zone. */
export function retentionDayFr(end: DateTime): string {
  return frenchDate(end, { weekday: false });
}

/**
 * What the dashboard says of an edition's retention: how many proposals the job will anonymise and
 * when, or that it did. `purgedAt` is when the job last anonymised some (its day said in `zone`).
 */
export function retentionNotice({
  endsAt,
  pending,
  passed,
  purgedAt,
  zone,
}: {
  endsAt: DateTime | null;
  pending: number;
  passed: boolean;
  purgedAt: Date | null;
  zone: string;
}): string {
  if (pending === 0 && purgedAt) return `Données personnelles anonymisées le ${retentionDayFr(DateTime.fromJSDate(purgedAt, { zone }))}.`;
  if (!endsAt) return 'Pas de date de fin de conservation : l’édition n’a ni jours ni date limite.';
  const day = retentionDayFr(endsAt);
  if (pending === 0) return `Fin de conservation des données personnelles le ${day} : aucune proposition à anonymiser.`;
  const what = `${frenchCount(pending, 'proposition')} ${pending < 2 ? 'sera anonymisée' : 'seront anonymisées'}`;
  return passed ? `${what} au prochain passage de la tâche de conservation (fin de conservation le ${day}).` : `${what} le ${day}.`;
}

/** What replaces the status link in a stored copy of a mail: the token itself is never stored in clear. */
export const STATUS_LINK_PLACEHOLDER = '[lien de suivi]';

export function redactStatusLink(text: string, url: string): string {
  return url ? text.split(url).join(STATUS_LINK_PLACEHOLDER) : text;
}
