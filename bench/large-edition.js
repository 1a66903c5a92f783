#!/usr/bin/env node
/**
 * `npm run bench:large`: an edition of 10,000 proposals and 300 sessions (bench/large-edition-server.js,
 * production mode, SQLite or BENCH_DATABASE=postgres), measured from this process over loopback:
 *   1. the editors' dashboard, home and undecided list with an admin token, and what the dashboard page
 *      loads beside it (ranking, freed slots, release preview): median and max of N requests;
 *   2. the proposals CSV of 1,000 then of 10,000 proposals: the server's memory while it streams
 *      (peak RSS every 2 ms, live heap after a full collection every 250 ms, over a clean heap, in a process
 *      started after the seeding), the chunks and rows received, the time taken;
 *   3. the computed program of 300 sessions (the service, not the response cache): median and max;
 *   4. the admin lists: what a page holds when it asks for 100,000 rows;
 *   5. with BENCH_NEAR_DUPLICATES=1, the near-duplicate pairs of the large edition, once.
 * Prints every figure and writes bench/results-large-<database>.json.
 * BENCH_REQUESTS (20), BENCH_PROPOSALS (10000), BENCH_SMALL_PROPOSALS (1000) make it shorter.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const { randomSecrets } = require('../database/seed/secrets');
const { startProcess } = require('./support');

const REQUESTS = Number(process.env.BENCH_REQUESTS || 20);
const PORT = Number(process.env.BENCH_PORT || 1341);
const MiB = 2 ** 20;

const run = `${process.pid}`;
const secrets = randomSecrets();

/** One step of bench/large-edition-server.js; resolves on its line starting with `word`. */
const start = (step, word) =>
  startProcess(path.join(__dirname, 'large-edition-server.js'), {
    node: ['--expose-gc'],
    // The serve step runs what the seed step compiled.
    env: { ...secrets, BENCH_STEP: step, BENCH_RUN: run, BENCH_PORT: String(PORT), ...(step === 'serve' ? { BENCH_COMPILE: 'false' } : {}) },
    word,
  });

const ask = (child, message) =>
  new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;
const timing = (times) => ({ median: round(median(times)), max: round(Math.max(...times)), runs: times.length });

async function main() {
  const database = process.env.BENCH_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite';
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`Starting Strapi (production, ${database}) and seeding the large edition…`);
  const seed = await start('seed', 'SEEDED');
  const seededIn = Number(seed.ready[0]);
  await new Promise((resolve) => seed.child.once('exit', resolve));
  const { child, ready } = await start('serve', 'READY');
  const [, token, grande, petite] = ready;
  const base = `http://127.0.0.1:${PORT}`;
  const get = (p, headers = {}) => fetch(`${base}${p}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
  const counts = await ask(child, 'counts');
  console.log(`  seeded in ${(seededIn / 1000).toFixed(1)} s: ${counts.grande} + ${counts.petite} proposals, ${counts.sessions} published session rows`);
  const results = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0].model, node: process.version, loadAverage: os.loadavg().map((l) => +l.toFixed(1)) },
    database,
    counts,
    desk: {},
    csv: {},
    lists: {},
  };
  console.log(`  load average ${results.machine.loadAverage.join(' ')}`);

  // 1. The editors' pages.
  for (const [name, p] of [
    ['dashboard', `/bluehats/editions/${grande}/dashboard`],
    ['home', '/bluehats/home'],
    ['undecided', '/bluehats/undecided'],
    // What the dashboard page loads beside it.
    ['ranking', `/bluehats/editions/${grande}/ranking`],
    ['freedSlots', `/bluehats/editions/${grande}/freed-slots`],
    ['releasePreview', `/bluehats/editions/${grande}/release-preview`],
  ]) {
    await get(p); // warm-up
    const times = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await get(p);
      const body = await res.arrayBuffer();
      times.push(performance.now() - t);
      bytes = body.byteLength;
      if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    }
    results.desk[name] = { ...timing(times), bytes };
    console.log(`  ${name.padEnd(10)} median ${results.desk[name].median} ms, max ${results.desk[name].max} ms (${REQUESTS} requests, ${bytes} bytes)`);
  }

  // 2. The CSV, smaller edition first; the server's memory sampled around each.
  for (const [name, documentId, expected] of [
    ['small', petite, counts.petite],
    ['large', grande, counts.grande],
  ]) {
    await ask(child, 'memory-start');
    const t = performance.now();
    // Uncompressed, so that the bytes arrive as the server writes them (brotli would hold them in blocks).
    const res = await get(`/bluehats/editions/${documentId}/proposals.csv`, { 'Accept-Encoding': 'identity' });
    let chunks = 0;
    let bytes = 0;
    let lines = 0;
    let firstByte = null;
    for await (const chunk of res.body) {
      firstByte ??= performance.now() - t;
      chunks++;
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const total = performance.now() - t;
    const memory = await ask(child, 'memory-stop');
    results.csv[name] = {
      proposals: expected,
      rows: lines - 1,
      chunks,
      bytes,
      firstByteMs: round(firstByte),
      totalMs: round(total),
      peakRssMiB: round(memory.peak.rss / MiB),
      rssAboveBaseMiB: round((memory.peak.rss - memory.base.rss) / MiB),
      peakHeapMiB: round(memory.peak.heapUsed / MiB),
      heapAboveBaseMiB: round((memory.peak.heapUsed - memory.base.heapUsed) / MiB),
      liveHeapAboveBaseMiB: round((memory.peak.liveHeap - memory.base.heapUsed) / MiB),
      maxRssHighWaterMiB: round(memory.maxRssHighWater / MiB),
    };
    const r = results.csv[name];
    console.log(
      `  CSV ${String(expected).padStart(6)} proposals: ${r.rows} rows in ${r.chunks} chunks, ${(r.bytes / MiB).toFixed(1)} MiB; first byte ${r.firstByteMs} ms, all ${r.totalMs} ms; ` +
        `server peak RSS ${r.peakRssMiB} MiB (+${r.rssAboveBaseMiB}), heap +${r.heapAboveBaseMiB} MiB (live after GC +${r.liveHeapAboveBaseMiB}), process RSS high-water ${r.maxRssHighWaterMiB} MiB`
    );
  }

  // 3. The computed program.
  const program = await ask(child, { program: { slug: 'grande', runs: REQUESTS } });
  results.program = { ...timing(program.times), sessions: program.sessions, queriesPerProgram: program.queriesPerProgram };
  console.log(
    `  program of ${program.sessions} sessions (computed, uncached): median ${results.program.median} ms, max ${results.program.max} ms, ${program.queriesPerProgram} SQL queries`
  );

  // 4. The admin lists, asked for 100,000 rows.
  for (const [name, p, read] of [
    ['content-manager proposals', '/content-manager/collection-types/api::proposal.proposal?page=1&pageSize=100000', (b) => b.results.length],
    ['content-manager sessions', '/content-manager/collection-types/api::session.session?page=1&pageSize=100000', (b) => b.results.length],
    ['dashboard undecided', `/bluehats/editions/${grande}/dashboard`, (b) => b.data.undecided.proposals.length],
    ['undecided per edition', '/bluehats/undecided', (b) => Math.max(...b.data.map((e) => e.proposals.length))],
  ]) {
    const t = performance.now();
    const res = await get(p);
    const body = await res.json();
    results.lists[name] = { status: res.status, rows: res.status === 200 ? read(body) : null, ms: round(performance.now() - t) };
    console.log(`  ${name}: ${res.status}, ${results.lists[name].rows} rows in the answer, ${results.lists[name].ms} ms`);
  }

  // Only when asked (BENCH_NEAR_DUPLICATES=1), last: on 10,000 proposals it ran the server out of
  // memory (docs/benchmarks.md). Its own route; the dashboard does not wait for it.
  if (process.env.BENCH_NEAR_DUPLICATES === '1') {
    const t = performance.now();
    const res = await get(`/bluehats/editions/${grande}/near-duplicates`).catch((error) => ({ status: String(error.cause?.code ?? error.name) }));
    const pairs = res.status === 200 ? (await res.json()).data.pairs.length : null;
    results.desk.nearDuplicates = { status: res.status, ms: round(performance.now() - t), pairs };
    console.log(`  near-duplicates: ${res.status}, ${pairs} pairs, ${results.desk.nearDuplicates.ms} ms`);
  }

  fs.writeFileSync(path.join(__dirname, `results-large-${database.toLowerCase()}.json`), JSON.stringify(results, null, 2) + '\n');
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
