/**
 * The proposal's states and the one table of allowed changes, modelled on pretalx's submission states.
 * Pure: no Strapi import.
 */
export const PROPOSAL_STATES = ['submitted', 'accepted', 'waitlisted', 'rejected', 'withdrawn', 'confirmed', 'declined'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const TRANSITIONS: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  submitted: ['accepted', 'waitlisted', 'rejected', 'withdrawn'],
  waitlisted: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['confirmed', 'declined', 'withdrawn', 'waitlisted', 'rejected'],
  rejected: ['accepted', 'waitlisted'],
  confirmed: ['withdrawn'],
  declined: [],
  withdrawn: [],
};

export function canTransition(from: ProposalState, to: ProposalState): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

export const STATE_LABELS_FR: Record<ProposalState, string> = {
  submitted: 'reçue',
  accepted: 'acceptée',
  waitlisted: "sur liste d'attente",
  rejected: 'non retenue',
  withdrawn: 'retirée',
  confirmed: 'confirmée',
  declined: 'déclinée',
};
