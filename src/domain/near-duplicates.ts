/**
 * Near-duplicate proposals of one edition, flagged to editors and never refused: the same person
 * (same e-mail address, or same name once normalised) with close titles, or very similar abstracts
 * whoever sent them. Pure: no Strapi import.
 *
 * Two measures, each with its threshold:
 * - titles: the Levenshtein distance (fastest-levenshtein) of the normalised titles, as a similarity
 *   `1 − distance / longer length`;
 * - abstracts: the trigram similarity of PostgreSQL's pg_trgm (`similarity(a, b)`), which the
 *   database computes where the extension is there; `trigramSimilarity` below is the same measure
 *   in JavaScript, for SQLite and for a PostgreSQL without it. The threshold means the same on both.
 */
import { distance } from 'fastest-levenshtein';

/** Titles of one person at least this close (normalised Levenshtein similarity) are flagged. */
export const TITLE_SIMILARITY_MIN = 0.8;
/** Abstracts at least this similar (pg_trgm's trigram similarity) are flagged, whoever sent them. */
export const ABSTRACT_SIMILARITY_MIN = 0.6;
/**
 * At most this many pairs of similar abstracts are looked for: beyond, the list tells editors nothing
 * more (a flood of copies is one finding), and thousands of identical abstracts would otherwise make
 * n² pairs, enough to exhaust the server's memory.
 */
export const ABSTRACT_PAIRS_MAX = 500;

export type NearDuplicateReason = 'same_person_close_titles' | 'similar_abstracts';

export const NEAR_DUPLICATE_REASON_LABELS: Readonly<Record<NearDuplicateReason, string>> = {
  same_person_close_titles: 'Même personne, titres proches',
  similar_abstracts: 'Résumés très proches',
};

/** What the comparison reads of a proposal. */
export interface ComparedProposal {
  documentId: string;
  email: string | null;
  speakerName: string | null;
  title: string | null;
  abstract: string | null;
}

/** Two proposals flagged together, `a` before `b` in the order given. */
export interface NearDuplicatePair {
  a: string;
  b: string;
  reasons: NearDuplicateReason[];
  /** Set when the two come from one person. */
  titleSimilarity: number | null;
  /** Set when the abstracts reach the threshold. */
  abstractSimilarity: number | null;
}

/** Lower case, accents off, anything but letters and digits a single space: « Logiciel  libre ! » → « logiciel libre ». */
export function normaliseText(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name whatever the order of its words: « DUPONT Jeanne » and « Jeanne Dupont » are one. */
export function normaliseName(name: string | null | undefined): string {
  return normaliseText(name).split(' ').filter(Boolean).sort().join(' ');
}

/** 1 for the same normalised title, 0 for nothing in common: `1 − distance / longer length`. */
export function titleSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  const x = normaliseText(a);
  const y = normaliseText(b);
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - distance(x, y) / longer;
}

/**
 * The trigrams of a text as pg_trgm makes them: lower case, words are runs of letters and digits,
 * each padded with two spaces before and one after, every three consecutive characters, once each.
 */
export function trigrams(text: string | null | undefined): Set<string> {
  const found = new Set<string>();
  for (const word of (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 3 <= padded.length; i++) found.add(padded[i] + padded[i + 1] + padded[i + 2]);
  }
  return found;
}

/** pg_trgm's `similarity`: shared trigrams over all trigrams of either text (0 when neither has any). */
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * Pairs of proposals from one person (same address or same normalised name) whose titles are at
 * least TITLE_SIMILARITY_MIN close. Only proposals of one person are compared: cheap.
 */
export function samePersonPairs(proposals: readonly ComparedProposal[]): Array<{ a: string; b: string; similarity: number }> {
  const groups = new Map<string, number[]>();
  proposals.forEach((p, index) => {
    const keys = [p.email ? `e:${p.email.trim().toLowerCase()}` : null, normaliseName(p.speakerName) ? `n:${normaliseName(p.speakerName)}` : null];
    for (const key of keys) if (key) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const seen = new Set<string>();
  const pairs: Array<{ a: string; b: string; similarity: number }> = [];
  for (const members of groups.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [proposals[members[i]], proposals[members[j]]];
        const key = pairKey(a.documentId, b.documentId);
        if (seen.has(key)) continue;
        seen.add(key);
        const similarity = titleSimilarity(a.title, b.title);
        if (similarity >= TITLE_SIMILARITY_MIN) pairs.push({ a: a.documentId, b: b.documentId, similarity });
      }
    }
  }
  return pairs;
}

/** A proposal's abstract as its trigrams: made here (`trigrams`), or by PostgreSQL's `show_trgm`. */
export interface AbstractTrigrams {
  documentId: string;
  trigrams: Iterable<string>;
}

/**
 * Pairs whose abstracts are at least ABSTRACT_SIMILARITY_MIN similar, by pg_trgm's measure, without
 * comparing every pair (a set-similarity join, "All-Pairs" of Bayardo et al., 2007): trigrams are
 * numbered from the rarest, each set sorted that way; two sets that reach the threshold share a
 * trigram among the first `|x| − ⌈t·|x|⌉ + 1` of each (their prefixes), so only pairs meeting in
 * an index of the prefixes are counted in full, and a pair whose sizes alone rule the threshold
 * out (similarity ≤ smaller / larger) never is. Stops at `limit` pairs.
 */
export function similarAbstractPairs(items: readonly AbstractTrigrams[], limit = ABSTRACT_PAIRS_MAX): Array<{ a: string; b: string; similarity: number }> {
  const t = ABSTRACT_SIMILARITY_MIN;
  const lists = items.map((item) => [...new Set(item.trigrams)]);
  const frequency = new Map<string, number>();
  for (const list of lists) for (const gram of list) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  const rank = new Map([...frequency.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).map(([gram], index) => [gram, index]));
  const sets = lists.map((list) => Int32Array.from(list.map((gram) => rank.get(gram)!)).sort());
  // Smallest first: a set met in the index is never larger than the one probing it.
  const order = sets.map((_, index) => index).filter((index) => sets[index].length > 0);
  order.sort((x, y) => sets[x].length - sets[y].length || x - y);
  // ⌈t·n⌉ a hair low, never high: a longer prefix only costs a comparison, a shorter one would miss a pair.
  const prefixLength = (n: number) => n - Math.ceil(t * n - 1e-9) + 1;
  const index: number[][] = Array.from({ length: rank.size }, () => []);
  const pairs: Array<{ a: string; b: string; similarity: number }> = [];
  // met[y] === x + 1: y is already a candidate of x (an array, not a Set: this loop is the hot one).
  const met = new Int32Array(sets.length);
  for (const x of order) {
    const set = sets[x];
    const candidates: number[] = [];
    for (let i = 0; i < prefixLength(set.length); i++) {
      for (const y of index[set[i]]) {
        if (met[y] === x + 1 || sets[y].length < t * set.length) continue;
        met[y] = x + 1;
        candidates.push(y);
      }
    }
    for (const y of candidates) {
      const similarity = sortedSimilarity(sets[y], set, t);
      if (similarity === null || similarity < t) continue;
      const [a, b] = y < x ? [y, x] : [x, y];
      pairs.push({ a: items[a].documentId, b: items[b].documentId, similarity });
      if (pairs.length >= limit) return pairs;
    }
    for (let i = 0; i < prefixLength(set.length); i++) index[set[i]].push(x);
  }
  return pairs;
}

/**
 * pg_trgm's similarity of two sorted sets of numbered trigrams, or null as soon as the trigrams
 * left cannot bring it to `threshold` (shared ≥ t/(1+t)·(|x|+|y|) is what the threshold asks).
 */
function sortedSimilarity(x: Int32Array, y: Int32Array, threshold: number): number | null {
  const needed = (threshold / (1 + threshold)) * (x.length + y.length) - 1e-9;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (shared + Math.min(x.length - i, y.length - j) < needed) return null;
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return shared / (x.length + y.length - shared);
}

/**
 * The flagged pairs, each once whatever order its two proposals came in, `a` the earlier in
 * `proposals`; pairs in the order of their first proposal, then of their second.
 */
export function nearDuplicatePairs(
  proposals: readonly ComparedProposal[],
  abstractPairs: ReadonlyArray<{ a: string; b: string; similarity: number }> = similarAbstractPairs(
    proposals.map((p) => ({ documentId: p.documentId, trigrams: trigrams(p.abstract) }))
  )
): NearDuplicatePair[] {
  const position = new Map(proposals.map((p, index) => [p.documentId, index]));
  const byKey = new Map<string, NearDuplicatePair>();
  const entry = (one: string, other: string) => {
    const [a, b] = (position.get(one) ?? 0) <= (position.get(other) ?? 0) ? [one, other] : [other, one];
    const key = pairKey(a, b);
    const found = byKey.get(key) ?? { a, b, reasons: [], titleSimilarity: null, abstractSimilarity: null };
    byKey.set(key, found);
    return found;
  };
  for (const pair of samePersonPairs(proposals)) {
    const found = entry(pair.a, pair.b);
    found.reasons.push('same_person_close_titles');
    found.titleSimilarity = pair.similarity;
  }
  for (const pair of abstractPairs) {
    if (pair.similarity < ABSTRACT_SIMILARITY_MIN || !position.has(pair.a) || !position.has(pair.b)) continue;
    const found = entry(pair.a, pair.b);
    found.reasons.push('similar_abstracts');
    found.abstractSimilarity = pair.similarity;
  }
  const at = (id: string) => position.get(id) ?? 0;
  return [...byKey.values()].sort((x, y) => at(x.a) - at(y.a) || at(x.b) - at(y.b));
}
