/**
 * The app in a child process of a test, on the database its environment names (the test passes its
 * own DATABASE_* and secrets, or those of a copy): `runChild(main)` runs `main` with the loaded
 * Strapi and the app's clock, and exits non-zero on any failure.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

function runChild(main) {
  (async () => {
    const strapi = createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false });
    strapi.log.level = 'error';
    await strapi.load();
    await main(strapi, require(path.join(distDir, 'src', 'domain', 'clock.js')).clock);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { runChild };
