#!/usr/bin/env node
/**
 * Another app instance serving HTTP on the test's database (the same DATABASE_* variables), for the
 * tests of what several instances share: boots, sets its clock to CLOCK, listens on a free loopback
 * port and says `READY <port> <pid>`. When its standard input closes it destroys Strapi, says
 * `DESTROYED`, and is left to end by itself: a handle left open (a listening connection, a timer)
 * keeps it alive, which the test sees.
 */
const { bootOtherInstance } = require('./other-instance');

(async () => {
  const strapi = await bootOtherInstance(process.env.CLOCK);
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`READY ${strapi.server.httpServer.address().port} ${process.pid}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  process.stdin.pause();
  await strapi.destroy();
  process.stdout.write('DESTROYED\n');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
