#!/usr/bin/env node
/**
 * The checks of `bench/cluster.sh`, against nginx (CLUSTER_LB) and the two instances behind it
 * (CLUSTER_A, CLUSTER_B), on the data of bench/cluster-seed.js:
 *   1. concurrent submissions through nginx: exactly one row each (none lost, none duplicated), one
 *      acknowledgement mail each;
 *   2. an edit made by an editor through instance A: visible through nginx and on both instances
 *      within 1 s (the delay measured);
 *   3. the program embargo on both instances, and the scheduled jobs run once: the program's date
 *      passes while both instances run (their cron on), one publication, one job mark, one delivery
 *      per event to the rebuild receiver;
 *   4. the per-address rate limit shared by the instances: its max + 1 hits from one client address
 *      through nginx, the last one 429; the same with a forged X-Forwarded-For;
 *   5. throughput through nginx: the program route against /_health.
 * Each client address is a real one: loopback is 127.0.0.0/8, so requests leave from 127.0.x.y and
 * nginx forwards that address, as it would a distinct client's.
 * Prints the figures, writes bench/results-cluster.json (unless --smoke), exits 1 when a check fails.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { Client } = require('pg');
const { Mailbox } = require('../tests/harness/mailbox');
const autocannon = require('autocannon');

const SMOKE = process.argv.includes('--smoke') || process.env.CLUSTER_SMOKE === 'true';
const SUBMISSIONS = Number(process.env.CLUSTER_SUBMISSIONS || (SMOKE ? 40 : 200));
const DURATION = Number(process.env.CLUSTER_DURATION || (SMOKE ? 1 : 5));
const CONNECTIONS = (process.env.CLUSTER_CONNECTIONS || (SMOKE ? '10' : '10,50')).split(',').map(Number);
const WARM_UP = 1;
const RATE_LIMIT_MAX = Number(process.env.PROPOSAL_RATE_LIMIT_MAX || 30);
const { CLUSTER_LB: LB, CLUSTER_A: A, CLUSTER_B: B } = process.env;
const INSTANCES = { nginx: LB, a: A, b: B };
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.tmp', 'cluster', 'fixture.json'), 'utf8'));
const run = `${process.pid}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const agents = new Map();
/** One keep-alive agent per client address. */
const agentFrom = (address) => {
  if (!agents.has(address)) agents.set(address, new http.Agent({ keepAlive: true, maxSockets: 64, localAddress: address }));
  return agents.get(address);
};

/** An HTTP request from `from` (a loopback address); answers { status, body (parsed when JSON), text }. */
function request(method, url, { body, headers = {}, from = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url, {
      method,
      agent: agentFrom(from),
      headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...headers },
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON (an nginx error page): the text says it
        }
        resolve({ status: res.statusCode, body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: !!ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function db(sql, params = []) {
  const client = new Client({
    host: process.env.DATABASE_HOST,
    port: Number(process.env.DATABASE_PORT),
    user: process.env.DATABASE_USERNAME,
    password: process.env.DATABASE_PASSWORD || undefined,
    database: process.env.DATABASE_NAME,
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The SMTP relay the instances send their mails to (the tests' mailbox): the recipients of what it received. */
async function startMailSink(port) {
  const mailbox = new Mailbox();
  mailbox.port = port;
  await mailbox.start();
  return {
    recipients: () => mailbox.messages.map((m) => m.to),
    close: () => mailbox.stop(),
  };
}

/** The rebuild target's receiver: keeps every event delivered. */
function startHookReceiver(port) {
  const events = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        events.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')).events ?? []));
      } catch {
        // a body that is not the payload counts as nothing
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ events, close: () => server.close() })));
}

/** Polls `urls` until `seen(text)` holds for each; answers the delay of each from `since`, in ms (null: not within `timeoutMs`). */
async function delaysUntil(urls, seen, since, timeoutMs) {
  const delays = Object.fromEntries(Object.keys(urls).map((k) => [k, null]));
  while (Date.now() - since < timeoutMs && Object.values(delays).some((d) => d === null)) {
    await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        if (delays[name] !== null) return;
        const res = await request('GET', url);
        if (res.status === 200 && seen(res.text)) delays[name] = Date.now() - since;
      })
    );
    await sleep(20);
  }
  return delays;
}
const maxDelay = (delays) => (Object.values(delays).some((d) => d === null) ? null : Math.max(...Object.values(delays)));
const programUrls = (slug) => Object.fromEntries(Object.entries(INSTANCES).map(([name, base]) => [name, `${base}/api/editions/${slug}/program`]));

async function submissions(results, mailSink) {
  console.log(`${SUBMISSIONS} concurrent submissions through nginx, from 10 client addresses`);
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, i) =>
      request('POST', `${LB}/api/proposals`, {
        from: `127.0.1.${(i % 10) + 1}`,
        body: {
          data: {
            edition: 'cluster-call',
            speakerName: `Agent ${i}`,
            email: `cluster-${run}-${i}@example.org`,
            administrationName: 'DINUM',
            title: `Proposition de la grappe ${i}`,
            abstract: 'Un résumé de la grappe, assez long pour être valide.',
            requestedDuration: 10,
          },
        },
      })
    )
  );
  const elapsedMs = Date.now() - started;
  const acknowledged = answers.filter((a) => a.status === 201).length;
  const [rows] = await db(
    `select count(*)::int as rows, count(distinct reference)::int as "references", count(distinct email)::int as proposers from proposals where email like $1`,
    [`cluster-${run}-%`]
  );
  // The acknowledgements leave after the answer: give them a moment, then count.
  for (let i = 0; i < 100 && mailSink.recipients().filter((m) => m.includes(`cluster-${run}-`)).length < rows.rows; i++) await sleep(100);
  await sleep(500);
  const mails = mailSink.recipients().filter((m) => m.includes(`cluster-${run}-`));
  results.submissions = {
    sent: SUBMISSIONS,
    acknowledged,
    statuses: [...new Set(answers.map((a) => a.status))],
    rows: rows.rows,
    lost: SUBMISSIONS - rows.rows,
    duplicatedReferences: rows.rows - rows.references,
    distinctProposers: rows.proposers,
    acknowledgementMails: mails.length,
    duplicatedMails: mails.length - new Set(mails).size,
    elapsedMs,
  };
  const s = results.submissions;
  check(
    `${SUBMISSIONS} submissions → ${SUBMISSIONS} rows`,
    s.acknowledged === SUBMISSIONS && s.rows === SUBMISSIONS && s.duplicatedReferences === 0 && s.distinctProposers === SUBMISSIONS,
    `${s.acknowledged} acknowledged (${s.statuses.join(', ')}), ${s.rows} rows, ${s.lost} lost, ${s.duplicatedReferences} duplicated references, ${s.distinctProposers} proposers, in ${elapsedMs} ms`
  );
  check(
    'one acknowledgement mail per submission',
    s.acknowledgementMails === s.rows && s.duplicatedMails === 0,
    `${s.acknowledgementMails} mails for ${s.rows} rows`
  );
}

async function adminLogin() {
  const res = await request('POST', `${A}/admin/login`, { body: { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD } });
  if (res.status !== 200) throw new Error(`admin login on instance A: ${res.status} ${res.text}`);
  return { authorization: `Bearer ${res.body.data.token}` };
}

/** The content manager's publish, which saves `data` first: what the editor's « Publier » button sends. */
const publishOnA = (auth, uid, documentId, data) =>
  request('POST', `${A}/content-manager/collection-types/${uid}/${documentId}/actions/publish?locale=fr`, { headers: auth, body: data });

async function editVisibility(results, auth) {
  console.log('An edit by an editor through instance A, read through nginx and on each instance');
  const urls = programUrls('cluster-program');
  // Every cache holds the program before the edit.
  for (let i = 0; i < 4; i++) for (const url of Object.values(urls)) await request('GET', url);
  const title = `Session modifiée ${run}`;
  const res = await publishOnA(auth, 'api::session.session', fixture.editedSession, { title });
  if (res.status !== 200) throw new Error(`edit through A: ${res.status} ${res.text}`);
  const delays = await delaysUntil(urls, (text) => text.includes(title), Date.now(), 15_000);
  results.editVisibleMs = delays;
  const worst = maxDelay(delays);
  check(
    'an edit through A is visible everywhere within 1 s',
    worst !== null && worst <= 1000,
    Object.entries(delays)
      .map(([k, d]) => `${k} ${d === null ? 'not within 15 s' : `${d} ms`}`)
      .join(', ')
  );
}

/** The program's date moved to the next minute (the cron's rules run at fixed seconds), sessions published early: scheduled. */
async function scheduleProgram(auth) {
  const now = Date.now();
  const at = new Date(Math.ceil((now + 8_000) / 60_000) * 60_000);
  const res = await publishOnA(auth, 'api::edition.edition', fixture.editions.embargo, { programPublicationDate: at.toISOString() });
  if (res.status !== 200) throw new Error(`program date through A: ${res.status} ${res.text}`);
  const refusals = [];
  for (const documentId of fixture.embargoedSessions) refusals.push(await publishOnA(auth, 'api::session.session', documentId, {}));
  const scheduled = refusals.filter((r) => r.body?.error?.details?.code === 'PUBLICATION_SCHEDULED').length;
  check(
    'publishing before the program date is scheduled, not done',
    scheduled === refusals.length,
    refusals.map((r) => `${r.status} ${r.body?.error?.details?.code}`).join(', ')
  );
  return at;
}

const embargoedCount = (text) => (text.match(/cluster-embargoed-/g) ?? []).length;

async function embargoBefore(results) {
  const urls = programUrls('cluster-embargo');
  const seen = {};
  for (const [name, url] of Object.entries(urls)) {
    const program = await request('GET', url);
    const sessions = await request('GET', `${url.replace(/\/editions\/.*$/, '')}/sessions?filters[edition][slug][$eq]=cluster-embargo`);
    seen[name] = { program: program.status, programSessions: embargoedCount(program.text), restSessions: sessions.body?.data?.length ?? null };
  }
  results.embargo = { before: seen };
  check(
    'before the program date, no session through nginx or either instance',
    Object.values(seen).every((s) => s.programSessions === 0 && s.restSessions === 0),
    JSON.stringify(seen)
  );
}

async function embargoAfterAndJobs(results, at, hooks) {
  const wait = at.getTime() - Date.now();
  console.log(`The program date passes at ${at.toISOString()} (in ${Math.round(wait / 1000)} s), both instances' cron on`);
  if (wait > 0) await sleep(wait);
  const expected = fixture.embargoedSessions.length;
  const delays = await delaysUntil(
    programUrls('cluster-embargo'),
    (text) => embargoedCount(text) >= expected,
    at.getTime(),
    Math.max(15_000, Date.now() - at.getTime() + 5_000)
  );
  results.embargo.afterVisibleMs = delays;
  const worst = maxDelay(delays);
  check(
    'after the program date, the program through nginx and both instances',
    worst !== null && worst <= 3000,
    `from the date: ${Object.entries(delays)
      .map(([k, d]) => `${k} ${d === null ? 'not within 15 s' : `${d} ms`}`)
      .join(', ')} (the publishing job runs at second 0)`
  );
  // The boundary job runs at second 1, deliveries every 5 s: all is sent 15 s after the date; wait a little longer for a double.
  await sleep(Math.max(0, at.getTime() + 20_000 - Date.now()));
  const ofEdition = (type) => hooks.events.filter((e) => e.type === type && e.edition?.slug === 'cluster-embargo').length;
  const marks = await db(`select key from job_marks where key like $1`, [`boundary:${fixture.editions.embargo}:program.published:%`]);
  const published = await db(`select count(*)::int as n from sessions where document_id = any($1) and published_at is not null`, [fixture.embargoedSessions]);
  results.jobs = {
    programPublishedDeliveries: ofEdition('program.published'),
    programChangedDeliveries: ofEdition('program.changed'),
    boundaryJobMarks: marks.length,
    publishedSessionRows: published[0].n,
  };
  const j = results.jobs;
  check('the date boundary is marked once', j.boundaryJobMarks === 1, `${j.boundaryJobMarks} job mark(s)`);
  check(
    'one delivery of program.published, one of program.changed',
    j.programPublishedDeliveries === 1 && j.programChangedDeliveries === 1,
    `${j.programPublishedDeliveries} and ${j.programChangedDeliveries}`
  );
  check('each session published once', j.publishedSessionRows === expected, `${j.publishedSessionRows} published rows for ${expected} sessions`);
}

async function rateLimit(results) {
  console.log(`The proposals' rate limit (${RATE_LIMIT_MAX} per address): ${RATE_LIMIT_MAX + 1} hits from one address through nginx`);
  const hits = async (from, forged) => {
    const statuses = [];
    for (let i = 0; i <= RATE_LIMIT_MAX; i++) {
      const headers = forged ? { 'x-forwarded-for': `203.0.113.${i + 1}` } : {};
      statuses.push((await request('POST', `${LB}/api/proposals`, { from, headers, body: { data: { edition: 'cluster-call' } } })).status);
    }
    return statuses;
  };
  const plain = await hits('127.0.2.1', false);
  const forged = await hits('127.0.2.2', true);
  results.rateLimit = { max: RATE_LIMIT_MAX, plain, forged };
  const ok = (statuses) => statuses.slice(0, -1).every((s) => s !== 429) && statuses[statuses.length - 1] === 429;
  const tally = (statuses) => Object.entries(statuses.reduce((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {})).map(([s, n]) => `${n}×${s}`);
  check(`hit ${RATE_LIMIT_MAX + 1} across both instances is 429`, ok(plain), tally(plain).join(', '));
  check('a forged X-Forwarded-For does not escape the limit', ok(forged), tally(forged).join(', '));
}

const throughputTargets = () => ({ program: `${LB}/api/editions/cluster-program/program`, health: `${LB}/_health` });
const throughputSeconds = () => CONNECTIONS.length * Object.keys(throughputTargets()).length * (WARM_UP + DURATION);

async function throughput(results) {
  const cannon = (url, connections, duration) =>
    new Promise((resolve, reject) => autocannon({ url, connections, duration }, (error, r) => (error ? reject(error) : resolve(r))));
  results.throughput = { duration: DURATION };
  for (const connections of CONNECTIONS) {
    const figures = (results.throughput[connections] = {});
    for (const [name, url] of Object.entries(throughputTargets())) {
      await cannon(url, connections, WARM_UP);
      const r = await cannon(url, connections, DURATION);
      figures[name] = { rps: Math.round(r.requests.average), p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
      console.log(
        `  ${String(connections).padStart(2)} conn through nginx  ${name.padEnd(8)} ${String(figures[name].rps).padStart(6)} req/s   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}`
      );
    }
    figures.programOverHealth = +(figures.program.rps / figures.health.rps).toFixed(2);
    console.log(`  program / health through nginx at ${connections} connections: ${figures.programOverHealth}`);
  }
  const runs = CONNECTIONS.flatMap((c) => [results.throughput[c].program, results.throughput[c].health]);
  check(
    'throughput through nginx without errors',
    runs.every((r) => r.non2xx === 0 && r.errors === 0)
  );
}

async function main() {
  console.log(
    `Cluster ${SMOKE ? '(smoke) ' : ''}— nginx ${LB} → ${A}, ${B}; PostgreSQL ${process.env.DATABASE_NAME}; ${os.cpus().length} × ${os.cpus()[0].model}, Node ${process.version}`
  );
  const results = { machine: { cpus: os.cpus().length, model: os.cpus()[0].model, node: process.version }, smoke: SMOKE };
  const mailSink = await startMailSink(Number(process.env.CLUSTER_SMTP_PORT));
  const hooks = await startHookReceiver(Number(process.env.CLUSTER_HOOK_PORT));
  const auth = await adminLogin();
  await submissions(results, mailSink);
  await editVisibility(results, auth);
  await rateLimit(results);
  // Then the program's date, the next minute that leaves time to check the embargo before it.
  const at = await scheduleProgram(auth);
  await embargoBefore(results);
  // Throughput while the date comes, when there is time enough (not while the jobs run).
  const measuredEarly = at.getTime() - Date.now() > throughputSeconds() * 1000 + 5000;
  if (measuredEarly) await throughput(results);
  await embargoAfterAndJobs(results, at, hooks);
  if (!measuredEarly) await throughput(results);
  results.checks = checks;
  const failed = checks.filter((c) => !c.ok);
  if (!SMOKE) fs.writeFileSync(path.join(__dirname, 'results-cluster.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(failed.length ? `${failed.length} of ${checks.length} checks failed` : `all ${checks.length} checks passed`);
  mailSink.close();
  hooks.close();
  for (const agent of agents.values()) agent.destroy();
  process.exit(failed.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
