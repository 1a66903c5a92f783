/**
 * Boots the compiled app (dist/) as another instance on the test's database (the same DATABASE_*
 * variables, inherited from the test), quiet, its clock frozen at `clock` when one is given.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

async function bootOtherInstance(clock) {
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  if (clock) require(path.join(appDir, 'dist', 'src', 'domain', 'clock.js')).clock.set(clock);
  return strapi;
}

module.exports = { bootOtherInstance };
