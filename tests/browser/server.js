#!/usr/bin/env node
/**
 * The app as editors use it, for the browser tests: the built admin served, a fresh SQLite file,
 * the demo content, an Éditeur and a Relecteur account. Prints "READY <port>". Its mails go to
 * MAILBOX_PORT on loopback when a test runs a mailbox there (tests/harness/mailbox.js), nowhere otherwise.
 * A test moves the app's clock with the message { clock: '<ISO>' } (answered { clockSet: '<ISO>' }),
 * and gives it back to the wall clock with { clock: null }: the pages then read the dates anew.
 */
const path = require('path');
const fs = require('fs');
const { randomSecrets } = require('../../database/seed/secrets');

const appDir = path.resolve(__dirname, '..', '..');
const dbFile = `.tmp/browser-${process.pid}.db`;
Object.assign(process.env, {
  HOST: '127.0.0.1',
  PORT: process.env.PORT || '1341',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: dbFile,
  CRON_ENABLED: 'false',
  // Nothing listens on port 9: mails fail, unless a test gives the port of its own mailbox.
  SMTP_PORT: process.env.MAILBOX_PORT || '9',
  SMTP_TIMEOUT_MS: '300',
  ...randomSecrets(),
});

(async () => {
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: true });
  await strapi.load();
  strapi.log.level = 'error';
  const { seedDemo } = require(path.join(appDir, 'dist', 'src', 'seed', 'demo.js'));
  await seedDemo(strapi, require(path.join(appDir, 'database', 'seed', 'bluehats.json')));
  const accounts = [
    { code: 'bluehats-editor', email: 'editrice@example.org', firstname: 'Éditrice', password: 'Editrice2026' },
    { code: 'bluehats-reviewer', email: 'relecteur@example.org', firstname: 'Relecteur', password: 'Relecteur2026' },
  ];
  for (const { code, email, firstname, password } of accounts) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    await strapi.service('admin::user').create({ email, firstname, lastname: 'Exemple', password, isActive: true, roles: [role.id], registrationToken: null });
  }
  await strapi.listen();
  process.stdout.write(`READY ${process.env.PORT}\n`);
  const stop = async () => {
    await strapi.destroy();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(appDir, dbFile + suffix), { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  const { clock } = require(path.join(appDir, 'dist', 'src', 'domain', 'clock.js'));
  const { responseCache } = require(path.join(appDir, 'dist', 'src', 'cache', 'response-cache.js'));
  process.on('message', (m) => {
    if (m === 'stop') return stop();
    if (m && typeof m === 'object' && 'clock' in m) {
      if (m.clock === null) clock.reset();
      else clock.set(m.clock);
      // A page cached until a date boundary would otherwise outlive the jump.
      responseCache.invalidate();
      process.send({ clockSet: m.clock });
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
