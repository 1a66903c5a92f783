import { lateCodeExpiresAt, lateCodeRefusal, newLateCode, normaliseLateCode } from '../../src/domain/late-code';

/** An instant of the 2023 call, after its deadline: the tests never read the wall clock. */
const NOW = new Date('2023-11-22T09:00:00.000Z');

describe('whether a late-submission code admits a proposal at an instant', () => {
  const code = (validUntil: string, uses = 0, maxUses = 1) => ({ validUntil, uses, maxUses });

  it.each([
    // [case, validUntil (UTC, as stored), now, zone, expected refusal or null]
    ['Paris winter: the last millisecond of the written minute', '2023-11-24T22:59:00.000Z', '2023-11-24T22:59:59.999Z', 'Europe/Paris', null],
    ['Paris winter: the first millisecond after it', '2023-11-24T22:59:00.000Z', '2023-11-24T23:00:00.000Z', 'Europe/Paris', 'LATE_CODE_EXPIRED'],
    ['seconds typed into validUntil count from the start of their minute', '2023-11-24T22:59:42.000Z', '2023-11-24T22:59:59.999Z', 'Europe/Paris', null],
    ['Paris summer (UTC+2)', '2024-06-30T21:59:00.000Z', '2024-06-30T21:59:59.999Z', 'Europe/Paris', null],
    ['Paris summer, first ms out', '2024-06-30T21:59:00.000Z', '2024-06-30T22:00:00.000Z', 'Europe/Paris', 'LATE_CODE_EXPIRED'],
    // 27 Oct 2024: 02:00–02:59 happens twice in Paris; the stored instant says which one.
    ['Paris, the first 02:30 of the autumn night: in', '2024-10-27T00:30:00.000Z', '2024-10-27T00:30:59.999Z', 'Europe/Paris', null],
    [
      'Paris, the first 02:30 of the autumn night: out at the next minute, before the second 02:30',
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T00:31:00.000Z',
      'Europe/Paris',
      'LATE_CODE_EXPIRED',
    ],
    [
      'Paris, the second 02:30 of the autumn night: still in an hour after the first',
      '2024-10-27T01:30:00.000Z',
      '2024-10-27T01:30:59.999Z',
      'Europe/Paris',
      null,
    ],
    // 31 Mar 2024: 01:59 is followed by 03:00 in Paris.
    ['Paris spring night: 01:59 is the last minute before the jump', '2024-03-31T00:59:00.000Z', '2024-03-31T00:59:59.999Z', 'Europe/Paris', null],
    ['Paris spring night: 03:00 is out', '2024-03-31T00:59:00.000Z', '2024-03-31T01:00:00.000Z', 'Europe/Paris', 'LATE_CODE_EXPIRED'],
    ['La Réunion (UTC+4): last ms in', '2023-11-24T19:59:00.000Z', '2023-11-24T19:59:59.999Z', 'Indian/Reunion', null],
    ['La Réunion (UTC+4): first ms out', '2023-11-24T19:59:00.000Z', '2023-11-24T20:00:00.000Z', 'Indian/Reunion', 'LATE_CODE_EXPIRED'],
    ['Nouméa (UTC+11): long before', '2023-11-24T12:59:00.000Z', '2023-11-20T00:00:00.000Z', 'Pacific/Noumea', null],
    ['Montréal, autumn night (01:30 twice): first ms out', '2024-11-03T05:30:00.000Z', '2024-11-03T05:31:00.000Z', 'America/Montreal', 'LATE_CODE_EXPIRED'],
  ])('%s', (_case, validUntil, now, zone, expected) => {
    expect(lateCodeRefusal(code(validUntil), new Date(now), zone)?.code ?? null).toBe(expected);
  });

  it.each([
    [0, 1, null],
    [1, 1, 'LATE_CODE_EXHAUSTED'],
    [2, 3, null],
    [3, 3, 'LATE_CODE_EXHAUSTED'],
    [4, 3, 'LATE_CODE_EXHAUSTED'],
  ])('%i uses of %i allowed', (uses, maxUses, expected) => {
    const row = code('2023-11-24T22:59:00.000Z', uses, maxUses);
    expect(lateCodeRefusal(row, new Date('2023-11-21T10:00:00Z'), 'Europe/Paris')?.code ?? null).toBe(expected);
  });

  it('an expired code is told expired even when exhausted: the date is what the person can act on', () => {
    expect(lateCodeRefusal(code('2023-11-24T22:59:00.000Z', 1, 1), new Date('2023-11-25T00:00:00Z'), 'Europe/Paris')?.code).toBe('LATE_CODE_EXPIRED');
  });

  it('an unknown code, and one without a date, are refused', () => {
    expect(lateCodeRefusal(null, NOW, 'Europe/Paris')?.code).toBe('LATE_CODE_UNKNOWN');
    expect(lateCodeRefusal({ validUntil: null, uses: 0, maxUses: 1 }, new Date('2023-11-21T10:00:00Z'), 'Europe/Paris')?.code).toBe('LATE_CODE_EXPIRED');
  });

  it('each refusal is worded in French and English, the expiry in the edition’s local time', () => {
    const expired = lateCodeRefusal(code('2023-11-24T22:59:00.000Z'), new Date('2023-11-25T00:00:00Z'), 'Europe/Paris')!;
    expect(expired.message).toBe("Ce code de dépôt tardif n'est plus valable : il l'était jusqu'au 24 novembre 2023 à 23 h 59 (heure de Paris).");
    expect(expired.messageEn).toBe('This late-submission code is no longer valid: it was valid until 24 November 2023 at 23:59 (Paris time).');
    expect(lateCodeRefusal(null, NOW, 'Europe/Paris')!.messageEn).toMatch(/does not exist/);
    expect(lateCodeRefusal(code('2099-01-01T00:00:00Z', 1, 1), NOW, 'Europe/Paris')!.message).toMatch(/autant de fois/);
  });

  it('the expiry instant is the end of the written minute', () => {
    expect(lateCodeExpiresAt('2023-11-24T22:59:30.000Z', 'Europe/Paris')?.toISOString()).toBe('2023-11-24T23:00:00.000Z');
    expect(lateCodeExpiresAt(null, 'Europe/Paris')).toBeNull();
  });
});

describe('the code itself', () => {
  it('is ten readable characters, different each time', () => {
    const codes = Array.from({ length: 200 }, newLateCode);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it.each([
    ['7kq4-m9xz-ab', '7KQ4M9XZAB'],
    [' 7KQ4 M9XZ AB ', '7KQ4M9XZAB'],
    ['OOIILL0000', '0011110000'],
    ['7KQ4M9XZA', null],
    ['7KQ4M9XZABU', null],
    ['7KQ4M9XZAU', null],
    [42, null],
    [undefined, null],
    ['x'.repeat(100), null],
  ])('%p is read as %p', (typed, stored) => {
    expect(normaliseLateCode(typed)).toBe(stored);
  });
});
