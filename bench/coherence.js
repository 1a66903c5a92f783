#!/usr/bin/env node
/**
 * What sharing costs, on a throwaway database (SQLite, or PostgreSQL with BENCH_DATABASE=postgres):
 * - the rate limit's counting: HITS hits (2,000) through the database store (one upsert each) and
 *   through the memory store, one at a time and 50 at a time, and the count found afterwards
 *   (no hit lost);
 * - PostgreSQL only: how long a change notification sent by another connection takes to empty this
 *   instance's response cache (ROUNDS rounds, 200).
 * Uses the compiled app in dist/ (compiles it first unless BENCH_COMPILE=false). Prints JSON.
 */
const path = require('path');
const fs = require('fs');
const { randomSecrets } = require('../database/seed/secrets');

const appDir = path.resolve(__dirname, '..');
const onPostgres = process.env.BENCH_DATABASE === 'postgres';
Object.assign(process.env, {
  NODE_ENV: 'production',
  DATABASE_CLIENT: onPostgres ? 'postgres' : 'sqlite',
  DATABASE_FILENAME: `.tmp/bench-coherence-${process.pid}.db`,
  DATABASE_NAME: `bluehats_bench_coherence_${process.pid}`,
  DATABASE_SSL: 'false',
  CRON_ENABLED: 'false',
  ...randomSecrets(),
});
const HITS = Number(process.env.HITS || 2000);
const ROUNDS = Number(process.env.ROUNDS || 200);

const pgConfig = (database) => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || undefined,
  database,
});

async function withPg(database, work) {
  const { Client } = require('pg');
  const client = new Client(pgConfig(database));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (ms) => Math.round(ms * 1000) / 1000;

/** HITS hits over 100 buckets, `parallel` at a time: per-hit latency (ms) and hits per second. */
async function measureStore(store, parallel) {
  const latencies = [];
  const start = process.hrtime.bigint();
  for (let done = 0; done < HITS; done += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, HITS - done) }, async (_, i) => {
        const t = process.hrtime.bigint();
        await store.incr(`bench|${parallel}|${(done + i) % 100}`, { interval: 3_600_000 }, 1);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      })
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return { hitsPerSecond: Math.round(HITS / seconds), medianMs: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

async function main() {
  if (onPostgres) await withPg('postgres', (c) => c.query(`CREATE DATABASE "${process.env.DATABASE_NAME}"`));
  if (process.env.BENCH_COMPILE !== 'false' || !fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))) {
    await require('@strapi/typescript-utils').compile(appDir);
  }
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  const { DatabaseStore, ClockedMemoryStore, RATE_LIMIT_TABLE } = require(path.join(appDir, 'dist', 'src', 'http', 'rate-limit.js'));
  const result = { database: onPostgres ? 'PostgreSQL' : 'SQLite', hits: HITS, rateLimit: {} };
  for (const [name, store] of [
    ['database', new DatabaseStore(strapi)],
    ['memory', new ClockedMemoryStore()],
  ]) {
    result.rateLimit[name] = { oneAtATime: await measureStore(store, 1), fiftyAtATime: await measureStore(store, 50) };
  }
  const [{ total }] = await strapi.db.connection(RATE_LIMIT_TABLE).sum({ total: 'hits' });
  result.rateLimit.databaseCountedHits = Number(total);

  if (onPostgres) {
    const { responseCache } = require(path.join(appDir, 'dist', 'src', 'cache', 'response-cache.js'));
    const { CONTENT_CHANGED_CHANNEL } = require(path.join(appDir, 'dist', 'src', 'cache', 'coherence.js'));
    const delays = await withPg(process.env.DATABASE_NAME, async (client) => {
      const out = [];
      for (let i = 0; i < ROUNDS; i++) {
        const version = responseCache.currentVersion;
        const t = process.hrtime.bigint();
        await client.query('select pg_notify($1, $2)', [CONTENT_CHANGED_CHANNEL, JSON.stringify({ from: 'another instance' })]);
        while (responseCache.currentVersion === version) await new Promise((r) => setImmediate(r));
        out.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return out.sort((a, b) => a - b);
    });
    result.notification = {
      rounds: ROUNDS,
      medianMs: round(percentile(delays, 50)),
      p99Ms: round(percentile(delays, 99)),
      maxMs: round(delays[delays.length - 1]),
    };
  }

  await strapi.destroy();
  if (onPostgres) await withPg('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${process.env.DATABASE_NAME}" WITH (FORCE)`));
  else for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, process.env.DATABASE_FILENAME + suffix), { force: true });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
