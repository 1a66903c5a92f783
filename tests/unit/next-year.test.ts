import { relabelDay, retitleForYear, shiftDate, shiftInstant, weeksToNextYear } from '../../src/domain/next-year';
import { missingForPublication, publicationRefusalMessage } from '../../src/domain/edition-publication';
import { callState } from '../../src/domain/call-state';
import { windowRefusal } from '../../src/domain/call-refusal';
import { PARIS_2023 } from '../fixtures/editions';

describe("next year's title and slug", () => {
  it.each([
    ['Journées #BlueHats 2023', ' ', 'Journées #BlueHats 2024'],
    ['Journées #BlueHats', ' ', 'Journées #BlueHats 2024'],
    ['bluehats-2023', '-', 'bluehats-2024'],
    ['bluehats', '-', 'bluehats-2024'],
    ['Salle 12023', ' ', 'Salle 12023 2024'],
  ])('%s → %s', (text, separator, expected) => {
    expect(retitleForYear(text, 2023, 2024, separator)).toBe(expected);
  });
});

describe('dates moved by whole weeks', () => {
  it.each([
    ['2023-12-06', 52, '2024-12-04'], // Wednesday → Wednesday, two days before the anniversary (leap year)
    ['2024-12-04', 52, '2025-12-03'],
    ['2024-02-29', 52, '2025-02-27'], // 29 February: Thursday → Thursday
    ['2023-02-28', 52, '2024-02-27'],
  ])('%s moves %i weeks to %s', (date, weeks, expected) => {
    expect(weeksToNextYear(date)).toBe(weeks);
    expect(shiftDate(date, weeks)).toBe(expected);
    expect(new Date(`${expected}T12:00:00Z`).getUTCDay()).toBe(new Date(`${date}T12:00:00Z`).getUTCDay());
  });

  it('keeps the local time of an instant: 23:59 in Paris stays 23:59', () => {
    expect(shiftInstant(PARIS_2023.cfpClosesAt, 52, 'Europe/Paris')).toBe('2024-11-18T22:59:00.000Z');
  });

  it('keeps the local time across a change of summer time (09:00 summer → 09:00 winter)', () => {
    // 27 March 2023 is after the clocks went forward; 25 March 2024 is before they do.
    expect(shiftInstant('2023-03-27T07:00:00.000Z', 52, 'Europe/Paris')).toBe('2024-03-25T08:00:00.000Z');
  });

  it('moves a time that falls in the spring-forward gap after it, as the clocks do', () => {
    // 2 April 2023 02:30 Paris (summer time) → 31 March 2024 02:30 does not exist → 03:30 summer time.
    expect(shiftInstant('2023-04-02T00:30:00.000Z', 52, 'Europe/Paris')).toBe('2024-03-31T01:30:00.000Z');
  });

  it('in a zone without summer time, is exactly 52 weeks', () => {
    expect(shiftInstant('2023-03-27T12:00:00.000Z', 52, 'America/Cayenne')).toBe('2024-03-25T12:00:00.000Z');
  });

  it('leaves an empty date empty', () => {
    expect(shiftInstant(null, 52, 'Europe/Paris')).toBeNull();
  });

  it.each([
    ['après-midi du 6 décembre', null],
    ['Journée 2023', 'Journée 2024'],
    ['Matinée', 'Matinée'],
    [null, null],
  ])('relabels the day « %s » as %p', (label, expected) => {
    expect(relabelDay(label, '2023-12-06', '2024-12-04', 2023, 2024)).toBe(expected);
  });
});

describe('publishing needs a complete call', () => {
  it('a complete edition lacks nothing', () => {
    expect(missingForPublication(PARIS_2023)).toEqual([]);
  });

  it('names every missing field, in French', () => {
    const missing = missingForPublication({ timeZone: 'Europe/Paris', cfpClosesAt: PARIS_2023.cfpClosesAt, days: [] });
    expect(missing.map((m) => m.path)).toEqual(['cfpOpensAt', 'responseDate', 'programPublicationDate', 'days', 'minDurationMinutes', 'maxDurationMinutes']);
    expect(missing[0].message).toBe("Il manque l'ouverture de l'appel pour publier l'édition (ou cochez « Sans appel à interventions »).");
    expect(publicationRefusalMessage(missing.slice(0, 2)).fr).toBe(
      "Publication impossible : il manque l'ouverture de l'appel et la date de réponse. Complétez l'appel à interventions, ou cochez « Sans appel à interventions »."
    );
  });

  it('an edition without a call lacks nothing, and says so to proposers', () => {
    const noCall = { timeZone: 'Europe/Paris', withoutCall: true };
    expect(missingForPublication(noCall)).toEqual([]);
    expect(callState(noCall, new Date('2023-11-10T00:00:00Z'))).toBe('no-call');
    expect(windowRefusal(noCall, new Date('2023-11-10T00:00:00Z'))).toMatchObject({ code: 'CFP_NONE', at: null });
    expect(windowRefusal({ ...PARIS_2023, withoutCall: true }, new Date('2023-11-10T00:00:00Z'))?.code).toBe('CFP_NONE');
  });
});
