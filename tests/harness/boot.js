/**
 * Boots real Strapi once per Jest worker (here: once per run, with --runInBand), on its own fresh
 * database: a new SQLite file, or a new PostgreSQL database when DATABASE_CLIENT=postgres.
 * The instance is kept on globalThis so that globalTeardown can destroy it and drop the database.
 */
const path = require('path');
const fs = require('fs');
const { randomSecrets } = require('../../database/seed/secrets');
const { Mailbox } = require('./mailbox');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');
const KEY = '__BLUEHATS_TEST_APP__';

/**
 * Every test file starts with the app's clock frozen here: 9:00 UTC on 15 November 2023, inside the
 * 2023 call for proposals (PARIS_2023 in factories.ts: open from 3 to 20 November, program on
 * 4 December). A test never depends on the day it runs; one that needs another moment (the call
 * closed, the program published) sets it with testClock.set().
 */
const DEFAULT_NOW = '2023-11-15T09:00:00.000Z';

// The tests' webhook receivers listen on 127.0.0.1, which the app refuses by default. Set when this
// module loads, before a test environment copies process.env, so that a second instance started
// from a test inherits it too. The security tests turn it off at run time to check the refusal.
if (process.env.REBUILD_ALLOW_PRIVATE_TARGETS === undefined) process.env.REBUILD_ALLOW_PRIVATE_TARGETS = 'true';

function setSecrets() {
  for (const [k, v] of Object.entries(randomSecrets())) if (!process.env[k]) process.env[k] = v;
  process.env.NODE_ENV = process.env.NODE_ENV || 'test';
  // Jobs are called directly by the tests, with the injected clock.
  process.env.CRON_ENABLED = 'false';
  // Tests speak for many clients through X-Forwarded-For.
  process.env.TRUST_PROXY = 'true';
}

function pgAdminConfig() {
  return {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: 'postgres',
  };
}

async function withPg(fn) {
  const { Client } = require('pg');
  const client = new Client(pgAdminConfig());
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareDatabase() {
  const stamp = `${process.pid}_${Date.now()}`;
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const name = `bluehats_test_${stamp}`;
    await withPg((c) => c.query(`CREATE DATABASE "${name}"`));
    process.env.DATABASE_NAME = name;
    delete process.env.DATABASE_URL;
    return { client: 'postgres', name };
  }
  process.env.DATABASE_CLIENT = 'sqlite';
  const file = path.join('.tmp', `test-${stamp}.db`);
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  process.env.DATABASE_FILENAME = file;
  return { client: 'sqlite', file: path.join(appDir, file) };
}

async function boot() {
  if (globalThis[KEY]) return globalThis[KEY];
  setSecrets();
  const database = await prepareDatabase();
  const mailbox = new Mailbox();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(await mailbox.start());
  process.env.SMTP_TIMEOUT_MS = '2000';
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false });
  strapi.log.level = process.env.TEST_LOG_LEVEL || 'error';
  try {
    await strapi.load();
    await strapi.server.mount();
  } catch (error) {
    // A boot that fails must not leave Jest waiting on open handles.
    await strapi.destroy().catch(() => undefined);
    throw error;
  }
  const clock = require(path.join(distDir, 'src', 'domain', 'clock.js')).clock;
  const app = { strapi, clock, database, mailbox };
  globalThis[KEY] = app;
  return app;
}

const APP_CONTENT_TYPES = [
  'api::delivery.delivery',
  'api::rebuild-target.rebuild-target',
  'api::notification.notification',
  'api::job-mark.job-mark',
  'api::decision-release.decision-release',
  'api::proposal.proposal',
  'api::session.session',
  'api::speaker.speaker',
  'api::edition.edition',
  'api::event.event',
  'api::administration.administration',
];

/** Empties the app's own tables between test files; framework tables (roles, locales) stay. */
async function resetData(app) {
  await app.strapi.service('api::notification.notification').drain();
  app.clock.set(DEFAULT_NOW);
  if (!app.mailbox.server) await app.mailbox.start();
  app.mailbox.clear();
  for (const uid of APP_CONTENT_TYPES) await app.strapi.db.query(uid).deleteMany({});
  require(path.join(distDir, 'src', 'cache', 'response-cache.js')).responseCache.invalidate();
}

async function shutdown() {
  const app = globalThis[KEY];
  if (!app) return;
  delete globalThis[KEY];
  await app.strapi.destroy();
  await app.mailbox.stop();
  if (app.database.client === 'postgres') {
    await withPg((c) => c.query(`DROP DATABASE IF EXISTS "${app.database.name}" WITH (FORCE)`));
  } else {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(app.database.file + suffix, { force: true });
  }
}

module.exports = { boot, resetData, shutdown, appDir, distDir, DEFAULT_NOW };
