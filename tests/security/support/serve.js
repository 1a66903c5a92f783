#!/usr/bin/env node
/**
 * The app in its own process, listening on a free loopback port, for checks that depend on how the
 * process starts (NODE_ENV, CORS_ORIGINS, TRUST_PROXY…). The test passes the environment; this
 * script boots the compiled app (dist/), prints "LISTENING <port>" and stops when stdin closes.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..', '..');
(async () => {
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`LISTENING ${server.address().port}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await strapi.destroy();
    process.exit(0);
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
