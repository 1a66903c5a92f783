/**
 * A Jest environment that shares one booted Strapi across every test file of the worker,
 * and starts each file on empty app tables with the clock frozen at the harness's default instant.
 */
const { TestEnvironment } = require('jest-environment-node');
const path = require('path');
const { boot, resetData } = require('./boot');

class StrapiEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const app = await boot();
    await resetData(app);
    this.global.strapi = app.strapi;
    this.global.testClock = app.clock;
    this.global.mailbox = app.mailbox;
    // The app's own response cache (a require() from a test file would load a second copy).
    this.global.appResponseCache = require(path.join(__dirname, '..', '..', 'dist', 'src', 'cache', 'response-cache.js')).responseCache;
    // How many answers the app wrote before Koa (src/http/early-answers.ts).
    this.global.appEarlyAnswers = require(path.join(__dirname, '..', '..', 'dist', 'src', 'http', 'early-answers.js')).earlyAnswerCount;
    // The sandbox's process.env was copied before the boot chose the database: share that choice,
    // so that a child process (a second app instance) opens the same database.
    for (const key of [
      'DATABASE_CLIENT',
      'DATABASE_NAME',
      'DATABASE_FILENAME',
      'DATABASE_HOST',
      'DATABASE_PORT',
      'DATABASE_USERNAME',
      'SMTP_HOST',
      'SMTP_PORT',
      'CRON_ENABLED',
      'APP_KEYS',
      'API_TOKEN_SALT',
      'ADMIN_JWT_SECRET',
      'JWT_SECRET',
      'TRANSFER_TOKEN_SALT',
      'ENCRYPTION_KEY',
    ]) {
      if (process.env[key] !== undefined) this.global.process.env[key] = process.env[key];
    }
  }
}

module.exports = StrapiEnvironment;
