#!/usr/bin/env node
// `npm run seed`: compiles the app, loads Strapi without serving HTTP, and loads the demo content.
// Idempotent: a second run creates nothing.
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

async function main() {
  const appContext = await compileStrapi();
  const app = await createStrapi(appContext).load();
  app.log.level = 'warn';
  const { seedDemo, ensureDemoAdmin } = require(path.join(appContext.distDir, 'src', 'seed', 'demo.js'));
  const data = require('./bluehats.json');
  // One instant for the whole seed, read by the seed and by the middlewares it triggers alike.
  const { clock } = require(path.join(appContext.distDir, 'src', 'domain', 'clock.js'));
  clock.set(clock.now());
  const report = await seedDemo(app, data);
  const admin = await ensureDemoAdmin(app, process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);
  const created = Object.entries(report.created)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  console.log(`Demo content: ${created || 'already loaded, nothing created'}.`);
  if (admin) console.log(`Super admin created: ${process.env.ADMIN_EMAIL}`);
  await app.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
