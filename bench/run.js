#!/usr/bin/env node
/**
 * `npm run bench`: the app in production mode on seeded data (2 days, 30 sessions), measured with
 * autocannon from this process over loopback, in one run, against:
 *   1. the program route, 2. Strapi's stock find on the same data, 3. Strapi's /_health,
 *   4. a bare Node http server answering the same JSON bytes,
 *   5. the public HTML pages (the edition's page and its program page), served from the same cache;
 * then proposal submission against Strapi's stock create on the same content type.
 * Prints requests per second, p99 and the ratios; writes bench/results-<database>.json.
 *
 * BENCH_ONLY=writes measures the submission against stock create alone (no reads; no results file);
 * BENCH_CPU_PROFILE=<dir> has the app process write a V8 CPU profile there when it stops (`node
 * --cpu-prof`), to be opened in Chrome's DevTools.
 *
 * BENCH_SMOKE=true is the CI's short run: a fixed number of requests per target (BENCH_REQUESTS, 50),
 * not a duration, so that a loaded machine makes it slower but never different; no warm-up, 10
 * connections unless set. It writes no results file, and exits with 1 when the bench is broken (an
 * answer not 2xx, a lost or duplicated row), never because of a timing.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');
const { startProcess } = require('./support');
const autocannon = require('autocannon');

const appDir = path.resolve(__dirname, '..');
const SMOKE = process.env.BENCH_SMOKE === 'true';
const DURATION = Number(process.env.BENCH_DURATION || 10);
const WARM_UP = SMOKE ? 0 : 2;
// A smoke run counts requests and gives each the time a busy CI machine needs.
const SMOKE_RUN = SMOKE ? { amount: Number(process.env.BENCH_REQUESTS || 50), timeout: 60 } : {};
const CONNECTIONS = (process.env.BENCH_CONNECTIONS || (SMOKE ? '10' : '10,50')).split(',').map(Number);
const WRITES_ONLY = process.env.BENCH_ONLY === 'writes';
// Writes: submission and stock create in alternating rounds, BENCH_DURATION seconds for each in all.
const WRITE_ROUNDS = SMOKE ? 1 : Number(process.env.BENCH_WRITE_ROUNDS || 5);
const ROUND_DURATION = Math.max(1, Math.round(DURATION / WRITE_ROUNDS));
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
// BENCH_PORT_BASE moves the three ports, for a machine where another run already holds 1338–1340.
const STRAPI_PORT = Number(process.env.BENCH_PORT_BASE || 1338);
const BARE_PORT = STRAPI_PORT + 1;
const SMTP_PORT = STRAPI_PORT + 2;

const start = (script, args, env = {}, node = []) => startProcess(script, { args, env, node });

const run = (opts) =>
  new Promise((resolve, reject) => {
    autocannon({ duration: DURATION, ...SMOKE_RUN, ...opts }, (error, result) => (error ? reject(error) : resolve(result)));
  });

/** Rounds of equal length as one: the mean rate, the worst p99, the counts added up. */
const together = (parts) => ({
  rps: Math.round(parts.reduce((sum, r) => sum + r.rps, 0) / parts.length),
  p99: Math.max(...parts.map((r) => r.p99)),
  non2xx: parts.reduce((sum, r) => sum + r.non2xx, 0),
  errors: parts.reduce((sum, r) => sum + r.errors, 0),
  timeouts: parts.reduce((sum, r) => sum + r.timeouts, 0),
  ok: parts.reduce((sum, r) => sum + r.ok, 0),
  sent: parts.reduce((sum, r) => sum + r.sent, 0),
});

const summary = (r) => ({
  rps: Math.round(r.requests.average),
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  ok: r['2xx'],
  sent: r.requests.sent,
});

async function main() {
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  const database = process.env.BENCH_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite';
  console.log(`Starting Strapi (production, ${database}, 2 days × 15 sessions)…`);
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
  const app = await start(path.join(__dirname, 'strapi-server.js'), [], { BENCH_PORT: String(STRAPI_PORT), SMTP_PORT: String(SMTP_PORT) }, profile);
  const [, uncachedQueries, cachedQueries] = app.ready.map(Number);
  const benchEditionId = app.ready[3];
  const bare = await start(path.join(__dirname, 'bare-server.js'), [path.join(appDir, '.tmp', 'bench-program.json'), String(BARE_PORT), String(SMTP_PORT)]);

  const targets = {
    program: `http://127.0.0.1:${STRAPI_PORT}/api/editions/bench/program`,
    stockFind: `http://127.0.0.1:${STRAPI_PORT}/api/sessions?populate=speakers&filters[edition][slug][$eq]=bench&pagination[pageSize]=30`,
    health: `http://127.0.0.1:${STRAPI_PORT}/_health`,
    editionPage: `http://127.0.0.1:${STRAPI_PORT}/editions/bench`,
    programPage: `http://127.0.0.1:${STRAPI_PORT}/editions/bench/programme`,
    bare: `http://127.0.0.1:${BARE_PORT}/`,
  };
  const results = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0].model, node: process.version },
    database,
    duration: DURATION,
    reads: {},
    writes: {},
  };
  for (const connections of WRITES_ONLY ? [] : CONNECTIONS) {
    results.reads[connections] = {};
    for (const [name, url] of Object.entries(targets)) {
      if (WARM_UP) await run({ url, connections, duration: WARM_UP });
      results.reads[connections][name] = summary(await run({ url, connections }));
      const r = results.reads[connections][name];
      console.log(`  ${String(connections).padStart(2)} conn  ${name.padEnd(10)} ${String(r.rps).padStart(7)} req/s   p99 ${r.p99} ms   non-2xx ${r.non2xx}`);
    }
    const r = results.reads[connections];
    results.reads[connections].ratios = {
      programOverHealth: +(r.program.rps / r.health.rps).toFixed(2),
      programOverStockFind: +(r.program.rps / r.stockFind.rps).toFixed(1),
      programOverBare: +(r.program.rps / r.bare.rps).toFixed(3),
      editionPageOverHealth: +(r.editionPage.rps / r.health.rps).toFixed(2),
      programPageOverHealth: +(r.programPage.rps / r.health.rps).toFixed(2),
    };
    console.log(
      `  ratios at ${connections}: program/health ${results.reads[connections].ratios.programOverHealth}, program/stock ${results.reads[connections].ratios.programOverStockFind}, program/bare ${results.reads[connections].ratios.programOverBare}, edition page/health ${results.reads[connections].ratios.editionPageOverHealth}, program page/health ${results.reads[connections].ratios.programPageOverHealth}`
    );
  }
  results.sqlQueriesPerProgramRequest = { uncached: uncachedQueries, cached: cachedQueries };
  console.log(`SQL queries per program request: ${uncachedQueries} when computed, ${cachedQueries} when served from the cache`);

  // Writes: every request a distinct proposer, so that none is a duplicate; both routes write the
  // same row, the proposal linked to its edition (the submission names it by slug, stock create by
  // documentId). Each burst after a warm-up of its own; the submissions' acknowledgement mails are
  // delivered before stock create starts, so that their delivery does not slow stock create down.
  let n = 0;
  const body = (prefix) => () => {
    n++;
    return JSON.stringify({
      data: {
        edition: prefix.startsWith('submit') ? 'bench' : benchEditionId,
        speakerName: `Agent ${n}`,
        email: `${prefix}-${n}@example.org`,
        administrationName: 'DINUM',
        title: `Proposition de mesure ${prefix} ${n}`,
        abstract: 'Un résumé de mesure, assez long pour être valide.',
        requestedDuration: 10,
      },
    });
  };
  const post = (url, prefix, more = {}) =>
    run({
      url,
      connections: 10,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body(prefix)() }) }],
      ...more,
    });
  const mailsReceived = async () => {
    bare.child.send('count-mails');
    return (await new Promise((resolve) => bare.child.once('message', resolve))).mails;
  };
  const submitUrl = `http://127.0.0.1:${STRAPI_PORT}/api/proposals`;
  const stockUrl = `http://127.0.0.1:${STRAPI_PORT}/api/bench/stock-proposals`;
  // Until `count` mails have reached the relay (at most a minute); answers how long it took.
  const mailsReach = async (count) => {
    const start = Date.now();
    while ((await mailsReceived()) < count && Date.now() - start < 60_000) await new Promise((resolve) => setTimeout(resolve, 100));
    return Date.now() - start;
  };
  const warmUp = WARM_UP ? summary(await post(submitUrl, 'submitwarm', { duration: WARM_UP })) : { ok: 0 };
  await mailsReach(warmUp.ok);
  if (WARM_UP) await post(stockUrl, 'stockwarm', { duration: WARM_UP });
  // Alternating rounds, so that what drifts during the run (the tables grow, the machine's other
  // work) weighs on both routes alike.
  const mailsBefore = await mailsReceived();
  const rounds = [];
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    const before = await mailsReceived();
    const submitted = summary(await post(submitUrl, 'submit', SMOKE ? {} : { duration: ROUND_DURATION }));
    const duringTheBurst = (await mailsReceived()) - before;
    const backlogDeliveredInMs = await mailsReach(before + submitted.ok);
    const created = summary(await post(stockUrl, 'stock', SMOKE ? {} : { duration: ROUND_DURATION }));
    rounds.push({ submit: submitted, stockCreate: created, ratio: +(submitted.rps / created.rps).toFixed(2), mails: { duringTheBurst, backlogDeliveredInMs } });
  }
  const submit = together(rounds.map((r) => r.submit));
  const stockCreate = together(rounds.map((r) => r.stockCreate));
  const mailsDuringBurst = rounds.reduce((sum, r) => sum + r.mails.duringTheBurst, 0);
  const mailBacklogMs = Math.max(...rounds.map((r) => r.mails.backlogDeliveredInMs));
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let the requests cut by the end of the run finish
  app.child.send('count-proposals');
  const counts = await new Promise((resolve) => app.child.once('message', resolve));
  const rows = { submit: counts.byPrefix.submit ?? 0, stock: counts.byPrefix.stock ?? 0 };
  const linkedToTheEdition = { submit: counts.linkedByPrefix.submit ?? 0, stock: counts.linkedByPrefix.stock ?? 0 };
  const mails = (await mailsReceived()) - mailsBefore;
  results.writes = {
    submit,
    stockCreate,
    ratio: +(submit.rps / stockCreate.rps).toFixed(2),
    rounds: rounds.map((r) => ({ submit: r.submit.rps, stockCreate: r.stockCreate.rps, ratio: r.ratio, mails: r.mails })),
    // A request acknowledged (2xx) must be a row; a request cut by the end of the run may be one too.
    lost: Math.max(0, submit.ok - rows.submit) + Math.max(0, stockCreate.ok - rows.stock),
    rows,
    linkedToTheEdition,
    duplicatedReferences: counts.proposals - counts.references,
    duplicatedProposals: counts.proposals - counts.keys,
    acknowledgementMails: { duringTheBurst: mailsDuringBurst, received: mails, backlogDeliveredInMs: mailBacklogMs },
  };
  for (const [i, r] of rounds.entries())
    console.log(`  round ${i + 1}: submit ${r.submit.rps} req/s, stock create ${r.stockCreate.rps} req/s, ratio ${r.ratio}`);
  console.log(`  10 conn  submit     ${String(submit.rps).padStart(7)} req/s   p99 ${submit.p99} ms   non-2xx ${submit.non2xx}`);
  console.log(`  10 conn  stock create ${String(stockCreate.rps).padStart(5)} req/s   p99 ${stockCreate.p99} ms   non-2xx ${stockCreate.non2xx}`);
  console.log(
    `  submit/stock create ${results.writes.ratio}; rows ${rows.submit}/${rows.stock} (linked to the edition ${linkedToTheEdition.submit}/${linkedToTheEdition.stock}) for ${submit.ok}/${stockCreate.ok} acknowledged: lost ${results.writes.lost}, duplicated references ${results.writes.duplicatedReferences}, duplicated proposals ${results.writes.duplicatedProposals}; acknowledgement mails ${mailsDuringBurst} during the bursts, ${mails} in all (each backlog delivered within ${mailBacklogMs} ms)`
  );

  if (!SMOKE && !WRITES_ONLY) fs.writeFileSync(path.join(__dirname, `results-${database.toLowerCase()}.json`), JSON.stringify(results, null, 2) + '\n');
  app.child.send('stop');
  bare.child.kill();
  await new Promise((resolve) => app.child.once('exit', resolve));
  if (SMOKE) {
    const broken = smokeFailures(results);
    for (const failure of broken) console.error(`bench smoke: ${failure}`);
    if (broken.length > 0) process.exit(1);
    console.log('bench smoke: every request answered 2xx, no row lost or duplicated');
  }
}

/** What makes a smoke run fail: answers and rows, never a timing. */
function smokeFailures(results) {
  const failures = [];
  const check = (name, r) => {
    if (r.ok === 0) failures.push(`${name}: no 2xx answer`);
    if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) failures.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  };
  for (const [connections, targets] of Object.entries(results.reads)) {
    for (const [name, r] of Object.entries(targets)) if (name !== 'ratios') check(`${name} at ${connections} connections`, r);
  }
  check('submit', results.writes.submit);
  check('stock create', results.writes.stockCreate);
  const { lost, duplicatedReferences, duplicatedProposals } = results.writes;
  if (lost > 0 || duplicatedReferences > 0 || duplicatedProposals > 0)
    failures.push(`rows: ${lost} lost, ${duplicatedReferences} duplicated references, ${duplicatedProposals} duplicated proposals`);
  const { rows, linkedToTheEdition } = results.writes;
  if (linkedToTheEdition.submit !== rows.submit || linkedToTheEdition.stock !== rows.stock)
    failures.push(`rows without their edition: ${rows.submit - linkedToTheEdition.submit} submitted, ${rows.stock - linkedToTheEdition.stock} by stock create`);
  return failures;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
