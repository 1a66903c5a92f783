/**
 * The app as the bench scripts run it: compiled (unless BENCH_COMPILE=false and dist/ exists), on the
 * database the environment names (DATABASE_CLIENT, DATABASE_NAME or DATABASE_FILENAME, set by the
 * caller), created before the start and dropped after the stop when it is a PostgreSQL one.
 */
const path = require('path');
const fs = require('fs');

const appDir = path.resolve(__dirname, '..');

/** One statement on the PostgreSQL server (127.0.0.1:5432 as postgres, or DATABASE_HOST/PORT/USERNAME/PASSWORD). */
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

/** `create: false` opens a PostgreSQL database an earlier process created. */
async function startApp({ create = true } = {}) {
  if (create && process.env.DATABASE_CLIENT === 'postgres') await pg(`CREATE DATABASE "${process.env.DATABASE_NAME}"`);
  const { compile } = require('@strapi/typescript-utils');
  if (!fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js')) || process.env.BENCH_COMPILE !== 'false') await compile(appDir);
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  strapi.log.level = 'warn';
  return strapi;
}

async function stopApp(strapi) {
  await strapi.destroy();
  if (process.env.DATABASE_CLIENT === 'postgres') await pg(`DROP DATABASE IF EXISTS "${process.env.DATABASE_NAME}" WITH (FORCE)`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(appDir, process.env.DATABASE_FILENAME + suffix), { force: true });
}

module.exports = { appDir, startApp, stopApp };
