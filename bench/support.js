/**
 * What the benches share: the app's environment in production mode on a throwaway database, its
 * boot from dist/, that database's creation and removal, and the start of a bench process.
 */
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const { randomSecrets } = require('../database/seed/secrets');

const appDir = path.resolve(__dirname, '..');

/** Production mode, cron off, SQLite (or BENCH_DATABASE=postgres) in `database`; fresh secrets unless given. */
function benchEnvironment({ port, database, ...more }) {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
    DATABASE_FILENAME: `.tmp/${database}.db`,
    DATABASE_NAME: database.replace(/-/g, '_'),
    DATABASE_SSL: 'false',
    CRON_ENABLED: 'false',
    SMTP_HOST: '127.0.0.1',
    ...more,
    ...(process.env.APP_KEYS ? {} : randomSecrets()),
  });
}

/** PostgreSQL: one statement on the server (127.0.0.1:5432 as postgres, or DATABASE_HOST/PORT/USERNAME/PASSWORD). */
async function pg(sql) {
  const { Client } = require('pg');
  const client = new Client({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The app loaded from dist/ (compiled first unless BENCH_COMPILE=false finds it there); `create` makes its PostgreSQL database. */
async function loadApp({ create = true, compile = true } = {}) {
  if (create && process.env.DATABASE_CLIENT === 'postgres') await pg(`CREATE DATABASE "${process.env.DATABASE_NAME}"`);
  if (compile && (!fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js')) || process.env.BENCH_COMPILE !== 'false')) {
    await require('@strapi/typescript-utils').compile(appDir);
  }
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  strapi.log.level = 'warn';
  return strapi;
}

/** Stops the app, removes its database, and ends the process. */
async function stopApp(strapi) {
  await strapi.destroy();
  if (process.env.DATABASE_CLIENT === 'postgres') await pg(`DROP DATABASE IF EXISTS "${process.env.DATABASE_NAME}" WITH (FORCE)`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(appDir, process.env.DATABASE_FILENAME + suffix), { force: true });
  process.exit(0);
}

/** Runs a bench's `main`; any error ends the process with its message. */
function run(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** A bench process with an IPC channel; resolves with its line starting with `word`, split on spaces. */
function startProcess(script, { args = [], env = {}, node = [], word = 'READY' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, script, ...args], {
      cwd: appDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith(word));
      if (line) resolve({ child, ready: line.split(' ').slice(1) });
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`${script} exited with ${code}`)));
  });
}

module.exports = { appDir, benchEnvironment, pg, loadApp, stopApp, run, startProcess };
