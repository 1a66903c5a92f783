/** Freed slots and the waitlist: why minutes are free again, what fits them, who comes first. */
import { chooseSlot, fitsSlot, freedReason, freedSlots, rankWaitlist, suggestions, type SlotFacts } from '../../src/domain/waitlist';

const ZONE = 'Europe/Paris';
const DEADLINE = '2023-12-02T22:59:00.000Z'; // 2 Dec 23:59 Paris: that whole minute is inside
const at = (iso: string) => new Date(iso);

const p = (documentId: string, fields: Partial<SlotFacts> = {}): SlotFacts => ({
  documentId,
  reference: `REF-${documentId}`,
  title: `Titre ${documentId}`,
  state: 'waitlisted',
  preferredDay: null,
  requestedDuration: 15,
  submittedAt: '2023-11-15T09:00:00.000Z',
  ...fields,
});
const released = { state: 'accepted' as const, decisionReleasedAt: '2023-11-27T00:00:00.000Z', confirmationDeadline: DEADLINE };

describe('why minutes are free again', () => {
  it.each<[string, Partial<SlotFacts>, string, string | null]>([
    ['declined', { state: 'declined' }, '2023-11-28T10:00:00.000Z', 'declined'],
    ['withdrawn after the acceptance was told', { state: 'withdrawn', communicatedState: 'accepted' }, '2023-11-28T10:00:00.000Z', 'withdrawn'],
    ['withdrawn before any acceptance', { state: 'withdrawn', communicatedState: null }, '2023-11-28T10:00:00.000Z', null],
    ['accepted, last millisecond of the deadline minute', released, '2023-12-02T22:59:59.999Z', null],
    ['accepted, first millisecond after it', released, '2023-12-02T23:00:00.000Z', 'confirmation_lapsed'],
    ['accepted, not released', { state: 'accepted', decisionReleasedAt: null, confirmationDeadline: null }, '2023-12-10T00:00:00.000Z', null],
    ['confirmed', { state: 'confirmed' }, '2023-12-10T00:00:00.000Z', null],
    ['waitlisted', {}, '2023-12-10T00:00:00.000Z', null],
  ])('%s', (_name, fields, now, reason) => {
    expect(freedReason(p('x', fields), at(now), ZONE)).toBe(reason);
  });
});

describe('freed slots', () => {
  const now = at('2023-12-03T10:00:00.000Z');
  it('keep the minutes not yet given to promoted proposals, by afternoon, no preference last', () => {
    const slots = freedSlots(
      [
        p('any', { state: 'declined', requestedDuration: 20 }),
        p('d7', { state: 'declined', preferredDay: '2023-12-07', requestedDuration: 30 }),
        p('d6', { ...released, preferredDay: '2023-12-06', requestedDuration: 10 }),
        p('in-d7', { state: 'accepted', requestedDuration: 20, promotedInPlaceOf: 'd7' }),
        p('in-d6', { state: 'declined', requestedDuration: 10, promotedInPlaceOf: 'd6' }),
      ],
      now,
      ZONE
    );
    // d6 is filled; in-d6, promoted then declined, frees its own 10 minutes.
    expect(slots.map((s) => [s.documentId, s.day, s.minutes, s.filledMinutes, s.remainingMinutes])).toEqual([
      ['d7', '2023-12-07', 30, 20, 10],
      ['any', null, 20, 0, 20],
      ['in-d6', null, 10, 0, 10],
    ]);
  });

  it('fit a proposal no longer than the minutes left, on the same afternoon unless either has no preference', () => {
    const [slot] = freedSlots([p('d7', { state: 'declined', preferredDay: '2023-12-07', requestedDuration: 15 })], now, ZONE);
    expect(fitsSlot({ preferredDay: '2023-12-07', requestedDuration: 15 }, slot)).toBe(true);
    expect(fitsSlot({ preferredDay: null, requestedDuration: 15 }, slot)).toBe(true);
    expect(fitsSlot({ preferredDay: '2023-12-07', requestedDuration: 16 }, slot)).toBe(false);
    expect(fitsSlot({ preferredDay: '2023-12-06', requestedDuration: 5 }, slot)).toBe(false);
    const [anyDay] = freedSlots([p('x', { state: 'declined', requestedDuration: 15 })], now, ZONE);
    expect(fitsSlot({ preferredDay: '2023-12-06', requestedDuration: 15 }, anyDay)).toBe(true);
  });
});

describe('the waitlist', () => {
  it('ranks the highest weighted mean first, unscored last, then the earlier submission, then the reference', () => {
    const ranked = rankWaitlist(
      [
        p('b', { reference: 'B', submittedAt: '2023-11-15T10:00:00.000Z' }),
        p('a', { reference: 'A', submittedAt: '2023-11-15T10:00:00.000Z' }),
        p('early', { reference: 'Z', submittedAt: '2023-11-04T10:00:00.000Z' }),
        p('low', { reference: 'L' }),
        p('high', { reference: 'H' }),
      ],
      new Map([
        ['low', 2.5],
        ['high', 4.25],
        ['a', null],
      ])
    );
    expect(ranked.map((r) => [r.documentId, r.weightedMean])).toEqual([
      ['high', 4.25],
      ['low', 2.5],
      ['early', null],
      ['a', null],
      ['b', null],
    ]);
  });

  it('suggests for each slot the best that fits, never one proposal twice', () => {
    const now = at('2023-12-03T10:00:00.000Z');
    const slots = freedSlots(
      [p('s1', { state: 'declined', preferredDay: '2023-12-06', requestedDuration: 15 }), p('s2', { state: 'declined', requestedDuration: 15 })],
      now,
      ZONE
    );
    const ranked = rankWaitlist(
      [p('best', { requestedDuration: 10 }), p('next', { requestedDuration: 15, preferredDay: '2023-12-07' })],
      new Map([['best', 5]])
    );
    expect(suggestions(slots, ranked).map((s) => s?.documentId ?? null)).toEqual(['best', 'next']);
    expect(suggestions(slots, ranked.slice(1)).map((s) => s?.documentId ?? null)).toEqual([null, 'next']);
  });

  it('chooses the slot named, or the first it fits, or says why none', () => {
    const now = at('2023-12-03T10:00:00.000Z');
    const slots = freedSlots(
      [p('s1', { state: 'declined', preferredDay: '2023-12-06', requestedDuration: 10 }), p('s2', { state: 'declined', requestedDuration: 20 })],
      now,
      ZONE
    );
    const candidate = { preferredDay: '2023-12-07', requestedDuration: 15 };
    expect(chooseSlot(candidate, slots)).toEqual({ slot: slots[1] });
    expect(chooseSlot(candidate, slots, 's2')).toEqual({ slot: slots[1] });
    expect(chooseSlot(candidate, slots, 's1')).toEqual({ refusal: 'PROMOTION_DOES_NOT_FIT' });
    expect(chooseSlot(candidate, slots, 'unknown')).toEqual({ refusal: 'SLOT_NOT_FREED' });
    expect(chooseSlot({ preferredDay: null, requestedDuration: 30 }, slots)).toEqual({ refusal: 'PROMOTION_DOES_NOT_FIT' });
    expect(chooseSlot(candidate, [])).toEqual({ refusal: 'NOTHING_FREED' });
  });
});
