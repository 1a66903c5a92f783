/**
 * What the benches share besides bench/app.js: the app's environment in production mode on a
 * throwaway database, and the start of a bench process.
 */
const path = require('path');
const { spawn } = require('child_process');
const { randomSecrets } = require('../database/seed/secrets');

const appDir = path.resolve(__dirname, '..');

/** Production mode, cron off, SQLite (or BENCH_DATABASE=postgres) in `database`; fresh secrets unless given. */
function benchEnvironment({ port, database, ...more }) {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
    DATABASE_FILENAME: `.tmp/${database}.db`,
    DATABASE_NAME: database.replace(/-/g, '_'),
    DATABASE_SSL: 'false',
    CRON_ENABLED: 'false',
    SMTP_HOST: '127.0.0.1',
    ...more,
    ...(process.env.APP_KEYS ? {} : randomSecrets()),
  });
}

/** Runs a bench's `main`; any error ends the process with its message. */
function run(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

/** The bench processes started; none outlives the bench that started it, even when it fails. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill();
});

/** A bench process with an IPC channel; resolves with its line starting with `word`, split on spaces. */
function startProcess(script, { args = [], env = {}, node = [], word = 'READY' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, script, ...args], {
      cwd: appDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith(word));
      if (line) resolve({ child, ready: line.split(' ').slice(1) });
    });
    child.on('exit', (code) => code !== 0 && reject(new Error(`${script} exited with ${code}`)));
  });
}

module.exports = { benchEnvironment, run, startProcess };
