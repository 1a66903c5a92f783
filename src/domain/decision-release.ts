/**
 * What a release of decisions will send, and what the editor is warned of before confirming it.
 * Pure (no Strapi, no luxon at run time): the admin panel imports it too, for the same plurals and shapes.
 */
import type { ProposalState } from './proposal-states';
import { frenchCount } from './phrases';

export type DecisionMailKind = 'acceptance' | 'waitlist' | 'rejection';

export const DECISION_MAIL_OF: Readonly<Record<string, DecisionMailKind>> = { accepted: 'acceptance', waitlisted: 'waitlist', rejected: 'rejection' };

export interface ReleaseCounts {
  /** One mail per proposal, by kind. */
  mails: Record<DecisionMailKind, number>;
  /** Of those, decisions changed after another one was communicated. */
  changes: number;
  total: number;
}

export interface ReleasePreview extends ReleaseCounts {
  undecided: number;
  callOpen: boolean;
  beforeResponseDate: boolean;
  warnings: string[];
  /** `atText` in the edition's time zone, in French. */
  lastRelease: { at: string; atText: string; by: string } | null;
}

/** Counts what a release would send, from the proposals waiting for one. */
export function countPending(rows: ReadonlyArray<{ state: ProposalState; communicatedState?: ProposalState | null }>): ReleaseCounts {
  const mails: Record<DecisionMailKind, number> = { acceptance: 0, waitlist: 0, rejection: 0 };
  let changes = 0;
  for (const row of rows) {
    const kind = DECISION_MAIL_OF[row.state];
    if (!kind) continue;
    mails[kind]++;
    if (row.communicatedState && row.communicatedState !== row.state) changes++;
  }
  return { mails, changes, total: mails.acceptance + mails.waitlist + mails.rejection };
}

const MAIL_NOUNS: Record<DecisionMailKind, [string, string]> = {
  acceptance: ['acceptation', 'acceptations'],
  waitlist: ["mise en liste d'attente", "mises en liste d'attente"],
  rejection: ['refus', 'refus'],
};

/** « 1 acceptation, 2 mises en liste d'attente, 0 refus ». */
export function mailsSummaryFr(mails: Record<DecisionMailKind, number>): string {
  return (Object.keys(MAIL_NOUNS) as DecisionMailKind[]).map((kind) => frenchCount(mails[kind], ...MAIL_NOUNS[kind])).join(', ');
}

/** The warnings shown before a release: the call still open, the response date still ahead, proposals left undecided. */
export function releaseWarnings(facts: { callOpen: boolean; beforeResponseDate: boolean; responseDateText: string | null; undecided: number }): string[] {
  const warnings: string[] = [];
  if (facts.callOpen) warnings.push("L'appel à interventions est encore ouvert : d'autres propositions peuvent arriver.");
  if (facts.beforeResponseDate) {
    warnings.push(`La date de réponse annoncée${facts.responseDateText ? ` (${facts.responseDateText})` : ''} n'est pas encore arrivée.`);
  }
  if (facts.undecided > 0) {
    warnings.push(
      `${frenchCount(facts.undecided, 'proposition reste', 'propositions restent')} sans décision : ${facts.undecided > 1 ? 'leurs auteurs ne recevront' : 'son auteur ne recevra'} rien.`
    );
  }
  return warnings;
}

/** What the proposal's « Historique » side panel in the admin shows (`GET /bluehats/proposals/:documentId/decision`). */
export interface DecisionPanel {
  state: ProposalState;
  stateLabel: string;
  timeZone: string;
  communicated: { state: ProposalState; label: string; at: string | null } | null;
  released: boolean;
  warning: string | null;
  history: Array<{ at: string; atText: string; by: string | null; from: ProposalState; fromLabel: string; to: ProposalState; toLabel: string }>;
  nextStates: Array<{ state: ProposalState; label: string }>;
  /** The proposer's consents now: given or not, the text version, since when (in the edition's zone), who changed it if not the proposer. */
  consents: Array<{ consent: string; label: string; given: boolean; version: number | null; atText: string | null; by: string | null }>;
}
