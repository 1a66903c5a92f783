#!/usr/bin/env node
/**
 * A second app instance on the same database, for tests of work that must happen once across
 * instances. Boots Strapi (no HTTP), sets the clock to CLOCK, runs SERVICE.METHOD, prints the
 * result as JSON on the last line, and exits.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
(async () => {
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  require(path.join(appDir, 'dist', 'src', 'domain', 'clock.js')).clock.set(process.env.CLOCK);
  const [service, method] = process.env.CALL.split('#');
  const rounds = Number(process.env.ROUNDS || 1);
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await strapi.service(service)[method]());
  process.stdout.write(`\n${JSON.stringify(results)}\n`);
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
