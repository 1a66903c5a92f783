/**
 * Every date rule reads the app's one clock (src/domain/clock.ts), which the tests move. A wall-clock
 * read anywhere else would make a rule untestable at a chosen instant, so this scans the sources.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNED = ['src', 'config'];
const ALLOWED = new Set(['src/domain/clock.ts']);

/** Each way JavaScript or Luxon reads the wall clock. */
const WALL_CLOCK_READS: Array<[string, RegExp]> = [
  ['Date.now()', /\bDate\s*\.\s*now\s*\(/],
  ['new Date() without an argument', /\bnew\s+Date\s*(\(\s*\)|(?![\s(]))/],
  ['Date() called as a function', /(?<![\w.$]|new\s)\bDate\s*\(\s*\)/],
  ['DateTime.now()', /\bDateTime\s*\.\s*now\s*\(/],
  ['DateTime.local() / DateTime.utc() without an argument', /\bDateTime\s*\.\s*(local|utc)\s*\(\s*(\)|\{)/],
  ['Temporal.Now', /\bTemporal\s*\.\s*Now\b/],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Comments say why; they may name Date.now() without calling it. */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, '')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

export function wallClockReads(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const relative = path.relative(ROOT, file).split(path.sep).join('/');
    if (ALLOWED.has(relative)) continue;
    withoutComments(fs.readFileSync(file, 'utf8'))
      .split('\n')
      .forEach((line, index) => {
        for (const [name, pattern] of WALL_CLOCK_READS) if (pattern.test(line)) found.push(`${relative}:${index + 1}: ${name}`);
      });
  }
  return found;
}

describe('one clock', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));

  it('scans the app and its config', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => path.relative(ROOT, f).split(path.sep).join('/'))).toContain('src/domain/clock.ts');
  });

  it('reads the wall clock nowhere but src/domain/clock.ts', () => {
    expect(wallClockReads(files)).toEqual([]);
  });

  it('recognises every form it forbids, and leaves dates built from a value alone', () => {
    const probe = path.join(ROOT, '.tmp', `clock-probe-${process.pid}.ts`);
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    const forbidden = [
      'Date.now()',
      'new Date()',
      'new Date',
      'Date()',
      'DateTime.now()',
      'DateTime.local()',
      'DateTime.utc()',
      'DateTime.local({ zone })',
      'Temporal.Now.instant()',
    ];
    const allowed = [
      'new Date(0)',
      'new Date(row.at)',
      'DateTime.fromJSDate(now)',
      'DateTime.utc(2023, 11, 20)',
      'DateTime.local(2023)',
      'isDate()',
      '// Date.now() in a comment',
    ];
    fs.writeFileSync(probe, [...forbidden, ...allowed].join('\n'));
    try {
      const lines = wallClockReads([probe]).map((hit) => Number(hit.split(':')[1]));
      expect([...new Set(lines)]).toEqual(forbidden.map((_, i) => i + 1));
    } finally {
      fs.rmSync(probe, { force: true });
    }
  });
});
