/**
 * The proposal's states and the one table of allowed changes, modelled on pretalx's submission states.
 * Pure: no Strapi import.
 */
import { inSentence, PROPOSAL_STATE_LABELS } from './labels';
export const PROPOSAL_STATES = ['submitted', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const TRANSITIONS: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  submitted: ['accepted', 'waitlisted', 'rejected', 'withdrawn'],
  waitlisted: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['confirmed', 'declined', 'withdrawn', 'waitlisted', 'rejected'],
  // A proposer may withdraw before seeing a decision, whatever it is: the link must not hint at it.
  rejected: ['accepted', 'waitlisted', 'withdrawn'],
  confirmed: ['withdrawn'],
  declined: [],
  withdrawn: [],
};

export function canTransition(from: ProposalState, to: ProposalState): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

/** A state inside a French sentence: « une proposition non retenue ». */
export const STATE_LABELS_FR = Object.fromEntries(PROPOSAL_STATES.map((state) => [state, inSentence(PROPOSAL_STATE_LABELS[state].fr)])) as Record<
  ProposalState,
  string
>;

export const DECIDED_STATES: readonly ProposalState[] = ['accepted', 'waitlisted', 'rejected'];

export interface StateChange {
  from: ProposalState;
  to: ProposalState;
  at: string;
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: ProposalState,
    readonly to: ProposalState
  ) {
    super(
      `Une proposition ${STATE_LABELS_FR[from] ?? from} ne peut pas devenir ${STATE_LABELS_FR[to] ?? to}. ` +
        `Depuis « ${STATE_LABELS_FR[from] ?? from} », les états possibles sont : ${
          (TRANSITIONS[from] ?? []).map((s) => STATE_LABELS_FR[s]).join(', ') || 'aucun'
        }.`
    );
  }
}

/**
 * The one function that changes a proposal's state: checks the table, and returns the fields to
 * write (the new state, its history entry, and when a decision was taken). Throws IllegalTransition.
 */
export function applyTransition(
  current: { state: ProposalState; stateHistory?: StateChange[] | null },
  to: ProposalState,
  now: Date
): { state: ProposalState; stateHistory: StateChange[]; decidedAt?: string; decisionReleasedAt?: null } {
  if (!PROPOSAL_STATES.includes(to) || !canTransition(current.state, to)) throw new IllegalTransition(current.state, to);
  const at = now.toISOString();
  const patch: ReturnType<typeof applyTransition> = {
    state: to,
    stateHistory: [...(current.stateHistory ?? []), { from: current.state, to, at }],
  };
  if (DECIDED_STATES.includes(to)) {
    patch.decidedAt = at;
    // A new decision is internal again until it is released.
    patch.decisionReleasedAt = null;
  }
  return patch;
}

export type PublicStatus = 'under-review' | ProposalState;

/** The values `publicStatus` gives: every state but `submitted`, which the public reads as "under-review". */
export const PUBLIC_STATUSES: readonly PublicStatus[] = ['under-review', ...PROPOSAL_STATES.filter((state) => state !== 'submitted')];

/** What the proposer may see: a decision only once it is released. */
export function publicStatus(state: ProposalState, releasedAt: unknown): PublicStatus {
  if (state === 'withdrawn' || state === 'confirmed' || state === 'declined') return state;
  if (DECIDED_STATES.includes(state) && releasedAt) return state;
  return 'under-review';
}
