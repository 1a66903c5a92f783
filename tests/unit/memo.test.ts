/** Answers kept per value (src/domain/memo.ts), and the date rules that keep theirs. */
import { memoised } from '../../src/domain/memo';
import { deadlineEnd, formatInstantFr, toDateTime } from '../../src/domain/edition-calendar';
import { statusTokenExpiry } from '../../src/domain/proposal-keys';

describe('memoised', () => {
  it('computes once per key, keeps a null answer, and forgets the oldest beyond its bound', () => {
    const calls: string[] = [];
    const half = memoised(
      (n: number | null) => {
        calls.push(String(n));
        return n === null ? null : n / 2;
      },
      (n) => String(n),
      2
    );
    expect([half(4), half(4), half(null), half(null)]).toEqual([2, 2, null, null]);
    expect(calls).toEqual(['4', 'null']);
    half(6); // the bound is 2: 4 is forgotten
    expect(half(4)).toBe(2);
    expect(calls).toEqual(['4', 'null', '6', '4']);
  });
});

describe('the date rules kept per value', () => {
  it('answer the same for an instant given as a Date or as its string, in each zone', () => {
    const at = '2023-11-20T22:59:00.000Z';
    expect(formatInstantFr(new Date(at), 'Europe/Paris')).toBe(formatInstantFr(at, 'Europe/Paris'));
    expect(formatInstantFr(at, 'Europe/Paris')).toBe('20 novembre 2023 à 23 h 59 (heure de Paris)');
    expect(formatInstantFr(at, 'Indian/Reunion')).toBe('21 novembre 2023 à 2 h 59 (heure de La Réunion)');
    expect(toDateTime(at, 'Pacific/Noumea')!.zoneName).toBe('Pacific/Noumea');
    expect(toDateTime(at, 'Europe/Paris')!.zoneName).toBe('Europe/Paris');
    expect(deadlineEnd(at, 'Europe/Paris')!.toUTC().toISO()).toBe('2023-11-20T23:00:00.000Z');
  });

  it('keep nothing of an invalid instant but its refusal', () => {
    expect(toDateTime('not a date', 'Europe/Paris')).toBeNull();
    expect(toDateTime(new Date(Number.NaN), 'Europe/Paris')).toBeNull();
    expect(formatInstantFr(new Date(Number.NaN), 'Europe/Paris')).toBe('');
    expect(statusTokenExpiry({ cfpClosesAt: new Date(Number.NaN) }).getTime()).toBeNaN();
  });

  it('give the status link the same end for an edition whose deadline is a Date or its string', () => {
    const days = [{ date: '2023-12-07', startTime: '14:00', endTime: '17:00' }];
    const byString = statusTokenExpiry({ cfpClosesAt: '2023-11-20T22:59:00.000Z', days });
    expect(statusTokenExpiry({ cfpClosesAt: new Date('2023-11-20T22:59:00.000Z'), days }).getTime()).toBe(byString.getTime());
    expect(statusTokenExpiry({ cfpClosesAt: '2023-11-20T22:59:00.000Z', days, timeZone: 'Indian/Reunion' }).getTime()).not.toBe(byString.getTime());
  });
});
