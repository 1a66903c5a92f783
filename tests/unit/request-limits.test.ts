/** The pure parts of the request limits: nesting depth of a body, and the CORS allow-list. */
import { nestsDeeperThan } from '../../src/http/json-depth';
import { parseCorsOrigins } from '../../src/http/cors-origins';

describe('nestsDeeperThan', () => {
  const deepArray = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
  const deepObject = (levels: number) => JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

  it.each([
    ['a scalar', 1, 0, false],
    ['null', null, 0, false],
    ['an empty object at its limit', {}, 1, false],
    ['an empty object over its limit', {}, 0, true],
    ['a proposal body', { data: { title: 'x', days: ['2023-12-06'] } }, 3, false],
    ['a proposal body one level too deep', { data: { title: 'x', days: ['2023-12-06'] } }, 2, true],
    ['a wide but shallow object', Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, [i]])), 2, false],
    ['a deep branch beside shallow ones', { a: 1, b: [], c: { d: { e: { f: {} } } } }, 4, true],
  ])('%s', (_label, value, max, expected) => {
    expect(nestsDeeperThan(value, max)).toBe(expected);
  });

  it('measures 20,000 levels without overflowing the stack', () => {
    expect(nestsDeeperThan(deepObject(20000), 32)).toBe(true);
    expect(nestsDeeperThan(deepArray(8000), 32)).toBe(true);
    expect(nestsDeeperThan(deepArray(32), 32)).toBe(false);
    expect(nestsDeeperThan(deepArray(33), 32)).toBe(true);
  });
});

describe('parseCorsOrigins', () => {
  it.each([
    [undefined, []],
    ['', []],
    [' , ', []],
    ['https://site.example.org', ['https://site.example.org']],
    [' https://site.example.org/ , http://localhost:8080 ', ['https://site.example.org', 'http://localhost:8080']],
    ['https://SITE.example.org:443,https://site.example.org', ['https://site.example.org']],
  ])('%p gives %p', (value, expected) => {
    expect(parseCorsOrigins(value)).toEqual(expected);
  });

  it.each(['*', 'site.example.org', 'https://site.example.org/path', 'https://site.example.org?x=1', 'ftp://site.example.org', 'null'])(
    'refuses %p',
    (value) => {
      expect(() => parseCorsOrigins(value)).toThrow(/CORS_ORIGINS/);
    }
  );
});
