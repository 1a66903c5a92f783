import { formatLocalInput, parseLocalDateTime } from '../../src/domain/local-datetime';

describe('an instant typed in the edition’s zone', () => {
  it.each([
    ['20/11/2027 23:59', 'Europe/Paris', undefined, '2027-11-20T22:59:00.000Z', 'samedi 20 novembre 2027 à 23 h 59'],
    ['20/11/2027 23h59', 'Europe/Paris', undefined, '2027-11-20T22:59:00.000Z', 'samedi 20 novembre 2027 à 23 h 59'],
    ['20/11/2027 à 23 h 59', 'Europe/Paris', undefined, '2027-11-20T22:59:00.000Z', 'samedi 20 novembre 2027 à 23 h 59'],
    ['20/11/2027', 'Europe/Paris', '23:59', '2027-11-20T22:59:00.000Z', 'samedi 20 novembre 2027 à 23 h 59'],
    ['04/12/2027 09:00', 'Europe/Paris', undefined, '2027-12-04T08:00:00.000Z', 'samedi 4 décembre 2027 à 9 h 00'],
    ['4/12/2027 9h', 'Europe/Paris', undefined, '2027-12-04T08:00:00.000Z', 'samedi 4 décembre 2027 à 9 h 00'],
    ['04/12/2027', 'Europe/Paris', '09:00', '2027-12-04T08:00:00.000Z', 'samedi 4 décembre 2027 à 9 h 00'],
    ['01/07/2027 23:59', 'Europe/Paris', undefined, '2027-07-01T21:59:00.000Z', 'jeudi 1 juillet 2027 à 23 h 59'],
    ['20/11/2027 23:59', 'America/Cayenne', undefined, '2027-11-21T02:59:00.000Z', 'samedi 20 novembre 2027 à 23 h 59'],
    // The night Paris moves its clocks forward, Cayenne (no summer time) has 02:30 like any night.
    ['28/03/2027 02:30', 'America/Cayenne', undefined, '2027-03-28T05:30:00.000Z', 'dimanche 28 mars 2027 à 2 h 30'],
    ['28/03/2027 03:00', 'Europe/Paris', undefined, '2027-03-28T01:00:00.000Z', 'dimanche 28 mars 2027 à 3 h 00'],
    ['28/03/2027 01:59', 'Europe/Paris', undefined, '2027-03-28T00:59:00.000Z', 'dimanche 28 mars 2027 à 1 h 59'],
    ['29/02/2028 12:00', 'Europe/Paris', undefined, '2028-02-29T11:00:00.000Z', 'mardi 29 février 2028 à 12 h 00'],
  ])('%s in %s (default time %s) is %s', (text, zone, defaultTime, iso, described) => {
    expect(parseLocalDateTime(text, zone, defaultTime)).toEqual({ ok: true, iso, text: described });
    expect(formatLocalInput(iso, zone)).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
  });

  it('reads the last minute before the clocks go back twice: the first one is taken', () => {
    const result = parseLocalDateTime('31/10/2027 02:30', 'Europe/Paris');
    expect(result).toMatchObject({ ok: true });
    expect(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']).toContain((result as { iso: string }).iso);
  });

  it.each([
    [
      '28/03/2027 02:30',
      'Europe/Paris',
      'LOCAL_DATETIME_DST_GAP',
      "02:30 n'existe pas cette nuit-là dans le fuseau Europe/Paris (changement d'heure) : choisissez une autre heure.",
    ],
    ['31/02/2027 10:00', 'Europe/Paris', 'LOCAL_DATETIME_INVALID', "Cette date n'existe pas : 31/02/2027 10:00."],
    ['20/11/2027 24:00', 'Europe/Paris', 'LOCAL_DATETIME_INVALID', "Cette date n'existe pas : 20/11/2027 24:00."],
    ['20/11/2027 23:60', 'Europe/Paris', 'LOCAL_DATETIME_INVALID', "Cette date n'existe pas : 20/11/2027 23:60."],
    ['demain soir', 'Europe/Paris', 'LOCAL_DATETIME_UNREADABLE', 'Date illisible : écrivez-la jj/mm/aaaa hh:mm, par exemple 20/11/2027 23:59.'],
    ['2027-11-20 23:59', 'Europe/Paris', 'LOCAL_DATETIME_UNREADABLE', 'Date illisible : écrivez-la jj/mm/aaaa hh:mm, par exemple 20/11/2027 23:59.'],
    ['20/11/2027', 'Europe/Paris', 'LOCAL_DATETIME_MISSING_TIME', "Indiquez aussi l'heure, par exemple 20/11/2027 23:59."],
  ])('refuses %s in %s: %s', (text, zone, code, message) => {
    expect(parseLocalDateTime(text, zone)).toEqual({ ok: false, code, message });
  });

  it('shows a stored instant back in the zone', () => {
    expect(formatLocalInput('2027-11-20T22:59:00.000Z', 'Europe/Paris')).toBe('20/11/2027 23:59');
    expect(formatLocalInput('2027-11-20T22:59:00.000Z', 'America/Cayenne')).toBe('20/11/2027 19:59');
    expect(formatLocalInput(null, 'Europe/Paris')).toBe('');
  });
});
