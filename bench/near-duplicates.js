#!/usr/bin/env node
/**
 * `node bench/near-duplicates.js`: the cost of the near-duplicate rule on 500 proposals of one
 * edition (src/domain/near-duplicates.ts, compiled in dist/ by `npm run build` or the tests), the same
 * generated data on every run:
 *   - abstracts of 80 to 230 words, a third French function words, the rest from a topic of its own
 *     (a window of a 20,000-word vocabulary), 10 of them copied with one word changed;
 *   - 300 proposers, some sending two or three proposals, 10 of them twice with a close title.
 * Times the app's trigrams and pairing (SQLite, or PostgreSQL without pg_trgm), and, with
 * BENCH_DATABASE=postgres, pg_trgm's `show_trgm` read of the same abstracts from a throwaway table
 * plus the same pairing (DATABASE_HOST, DATABASE_PORT, DATABASE_USERNAME, DATABASE_PASSWORD).
 * Prints the median of 7 runs of each, and the pairs found.
 */
const path = require('path');

const rule = require(path.resolve(__dirname, '..', 'dist', 'src', 'domain', 'near-duplicates.js'));

const COUNT = Number(process.env.BENCH_PROPOSALS || 500);
const RUNS = 7;

function seeded(seed) {
  // mulberry32: 32-bit integer arithmetic, exact in JavaScript.
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function proposals() {
  const random = seeded(2026);
  const letters = 'abcdefghijlmnopqrstuvéèàç';
  const word = () => Array.from({ length: 3 + Math.floor(random() * 7) }, () => letters[Math.floor(random() * letters.length)]).join('');
  const vocabulary = Array.from({ length: 20000 }, word);
  const functionWords = 'le la les de des du un une et à en pour par sur avec dans est sont nous vous qui que ce cette au aux'.split(' ');
  const list = [];
  for (let i = 0; i < COUNT; i++) {
    const topic = Math.floor(random() * (vocabulary.length - 600));
    const words = Array.from({ length: 80 + Math.floor(random() * 150) }, () =>
      random() < 0.33 ? functionWords[Math.floor(random() * functionWords.length)] : vocabulary[topic + Math.floor(random() * 600)]
    );
    const person = Math.floor(random() * 300);
    list.push({
      documentId: `p${i}`,
      email: `agent${person}@example.org`,
      speakerName: `Agent ${person}`,
      title: Array.from({ length: 4 + Math.floor(random() * 6) }, () => vocabulary[topic + Math.floor(random() * 600)]).join(' '),
      abstract: words.join(' '),
    });
  }
  for (let k = 0; k < 10; k++) {
    list[COUNT - 1 - k].abstract = list[k * 3].abstract.replace(/ \S+ /, ' modifié ');
    list[COUNT - 21 - k] = { ...list[COUNT - 21 - k], email: list[k * 5].email, title: `${list[k * 5].title} !` };
  }
  return list;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    result = await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: Math.round(median(times) * 10) / 10, result };
}

async function withPostgres(list, work) {
  const { Client } = require('pg');
  const config = {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
  };
  const name = `bluehats_bench_duplicates_${process.pid}`;
  const admin = new Client({ ...config, database: 'postgres' });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const client = new Client({ ...config, database: name });
  try {
    await client.connect();
    await client.query('create extension if not exists pg_trgm');
    await client.query('create table proposals (id serial primary key, document_id text, abstract text)');
    for (const p of list) await client.query('insert into proposals (document_id, abstract) values ($1, $2)', [p.documentId, p.abstract]);
    return await work(client);
  } finally {
    await client.end();
    await admin.query(`drop database "${name}"`);
    await admin.end();
  }
}

async function main() {
  const list = proposals();
  console.log(`${list.length} proposals, ${RUNS} runs each, median:`);
  const app = await timed(() =>
    rule.nearDuplicatePairs(list, rule.similarAbstractPairs(list.map((p) => ({ documentId: p.documentId, trigrams: rule.trigrams(p.abstract) }))))
  );
  console.log(`  the app's trigrams and pairing: ${app.ms} ms, ${app.result.length} pairs`);
  const titles = app.result.filter((p) => p.reasons.includes('same_person_close_titles')).length;
  console.log(`    (${titles} of one person with close titles, ${app.result.length - titles} with close abstracts only)`);
  if (process.env.BENCH_DATABASE === 'postgres') {
    const pg = await withPostgres(list, (client) =>
      timed(async () => {
        const { rows } = await client.query('select document_id, show_trgm(abstract) as trigrams from proposals');
        const items = rows.map((row) => ({ documentId: row.document_id, trigrams: row.trigrams }));
        return rule.nearDuplicatePairs(list, rule.similarAbstractPairs(items));
      })
    );
    console.log(`  pg_trgm's trigrams (show_trgm) and the same pairing: ${pg.ms} ms, ${pg.result.length} pairs`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
