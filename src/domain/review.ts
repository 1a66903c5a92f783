/**
 * Scored review of proposals: the criteria of an edition and their weights, a reviewer's score
 * sheet, the weighted mean and spread of a proposal, who sees whose scores, and until when a sheet
 * may change. Pure: no Strapi import, no clock (the instant is passed in).
 *
 * - A sheet gives one whole score from 1 to 5 to every criterion of the edition, and an optional
 *   comment (2,000 characters at most).
 * - A review's weighted mean is Σ weight × score / Σ weight over the criteria it scored; a proposal's
 *   weighted mean is the mean of its reviews' weighted means, its spread their population standard
 *   deviation (0 with one review): how far the reviewers disagree, in points of the 1–5 scale.
 * - A sheet may change until the edition's response date, read like the call's deadline: the minute
 *   written is inside, the first millisecond of the next minute is out. Without a response date, no limit.
 * - Anchoring: a reviewer sees the others' scores and comments of a proposal once they have scored it
 *   themselves; whoever may decide sees everything.
 */
import type { DateTime } from 'luxon';
import { beforeDeadlineEnd, deadlineEnd, formatInstantEn, formatInstantFr, type Instant } from './edition-calendar';
import { sameAdministration } from './review-assignment';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const COMMENT_MAX_LENGTH = 2000;

/** A criterion as the rules read it: its documentId names it in a sheet. */
export interface ReviewCriterion {
  documentId: string;
  label: string;
  labelEn: string | null;
  description: string | null;
  weight: number;
  position: number;
}

/** `{ criterionDocumentId: 1..5 }` */
export type ScoreSheet = Record<string, number>;

/** A review row as the rules read it: an assignment without scores, or a scored sheet. */
export interface ReviewFacts {
  scores: ScoreSheet | null;
  scoredAt: Instant | null;
}

/** One proposal's line of the ranking (`getService('reviews').ranking(editionDocumentId)`). */
export interface RankingEntry {
  documentId: string;
  /** Mean of the reviews' weighted means, rounded to 2 decimals; null without a scored review. */
  weightedMean: number | null;
  /** Population standard deviation of the reviews' weighted means, 2 decimals; null without a scored review. */
  spread: number | null;
  /** Scored reviews. */
  reviews: number;
  /** Review rows, scored or not: the reviewers assigned (and those who scored without being assigned). */
  assigned: number;
}

/**
 * The defaults an edition gets when review starts without criteria of its own, from the call's
 * wording (« Un exemple de logiciel libre que vous utilisez… Un déploiement particulièrement réussi…
 * Une collaboration fructueuse… Nous attendons vos retours d'expérience ! »). The first two weigh
 * twice the third: the days are for public agents and are built on lived experience, and a clear
 * talk on a weak subject should not outrank an unpolished one on a strong subject.
 */
export const DEFAULT_CRITERIA: ReadonlyArray<Omit<ReviewCriterion, 'documentId'>> = [
  {
    label: 'Intérêt pour les agents publics',
    labelEn: 'Interest for public servants',
    description: 'Le sujet sert-il à d’autres administrations : un logiciel libre qu’elles pourraient utiliser, une démarche qu’elles pourraient suivre ?',
    weight: 2,
    position: 1,
  },
  {
    label: 'Retour d’expérience concret',
    labelEn: 'Concrete experience',
    description:
      'Un logiciel libre utilisé dans l’administration, un déploiement réussi, une collaboration fructueuse avec un éditeur : du vécu, pas une présentation générale.',
    weight: 2,
    position: 2,
  },
  {
    label: 'Clarté',
    labelEn: 'Clarity',
    description: 'Le titre et le résumé disent ce que le public apprendra, dans la durée demandée.',
    weight: 1,
    position: 3,
  },
];

export interface SheetViolation {
  path: string[];
  code: string;
  message: string;
  messageEn: string;
}

/** The criteria in the order reviewers read them: position, then label. */
export function sortedCriteria<T extends Pick<ReviewCriterion, 'position' | 'label' | 'documentId'>>(criteria: T[]): T[] {
  return [...criteria].sort(
    (a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.documentId < b.documentId ? -1 : 1)
  );
}

const labelOf = (criteria: ReviewCriterion[], id: string) => criteria.find((c) => c.documentId === id);

/**
 * A sheet as sent, checked against the edition's criteria: every criterion scored with a whole number
 * from 1 to 5, nothing else, and a comment of at most 2,000 characters (empty: none). Answers the
 * sheet to store, or every violation found.
 */
export function validateSheet(
  criteria: ReviewCriterion[],
  input: { scores?: unknown; comment?: unknown }
): { sheet: { scores: ScoreSheet; comment: string | null } } | { violations: SheetViolation[] } {
  const violations: SheetViolation[] = [];
  const given = input.scores;
  const scores: ScoreSheet = {};
  if (criteria.length === 0) {
    violations.push({
      path: ['scores'],
      code: 'NO_CRITERIA',
      message: 'Cette édition n’a aucun critère de relecture : un éditeur doit en définir.',
      messageEn: 'This edition has no review criteria: an editor must define some.',
    });
  } else if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    violations.push({
      path: ['scores'],
      code: 'SCORES_REQUIRED',
      message: 'Donnez une note de 1 à 5 à chaque critère.',
      messageEn: 'Give each criterion a score from 1 to 5.',
    });
  } else {
    const record = given as Record<string, unknown>;
    for (const c of sortedCriteria(criteria)) {
      const value = record[c.documentId];
      if (value === undefined || value === null || value === '') {
        violations.push({
          path: ['scores', c.documentId],
          code: 'SCORE_MISSING',
          message: `Le critère « ${c.label} » n’est pas noté.`,
          messageEn: `The criterion "${c.labelEn || c.label}" has no score.`,
        });
      } else if (typeof value !== 'number' || !Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) {
        violations.push({
          path: ['scores', c.documentId],
          code: 'SCORE_OUT_OF_RANGE',
          message: `La note du critère « ${c.label} » doit être un nombre entier de ${SCORE_MIN} à ${SCORE_MAX}.`,
          messageEn: `The score of "${c.labelEn || c.label}" must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}.`,
        });
      } else {
        scores[c.documentId] = value;
      }
    }
    for (const key of Object.keys(record)) {
      if (!labelOf(criteria, key)) {
        violations.push({
          path: ['scores', key],
          code: 'UNKNOWN_CRITERION',
          message: 'Une note porte sur un critère qui n’est pas celui de cette édition.',
          messageEn: 'A score names a criterion that is not one of this edition.',
        });
      }
    }
  }
  let comment: string | null = null;
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') {
      violations.push({ path: ['comment'], code: 'COMMENT_INVALID', message: 'Le commentaire doit être un texte.', messageEn: 'The comment must be text.' });
    } else if (input.comment.length > COMMENT_MAX_LENGTH) {
      violations.push({
        path: ['comment'],
        code: 'COMMENT_TOO_LONG',
        message: `Le commentaire dépasse ${COMMENT_MAX_LENGTH} caractères (${input.comment.length}).`,
        messageEn: `The comment is longer than ${COMMENT_MAX_LENGTH} characters (${input.comment.length}).`,
      });
    } else {
      comment = input.comment.trim() === '' ? null : input.comment;
    }
  }
  return violations.length > 0 ? { violations } : { sheet: { scores, comment } };
}

/** Σ weight × score / Σ weight over the edition's criteria the sheet scored; null when it scored none of them. */
export function sheetWeightedMean(criteria: ReviewCriterion[], scores: ScoreSheet | null): number | null {
  if (!scores) return null;
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const value = scores[c.documentId];
    if (typeof value !== 'number' || !(c.weight > 0)) continue;
    sum += c.weight * value;
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const isScored = (r: ReviewFacts) => !!r.scoredAt && !!r.scores;

/** The ranking figures of one proposal from its review rows. */
export function proposalScore(criteria: ReviewCriterion[], reviews: ReviewFacts[]): Omit<RankingEntry, 'documentId'> {
  const means = reviews
    .filter(isScored)
    .map((r) => sheetWeightedMean(criteria, r.scores))
    .filter((m): m is number => m !== null);
  const scored = reviews.filter(isScored).length;
  if (means.length === 0) return { weightedMean: null, spread: null, reviews: scored, assigned: reviews.length };
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / means.length;
  return { weightedMean: round2(mean), spread: round2(Math.sqrt(variance)), reviews: scored, assigned: reviews.length };
}

/** Per criterion, the mean of the scored sheets' scores (2 decimals), or null when none scored it. */
export function criterionMeans(criteria: ReviewCriterion[], reviews: ReviewFacts[]): Record<string, number | null> {
  return Object.fromEntries(
    criteria.map((c) => {
      const values = reviews
        .filter(isScored)
        .map((r) => r.scores![c.documentId])
        .filter((v): v is number => typeof v === 'number');
      return [c.documentId, values.length > 0 ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null];
    })
  );
}

/** Why a reviewer may not score a proposal: it is theirs (they propose or co-speak), or from their administration. */
export type ReviewConflict = 'own-proposal' | 'own-administration';

export const REVIEW_CONFLICT_MESSAGES: Record<ReviewConflict, { fr: string; en: string }> = {
  'own-proposal': {
    fr: 'Vous êtes intervenant de cette proposition : vous ne pouvez pas la noter.',
    en: 'You are a speaker of this proposal: you cannot score it.',
  },
  'own-administration': {
    fr: 'Cette proposition vient de votre administration : vous ne pouvez pas la noter.',
    en: 'This proposal comes from your administration: you cannot score it.',
  },
};

const sameAddress = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The assignment's conflict rule, applied to every sheet: nobody scores a proposal they speak in
 * (their account's address is the proposer's or a co-speaker's) nor one from their own
 * administration (their « Relecteur » entry's, compared as the assignment compares them).
 */
export function reviewConflict(
  reviewer: { email: string | null; administration: string | null },
  proposal: { email: string | null; administrationName: string | null; coSpeakerEmails: readonly string[] }
): ReviewConflict | null {
  if ([proposal.email, ...proposal.coSpeakerEmails].some((address) => sameAddress(address, reviewer.email))) return 'own-proposal';
  if (sameAdministration(reviewer.administration, proposal.administrationName)) return 'own-administration';
  return null;
}

/** Whether a viewer sees the other reviewers' sheets of a proposal: an editor always, a reviewer once they scored it. */
export function seesOthersSheets(viewer: { seesEverything: boolean; ownSheet: ReviewFacts | null }): boolean {
  return viewer.seesEverything || (viewer.ownSheet !== null && isScored(viewer.ownSheet));
}

/** The first instant a sheet can no longer change (the end of the response date's minute), or null: no limit. */
export function reviewClosesAt(responseDate: Instant | null | undefined, zone: string): DateTime | null {
  return responseDate ? deadlineEnd(responseDate, zone) : null;
}

/** Whether a sheet may still be written at `now`. */
export function reviewOpen(responseDate: Instant | null | undefined, now: Date, zone: string): boolean {
  return !responseDate || beforeDeadlineEnd(responseDate, now, zone);
}

/** The refusal of a sheet sent after the response date, in French and English. */
export function reviewClosedMessage(responseDate: Instant, zone: string): { message: string; messageEn: string } {
  return {
    message: `La relecture est close : les notes pouvaient être données ou changées jusqu’à la date de réponse, le ${formatInstantFr(responseDate, zone)}.`,
    messageEn: `Review is closed: scores could be given or changed until the response date, ${formatInstantEn(responseDate, zone)}.`,
  };
}

/**
 * The ranking's default order: proposals without a scored review first (« non évaluées »), then the
 * highest weighted mean, then the fewest reviews (the least certain), then the documentId (stable).
 */
export function compareRanking(a: RankingEntry, b: RankingEntry): number {
  const aNone = a.weightedMean === null;
  const bNone = b.weightedMean === null;
  if (aNone !== bNone) return aNone ? -1 : 1;
  if (!aNone && !bNone && a.weightedMean !== b.weightedMean) return b.weightedMean! - a.weightedMean!;
  if (a.reviews !== b.reviews) return a.reviews - b.reviews;
  return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}

/** A mean as a French spreadsheet reads it: « 3,67 »; empty when there is none. */
export function frenchDecimal(value: number | null): string {
  return value === null ? '' : String(value).replace('.', ',');
}

/** A sheet as the review panel shows it. */
export interface SheetView {
  /** The reviewer's name (« Prénom Nom »). */
  reviewer: string;
  scores: ScoreSheet | null;
  comment: string | null;
  /** ISO instant, or null for an assignment not scored yet. */
  scoredAt: string | null;
  weightedMean: number | null;
}

/**
 * The « Relecture » panel of a proposal (GET /bluehats/proposals/:documentId/reviews): what is
 * reviewed, never who proposed it (no name, address, administration or job title).
 */
export interface ReviewPanel {
  proposal: {
    documentId: string;
    reference: string;
    title: string;
    abstract: string | null;
    requestedDuration: number | null;
    preferredDay: string | null;
    state: string;
    stateLabel: string;
  };
  edition: { documentId: string; title: string; timeZone: string } | null;
  criteria: Array<Pick<ReviewCriterion, 'documentId' | 'label' | 'labelEn' | 'description' | 'weight'>>;
  /** Sheets may still be written (before the end of the response date's minute, and no conflict). */
  open: boolean;
  /** Why this viewer may not score it (their own proposal, or their administration's), in French; null: no conflict. */
  conflict: string | null;
  /** « 27 novembre 2023 à 0 h 00 (heure de Paris) »: the last minute a sheet may change; null without a response date. */
  closesAtText: string | null;
  /** The proposal was given to this reviewer by « Répartir les propositions ». */
  assigned: boolean;
  mine: SheetView | null;
  /** Whether `others` and `summary` are shown: an editor, or a reviewer who scored the proposal. */
  othersVisible: boolean;
  others: SheetView[];
  summary: Omit<RankingEntry, 'documentId'> | null;
}

/** One line of the dashboard's ranking (GET /bluehats/editions/:documentId/ranking). */
export interface RankingRow extends RankingEntry {
  reference: string;
  title: string;
  state: string;
  stateLabel: string;
  preferredDay: string | null;
  requestedDuration: number | null;
  /** Per criterion documentId, the mean of its scores; empty when hidden. */
  criterionMeans: Record<string, number | null>;
  /** The viewer's own part: scored it, was given it, or neither. */
  mine: 'scored' | 'assigned' | null;
  /** Figures withheld from a reviewer who has not scored this proposal yet (weightedMean, spread, criterionMeans). */
  hidden: boolean;
}

export interface RankingView {
  criteria: Array<Pick<ReviewCriterion, 'documentId' | 'label' | 'weight'>>;
  days: Array<{ day: string; label: string }>;
  rows: RankingRow[];
}

/** What « Répartir les propositions » answers (POST /bluehats/editions/:documentId/assign-reviewers). */
export interface AssignmentReport {
  perProposal: number;
  proposals: number;
  reviewers: number;
  added: number;
  /** Per reviewer, what this run gave and what they now hold in the edition. */
  loads: Array<{ reviewer: string; added: number; total: number }>;
  shortfalls: Array<{ documentId: string; reference: string; title: string; missing: number; reason: string }>;
  /** Kept assignments that now break the conflict rule (an administration changed since). */
  conflicts: Array<{ reference: string; reviewer: string }>;
  /** The outcome in one French sentence. */
  message: string;
}
