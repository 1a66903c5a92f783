/**
 * A Jest environment that shares one booted Strapi across every test file of the worker,
 * and starts each file on empty app tables with the clock back on the wall.
 */
const { TestEnvironment } = require('jest-environment-node');
const { boot, resetData } = require('./boot');

class StrapiEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const app = await boot();
    await resetData(app);
    this.global.strapi = app.strapi;
    this.global.testClock = app.clock;
    this.global.mailbox = app.mailbox;
  }
}

module.exports = StrapiEnvironment;
