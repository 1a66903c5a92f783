/**
 * « Répartir les propositions »: which reviewers read which proposals. Pure: no clock, no randomness,
 * no I/O, so the editor gets the same split for the same proposals and reviewers, in any order.
 *
 * Rules, in order of priority:
 * 1. Nobody reviews a proposal from their own administration (names compared by `sameAdministration`:
 *    case, accents, apostrophes and spacing aside). A missing administration conflicts with nobody.
 * 2. Each proposal gets k distinct reviewers, or every eligible one when fewer exist: then a shortfall
 *    says how many are missing and why, in French. Coverage is always the most the conflicts allow.
 * 3. Loads are even. Guarantee (tested as stated): no added assignment can be handed over, directly or
 *    along a chain of hand-overs, to an eligible reviewer not already on that proposal whose load is
 *    two or more below the giver's. Consequences: on a first run, two reviewers who can take the same
 *    proposals (same administration, or both without one) differ by at most one; when nobody conflicts,
 *    max − min ≤ 1 across everyone. Existing assignments are never moved, so after a re-run the
 *    guarantee holds for what was added: newcomers take the new work until they catch up.
 * 4. Re-runnable: `existing` assignments are kept as they are (only adds, never removes).
 *
 * Algorithm: greedy least-loaded (most constrained proposals first, ties broken on a stable hash of
 * the two ids, not on input order), then a rebalancing pass that shifts new assignments along chains
 * of hand-overs from a heavy reviewer to one at least two lighter. Each shift lowers the sum of squared
 * loads, so the pass ends. A plain greedy does not ensure the guarantee when administrations cut
 * the pool (the random tests find such cases); a min-cost flow would, with far more code. The pool
 * (tens of reviewers, hundreds of proposals) keeps the chain search cheap: 200 editions in well under
 * a second.
 */

export type AssignmentProposal = { id: string; administration: string | null };
export type AssignmentReviewer = { id: string; administration: string | null };
export type Assignment = { proposalId: string; reviewerId: string };
export type Shortfall = { proposalId: string; missing: number; code: 'no-reviewers' | 'too-few-reviewers' | 'conflicts'; reason: string };

export type AssignmentInput = {
  proposals: AssignmentProposal[];
  reviewers: AssignmentReviewer[];
  perProposal: number;
  existing?: Assignment[];
};

export type AssignmentResult = {
  /** Every assignment, kept and added, sorted by proposal then reviewer. */
  assignments: Assignment[];
  /** Only those this run added (what a caller writes). */
  added: Assignment[];
  shortfalls: Shortfall[];
  /** Kept assignments that break the conflict rule (an administration changed since): not counted towards k. */
  conflicts: Assignment[];
};

/** An administration's name as compared: no accents, lower case, one kind of apostrophe, single spaces. */
export function normaliseAdministration(name: string | null | undefined): string | null {
  if (typeof name !== 'string') return null;
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return key === '' ? null : key;
}

/** Whether a reviewer of `a` would review a proposal from their own administration `b`. */
export function sameAdministration(a: string | null | undefined, b: string | null | undefined): boolean {
  const ka = normaliseAdministration(a);
  return ka !== null && ka === normaliseAdministration(b);
}

/** FNV-1a, 32 bits, of one id. Ties go by proposal hash XOR reviewer hash: an order of the reviewers that changes from one proposal to the next and does not favour the smallest ids. */
function hash(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// Code-unit order, not localeCompare: the same on every machine.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(a: T, b: T) => compare(a.id, b.id);
const pairKey = (proposalId: string, reviewerId: string) => `${proposalId}\n${reviewerId}`;

function uniqueSorted<T extends { id: string }>(items: T[], what: string): T[] {
  const sorted = [...items].sort(byId);
  sorted.forEach((item, i) => {
    if (i > 0 && sorted[i - 1].id === item.id) throw new RangeError(`Duplicate ${what} id: ${item.id}`);
  });
  return sorted;
}

export function assignReviewers(input: AssignmentInput): AssignmentResult {
  const k = Math.max(0, Math.floor(input.perProposal));
  const proposals = uniqueSorted(input.proposals, 'proposal');
  const reviewers = uniqueSorted(input.reviewers, 'reviewer');
  const n = reviewers.length;
  const proposalIndex = new Map(proposals.map((p, i) => [p.id, i]));
  const reviewerIndex = new Map(reviewers.map((r, i) => [r.id, i]));
  // Names normalised once: the search below asks "may r take p?" many times.
  const proposalKey = proposals.map((p) => normaliseAdministration(p.administration));
  const reviewerKey = reviewers.map((r) => normaliseAdministration(r.administration));
  const proposalHash = proposals.map((p) => hash(p.id));
  const reviewerHash = reviewers.map((r) => hash(r.id));
  const eligible = (p: number, r: number) => proposalKey[p] === null || proposalKey[p] !== reviewerKey[r];
  const on = new Set<number>(); // p * n + r, kept and added

  const kept = new Map<string, Assignment>();
  for (const a of input.existing ?? []) kept.set(pairKey(a.proposalId, a.reviewerId), { proposalId: a.proposalId, reviewerId: a.reviewerId });
  const load = reviewers.map(() => 0);
  const valid = proposals.map(() => 0); // kept, non-conflicting reviewers per proposal
  const conflicts: Assignment[] = [];
  for (const a of kept.values()) {
    const r = reviewerIndex.get(a.reviewerId);
    const p = proposalIndex.get(a.proposalId);
    if (r !== undefined) load[r]++;
    if (p === undefined || r === undefined) continue;
    on.add(p * n + r);
    if (eligible(p, r)) valid[p]++;
    else conflicts.push(a);
  }

  // Most constrained first: proposals with fewer eligible reviewers choose before the pool fills up.
  const eligibleCount = proposals.map((_, p) => reviewers.filter((_r, r) => eligible(p, r)).length);
  const order = proposals.map((_, p) => p).sort((a, b) => eligibleCount[a] - eligibleCount[b] || a - b);

  const addedTo = reviewers.map(() => new Set<number>()); // reviewer → proposals added by this run
  const shortfalls: Shortfall[] = [];
  for (const p of order) {
    const needed = k - valid[p];
    if (needed <= 0) continue;
    const candidates = reviewers
      .map((_, r) => r)
      .filter((r) => eligible(p, r) && !on.has(p * n + r))
      .sort((a, b) => load[a] - load[b] || ((reviewerHash[a] ^ proposalHash[p]) >>> 0) - ((reviewerHash[b] ^ proposalHash[p]) >>> 0) || a - b);
    const chosen = candidates.slice(0, needed);
    for (const r of chosen) {
      load[r]++;
      on.add(p * n + r);
      addedTo[r].add(p);
    }
    if (chosen.length < needed) shortfalls.push(shortfall(proposals[p], needed - chosen.length, n, eligibleCount[p], k));
  }

  rebalance(n, load, on, addedTo, eligible);

  const addedList: Assignment[] = [];
  addedTo.forEach((ps, r) => ps.forEach((p) => addedList.push({ proposalId: proposals[p].id, reviewerId: reviewers[r].id })));
  const sortPairs = (list: Assignment[]) => list.sort((a, b) => compare(a.proposalId, b.proposalId) || compare(a.reviewerId, b.reviewerId));
  return {
    assignments: sortPairs([...kept.values(), ...addedList]),
    added: sortPairs(addedList),
    shortfalls: shortfalls.sort((a, b) => compare(a.proposalId, b.proposalId)),
    conflicts: sortPairs(conflicts),
  };
}

function shortfall(p: AssignmentProposal, missing: number, pool: number, eligibleCount: number, k: number): Shortfall {
  if (pool === 0) return { proposalId: p.id, missing, code: 'no-reviewers', reason: 'Aucun relecteur n’est désigné pour cette édition.' };
  const plural = eligibleCount > 1 ? 's' : '';
  if (eligibleCount === pool)
    return {
      proposalId: p.id,
      missing,
      code: 'too-few-reviewers',
      reason: `${pool} relecteur${plural} seulement pour ${k} demandés : il en manque ${missing}.`,
    };
  return {
    proposalId: p.id,
    missing,
    code: 'conflicts',
    reason: `${eligibleCount} relecteur${plural} seulement hors de l’administration « ${p.administration ?? ''} » pour ${k} demandés : il en manque ${missing}.`,
  };
}

/**
 * Shifts added assignments along chains giver → … → taker while a taker two or more below a giver is
 * reachable. A link u → v exists when u holds an added proposal that v may take and is not on.
 */
function rebalance(n: number, load: number[], on: Set<number>, addedTo: Set<number>[], eligible: (p: number, r: number) => boolean): void {
  for (;;) {
    const givers = [...Array(n).keys()].sort((a, b) => load[b] - load[a] || a - b);
    const minLoad = Math.min(...load);
    let moved = false;
    // Reached from a heavier giver without finding a taker: nothing lighter is reachable from there either.
    const settled = new Set<number>();
    for (const giver of givers) {
      if (load[giver] - minLoad < 2) break;
      if (settled.has(giver)) continue;
      // Breadth-first over reviewers; `via[v]` = [previous reviewer, proposal handed to v].
      const via = new Map<number, [number, number]>([[giver, [-1, -1]]]);
      const queue = [giver];
      let taker = -1;
      for (let head = 0; head < queue.length && taker < 0; head++) {
        const u = queue[head];
        const held = [...addedTo[u]].sort((a, b) => a - b);
        for (let v = 0; v < n && taker < 0; v++) {
          if (via.has(v)) continue;
          const p = held.find((q) => eligible(q, v) && !on.has(q * n + v));
          if (p === undefined) continue;
          via.set(v, [u, p]);
          queue.push(v);
          if (load[v] <= load[giver] - 2) taker = v;
        }
      }
      if (taker < 0) {
        queue.forEach((r) => settled.add(r));
        continue;
      }
      for (let v = taker; v !== giver;) {
        const [u, p] = via.get(v)!;
        addedTo[u].delete(p);
        on.delete(p * n + u);
        addedTo[v].add(p);
        on.add(p * n + v);
        v = u;
      }
      load[giver]--;
      load[taker]++;
      moved = true;
      break;
    }
    if (!moved) return;
  }
}
