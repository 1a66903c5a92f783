/**
 * Freed slots and the waitlist: when an accepted speaker declines (or withdraws), or lets the
 * confirmation deadline pass, the minutes of that talk are free again on its afternoon, and the
 * best-ranked waitlisted proposal that fits them is suggested to the editors. Pure: no Strapi import.
 */
import { beforeDeadlineEnd, type Instant } from './edition-calendar';
import type { ProposalState } from './proposal-states';

export type FreedReason = 'declined' | 'confirmation_lapsed' | 'withdrawn';

export const FREED_REASON_LABELS: Readonly<Record<FreedReason, string>> = {
  declined: "L'intervenant a décliné",
  confirmation_lapsed: 'Délai de confirmation dépassé sans réponse',
  withdrawn: "L'intervenant a retiré sa proposition acceptée",
};

/** What the rule reads of a proposal of the edition. */
export interface SlotFacts {
  documentId: string;
  reference: string;
  title: string;
  state: ProposalState;
  /** What the proposer was last told. */
  communicatedState?: ProposalState | null;
  preferredDay: string | null;
  requestedDuration: number | null;
  decisionReleasedAt?: Instant | null;
  confirmationDeadline?: Instant | null;
  /** The freed talk a promoted proposal took the place of (its documentId). */
  promotedInPlaceOf?: string | null;
  submittedAt?: Instant | null;
}

/**
 * Why a talk's minutes are free again, or null: declined; withdrawn after the acceptance was told;
 * accepted and released but not confirmed by the end of its deadline's minute (the minute itself
 * is still inside, as for the call's deadline; a released acceptance without a deadline cannot be
 * confirmed either).
 */
export function freedReason(p: SlotFacts, now: Date, zone: string): FreedReason | null {
  if (p.state === 'declined') return 'declined';
  if (p.state === 'withdrawn' && p.communicatedState === 'accepted') return 'withdrawn';
  if (p.state === 'accepted' && p.decisionReleasedAt && !beforeDeadlineEnd(p.confirmationDeadline ?? null, now, zone)) return 'confirmation_lapsed';
  return null;
}

export interface FreedSlot {
  /** The freed talk. */
  documentId: string;
  reference: string;
  title: string;
  reason: FreedReason;
  /** Its afternoon (the day it preferred), or null: any day. */
  day: string | null;
  minutes: number;
  /** Minutes already given to proposals promoted in its place. */
  filledMinutes: number;
  remainingMinutes: number;
}

/** The edition's freed slots with minutes left, by afternoon (no preference last), then reference. */
export function freedSlots(proposals: readonly SlotFacts[], now: Date, zone: string): FreedSlot[] {
  const filled = new Map<string, number>();
  for (const p of proposals) {
    if (p.promotedInPlaceOf) filled.set(p.promotedInPlaceOf, (filled.get(p.promotedInPlaceOf) ?? 0) + (p.requestedDuration ?? 0));
  }
  const slots: FreedSlot[] = [];
  for (const p of proposals) {
    const reason = freedReason(p, now, zone);
    const minutes = p.requestedDuration ?? 0;
    const filledMinutes = filled.get(p.documentId) ?? 0;
    if (!reason || minutes - filledMinutes <= 0) continue;
    slots.push({
      documentId: p.documentId,
      reference: p.reference,
      title: p.title,
      reason,
      day: p.preferredDay,
      minutes,
      filledMinutes,
      remainingMinutes: minutes - filledMinutes,
    });
  }
  const dayKey = (day: string | null) => day ?? '\uffff';
  return slots.sort((a, b) => dayKey(a.day).localeCompare(dayKey(b.day)) || a.reference.localeCompare(b.reference));
}

/** A waitlisted proposal fits a slot: not longer than its minutes left, and on its afternoon unless either has no preference. */
export function fitsSlot(candidate: Pick<SlotFacts, 'preferredDay' | 'requestedDuration'>, slot: FreedSlot): boolean {
  const sameDay = !slot.day || !candidate.preferredDay || candidate.preferredDay === slot.day;
  return sameDay && (candidate.requestedDuration ?? Infinity) <= slot.remainingMinutes;
}

/** A waitlisted proposal with its weighted mean of reviews (null: not scored). */
export type RankedCandidate = SlotFacts & { weightedMean: number | null };

const instantMs = (instant: Instant | null | undefined) => (instant ? new Date(instant instanceof Date ? instant : String(instant)).getTime() : Infinity);

/**
 * The waitlist, best first: the highest weighted mean of reviews (unscored last), then the earlier
 * submission, then the reference.
 */
export function rankWaitlist(waitlisted: readonly SlotFacts[], means: ReadonlyMap<string, number | null>): RankedCandidate[] {
  return waitlisted
    .map((p) => ({ ...p, weightedMean: means.get(p.documentId) ?? null }))
    .sort((a, b) => {
      if ((a.weightedMean === null) !== (b.weightedMean === null)) return a.weightedMean === null ? 1 : -1;
      if (a.weightedMean !== null && b.weightedMean !== null && a.weightedMean !== b.weightedMean) return b.weightedMean - a.weightedMean;
      return instantMs(a.submittedAt) - instantMs(b.submittedAt) || a.reference.localeCompare(b.reference);
    });
}

/**
 * One suggestion per slot, in the slots' order: the best-ranked waitlisted proposal that fits it and
 * is not suggested for an earlier slot (null when none fits).
 */
export function suggestions(slots: readonly FreedSlot[], ranked: readonly RankedCandidate[]): Array<RankedCandidate | null> {
  const taken = new Set<string>();
  return slots.map((slot) => {
    const found = ranked.find((candidate) => !taken.has(candidate.documentId) && fitsSlot(candidate, slot)) ?? null;
    if (found) taken.add(found.documentId);
    return found;
  });
}

export type SlotChoice = { slot: FreedSlot } | { refusal: 'NOTHING_FREED' | 'SLOT_NOT_FREED' | 'PROMOTION_DOES_NOT_FIT' };

/**
 * The slot a promotion fills: the one named (`slotDocumentId`, the freed talk), or else the first
 * the proposal fits; or why there is none.
 */
export function chooseSlot(candidate: Pick<SlotFacts, 'preferredDay' | 'requestedDuration'>, slots: readonly FreedSlot[], slotDocumentId?: string): SlotChoice {
  if (slotDocumentId !== undefined) {
    const slot = slots.find((s) => s.documentId === slotDocumentId);
    if (!slot) return { refusal: 'SLOT_NOT_FREED' };
    return fitsSlot(candidate, slot) ? { slot } : { refusal: 'PROMOTION_DOES_NOT_FIT' };
  }
  if (slots.length === 0) return { refusal: 'NOTHING_FREED' };
  const slot = slots.find((s) => fitsSlot(candidate, s));
  return slot ? { slot } : { refusal: 'PROMOTION_DOES_NOT_FIT' };
}
