/** Near-duplicate proposals: normalisation, the two measures and their thresholds, the pairing. */
import {
  ABSTRACT_PAIRS_MAX,
  ABSTRACT_SIMILARITY_MIN,
  nearDuplicatePairs,
  normaliseName,
  normaliseText,
  samePersonPairs,
  similarAbstractPairs,
  TITLE_SIMILARITY_MIN,
  titleSimilarity,
  trigrams,
  trigramSimilarity,
  type ComparedProposal,
} from '../../src/domain/near-duplicates';

const proposal = (documentId: string, fields: Partial<ComparedProposal> = {}): ComparedProposal => ({
  documentId,
  email: `${documentId}@example.org`,
  speakerName: `Agent ${documentId}`,
  title: `Titre ${documentId}`,
  abstract: `Résumé propre à ${documentId}`,
  ...fields,
});

/** A seeded generator: the same "random" inputs on every run. */
function seeded(seed: number) {
  // mulberry32: 32-bit integer arithmetic, exact in JavaScript.
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normalisation', () => {
  it('drops case, accents and punctuation, and keeps letters and digits', () => {
    expect(normaliseText('  Logiciel LIBRE : déploiement réussi, 2023 !  ')).toBe('logiciel libre deploiement reussi 2023');
    expect(normaliseText(null)).toBe('');
  });

  it('reads a name whatever the order of its words', () => {
    expect(normaliseName('DUPONT Jeanne')).toBe(normaliseName('Jeanne  Dupont'));
    expect(normaliseName('Élodie Martin')).toBe(normaliseName('elodie MARTIN'));
    expect(normaliseName('Jeanne Dupont')).not.toBe(normaliseName('Jean Dupont'));
  });
});

describe('titles', () => {
  it('are 1 apart from themselves once normalised, and less the more characters change', () => {
    expect(titleSimilarity('Logiciel libre à la DINUM', 'logiciel libre a la dinum')).toBe(1);
    // « retour » → « retours »: one insertion, the longer normalised title has 32 characters.
    expect(titleSimilarity("Un retour d'expérience sur GLPI", "Un retours d'expérience sur GLPI")).toBeCloseTo(1 - 1 / 32, 10);
    expect(titleSimilarity('abc', 'xyz')).toBe(0);
    expect(titleSimilarity('', '')).toBe(1);
  });
});

describe('trigrams as pg_trgm makes them', () => {
  it('pads each word with two spaces before and one after, in lower case, once each', () => {
    expect([...trigrams('Cat, cat!')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
    // The values PostgreSQL 15's show_trgm gives (accents kept: pg_trgm does not remove them).
    expect([...trigrams("Élan déjà-vu 42 l'État")].sort()).toEqual(
      [
        '  4',
        '  d',
        '  l',
        '  v',
        '  é',
        ' 42',
        ' dé',
        ' l ',
        ' vu',
        ' él',
        ' ét',
        '42 ',
        'an ',
        'at ',
        'déj',
        'jà ',
        'lan',
        'tat',
        'vu ',
        'éjà',
        'éla',
        'éta',
      ].sort()
    );
  });

  it("give pg_trgm's similarity: shared over all", () => {
    // The values PostgreSQL 15 answers for similarity(a, b).
    expect(trigramSimilarity(trigrams('abc'), trigrams('abd'))).toBeCloseTo(0.33333334, 6);
    expect(
      trigramSimilarity(trigrams("Le logiciel libre à la DINUM, retour d'expérience"), trigrams('Logiciel libre à la Dinum : un retour d’expérience concret'))
    ).toBeCloseTo(0.7818182, 6);
    expect(trigramSimilarity(trigrams(''), trigrams('x'))).toBe(0);
  });
});

describe('one person, close titles', () => {
  it('pairs the same address, or the same name, when the titles reach the threshold', () => {
    const pairs = samePersonPairs([
      proposal('a', { email: 'jeanne@example.org', title: 'Migrer la messagerie vers un logiciel libre' }),
      proposal('b', { email: 'JEANNE@example.org ', title: 'Migrer la messagerie vers un logiciel libre !' }),
      proposal('c', { speakerName: 'DUPONT Jeanne', title: 'Migrer sa messagerie vers du logiciel libre' }),
      proposal('d', { speakerName: 'Jeanne Dupont', title: 'Migrer sa messagerie vers le logiciel libre' }),
      // Same person, another talk.
      proposal('e', { email: 'jeanne@example.org', title: 'Former les agents à la bureautique' }),
      // Same title, another person: not this rule (the abstracts rule may still pair them).
      proposal('f', { title: 'Migrer la messagerie vers un logiciel libre' }),
    ]);
    expect(pairs.map((p) => `${p.a}${p.b}`).sort()).toEqual(['ab', 'cd']);
    for (const pair of pairs) expect(pair.similarity).toBeGreaterThanOrEqual(TITLE_SIMILARITY_MIN);
  });

  it('draws the line at the threshold', () => {
    // 10 characters, 2 changed: exactly 0.8, flagged; 3 changed: 0.7, not.
    const at = samePersonPairs([
      proposal('a', { email: 'x@example.org', title: 'abcdefghij' }),
      proposal('b', { email: 'x@example.org', title: 'abcdefghXY' }),
    ]);
    expect(at.map((p) => p.similarity)).toEqual([0.8]);
    const below = samePersonPairs([
      proposal('a', { email: 'x@example.org', title: 'abcdefghij' }),
      proposal('b', { email: 'x@example.org', title: 'abcdefgXYZ' }),
    ]);
    expect(below).toEqual([]);
  });
});

describe('similar abstracts, whoever sent them', () => {
  const words =
    'logiciel libre agents publics déploiement collaboration retour expérience outil mutualisation code source communauté données migration messagerie formation plateforme ministère collectivité'.split(
      ' '
    );
  const text = (random: () => number, n: number) =>
    Array.from({ length: n }, () => words[Math.floor(random() * words.length)] + Math.floor(random() * 40)).join(' ');

  it('finds every pair a comparison of all pairs finds, with the same similarity, on random inputs', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = seeded(seed);
      const abstracts = Array.from({ length: 40 }, () => text(random, 5 + Math.floor(random() * 30)));
      // Near copies of some, so that there is something to find.
      for (let i = 0; i < 8; i++) abstracts.push(abstracts[i].replace(/\d+/, '77') + (random() < 0.5 ? ' fin' : ''));
      const items = abstracts.map((abstract, i) => ({ documentId: `p${i}`, trigrams: trigrams(abstract) }));
      const expected: string[] = [];
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const s = trigramSimilarity(trigrams(abstracts[i]), trigrams(abstracts[j]));
          if (s >= ABSTRACT_SIMILARITY_MIN) expected.push(`p${i}-p${j}:${s.toFixed(12)}`);
        }
      }
      const found = similarAbstractPairs(items).map((p) => `${p.a}-${p.b}:${p.similarity.toFixed(12)}`);
      expect(found.sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('keeps a pair exactly at the threshold and ignores empty abstracts', () => {
    // Sets built to share 3 trigrams of 5 in all: exactly 0.6.
    const pairs = similarAbstractPairs([
      { documentId: 'a', trigrams: ['t1', 't2', 't3', 't4'] },
      { documentId: 'b', trigrams: ['t1', 't2', 't3', 't5'] },
      { documentId: 'c', trigrams: [] },
      { documentId: 'd', trigrams: [] },
    ]);
    expect(pairs).toEqual([{ a: 'a', b: 'b', similarity: 0.6 }]);
  });

  it('stops at the cap: a flood of copies gives ABSTRACT_PAIRS_MAX pairs, not n²', () => {
    const copies = Array.from({ length: 200 }, (_, i) => ({
      documentId: `p${i}`,
      trigrams: trigrams('Le même résumé envoyé deux cents fois par des adresses différentes.'),
    }));
    expect(similarAbstractPairs(copies, 10)).toHaveLength(10);
    // 200 copies make 19,900 pairs; the default cap keeps the first ABSTRACT_PAIRS_MAX.
    expect(similarAbstractPairs(copies)).toHaveLength(ABSTRACT_PAIRS_MAX);
    expect(similarAbstractPairs(copies.slice(0, 20))).toHaveLength(190);
  });
});

describe('the flagged pairs', () => {
  it('are each listed once with all their reasons, in the order of the proposals', () => {
    const abstract = 'Nous avons migré la messagerie de trois ministères vers un logiciel libre, avec les équipes.';
    const pairs = nearDuplicatePairs([
      proposal('first', { email: 'j@example.org', title: 'Messagerie libre', abstract }),
      proposal('other', { title: 'Autre chose', abstract: 'Un tout autre sujet, sans rapport aucun.' }),
      proposal('second', { email: 'j@example.org', title: 'Messagerie libres', abstract: abstract + ' Merci.' }),
      proposal('third', { title: 'Sans lien', abstract }),
    ]);
    expect(pairs.map(({ a, b, reasons }) => [a, b, reasons])).toEqual([
      ['first', 'second', ['same_person_close_titles', 'similar_abstracts']],
      ['first', 'third', ['similar_abstracts']],
      ['second', 'third', ['similar_abstracts']],
    ]);
    expect(pairs[0].titleSimilarity).toBeGreaterThanOrEqual(TITLE_SIMILARITY_MIN);
    expect(pairs[1]).toMatchObject({ titleSimilarity: null, abstractSimilarity: 1 });
  });

  it('take the abstracts pairs computed elsewhere (PostgreSQL), in either order, above the threshold only', () => {
    const list = [proposal('a'), proposal('b'), proposal('c')];
    const pairs = nearDuplicatePairs(list, [
      { a: 'c', b: 'a', similarity: 0.9 },
      { a: 'a', b: 'b', similarity: ABSTRACT_SIMILARITY_MIN - 0.01 },
      { a: 'a', b: 'gone', similarity: 1 },
    ]);
    expect(pairs).toEqual([{ a: 'a', b: 'c', reasons: ['similar_abstracts'], titleSimilarity: null, abstractSimilarity: 0.9 }]);
  });
});
