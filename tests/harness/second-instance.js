#!/usr/bin/env node
/**
 * A second app instance on the same database, for tests of work that must happen once across
 * instances. Boots Strapi (no HTTP), sets the clock to CLOCK, says READY, waits for a line on stdin,
 * runs CALL ("uid#method") ROUNDS times, prints the results as JSON on the last line, and exits.
 */
const { bootOtherInstance } = require('./other-instance');

(async () => {
  const strapi = await bootOtherInstance(process.env.CLOCK);
  // Booted: wait for the test's signal, so that both instances work at the same moment.
  process.stdout.write('READY\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const [service, method] = process.env.CALL.split('#');
  const rounds = Number(process.env.ROUNDS || 1);
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await strapi.service(service)[method]());
  const seen = process.env.COUNT_UID ? await strapi.db.query(process.env.COUNT_UID).count({}) : null;
  process.stdout.write(`\n${JSON.stringify({ results, seen })}\n`);
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
