#!/usr/bin/env node
/**
 * The app as a purely headless deployment runs it (PUBLIC_PAGES=false), on the test's database:
 * boots, listens on a free port, asks itself for each of PATHS (comma-separated, redirects not
 * followed), prints the answers and where the mails' status link points as JSON on the last line.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
(async () => {
  process.env.PUBLIC_PAGES = 'false';
  process.env.HOST = '127.0.0.1';
  process.env.PORT = '0';
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();
  const answers = {};
  for (const p of process.env.PATHS.split(',')) {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { redirect: 'manual' });
    answers[p] = { status: res.status, type: res.headers.get('content-type'), location: res.headers.get('location') };
  }
  process.stdout.write(`\n${JSON.stringify({ answers, statusUrl: strapi.config.get('proposals.statusUrl') })}\n`);
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
