import {
  compareRanking,
  criterionMeans,
  DEFAULT_CRITERIA,
  frenchDecimal,
  proposalScore,
  reviewClosesAt,
  reviewConflict,
  reviewOpen,
  seesOthersSheets,
  sheetWeightedMean,
  validateSheet,
  type RankingEntry,
  type ReviewCriterion,
} from '../../src/domain/review';

const criterion = (documentId: string, weight: number, position = 0): ReviewCriterion => ({
  documentId,
  label: `Critère ${documentId}`,
  labelEn: null,
  description: null,
  weight,
  position,
});
const CRITERIA = [criterion('interet', 2, 1), criterion('retour', 2, 2), criterion('clarte', 1, 3)];
const scored = (scores: Record<string, number>) => ({ scores, scoredAt: '2023-11-22T09:00:00.000Z' });
const assignedOnly = { scores: null, scoredAt: null };

describe('the default criteria', () => {
  it('are the call’s three, weighted 2, 2, 1, in that order', () => {
    expect(DEFAULT_CRITERIA.map((c) => [c.label, c.weight, c.position])).toEqual([
      ['Intérêt pour les agents publics', 2, 1],
      ['Retour d’expérience concret', 2, 2],
      ['Clarté', 1, 3],
    ]);
  });
});

describe('a score sheet', () => {
  const codes = (input: { scores?: unknown; comment?: unknown }) => {
    const result = validateSheet(CRITERIA, input);
    return 'violations' in result ? result.violations.map((v) => v.code) : [];
  };

  it.each([1, 5])('takes %s, the ends of the scale', (value) => {
    expect(validateSheet(CRITERIA, { scores: { interet: value, retour: value, clarte: value } })).toEqual({
      sheet: { scores: { interet: value, retour: value, clarte: value }, comment: null },
    });
  });

  it.each([0, 6, 4.5, -1, Number.NaN, '3', true])('refuses %p', (value) => {
    expect(codes({ scores: { interet: value, retour: 3, clarte: 3 } })).toEqual(['SCORE_OUT_OF_RANGE']);
  });

  it('needs every criterion, nothing else, and says each fault', () => {
    expect(codes({ scores: { interet: 3 } })).toEqual(['SCORE_MISSING', 'SCORE_MISSING']);
    expect(codes({ scores: { interet: 3, retour: 3, clarte: 3, autre: 2 } })).toEqual(['UNKNOWN_CRITERION']);
    expect(codes({ scores: null })).toEqual(['SCORES_REQUIRED']);
    expect(codes({ scores: [3, 3, 3] })).toEqual(['SCORES_REQUIRED']);
    expect(validateSheet([], { scores: {} })).toEqual({ violations: [expect.objectContaining({ code: 'NO_CRITERIA' })] });
  });

  it('takes a comment up to 2,000 characters; an empty one is none', () => {
    const scores = { interet: 3, retour: 3, clarte: 3 };
    expect(codes({ scores, comment: 'x'.repeat(2000) })).toEqual([]);
    expect(codes({ scores, comment: 'x'.repeat(2001) })).toEqual(['COMMENT_TOO_LONG']);
    expect(codes({ scores, comment: 42 })).toEqual(['COMMENT_INVALID']);
    expect(validateSheet(CRITERIA, { scores, comment: '  ' })).toEqual({ sheet: { scores, comment: null } });
  });
});

describe('means and spread', () => {
  it('weighs each criterion: (2×5 + 2×4 + 1×1) / 5 = 3.8', () => {
    expect(sheetWeightedMean(CRITERIA, { interet: 5, retour: 4, clarte: 1 })).toBeCloseTo(3.8, 10);
  });

  it('reads a sheet from before a criterion was added over the criteria it scored', () => {
    expect(sheetWeightedMean(CRITERIA, { interet: 4, clarte: 1 })).toBeCloseTo(3, 10);
    expect(sheetWeightedMean(CRITERIA, { ancien: 4 })).toBeNull();
    expect(sheetWeightedMean(CRITERIA, null)).toBeNull();
  });

  it('gives a proposal the mean of its reviews and their population standard deviation, 2 decimals', () => {
    const reviews = [scored({ interet: 5, retour: 5, clarte: 5 }), scored({ interet: 1, retour: 1, clarte: 1 }), assignedOnly];
    expect(proposalScore(CRITERIA, reviews)).toEqual({ weightedMean: 3, spread: 2, reviews: 2, assigned: 3 });
    expect(proposalScore(CRITERIA, [scored({ interet: 4, retour: 4, clarte: 3 })])).toEqual({ weightedMean: 3.8, spread: 0, reviews: 1, assigned: 1 });
    // Means 3, 4 and 4: mean 3.666…, deviation 0.4714…
    const three = [3, 4, 4].map((v) => scored({ interet: v, retour: v, clarte: v }));
    expect(proposalScore(CRITERIA, three)).toEqual({ weightedMean: 3.67, spread: 0.47, reviews: 3, assigned: 3 });
  });

  it('has no figures without a scored review', () => {
    expect(proposalScore(CRITERIA, [])).toEqual({ weightedMean: null, spread: null, reviews: 0, assigned: 0 });
    expect(proposalScore(CRITERIA, [assignedOnly, assignedOnly])).toEqual({ weightedMean: null, spread: null, reviews: 0, assigned: 2 });
  });

  it('means each criterion over the sheets that scored it', () => {
    const reviews = [scored({ interet: 5, retour: 2, clarte: 4 }), scored({ interet: 4, retour: 3 }), assignedOnly];
    expect(criterionMeans(CRITERIA, reviews)).toEqual({ interet: 4.5, retour: 2.5, clarte: 4 });
    expect(criterionMeans(CRITERIA, [assignedOnly])).toEqual({ interet: null, retour: null, clarte: null });
  });

  it('writes a mean as a French spreadsheet reads it', () => {
    expect(frenchDecimal(3.67)).toBe('3,67');
    expect(frenchDecimal(4)).toBe('4');
    expect(frenchDecimal(null)).toBe('');
  });
});

describe('who sees the others’ sheets', () => {
  it('an editor always; a reviewer once their own sheet is scored, not when only assigned', () => {
    expect(seesOthersSheets({ seesEverything: true, ownSheet: null })).toBe(true);
    expect(seesOthersSheets({ seesEverything: false, ownSheet: null })).toBe(false);
    expect(seesOthersSheets({ seesEverything: false, ownSheet: assignedOnly })).toBe(false);
    expect(seesOthersSheets({ seesEverything: false, ownSheet: scored({ interet: 1, retour: 1, clarte: 1 }) })).toBe(true);
  });
});

describe('until when a sheet may change', () => {
  // 27 November 2023 at 00:00 in Paris (UTC+1); in Nouméa (UTC+11) the same wall time is 13:00 UTC the day before.
  it.each([
    ['Europe/Paris', '2023-11-26T23:00:00.000Z', '2023-11-26T23:00:59.999Z', '2023-11-26T23:01:00.000Z'],
    ['Pacific/Noumea', '2023-11-26T13:00:00.000Z', '2023-11-26T13:00:59.999Z', '2023-11-26T13:01:00.000Z'],
  ])('in %s: the response date’s whole minute is in, the next millisecond out', (zone, response, lastIn, firstOut) => {
    expect(reviewOpen(response, new Date(lastIn), zone)).toBe(true);
    expect(reviewOpen(response, new Date(firstOut), zone)).toBe(false);
    expect(reviewClosesAt(response, zone)?.toUTC().toISO()).toBe(firstOut);
  });

  it('has no limit without a response date', () => {
    expect(reviewOpen(null, new Date('2099-01-01T00:00:00Z'), 'Europe/Paris')).toBe(true);
    expect(reviewClosesAt(null, 'Europe/Paris')).toBeNull();
  });
});

describe('the ranking order', () => {
  const entry = (documentId: string, weightedMean: number | null, reviews: number): RankingEntry => ({
    documentId,
    weightedMean,
    spread: 0,
    reviews,
    assigned: 2,
  });
  it('puts the unreviewed first, then the best mean, then the fewest reviews, then the documentId', () => {
    const entries = [entry('e', 3, 2), entry('a', null, 0), entry('d', 4.5, 2), entry('c', 4.5, 1), entry('b', null, 0)];
    expect([...entries].sort(compareRanking).map((e) => e.documentId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('the conflict rule of a sheet', () => {
  const proposal = { email: 'camille@exemple.gouv.fr', administrationName: 'Ministère de l’Éducation nationale', coSpeakerEmails: ['dominique@ville.fr'] };
  it('refuses the proposer, a co-speaker (addresses without case or spaces) and the same administration (without case, accents or apostrophes)', () => {
    expect(reviewConflict({ email: ' Camille@Exemple.gouv.fr ', administration: null }, proposal)).toBe('own-proposal');
    expect(reviewConflict({ email: 'DOMINIQUE@ville.fr', administration: 'Ailleurs' }, proposal)).toBe('own-proposal');
    expect(reviewConflict({ email: 'x@y.fr', administration: "ministere de l'education  nationale" }, proposal)).toBe('own-administration');
  });
  it('lets anyone else score, and a missing address or administration conflicts with nobody', () => {
    expect(reviewConflict({ email: 'x@y.fr', administration: 'Ministère des Armées' }, proposal)).toBeNull();
    expect(reviewConflict({ email: null, administration: null }, { email: null, administrationName: null, coSpeakerEmails: [] })).toBeNull();
  });
});
