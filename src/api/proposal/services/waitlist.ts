/**
 * Freed slots and promotion from the waitlist (the rule: src/domain/waitlist.ts). After the response
 * date, an editor promotes a waitlisted proposal into the minutes a talk freed: one action, under one
 * lock per edition, through the transition table, released at once with its acceptance mail and its
 * own confirmation window (the release's, from the injected clock, in the edition's zone).
 */
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { clock } from '../../../domain/clock';
import type { FreedSlots, Promotion, WaitlistSuggestion } from '../../../domain/dashboard';
import { formatInstantFr, sortedDays, zoneOf, type EditionCalendar, type EditionDay, type Instant } from '../../../domain/edition-calendar';
import { frenchDate } from '../../../domain/phrases';
import { STATE_LABELS_FR } from '../../../domain/proposal-states';
import { chooseSlot, FREED_REASON_LABELS, freedSlots, rankWaitlist, suggestions, type SlotFacts } from '../../../domain/waitlist';
import { Problem, problems } from '../../../http/problem';
import { withLock } from '../../../persistence/lock';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';

type EditionRow = EditionCalendar & { documentId: string; days: EditionDay[] | null };
type Row = SlotFacts & { id: number };

const FIELDS = [
  'id',
  'documentId',
  'reference',
  'title',
  'state',
  'communicatedState',
  'preferredDay',
  'requestedDuration',
  'decisionReleasedAt',
  'confirmationDeadline',
  'promotedInPlaceOf',
  'submittedAt',
];

const refusal = (code: string, fr: string, en: string, details: Record<string, unknown> = {}) => new Problem(409, 'ConflictError', code, fr, en, details);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function editionRow(documentId: string): Promise<EditionRow> {
    const row: EditionRow | null = await getService('editions').draftRow(documentId, { populate: { days: true } });
    if (!row) throw problems.editionNotFound(documentId, { published: false });
    return row;
  }

  const rowsOf = (editionDocumentId: string): Promise<Row[]> =>
    strapi.db.query(PROPOSAL).findMany({ where: { edition: { documentId: editionDocumentId } }, select: FIELDS });

  /** The weighted means of the reviews, from the scored review's ranking. */
  async function means(editionDocumentId: string): Promise<Map<string, number | null>> {
    return new Map((await getService('reviews').ranking(editionDocumentId)).map((entry) => [entry.documentId, entry.weightedMean]));
  }

  function dayLabel(edition: EditionRow, day: string | null): string {
    if (!day) return 'Sans préférence de jour';
    return sortedDays(edition.days).find((d) => d.date === day)?.label || frenchDate(DateTime.fromISO(day, { zone: zoneOf(edition) }));
  }

  const suggestion = (edition: EditionRow, p: SlotFacts, weightedMean: number | null): WaitlistSuggestion => ({
    documentId: p.documentId,
    reference: p.reference,
    title: p.title,
    requestedDuration: p.requestedDuration,
    dayLabel: dayLabel(edition, p.preferredDay),
    weightedMean,
  });

  const responseDatePassed = (edition: EditionRow, now: Date) => !!edition.responseDate && new Date(String(edition.responseDate)).getTime() <= now.getTime();

  function notPromotable(p: Row): Problem {
    if (p.promotedInPlaceOf && p.state !== 'waitlisted') {
      return refusal(
        'ALREADY_PROMOTED',
        "Cette proposition a déjà été promue depuis la liste d'attente.",
        'This proposal has already been promoted from the waitlist.',
        { state: p.state }
      );
    }
    return refusal(
      'NOT_WAITLISTED',
      `Seule une proposition sur liste d'attente peut être promue ; celle-ci est ${STATE_LABELS_FR[p.state] ?? p.state}.`,
      `Only a waitlisted proposal can be promoted; this one is ${p.state}.`,
      { state: p.state }
    );
  }

  function slotRefusal(code: 'NOTHING_FREED' | 'SLOT_NOT_FREED' | 'PROMOTION_DOES_NOT_FIT', edition: EditionRow, p: Row): Problem {
    if (code === 'NOTHING_FREED') {
      return refusal(
        'NOTHING_FREED',
        "Aucune place n'est libérée dans cette édition : il n'y a rien à combler.",
        'No slot is freed in this edition: there is nothing to fill.'
      );
    }
    if (code === 'SLOT_NOT_FREED') {
      return refusal('SLOT_NOT_FREED', "Cette place n'est pas, ou plus, libre.", 'This slot is not, or no longer, free.');
    }
    return refusal(
      'PROMOTION_DOES_NOT_FIT',
      `Cette proposition (${p.requestedDuration} minutes, ${dayLabel(edition, p.preferredDay).toLowerCase()}) ne tient dans aucune place libérée : durée trop longue ou autre après-midi.`,
      `This proposal (${p.requestedDuration} minutes) fits no freed slot: too long, or another afternoon.`
    );
  }

  return {
    /** « Places libérées »: each freed slot with minutes left, and the best-ranked waitlisted proposal that fits it. */
    async freedSlots(editionDocumentId: string): Promise<FreedSlots> {
      const edition = await editionRow(editionDocumentId);
      const now = clock.now();
      const rows = await rowsOf(editionDocumentId);
      const slots = freedSlots(rows, now, zoneOf(edition));
      const waitlisted = rows.filter((p) => p.state === 'waitlisted');
      const ranked = rankWaitlist(waitlisted, slots.length > 0 && waitlisted.length > 0 ? await means(editionDocumentId) : new Map());
      const suggested = suggestions(slots, ranked);
      return {
        promotionOpen: responseDatePassed(edition, now),
        waitlisted: waitlisted.length,
        slots: slots.map((slot, index) => ({
          freed: { documentId: slot.documentId, reference: slot.reference, title: slot.title },
          reason: slot.reason,
          reasonLabel: FREED_REASON_LABELS[slot.reason],
          day: slot.day,
          dayLabel: dayLabel(edition, slot.day),
          minutes: slot.minutes,
          filledMinutes: slot.filledMinutes,
          remainingMinutes: slot.remainingMinutes,
          suggestion: suggested[index] ? suggestion(edition, suggested[index], suggested[index].weightedMean) : null,
        })),
      };
    },

    /**
     * Promotes a waitlisted proposal into a freed slot (`slot`: the freed talk's documentId; without
     * it, the first slot it fits). Refused with a 409 and its code: not waitlisted, already
     * promoted, before the response date, nothing freed, slot not freed, does not fit.
     */
    async promote(documentId: string, body: unknown, by: string): Promise<Promotion> {
      const slotDocumentId = (body && typeof body === 'object' ? (body as { slot?: unknown }).slot : undefined) ?? undefined;
      if (slotDocumentId !== undefined && (typeof slotDocumentId !== 'string' || slotDocumentId.length > 64)) {
        throw problems.validation([
          {
            path: ['slot'],
            code: 'INVALID_SLOT',
            message: 'La place se désigne par le documentId de la proposition libérée.',
            messageEn: "A slot is named by the freed proposal's documentId.",
          },
        ]);
      }
      const target: { edition: { documentId: string } | null } | null = await strapi.db
        .query(PROPOSAL)
        .findOne({ where: { documentId }, select: ['id'], populate: { edition: { select: ['documentId'] } } });
      if (!target) throw problems.proposalNotFound();
      if (!target.edition) throw refusal('NOTHING_FREED', "Cette proposition n'appartient à aucune édition.", 'This proposal belongs to no edition.');
      const editionDocumentId = target.edition.documentId;
      const edition = await editionRow(editionDocumentId);
      const zone = zoneOf(edition);

      const inPlaceOf = await withLock(strapi, `promote:${editionDocumentId}`, async () => {
        const now = clock.now();
        const rows = await rowsOf(editionDocumentId);
        const p = rows.find((row) => row.documentId === documentId);
        // Deleted (or erased) between the first read and the lock.
        if (!p) throw problems.proposalNotFound();
        if (p.state !== 'waitlisted') throw notPromotable(p);
        if (!responseDatePassed(edition, now)) {
          const text = edition.responseDate ? formatInstantFr(new Date(String(edition.responseDate)).toISOString(), zone) : null;
          throw refusal(
            'PROMOTION_BEFORE_RESPONSE_DATE',
            `La date de réponse${text ? ` (${text})` : ''} n'est pas encore arrivée : acceptez la proposition, la décision partira avec les autres.`,
            'The response date has not come yet: accept the proposal, and the decision goes with the others.',
            { responseDate: edition.responseDate ? new Date(String(edition.responseDate)).toISOString() : null }
          );
        }
        const choice = chooseSlot(p, freedSlots(rows, now, zone), slotDocumentId);
        if ('refusal' in choice) throw slotRefusal(choice.refusal, edition, p);
        await strapi.db.query(PROPOSAL).update({ where: { id: p.id }, data: { promotedInPlaceOf: choice.slot.documentId } });
        // Through the document service: the transition table, the history naming the editor, and
        // (the response date has passed) the release at once with its mail and confirmation window.
        await strapi.documents(PROPOSAL).update({ documentId, data: { state: 'accepted' } });
        await getService('decisions').releaseIfPastResponseDate(documentId, by);
        return choice.slot;
      });
      getService('proposerMails').deliverSoon();

      const promoted: Row & { confirmationDeadline: Instant | null } = await strapi.db.query(PROPOSAL).findOne({ where: { documentId }, select: FIELDS });
      const deadline = promoted.confirmationDeadline ? new Date(String(promoted.confirmationDeadline)).toISOString() : null;
      const mean = (await means(editionDocumentId)).get(documentId) ?? null;
      return {
        promoted: {
          ...suggestion(edition, promoted, mean),
          confirmationDeadline: deadline,
          confirmationDeadlineText: deadline ? formatInstantFr(deadline, zone) : null,
        },
        inPlaceOf: { documentId: inPlaceOf.documentId, reference: inPlaceOf.reference, title: inPlaceOf.title },
      };
    },
  };
};
