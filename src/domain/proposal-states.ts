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

/** What an editor may set. The others are the speaker's answers (through the status link): an editor never sets them. */
export const EDITOR_STATES: readonly ProposalState[] = ['submitted', ...DECIDED_STATES];
export const SPEAKER_STATES: readonly ProposalState[] = ['withdrawn', 'confirmed', 'declined'];

/** The states an editor may move a proposal to from its current one. */
export function editorNextStates(from: ProposalState): ProposalState[] {
  return (TRANSITIONS[from] ?? []).filter((state) => EDITOR_STATES.includes(state));
}

/** Fields only the app writes (submission, tokens, decisions' dates and release, history): an editor's value is ignored. */
export const PROPOSAL_SYSTEM_FIELDS = [
  'reference',
  'submittedAt',
  'decidedAt',
  'decisionReleasedAt',
  'notifiedAt',
  'confirmationDeadline',
  'statusTokenHash',
  'statusTokenEncrypted',
  'statusTokenExpiresAt',
  'duplicateKey',
  'stateHistory',
  'communicatedState',
  'communicatedAt',
  'consentRecord',
  'erasedAt',
  'erasedBecause',
  'administrationKind',
  'lateCode',
  'coSpeakersInvited',
  'promotedInPlaceOf',
] as const;

/** Who changed a state, as the history shows it: an editor's name, or one of these. */
export const BY_SPEAKER = "l'intervenant";
export const BY_SYSTEM = 'automatique';

export interface StateChange {
  from: ProposalState;
  to: ProposalState;
  at: string;
  /** Absent from the entries written before the history named who. */
  by?: string;
}

/** What a proposer was last told (set at each release), kept while a later change waits for its own release. */
export interface Communicated {
  communicatedState?: ProposalState | null;
  communicatedAt?: string | Date | null;
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
  current: { state: ProposalState; stateHistory?: StateChange[] | null } & Communicated,
  to: ProposalState,
  now: Date,
  by: string = BY_SYSTEM
): { state: ProposalState; stateHistory: StateChange[]; decidedAt?: string; decisionReleasedAt?: string | null } {
  if (!PROPOSAL_STATES.includes(to) || !canTransition(current.state, to)) throw new IllegalTransition(current.state, to);
  const at = now.toISOString();
  const patch: ReturnType<typeof applyTransition> = {
    state: to,
    stateHistory: [...(current.stateHistory ?? []), { from: current.state, to, at, by }],
  };
  if (DECIDED_STATES.includes(to)) {
    patch.decidedAt = at;
    // A new decision waits for its release; going back to what the proposer was told needs none.
    const backToCommunicated = to === current.communicatedState && current.communicatedAt;
    patch.decisionReleasedAt = backToCommunicated ? new Date(current.communicatedAt!).toISOString() : null;
  }
  return patch;
}

/** A decision changed after the proposer was told another one, and not released yet. */
export function changedSinceCommunicated(row: { state: ProposalState; decisionReleasedAt?: unknown } & Communicated): boolean {
  return DECIDED_STATES.includes(row.state) && !row.decisionReleasedAt && !!row.communicatedState && row.communicatedState !== row.state;
}

export type PublicStatus = 'under-review' | ProposalState;

/** The values `publicStatus` gives: every state but `submitted`, which the public reads as "under-review". */
export const PUBLIC_STATUSES: readonly PublicStatus[] = ['under-review', ...PROPOSAL_STATES.filter((state) => state !== 'submitted')];

/**
 * What the proposer may see: a decision only once it is released; while a later change waits for
 * its release, the decision they were last told.
 */
export function publicStatus(state: ProposalState, releasedAt: unknown, communicatedState?: ProposalState | null): PublicStatus {
  if (SPEAKER_STATES.includes(state)) return state;
  if (DECIDED_STATES.includes(state) && releasedAt) return state;
  if (communicatedState && DECIDED_STATES.includes(communicatedState)) return communicatedState;
  return 'under-review';
}
