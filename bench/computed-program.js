#!/usr/bin/env node
/**
 * `node bench/computed-program.js` (after `npm run build`, or it compiles): how long the program takes
 * to compute, not served from the cache, and how many SQL queries it makes, for an edition of 5 and
 * of 300 published sessions (2 afternoons, 10 rooms, 2 speakers per session, each with an
 * administration). The app in production mode on a fresh SQLite file, or a throwaway PostgreSQL
 * database with BENCH_DATABASE=postgres. Each size: 5 warm-up runs, then the median and the slowest
 * of BENCH_RUNS (default 30) runs of the program service, and of the program route with the
 * response cache emptied before each request. `--sql` prints the queries of one computation.
 */
const http = require('http');
const path = require('path');
const { performance } = require('perf_hooks');
const { randomSecrets } = require('../database/seed/secrets');
const { appDir, startApp, stopApp } = require('./app');
const RUNS = Number(process.env.BENCH_RUNS || 30);
const SIZES = (process.env.BENCH_SESSIONS || '5,300').split(',').map(Number);
const ROOMS = 10;
/** After the program's publication, before its days. */
const MEASURED_AT = '2024-10-05T08:00:00.000Z';
Object.assign(process.env, {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  // A port of its own, clear of the main bench's (1338–1340) when both run.
  PORT: process.env.BENCH_PORT || String(20000 + (process.pid % 10000)),
  DATABASE_CLIENT: process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
  DATABASE_FILENAME: `.tmp/bench-program-${process.pid}.db`,
  DATABASE_NAME: `bluehats_program_${process.pid}`,
  DATABASE_SSL: 'false',
  CRON_ENABLED: 'false',
  ...randomSecrets(),
});

/**
 * An edition whose program is out, with `count` published sessions spread over 10 rooms and 2
 * afternoons: created before its call opens, then measured at `MEASURED_AT`, through the app's clock.
 */
async function seedEdition(strapi, clock, count) {
  const slug = `programme-${count}`;
  clock.set('2024-09-01T08:00:00.000Z');
  const edition = await strapi.documents('api::edition.edition').create({
    locale: 'fr',
    status: 'published',
    data: {
      slug,
      title: `Programme de ${count} sessions`,
      year: 2024,
      timeZone: 'Europe/Paris',
      cfpOpensAt: '2024-09-02T08:00:00.000Z',
      cfpClosesAt: '2024-09-20T21:59:00.000Z',
      responseDate: '2024-09-25T22:00:00.000Z',
      programPublicationDate: '2024-10-01T08:00:00.000Z',
      days: ['2024-10-10', '2024-10-11'].map((date, i) => ({ date, startTime: '14:00:00.000', endTime: '17:00:00.000', label: `jour ${i + 1}` })),
      rooms: Array.from({ length: ROOMS }, (_, i) => ({ name: `Salle ${i + 1}` })),
      venue: { name: 'Lieu de mesure', city: 'Paris' },
      minDurationMinutes: 5,
      maxDurationMinutes: 30,
    },
  });
  clock.set(MEASURED_AT);
  const administrations = [];
  for (let i = 0; i < 5; i++) {
    administrations.push(
      await strapi
        .documents('api::administration.administration')
        .create({ data: { name: `Administration ${slug} ${i}`, acronym: `ADM${i}`, kind: 'ministry' } })
    );
  }
  const speakers = [];
  for (let i = 0; i < Math.max(2, Math.ceil(count / 2)); i++) {
    speakers.push(
      await strapi.documents('api::speaker.speaker').create({
        locale: 'fr',
        status: 'published',
        data: { name: `Intervenant ${slug} ${i}`, bio: 'Biographie de mesure.', administration: administrations[i % administrations.length].documentId },
      })
    );
  }
  // One program version at the end, not one per session.
  await strapi.service('api::program-version.program-versions').batch([edition.documentId], async () => {
    for (let i = 0; i < count; i++) {
      const room = i % ROOMS;
      const slot = Math.floor(i / ROOMS); // 15 talks of 10 min, 12 min apart, per room and afternoon (14:00 in Paris is 12:00 UTC in October)
      const day = slot < 15 ? '2024-10-10' : '2024-10-11';
      await strapi.documents('api::session.session').create({
        locale: 'fr',
        status: 'published',
        data: {
          title: `Session de mesure ${i}`,
          slug: `${slug}-${i}`,
          abstract: 'Un résumé de quelques phrases pour donner au programme une taille réaliste. '.repeat(3),
          edition: edition.documentId,
          speakers: [speakers[i % speakers.length].documentId, speakers[(i + 1) % speakers.length].documentId],
          startsAt: new Date(Date.parse(`${day}T12:00:00.000Z`) + (slot % 15) * 12 * 60_000).toISOString(),
          durationMinutes: 10,
          room: `Salle ${room + 1}`,
          format: 'talk',
        },
      });
    }
  });
  return slug;
}

/** A GET on a connection of its own: no kept-alive socket the server may close meanwhile. */
const get = (url) =>
  new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      })
      .on('error', reject);
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms) => Math.round(ms * 10) / 10;

async function time(run) {
  for (let i = 0; i < 5; i++) await run();
  const durations = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    durations.push(performance.now() - start);
  }
  return { median: round(median(durations)), max: round(Math.max(...durations)) };
}

async function main() {
  const strapi = await startApp();
  const { clock } = require(path.join(appDir, 'dist', 'src', 'domain', 'clock.js'));
  await strapi.listen();
  const { responseCache } = require(path.join(appDir, 'dist', 'src', 'cache', 'response-cache.js'));
  const outputs = strapi.service('api::edition.outputs');
  const database = process.env.DATABASE_CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite';
  console.log(`Computed program, ${database}, production mode; ${RUNS} runs after 5 warm-up runs`);
  const results = { database, runs: RUNS, sizes: {} };
  try {
    for (const count of SIZES) {
      const slug = await seedEdition(strapi, clock, count);
      const sql = [];
      const listener = (query) => sql.push(query.sql);
      strapi.db.connection.on('query', listener);
      const program = JSON.parse((await outputs.program(slug)).body).data;
      strapi.db.connection.off('query', listener);
      const sessions = program.days.flatMap((d) => d.sessions).length;
      if (sessions !== count) throw new Error(`${sessions} sessions in the program, ${count} expected`);
      const service = await time(() => outputs.program(slug));
      const url = `http://127.0.0.1:${process.env.PORT}/api/editions/${slug}/program`;
      const route = await time(async () => {
        responseCache.invalidate();
        const status = await get(url);
        if (status !== 200) throw new Error(`${url}: ${status}`);
      });
      results.sizes[count] = { queries: sql.length, service, route };
      console.log(
        `  ${String(count).padStart(3)} sessions: ${sql.length} SQL queries; service median ${service.median} ms (max ${service.max}); route uncached median ${route.median} ms (max ${route.max})`
      );
      if (process.argv.includes('--sql')) sql.forEach((q, i) => console.log(`    ${i + 1}. ${q}`));
    }
  } finally {
    await stopApp(strapi);
  }
  return results;
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
