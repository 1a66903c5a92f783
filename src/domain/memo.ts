/**
 * Pure functions asked again and again with the same arguments, whose answer is costly to make:
 * Luxon parses an instant, finds a zone's offset and formats a date with Intl each time, and every
 * submission asks for the same edition's dates (its window, the date its status link ends, the
 * response and program dates it is told). Each answer is kept for its key, a bounded number of them.
 * Pure: no Strapi import. Only for values never changed in place (Luxon's DateTime is immutable).
 */
import LRUCache from 'lru-cache';

export function memoised<A extends unknown[], R>(compute: (...args: A) => R, keyOf: (...args: A) => string, max = 1000): (...args: A) => R {
  // Boxed: a kept answer may be null.
  const answers = new LRUCache<string, { answer: R }>({ max });
  return (...args: A): R => {
    const key = keyOf(...args);
    const kept = answers.get(key);
    if (kept) return kept.answer;
    const answer = compute(...args);
    answers.set(key, { answer });
    return answer;
  };
}
