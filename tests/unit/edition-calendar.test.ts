import {
  callWindowAt,
  checkEditionCoherence,
  deadlineEnd,
  formatInstantEn,
  formatInstantFr,
  isDurationAllowed,
  isValidTimeZone,
  type EditionCalendar,
} from '../../src/domain/edition-calendar';

const paris2023: EditionCalendar = {
  timeZone: 'Europe/Paris',
  cfpOpensAt: '2023-11-03T08:00:00.000Z',
  cfpClosesAt: '2023-11-20T22:59:00.000Z', // 20 November 23:59, Paris (UTC+1)
  responseDate: '2023-11-26T23:00:00.000Z',
  programPublicationDate: '2023-12-04T08:00:00.000Z',
  days: [
    { date: '2023-12-06', startTime: '14:00:00.000', endTime: '17:00:00.000' },
    { date: '2023-12-07', startTime: '14:00', endTime: '17:00' },
  ],
  minDurationMinutes: 5,
  maxDurationMinutes: 30,
};

describe('the call window', () => {
  const at = (iso: string, edition: EditionCalendar = paris2023) => callWindowAt(edition, new Date(iso)).state;

  it.each([
    ['the last millisecond before opening', '2023-11-03T07:59:59.999Z', 'not-open-yet'],
    ['the opening instant (inclusive)', '2023-11-03T08:00:00.000Z', 'open'],
    ['the deadline minute itself', '2023-11-20T22:59:00.000Z', 'open'],
    ['the last millisecond of the deadline minute', '2023-11-20T22:59:59.999Z', 'open'],
    ['the first millisecond after the deadline minute', '2023-11-20T23:00:00.000Z', 'closed'],
  ])('at %s (%s) is %s', (_label, instant, state) => {
    expect(at(instant)).toBe(state);
  });

  it('is unscheduled while the dates are missing', () => {
    expect(at('2023-11-10T00:00:00Z', { timeZone: 'Europe/Paris' })).toBe('unscheduled');
  });

  it('keeps the whole deadline minute on the night clocks go back (Paris, 29 Oct 2023)', () => {
    // 02:59 happens twice that night; the stored instant is the second one (UTC+1).
    const edition = { ...paris2023, cfpOpensAt: '2023-10-01T00:00:00Z', cfpClosesAt: '2023-10-29T01:59:00.000Z' };
    expect(at('2023-10-29T01:59:59.999Z', edition)).toBe('open');
    expect(at('2023-10-29T02:00:00.000Z', edition)).toBe('closed');
    // The first 02:59 (UTC+2) is an hour earlier, and well inside.
    expect(at('2023-10-29T00:59:59.999Z', edition)).toBe('open');
  });

  it('keeps the whole deadline minute on the night clocks go forward (Paris, 31 Mar 2024)', () => {
    // 01:59 local (UTC+1) is the last minute before the jump to 03:00 (UTC+2).
    const edition = { ...paris2023, cfpOpensAt: '2024-03-01T00:00:00Z', cfpClosesAt: '2024-03-31T00:59:00.000Z' };
    expect(at('2024-03-31T00:59:59.999Z', edition)).toBe('open');
    expect(at('2024-03-31T01:00:00.000Z', edition)).toBe('closed');
    expect(formatInstantFr(edition.cfpClosesAt as string, 'Europe/Paris')).toBe('31 mars 2024 à 1 h 59 (heure de Paris)');
  });

  it('computes boundaries in the edition time zone (Nouméa, UTC+11)', () => {
    const edition: EditionCalendar = {
      timeZone: 'Pacific/Noumea',
      cfpOpensAt: '2024-05-31T13:00:00.000Z',
      cfpClosesAt: '2024-06-20T12:59:00.000Z', // 20 June 23:59 in Nouméa
    };
    expect(at('2024-06-20T12:59:59.999Z', edition)).toBe('open');
    expect(at('2024-06-20T13:00:00.000Z', edition)).toBe('closed');
    expect(formatInstantFr(edition.cfpClosesAt as string, 'Pacific/Noumea')).toBe('20 juin 2024 à 23 h 59 (heure de Nouméa)');
  });

  it('floors a deadline given with seconds to its minute', () => {
    expect(deadlineEnd('2023-11-20T22:59:37.123Z', 'Europe/Paris')!.toUTC().toISO()).toBe('2023-11-20T23:00:00.000Z');
  });
});

describe('human dates', () => {
  it('reads like the announcement, in French and in English', () => {
    expect(formatInstantFr('2023-11-20T22:59:00.000Z', 'Europe/Paris')).toBe('20 novembre 2023 à 23 h 59 (heure de Paris)');
    expect(formatInstantFr('2023-12-01T08:05:00.000Z', 'Europe/Paris')).toBe('1er décembre 2023 à 9 h 05 (heure de Paris)');
    expect(formatInstantEn('2023-11-20T22:59:00.000Z', 'Europe/Paris')).toBe('20 November 2023 at 23:59 (Paris time)');
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Paris', true],
    ['America/Cayenne', true],
    ['Europe/Pariss', false],
    ['UTC+1', false],
    ['', false],
    [42, false],
  ])('%p valid: %p', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('durations', () => {
  it('accepts a range when no list is given', () => {
    expect(isDurationAllowed(paris2023, 5)).toBe(true);
    expect(isDurationAllowed(paris2023, 30)).toBe(true);
    expect(isDurationAllowed(paris2023, 4)).toBe(false);
    expect(isDurationAllowed(paris2023, 31)).toBe(false);
    expect(isDurationAllowed(paris2023, 12.5)).toBe(false);
  });
  it('accepts only the listed choices when a list is given', () => {
    const edition = { ...paris2023, durationChoices: [5, 10, 15, 20, 30] };
    expect(isDurationAllowed(edition, 15)).toBe(true);
    expect(isDurationAllowed(edition, 25)).toBe(false);
  });
});

describe('edition coherence', () => {
  const codes = (edition: EditionCalendar) => checkEditionCoherence(edition).map((v) => `${v.path}:${v.code}`);

  it('accepts the 2023 edition', () => {
    expect(checkEditionCoherence(paris2023)).toEqual([]);
  });

  it('accepts an edition with no dates yet', () => {
    expect(checkEditionCoherence({ timeZone: 'Europe/Paris' })).toEqual([]);
  });

  it.each<[string, Partial<EditionCalendar>, string[]]>([
    ['a deadline equal to the opening', { cfpClosesAt: paris2023.cfpOpensAt }, ['cfpClosesAt:CFP_CLOSES_BEFORE_OPENING']],
    ['a deadline before the opening', { cfpOpensAt: '2023-11-21T00:00:00Z' }, ['cfpClosesAt:CFP_CLOSES_BEFORE_OPENING']],
    ['a response before the deadline', { responseDate: '2023-11-20T22:58:00Z' }, ['responseDate:RESPONSE_BEFORE_DEADLINE']],
    ['a program before the response', { programPublicationDate: '2023-11-26T22:59:59Z' }, ['programPublicationDate:PROGRAM_BEFORE_RESPONSE']],
    ['a program after the first day starts', { programPublicationDate: '2023-12-06T13:00:01Z' }, ['programPublicationDate:DATES_AFTER_FIRST_DAY']],
    ['an unknown time zone', { timeZone: 'Europe/Lutece' }, ['timeZone:INVALID_TIME_ZONE']],
    ['min above max', { minDurationMinutes: 40 }, ['maxDurationMinutes:DURATION_MIN_ABOVE_MAX']],
    ['a choice out of bounds', { durationChoices: [5, 45] }, ['durationChoices:DURATION_CHOICE_OUT_OF_BOUNDS']],
    ['choices that are not minutes', { durationChoices: ['cinq'] }, ['durationChoices:INVALID_DURATION_CHOICES']],
    ['a day ending before it starts', { days: [{ date: '2023-12-06', startTime: '17:00', endTime: '14:00' }] }, ['days[0].endTime:DAY_ENDS_BEFORE_START']],
    [
      'the same day twice',
      {
        days: [
          { date: '2023-12-06', startTime: '14:00', endTime: '17:00' },
          { date: '2023-12-06', startTime: '09:00', endTime: '12:00' },
        ],
      },
      ['days[1].date:DUPLICATE_DAY'],
    ],
    [
      'a room listed twice, whatever its case and spaces',
      { rooms: [{ name: 'Atelier' }, { name: 'Salle 1' }, { name: ' atelier ' }] },
      ['rooms[2].name:DUPLICATE_ROOM'],
    ],
    ['a changeover over an hour', { changeoverMinutes: 61 }, ['changeoverMinutes:INVALID_CHANGEOVER']],
    ['a negative changeover', { changeoverMinutes: -5 }, ['changeoverMinutes:INVALID_CHANGEOVER']],
    ['a fractional changeover', { changeoverMinutes: 2.5 }, ['changeoverMinutes:INVALID_CHANGEOVER']],
  ])('refuses %s', (_label, change, expected) => {
    expect(codes({ ...paris2023, ...change })).toEqual(expected);
  });

  it('accepts the program published exactly when the first day starts', () => {
    expect(codes({ ...paris2023, programPublicationDate: '2023-12-06T13:00:00Z' })).toEqual([]);
  });

  it('says what is wrong in French, with the local time and the zone', () => {
    const [violation] = checkEditionCoherence({ ...paris2023, responseDate: '2023-11-19T23:00:00Z' });
    expect(violation.message).toBe(
      "La date de réponse (20 novembre 2023 à 0 h 00 (heure de Paris)) ne peut pas précéder la clôture de l'appel (20 novembre 2023 à 23 h 59 (heure de Paris))."
    );
  });

  it('checks a day in local time across a daylight-saving change', () => {
    // 29 Oct 2023, Paris: 01:30 → 03:30 local is three hours of wall clock but four of real time; still coherent.
    const edition = { timeZone: 'Europe/Paris', days: [{ date: '2023-10-29', startTime: '01:30', endTime: '03:30' }] };
    expect(codes(edition)).toEqual([]);
  });
});
