/** The pure rules of an editor's erasure: which input is one address, the log's summary, the tasks' words. */
import { countOutcomes, erasureAddress, erasureSummary, privacyTaskText } from '../../src/domain/editor-erasure';

describe('erasureAddress', () => {
  it.each([
    ['agent@example.gouv.fr', 'agent@example.gouv.fr'],
    ['  Agent.Public@Example.GOUV.fr ', 'agent.public@example.gouv.fr'],
    ['prenom_nom+cfp@administration.fr', 'prenom_nom+cfp@administration.fr'],
    [`${'a'.repeat(242)}@example.org`, `${'a'.repeat(242)}@example.org`], // 254 characters: the last one in
    [`${'a'.repeat(243)}@example.org`, null], // 255: the first one out
    ['', null],
    ['   ', null],
    ['pas-une-adresse', null],
    ['a@b', null],
    ['deux@example.org trois@example.org', null],
    ['a@example.org,b@example.org', null],
    [['a@example.org'], null],
    [{ $eqi: 'a@example.org' }, null],
    [42, null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(erasureAddress(input)).toBe(expected);
  });
});

describe('erasureSummary', () => {
  it.each([
    [[], 'rien à effacer'],
    [['delete'], '1 supprimée'],
    [['delete', 'delete', 'anonymise'], '2 supprimées, 1 anonymisée'],
    [['anonymise', 'anonymise'], '2 anonymisées'],
    [['keep-published'], '1 publication gardée'],
    [['keep-published', 'delete', 'keep-published', 'anonymise'], '1 supprimée, 1 anonymisée, 2 publications gardées'],
  ] as const)('%j → « %s »', (outcomes, text) => {
    expect(erasureSummary(countOutcomes(outcomes))).toBe(text);
  });
});

describe('privacyTaskText', () => {
  it.each([
    [
      'published_speaker_erased',
      'Logiciels libres',
      'Un intervenant de « Logiciels libres » a effacé ses données : vérifiez sa photo et sa biographie publiées.',
    ],
    ['published_speaker_erased', null, "Un intervenant d'une session a effacé ses données : vérifiez sa photo et sa biographie publiées."],
    // A draft's title is the person's unpublished text: the task never keeps it.
    [
      'confirmed_speaker_erased',
      null,
      "Un intervenant confirmé d'une session a effacé ses données : sa session en brouillon est supprimée, son créneau est libre.",
    ],
    [
      'publication_consent_withdrawn',
      'Un socle commun',
      'Un intervenant de « Un socle commun » a retiré son accord à la publication : sa session est retirée du programme publié, son créneau est libre.',
    ],
    [
      'co_speaker_left',
      'Un socle commun',
      'Un co-intervenant de « Un socle commun » a retiré sa participation ou effacé ses données : il est retiré du brouillon, republiez la session pour que le programme ne le nomme plus.',
    ],
    [
      'co_speaker_joined',
      'Un socle commun',
      "Un co-intervenant de « Un socle commun » a confirmé sa participation après la publication : il est ajouté au brouillon, publiez son profil d'intervenant puis republiez la session pour que le programme le nomme.",
    ],
  ] as const)('%s, %s', (kind, title, text) => {
    expect(privacyTaskText(kind, title)).toBe(text);
  });
});
