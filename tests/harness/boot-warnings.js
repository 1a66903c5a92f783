#!/usr/bin/env node
/**
 * Boots the compiled app (dist/) with the environment the test gives (its own SQLite file), and
 * prints on its last line, as JSON, every warning the boot logged: what an operator reads at start-up.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
(async () => {
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  const warnings = [];
  // Recorded instead of printed: the test reads them from stdout.
  strapi.log.warn = (message) => {
    warnings.push(String(message));
    return strapi.log;
  };
  await strapi.load();
  process.stdout.write(`\n${JSON.stringify({ warnings })}\n`);
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
