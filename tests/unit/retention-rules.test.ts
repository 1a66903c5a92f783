/** When an edition's personal data goes, which periods an editor may set, and what the dashboard says of it. */
import { DateTime } from 'luxon';
import { checkRetention, retentionEndsAt, retentionNotice, retentionPassed } from '../../src/domain/personal-data';
import type { EditionCalendar } from '../../src/domain/edition-calendar';
import { PARIS_2023 } from '../fixtures/editions';

type Edition = EditionCalendar & { retentionMonths?: number | null };
const day = (date: string) => ({ date, startTime: '14:00', endTime: '17:00' });
const lastDay = (date: string, zone = 'Europe/Paris', retentionMonths: number | null = null): Edition => ({
  timeZone: zone,
  days: [day(date)],
  retentionMonths,
});
const MINIMUM = 2;
const before = (iso: string) => new Date(new Date(iso).getTime() - 1);

describe('the end of the retention period (the first instant after it)', () => {
  it.each<[string, Edition, number, string]>([
    ['the 2023 Paris edition, 12 months by default: midnight opening 8 December 2024', PARIS_2023, MINIMUM, '2024-12-07T23:00:00.000Z'],
    ['the same, days listed out of order', { ...PARIS_2023, days: [...PARIS_2023.days].reverse() }, MINIMUM, '2024-12-07T23:00:00.000Z'],
    ['a period set to 24 months', { ...PARIS_2023, retentionMonths: 24 }, MINIMUM, '2025-12-07T23:00:00.000Z'],
    ['a period under the floor (1 month) is raised to the floor (2 months)', { ...PARIS_2023, retentionMonths: 1 }, MINIMUM, '2024-02-07T23:00:00.000Z'],
    ['the floor itself (2 months)', { ...PARIS_2023, retentionMonths: 2 }, MINIMUM, '2024-02-07T23:00:00.000Z'],
    ['an operator floor of 6 months over a period of 3', { ...PARIS_2023, retentionMonths: 3 }, 6, '2024-06-07T22:00:00.000Z'],
    [
      'no days: counted from the end of the deadline’s day (20 November 23:59 → 21 November 2024)',
      { ...PARIS_2023, days: [] },
      MINIMUM,
      '2024-11-20T23:00:00.000Z',
    ],
    ['New York: midnight there', lastDay('2023-06-15', 'America/New_York'), MINIMUM, '2024-06-16T04:00:00.000Z'],
    ['Auckland, in its summer time (UTC+13)', lastDay('2023-12-07', 'Pacific/Auckland'), MINIMUM, '2024-12-07T11:00:00.000Z'],
    ['an invalid zone reads as Paris', lastDay('2023-12-07', 'Mars/Olympus'), MINIMUM, '2024-12-07T23:00:00.000Z'],
    ['Paris, ending on the night clocks go forward (31 March 2024)', lastDay('2023-03-30'), MINIMUM, '2024-03-30T23:00:00.000Z'],
    ['Paris, ending on the night clocks go back (29 October 2023)', lastDay('2023-08-28', 'Europe/Paris', 2), MINIMUM, '2023-10-28T22:00:00.000Z'],
    [
      'Paris, a summer last day and a winter end: a calendar count, not 61 × 24 h',
      lastDay('2023-10-05', 'Europe/Paris', 2),
      MINIMUM,
      '2023-12-05T23:00:00.000Z',
    ],
    [
      'Santiago, whose clocks skip midnight (8 September 2024): the first instant of that day, 1:00',
      lastDay('2023-09-07', 'America/Santiago'),
      MINIMUM,
      '2024-09-08T04:00:00.000Z',
    ],
    ['31 January + 1 month (floor 1): the end of February, a leap year', lastDay('2024-01-31', 'Europe/Paris', 1), 1, '2024-02-29T23:00:00.000Z'],
  ])('%s', (_label, edition, minimum, expected) => {
    const end = retentionEndsAt(edition, minimum);
    expect(end?.toUTC().toISO()).toBe(expected);
    // The last millisecond of the period is still in it; its end is the first one out.
    expect(retentionPassed(edition, minimum, before(expected))).toBe(false);
    expect(retentionPassed(edition, minimum, new Date(expected))).toBe(true);
    expect(retentionPassed(edition, minimum, new Date(new Date(expected).getTime() + 1))).toBe(true);
  });

  it('is null, and never passes, without days or deadline', () => {
    expect(retentionEndsAt({ timeZone: 'Europe/Paris', days: [] }, MINIMUM)).toBeNull();
    expect(retentionPassed({ timeZone: 'Europe/Paris' }, MINIMUM, new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('the period an editor may set', () => {
  it.each<[string, unknown, number, string[]]>([
    ['empty: the default applies', null, 2, []],
    ['not sent', undefined, 2, []],
    ['12 months', 12, 2, []],
    ['the minimum itself', 2, 2, []],
    ['one month under the minimum', 1, 2, ['RETENTION_TOO_SHORT']],
    ['zero', 0, 2, ['RETENTION_TOO_SHORT']],
    ['negative', -3, 2, ['RETENTION_TOO_SHORT']],
    ['under a higher operator minimum', 5, 6, ['RETENTION_TOO_SHORT']],
    ['ten years', 120, 2, []],
    ['over ten years', 121, 2, ['RETENTION_TOO_LONG']],
    ['a fraction', 1.5, 2, ['INVALID_RETENTION']],
    ['a number as text', '12', 2, []],
    ['a number as text, too short', '1', 2, ['RETENTION_TOO_SHORT']],
    ['text', 'douze', 2, ['INVALID_RETENTION']],
  ])('%s (%p, minimum %p)', (_label, months, minimum, codes) => {
    const violations = checkRetention(months, minimum);
    expect(violations.map((v) => v.code)).toEqual(codes);
    expect(violations.every((v) => v.path === 'retentionMonths')).toBe(true);
  });

  it('says the minimum and why, in French and English', () => {
    const [violation] = checkRetention(1, 2);
    expect(violation.message).toBe(
      'La durée de conservation des données personnelles doit être d’au moins 2 mois après le dernier jour de l’édition : c’est le délai de recours contentieux contre une décision, pendant lequel les propositions doivent rester disponibles (1 mois saisi).'
    );
    expect(violation.messageEn).toMatch(/at least 2 month\(s\).*appeal/);
  });
});

describe('what the dashboard says', () => {
  const endsAt = DateTime.fromISO('2024-12-08T00:00:00', { zone: 'Europe/Paris' });
  const zone = 'Europe/Paris';
  it.each<[string, Parameters<typeof retentionNotice>[0], string]>([
    ['37 to come', { endsAt, pending: 37, passed: false, purgedAt: null, zone }, '37 propositions seront anonymisées le 8 décembre 2024.'],
    ['one to come', { endsAt, pending: 1, passed: false, purgedAt: null, zone }, '1 proposition sera anonymisée le 8 décembre 2024.'],
    [
      'past the date, the job not run yet',
      { endsAt, pending: 3, passed: true, purgedAt: null, zone },
      '3 propositions seront anonymisées au prochain passage de la tâche de conservation (fin de conservation le 8 décembre 2024).',
    ],
    [
      'done, on the day it ran in the edition’s zone (23:30 UTC is the next day in Paris)',
      { endsAt, pending: 0, passed: true, purgedAt: new Date('2024-12-08T23:30:00.000Z'), zone },
      'Données personnelles anonymisées le 9 décembre 2024.',
    ],
    [
      'no proposals',
      { endsAt, pending: 0, passed: false, purgedAt: null, zone },
      'Fin de conservation des données personnelles le 8 décembre 2024 : aucune proposition à anonymiser.',
    ],
    [
      'nothing to count from',
      { endsAt: null, pending: 4, passed: false, purgedAt: null, zone },
      'Pas de date de fin de conservation : l’édition n’a ni jours ni date limite.',
    ],
    [
      'the 1st of a month',
      { endsAt: DateTime.fromISO('2024-12-01T00:00:00', { zone }), pending: 2, passed: false, purgedAt: null, zone },
      '2 propositions seront anonymisées le 1er décembre 2024.',
    ],
  ])('%s', (_label, input, expected) => {
    expect(retentionNotice(input)).toBe(expected);
  });
});
