/**
 * The facts fixture quotes the real 2023 post: every quoted word must stand in the copy kept in
 * database/seed/sources/ (an ellipsis `[…]` or `(…)` in a quote stands for words left out).
 */
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');
const post = fs.readFileSync(path.join(root, 'database', 'seed', 'sources', 'bluehats-2023-call-for-talks.md'), 'utf8');
const facts = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'seeds', 'bluehats-2023-facts.json'), 'utf8'));

/** Every `seed` quote of the fixture, by the fact it backs. */
function quotes(value: unknown, where = ''): Array<[string, string]> {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    key === 'seed' && typeof v === 'string' ? [[where, v] as [string, string]] : quotes(v, where ? `${where}.${key}` : key)
  );
}

// `submit` says how the app replaces the post's « send us an e-mail »: a note, not a quote.
const quoted = quotes(facts).filter(([where]) => where !== 'submit');

it('has the facts it is read for', () => {
  expect(quoted.map(([where]) => where)).toEqual(
    expect.arrayContaining([
      'afternoons',
      'venue',
      'deadline',
      'responseDate',
      'programPublicationDate',
      'durations.recommended',
      'durations.allowed',
      'registration',
      'contact',
    ])
  );
});

it.each(quoted)('quotes the post word for word: %s', (_where, quote) => {
  const parts = quote.split(/\s*\[…\]\s*|\(…\)/).filter((part) => part.trim() !== '');
  for (const part of parts) expect(post).toContain(part);
});
