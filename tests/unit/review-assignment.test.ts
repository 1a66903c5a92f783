import { assignReviewers, normaliseAdministration, sameAdministration, type Assignment, type AssignmentResult } from '../../src/domain/review-assignment';

const P = (id: string, administration: string | null = null) => ({ id, administration });
const R = P;
const pairs = (result: { assignments: Assignment[] }) => result.assignments.map((a) => `${a.proposalId}:${a.reviewerId}`);

describe('administration names compared', () => {
  it.each([
    ["Ministère de l'Intérieur", 'ministere  de l’interieur ', true],
    ['DINUM', 'dinum', true],
    ['Région Île-de-France', 'REGION ILE-DE-FRANCE', true],
    ['Insee', 'Insee Grand Est', false],
    ['Insee', null, false],
    [null, null, false], // no administration conflicts with nobody
    ['', '', false],
    ['   ', 'x', false],
  ])('%p and %p: %p', (a, b, same) => {
    expect(sameAdministration(a, b)).toBe(same);
    expect(sameAdministration(b, a)).toBe(same);
  });

  it('keeps the words, drops the accents and the spacing', () => {
    expect(normaliseAdministration('  Cour   des Comptes ')).toBe('cour des comptes');
    expect(normaliseAdministration('Ministère des Armées')).toBe('ministere des armees');
    expect(normaliseAdministration('')).toBeNull();
  });
});

describe('small cases', () => {
  it('nobody reviews a proposal from their own administration', () => {
    const result = assignReviewers({
      proposals: [P('p1', "Ministère de l'Intérieur")],
      reviewers: [R('r1', 'ministere de l’interieur '), R('r2', 'DINUM'), R('r3', 'Insee')],
      perProposal: 2,
    });
    expect(pairs(result)).toEqual(['p1:r2', 'p1:r3']);
    expect(result.shortfalls).toEqual([]);
  });

  it('too few reviewers: every one is assigned and a shortfall says how many are missing', () => {
    const result = assignReviewers({ proposals: [P('p1', 'Insee')], reviewers: [R('r1'), R('r2', 'DINUM')], perProposal: 3 });
    expect(pairs(result)).toEqual(['p1:r1', 'p1:r2']);
    expect(result.shortfalls).toEqual([
      { proposalId: 'p1', missing: 1, code: 'too-few-reviewers', reason: '2 relecteurs seulement pour 3 demandés : il en manque 1.' },
    ]);
  });

  it('too few outside the administration: the shortfall names it', () => {
    const result = assignReviewers({ proposals: [P('p1', 'DINUM')], reviewers: [R('r1', 'Dinum'), R('r2', 'Insee'), R('r3')], perProposal: 3 });
    expect(pairs(result)).toEqual(['p1:r2', 'p1:r3']);
    expect(result.shortfalls).toEqual([
      {
        proposalId: 'p1',
        missing: 1,
        code: 'conflicts',
        reason: '2 relecteurs seulement hors de l’administration « DINUM » pour 3 demandés : il en manque 1.',
      },
    ]);
  });

  it('k = 0 assigns nobody and misses nothing', () => {
    expect(assignReviewers({ proposals: [P('p1'), P('p2')], reviewers: [R('r1')], perProposal: 0 })).toEqual({
      assignments: [],
      added: [],
      shortfalls: [],
      conflicts: [],
    });
  });

  it('no reviewers: each proposal misses k', () => {
    const result = assignReviewers({ proposals: [P('p2'), P('p1', 'Insee')], reviewers: [], perProposal: 2 });
    expect(result.assignments).toEqual([]);
    expect(result.shortfalls.map((s) => [s.proposalId, s.missing, s.code])).toEqual([
      ['p1', 2, 'no-reviewers'],
      ['p2', 2, 'no-reviewers'],
    ]);
    expect(result.shortfalls[0].reason).toBe('Aucun relecteur n’est désigné pour cette édition.');
  });

  it('no proposals: nothing to do', () => {
    expect(assignReviewers({ proposals: [], reviewers: [R('r1')], perProposal: 2 }).assignments).toEqual([]);
  });

  it('reviewers joining take the next assignments; existing ones stay', () => {
    const first = assignReviewers({ proposals: ['p1', 'p2', 'p3', 'p4'].map((id) => P(id)), reviewers: [R('r1'), R('r2')], perProposal: 1 });
    expect(loads(first, ['r1', 'r2'])).toEqual([2, 2]);
    const second = assignReviewers({
      proposals: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id) => P(id)),
      reviewers: [R('r1'), R('r2'), R('r3'), R('r4')],
      perProposal: 1,
      existing: first.assignments,
    });
    expect(second.assignments).toEqual(expect.arrayContaining(first.assignments));
    expect(second.added.map((a) => a.reviewerId).sort()).toEqual(['r3', 'r3', 'r4', 'r4']);
    expect(loads(second, ['r1', 'r2', 'r3', 'r4'])).toEqual([2, 2, 2, 2]);
  });

  it('a kept assignment that now conflicts is reported, kept, and not counted towards k', () => {
    const result = assignReviewers({
      proposals: [P('p1', 'Insee')],
      reviewers: [R('r1', 'INSEE'), R('r2')],
      perProposal: 1,
      existing: [{ proposalId: 'p1', reviewerId: 'r1' }],
    });
    expect(result.conflicts).toEqual([{ proposalId: 'p1', reviewerId: 'r1' }]);
    expect(pairs(result)).toEqual(['p1:r1', 'p1:r2']);
  });

  it('refuses the same id twice (the answer would depend on the order)', () => {
    expect(() => assignReviewers({ proposals: [P('p1'), P('p1', 'x')], reviewers: [], perProposal: 1 })).toThrow(RangeError);
  });
});

// ——— Properties on random inputs ———

/** mulberry32: a seeded generator, so that a failing case can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADMINISTRATIONS = [
  'Ministère des Armées',
  'DINUM',
  'Insee',
  'Ville de Paris',
  'Région Île-de-France',
  'Cour des comptes',
  'Ministère de l’Intérieur',
  'CNAM',
];

type Case = {
  proposals: { id: string; administration: string | null }[];
  reviewers: { id: string; administration: string | null }[];
  perProposal: number;
  /** Index in ADMINISTRATIONS of each entity's administration (-1: none): the truth the test checks against. */
  base: Map<string, number>;
};

function makeCase(seed: number): Case {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const adminCount = int(0, 8);
  const base = new Map<string, number>();
  // The same administration written differently: case, accents, spacing, apostrophe.
  const spell = (index: number) => {
    let name = ADMINISTRATIONS[index];
    if (rnd() < 0.3) name = name.toUpperCase();
    if (rnd() < 0.3) name = name.normalize('NFD').replace(/\p{M}/gu, '');
    if (rnd() < 0.3) name = `  ${name.replace(/ /g, '  ')} `;
    if (rnd() < 0.3) name = name.replace(/’/g, "'");
    return name;
  };
  const entity = (id: string) => {
    const index = adminCount === 0 || rnd() < 0.15 ? -1 : int(0, adminCount - 1);
    base.set(id, index);
    return { id, administration: index < 0 ? (rnd() < 0.5 ? null : '') : spell(index) };
  };
  const proposals = Array.from({ length: int(50, 300) }, (_, i) => entity(`p-${seed}-${i}`));
  const reviewers = Array.from({ length: int(3, 25) }, (_, i) => entity(`r-${seed}-${i}`));
  return { proposals, reviewers, perProposal: int(1, 3), base };
}

function shuffled<T>(items: T[], rnd: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function loads(result: { assignments: Assignment[] }, reviewerIds: string[]): number[] {
  const count = new Map(reviewerIds.map((id) => [id, 0]));
  for (const a of result.assignments) if (count.has(a.reviewerId)) count.set(a.reviewerId, count.get(a.reviewerId)! + 1);
  return reviewerIds.map((id) => count.get(id)!);
}

const conflicts = (c: Case, proposalId: string, reviewerId: string) => c.base.get(proposalId)! >= 0 && c.base.get(proposalId) === c.base.get(reviewerId);

/** Every proposal has min(k, eligible) distinct reviewers, none in conflict; a shortfall exactly when eligible < k. */
function expectCoverage(c: Case, result: AssignmentResult) {
  const wrong: string[] = [];
  const seen = new Set<string>();
  const per = new Map(c.proposals.map((p) => [p.id, 0]));
  for (const a of result.assignments) {
    const key = `${a.proposalId}:${a.reviewerId}`;
    if (seen.has(key)) wrong.push(`twice: ${key}`);
    if (conflicts(c, a.proposalId, a.reviewerId)) wrong.push(`conflict: ${key}`);
    seen.add(key);
    per.set(a.proposalId, per.get(a.proposalId)! + 1);
  }
  const missing = new Map(result.shortfalls.map((s) => [s.proposalId, s.missing]));
  for (const p of c.proposals) {
    const eligible = c.reviewers.filter((r) => !conflicts(c, p.id, r.id)).length;
    if (per.get(p.id) !== Math.min(c.perProposal, eligible)) wrong.push(`${p.id}: ${per.get(p.id)} reviewers, ${eligible} eligible`);
    if ((missing.get(p.id) ?? 0) !== Math.max(0, c.perProposal - eligible)) wrong.push(`${p.id}: shortfall ${missing.get(p.id)}`);
  }
  expect(wrong).toEqual([]);
}

/**
 * The balance guarantee as stated in the module: from any reviewer, following hand-overs of added
 * assignments (to an eligible reviewer not on that proposal), no reviewer two or more lighter is reachable.
 */
function expectNoImprovingChain(c: Case, result: AssignmentResult) {
  const ids = c.reviewers.map((r) => r.id);
  const counted = loads(result, ids);
  const load = new Map(ids.map((id, i) => [id, counted[i]]));
  const on = new Set(result.assignments.map((a) => `${a.proposalId}:${a.reviewerId}`));
  const held = new Map(ids.map((id) => [id, [] as string[]]));
  for (const a of result.added) held.get(a.reviewerId)?.push(a.proposalId);
  // One hand-over u → v: u holds an added proposal that v may take and is not on.
  const links = new Map(ids.map((u) => [u, ids.filter((v) => v !== u && held.get(u)!.some((p) => !conflicts(c, p, v) && !on.has(`${p}:${v}`)))]));
  const chains: string[] = [];
  for (const giver of ids) {
    const reached = new Set([giver]);
    const queue = [giver];
    while (queue.length) {
      for (const v of links.get(queue.shift()!)!) {
        if (reached.has(v)) continue;
        if (load.get(v)! <= load.get(giver)! - 2) chains.push(`${giver} (${load.get(giver)}) could hand over to ${v} (${load.get(v)})`);
        reached.add(v);
        queue.push(v);
      }
    }
  }
  expect(chains).toEqual([]);
}

/** Reviewers who can take the same proposals (same administration, or none) differ by at most one. */
function expectEvenWithinGroups(c: Case, result: AssignmentResult) {
  const ids = c.reviewers.map((r) => r.id);
  const l = loads(result, ids);
  const groups = new Map<number, number[]>();
  ids.forEach((id, i) => groups.set(c.base.get(id)!, [...(groups.get(c.base.get(id)!) ?? []), l[i]]));
  for (const group of groups.values()) expect(Math.max(...group) - Math.min(...group)).toBeLessThanOrEqual(1);
  if ([...c.base.values()].every((b) => b < 0)) expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
}

describe('properties on 200 random editions', () => {
  const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

  it('coverage, no conflict, balance, and the same answer in any order', () => {
    for (const seed of SEEDS) {
      const c = makeCase(seed);
      const result = assignReviewers(c);
      expectCoverage(c, result);
      expectNoImprovingChain(c, result);
      expectEvenWithinGroups(c, result);
      expect(JSON.stringify(result.added)).toBe(JSON.stringify(result.assignments)); // a first run only adds
      const rnd = mulberry32(seed * 7919);
      const again = assignReviewers({ proposals: shuffled(c.proposals, rnd), reviewers: shuffled(c.reviewers, rnd), perProposal: c.perProposal });
      expect(JSON.stringify(again)).toBe(JSON.stringify(result)); // one string: jest's deep equality is slow on thousands of pairs
    }
  });

  it('a re-run with two new reviewers keeps every existing assignment and gives them the new work first', () => {
    for (const seed of SEEDS) {
      const c = makeCase(seed);
      const early = c.proposals.slice(0, Math.floor(c.proposals.length * 0.6));
      const first = assignReviewers({ proposals: early, reviewers: c.reviewers, perProposal: c.perProposal });
      const rnd = mulberry32(seed * 104729);
      const newcomers = [0, 1].map((i) => {
        const index = rnd() < 0.5 ? -1 : Math.floor(rnd() * ADMINISTRATIONS.length);
        c.base.set(`n-${seed}-${i}`, index);
        return { id: `n-${seed}-${i}`, administration: index < 0 ? null : ADMINISTRATIONS[index] };
      });
      const grown: Case = { ...c, reviewers: [...c.reviewers, ...newcomers] };
      const second = assignReviewers({ ...grown, existing: shuffled(first.assignments, rnd) });
      const kept = new Set(second.assignments.map((a) => `${a.proposalId}:${a.reviewerId}`));
      expect(first.assignments.filter((a) => !kept.has(`${a.proposalId}:${a.reviewerId}`))).toEqual([]);
      expect(second.assignments).toHaveLength(first.assignments.length + second.added.length);
      expectCoverage(grown, second);
      expectNoImprovingChain(grown, second);
      // The newcomers started at zero: while the others carry two more, every added assignment is theirs to take.
      const ids = grown.reviewers.map((r) => r.id);
      const l = loads(second, ids);
      const tooLight: string[] = [];
      for (const a of second.added) {
        const giver = l[ids.indexOf(a.reviewerId)];
        for (const n of newcomers) {
          const free = !conflicts(grown, a.proposalId, n.id) && !kept.has(`${a.proposalId}:${n.id}`);
          if (free && l[ids.indexOf(n.id)] < giver - 1) tooLight.push(`${n.id} could take ${a.proposalId} from ${a.reviewerId}`);
        }
      }
      expect(tooLight).toEqual([]);
    }
  });
});
