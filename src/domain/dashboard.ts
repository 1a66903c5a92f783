/**
 * The editors' dashboard as the server builds it (api::edition.editorial) and the admin page reads
 * it (GET /bluehats/editions/:documentId/dashboard). Types only: the admin imports this module with
 * `import type`, so no server code reaches its bundle, and a field renamed on one side is a type
 * error on the other.
 */
import type { CallForProposalsBlock } from './call-state';
import type { PrivacyTaskView } from './editor-erasure';
import type { NearDuplicateReason } from './near-duplicates';
import type { FreedReason } from './waitlist';

export interface EditionSummary {
  documentId: string;
  title: string;
  year: number;
  /** The edition whose call or days are ongoing or next (see current-edition.ts): chosen by default. */
  current: boolean;
}

export interface Count {
  label: string;
  count: number;
}

export interface Dashboard {
  edition: { documentId: string; title: string; year: number | null; timeZone: string };
  callForProposals: CallForProposalsBlock;
  total: number;
  byState: Array<Count & { state: string }>;
  byPreferredDay: Array<Count & { day: string | null }>;
  byAdministrationKind: Array<Count & { kind: string }>;
  /** The reader is kept from this edition's proposers' identity (anonymised review): no counts by kind of administration. */
  identityHidden: boolean;
  minutes: { requested: number; accepted: number; available: number };
  undecided: {
    count: number;
    responseDate: { at: string | null; beforeResponseDate: boolean } | null;
    /** The oldest few (8) of the `count`, whatever the edition's size: the content manager lists them all, page by page. */
    proposals: Array<{ documentId: string; reference: string; title: string }>;
  };
  webhookFailures: RebuildFailure[];
  /** What erasures left editors to do in this edition, not done yet, oldest first (« Fait » stamps one). */
  privacyTasks: PrivacyTaskView[];
  retention: RetentionBlock;
}

/** The end of an edition's retention period, as the dashboard and the edition's dates panel show it. */
export interface RetentionBlock {
  /** The first instant after the period (ISO, UTC), or null without days and deadline. */
  endsAt: string | null;
  /** The day the data goes, in French in the edition's zone: « 8 décembre 2024 ». */
  endsAtText: string | null;
  /** Proposals of the edition not yet erased. */
  pending: number;
  /** The period is over (the job anonymises what is pending on its next run). */
  passed: boolean;
  /** When the job anonymised the edition's proposals (ISO), or null. */
  purgedAt: string | null;
  /** « 37 propositions seront anonymisées le 8 décembre 2024 », or « Données personnelles anonymisées le … ». */
  text: string;
}

/** A failed site rebuild, as the dashboard and the home page list it. */
export interface RebuildFailure {
  target: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** Why it failed, in French (see rebuild-failure.ts). */
  reason: string;
  /** The row's Date on the server; JSON turns it into an ISO string on the way to the admin. */
  at: Date | string;
  /** `at` in the edition's zone (Paris on the home page), in French: "1er décembre 2023 à 9 h 00 (heure de Paris)". */
  atText: string;
}

/**
 * The admin's home page (GET /bluehats/home): each current edition (not over yet) with the state of
 * its call, its next date boundary and its undecided proposals, then the last rebuild failures.
 */
export interface Home {
  editions: Array<{
    documentId: string;
    title: string;
    year: number | null;
    timeZone: string;
    /** Whether a version of the edition is published: a draft's call is not open to anyone. */
    published: boolean;
    state: { value: CallForProposalsBlock['state']; label: string };
    nextBoundary: { name: string; label: string; at: string; text: string } | null;
    undecided: number;
  }>;
  undecided: number;
  rebuildFailures: RebuildFailure[];
}

/** A proposal of a near-duplicate pair, as the editors' dashboard names it. */
export interface NearDuplicateProposal {
  documentId: string;
  reference: string;
  title: string;
  speakerName: string;
  /** Its state, in French. */
  stateLabel: string;
}

/**
 * The near-duplicate proposals of an edition (GET /bluehats/editions/:documentId/near-duplicates),
 * for editors only: flagged, never refused (see near-duplicates.ts).
 */
export interface NearDuplicates {
  /** Who made the abstracts' trigrams: PostgreSQL's pg_trgm, or the app (same measure, same threshold). */
  method: 'pg_trgm' | 'library';
  titleSimilarityMin: number;
  abstractSimilarityMin: number;
  /**
   * The reader is kept from identity by the edition's anonymised review: the pairs of one person are
   * left out and no proposal carries its proposer's name (only similar abstracts are flagged).
   */
  samePersonLeftOut: boolean;
  /** The similar abstracts stopped at ABSTRACT_PAIRS_MAX pairs: there may be more. */
  abstractPairsCapped: boolean;
  pairs: Array<{
    proposals: [NearDuplicateProposal, NearDuplicateProposal];
    reasons: Array<{ code: NearDuplicateReason; label: string }>;
    /** 0–1, set when the two come from one person. */
    titleSimilarity: number | null;
    /** 0–1, set when the abstracts reach the threshold. */
    abstractSimilarity: number | null;
  }>;
}

/** A waitlisted proposal suggested for a freed slot, or promoted into it. */
export interface WaitlistSuggestion {
  documentId: string;
  reference: string;
  title: string;
  requestedDuration: number | null;
  /** Its preferred afternoon in French, or « Sans préférence de jour ». */
  dayLabel: string;
  /** The weighted mean of its reviews, or null when none is scored. */
  weightedMean: number | null;
}

/**
 * « Places libérées » (GET /bluehats/editions/:documentId/freed-slots), for editors: the minutes an
 * accepted talk freed (declined, withdrawn, or its confirmation deadline passed), and the
 * best-ranked waitlisted proposal that fits each (see waitlist.ts).
 */
export interface FreedSlots {
  /** The response date has passed: a promotion is released at once. Before it, the normal release applies. */
  promotionOpen: boolean;
  /** Waitlisted proposals of the edition. */
  waitlisted: number;
  slots: Array<{
    freed: { documentId: string; reference: string; title: string };
    reason: FreedReason;
    /** Why, in French. */
    reasonLabel: string;
    day: string | null;
    dayLabel: string;
    minutes: number;
    filledMinutes: number;
    remainingMinutes: number;
    suggestion: WaitlistSuggestion | null;
  }>;
}

/** What a promotion answers (POST /bluehats/proposals/:documentId/promote). */
export interface Promotion {
  promoted: WaitlistSuggestion & { confirmationDeadline: string | null; confirmationDeadlineText: string | null };
  inPlaceOf: { documentId: string; reference: string; title: string };
}
