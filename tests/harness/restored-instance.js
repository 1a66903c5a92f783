#!/usr/bin/env node
/**
 * The app booted on a database restored by `strapi import` (DATABASE_* of its environment), with
 * the same secrets: sets the clock to CLOCK, listens on a free port of 127.0.0.1, prints
 * `{ port, digest }` as JSON on one line (the digest of data-digest.js, for the edition SLUG), then
 * serves the test's requests until a line arrives on stdin, and exits.
 */
const { runChild } = require('./child-app');
const { dataDigest } = require('./data-digest');

runChild(async (strapi, clock) => {
  clock.set(process.env.CLOCK);
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address();
  process.stdout.write(`\n${JSON.stringify({ port, digest: await dataDigest(strapi, process.env.SLUG) })}\n`);
  await new Promise((resolve) => process.stdin.once('data', resolve));
  await strapi.destroy();
  process.exit(0);
});
