/**
 * Personal data of proposers: what is personal in a proposal, what an erasure does with it, and
 * when an edition's retention period ends. Pure: no Strapi import.
 *
 * One rule decides every erasure, whoever asks (the proposer through the status link, an editor on
 * a request received by mail, the retention job): what was published stays what was published, and
 * everything else personal goes.
 */
import { DateTime } from 'luxon';
import { sortedDays, toDateTime, zoneOf, type EditionCalendar } from './edition-calendar';
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
] as const;
export type PersonalProposalField = (typeof PERSONAL_PROPOSAL_FIELDS)[number];

/**
 * What an anonymised proposal keeps: enough for anonymous statistics (counts per state, per day of
 * submission, per kind of administration through its matched administration, per requested
 * duration and preferred day), and nothing that leads back to a person.
 */
export const KEPT_FOR_STATISTICS = [
  'reference',
  'edition',
  'administration',
  'state',
  'submittedAt',
  'requestedDuration',
  'preferredDay',
  'language',
  'stateHistory',
] as const;

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

/**
 * When an edition's personal data ends: `retentionMonths` (default 12, never under `minimumMonths`)
 * after the end of its last day, in its zone (a month later on the calendar, whatever the DST).
 * Without days, counted from the deadline; without either, null (nothing to count from).
 */
export function retentionEndsAt(edition: EditionCalendar & { retentionMonths?: number | null }, minimumMonths: number): DateTime | null {
  const zone = zoneOf(edition);
  const lastDay = sortedDays(edition.days).pop();
  const base = lastDay ? DateTime.fromISO(lastDay.date, { zone }).endOf('day') : toDateTime(edition.cfpClosesAt, zone);
  if (!base || !base.isValid) return null;
  const months = Math.max(edition.retentionMonths ?? DEFAULT_RETENTION_MONTHS, minimumMonths);
  // The first instant after the period: the last day's end plus the months, to the millisecond.
  return base.plus({ months }).plus({ milliseconds: 1 });
}

/** True once `now` has reached the end of the retention period. */
export function retentionPassed(edition: EditionCalendar & { retentionMonths?: number | null }, minimumMonths: number, now: Date): boolean {
  const end = retentionEndsAt(edition, minimumMonths);
  return !!end && now.getTime() >= end.toMillis();
}

/** What replaces the status link in a stored copy of a mail: the token itself is never stored in clear. */
export const STATUS_LINK_PLACEHOLDER = '[lien de suivi]';

export function redactStatusLink(text: string, url: string): string {
  return url ? text.split(url).join(STATUS_LINK_PLACEHOLDER) : text;
}
