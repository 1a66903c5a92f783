/** The desk's pure rules: the current edition, a rebuild failure's reason, French counts. */
import { currentEdition } from '../../src/domain/current-edition';
import { frenchCount } from '../../src/domain/phrases';
import { rebuildFailureReason } from '../../src/domain/rebuild-failure';
import { PRIVATE_TARGET_REFUSAL } from '../../src/domain/target-address';
import { PARIS_2023 } from '../fixtures/editions';

/** The 2023 edition moved by whole years (same local times: Paris is on winter time then too). */
function shifted(years: number) {
  const move = (iso: string) => iso.replace(/^2023/, String(2023 + years));
  return {
    name: `${2023 + years}`,
    year: 2023 + years,
    timeZone: PARIS_2023.timeZone,
    cfpOpensAt: move(PARIS_2023.cfpOpensAt),
    cfpClosesAt: move(PARIS_2023.cfpClosesAt),
    responseDate: move(PARIS_2023.responseDate),
    programPublicationDate: move(PARIS_2023.programPublicationDate),
    days: PARIS_2023.days.map((d) => ({ ...d, date: move(d.date) })),
  };
}

describe('the current edition', () => {
  const e2023 = shifted(0);
  const e2024 = shifted(1);
  const undated2025 = { name: 'undated 2025', year: 2025, timeZone: 'Europe/Paris' };
  const pick = (editions: Array<{ name: string }>, iso: string) => currentEdition(editions, new Date(iso))?.name ?? null;

  it.each([
    ['before the 2023 call opens, next year already created', [e2024, e2023], '2023-06-01T00:00:00Z', '2023'],
    ['during the 2023 call', [e2024, e2023], '2023-11-15T09:00:00Z', '2023'],
    ['on the last day of 2023, before it ends (17:00 Paris)', [e2024, e2023], '2023-12-07T15:59:59Z', '2023'],
    ['once the last day of 2023 has ended', [e2024, e2023], '2023-12-07T16:00:00Z', '2024'],
    ['with an undated draft beside an edition still ahead', [undated2025, e2023], '2023-11-15T09:00:00Z', '2023'],
    ['with only past editions and an undated draft', [e2023, undated2025], '2024-01-10T00:00:00Z', 'undated 2025'],
    ['with only past editions: the last one to end', [e2023, e2024], '2025-02-01T00:00:00Z', '2024'],
    ['with no edition', [], '2023-11-15T09:00:00Z', null],
  ])('%s', (_label, editions, now, expected) => {
    expect(pick(editions as Array<{ name: string }>, now)).toBe(expected);
  });
});

describe('why a rebuild failed, in French', () => {
  it.each([
    [500, null, 'le site a répondu 500 (erreur du serveur)'],
    [503, 'HTTP 503', 'le site a répondu 503 (service indisponible)'],
    [504, 'HTTP 504', 'le site a répondu 504 (délai dépassé)'],
    [401, 'HTTP 401', 'le site a répondu 401 (authentification refusée : vérifiez le secret ou le jeton)'],
    [404, 'HTTP 404', 'le site a répondu 404 (adresse introuvable : vérifiez l’adresse)'],
    [418, 'HTTP 418', 'le site a répondu 418 (requête refusée)'],
    [599, 'HTTP 599', 'le site a répondu 599 (erreur du serveur)'],
    [301, 'HTTP 301', 'le site a répondu 301 (redirection non suivie)'],
    [null, PRIVATE_TARGET_REFUSAL.message, PRIVATE_TARGET_REFUSAL.message],
    [
      null,
      "La cible n'a pas pu être jointe (nom inconnu, connexion impossible ou délai dépassé).",
      "La cible n'a pas pu être jointe (nom inconnu, connexion impossible ou délai dépassé).",
    ],
    [null, 'HTTP 500', 'cause inconnue'],
    [null, null, 'cause inconnue'],
    [null, '  ', 'cause inconnue'],
  ])('status %p, error %p: %s', (lastStatus, lastError, expected) => {
    expect(rebuildFailureReason({ lastStatus, lastError })).toBe(expected);
  });
});

describe('French counts', () => {
  it.each([
    [0, 'essai', undefined, '0 essai'],
    [1, 'essai', undefined, '1 essai'],
    [3, 'essai', undefined, '3 essais'],
    [1, 'proposition', undefined, '1 proposition'],
    [163, 'proposition', undefined, '163 propositions'],
    [2, 'journal', 'journaux', '2 journaux'],
  ])('%p %s (plural %p) reads %s', (count, singular, plural, expected) => {
    expect(frenchCount(count, singular, plural)).toBe(expected);
  });
});
