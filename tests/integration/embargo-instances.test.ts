/**
 * The program date passing while several instances run: every instance runs the publishing job at
 * the same second, and each scheduled session is published once, by one of them. Several instances
 * share a PostgreSQL database (on SQLite the app runs as one instance).
 */
import path from 'path';
import { spawn } from 'child_process';
import { createEdition, createSession } from '../harness/factories';

const PROGRAM = '2023-12-04T08:00:00.000Z';
const SESSION = 'api::session.session';
const itOnPostgres = process.env.DATABASE_CLIENT === 'postgres' ? it : it.skip;

/** The job in a second instance on the same database, started with ours; answers its result. */
function publishDueInSecondInstance(ready: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'second-instance.js')], {
      env: { ...process.env, CLOCK: PROGRAM, CALL: 'api::session.embargo#publishDue', ROUNDS: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('READY') && !out.includes('\n{')) {
        child.stdin.write('go\n');
        ready();
      }
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!).results[0]) : reject(new Error(`second instance exited ${code}`))
    );
  });
}

itOnPostgres(
  'publishes each scheduled session once when two instances run the job at the same second',
  async () => {
    testClock.set('2023-11-28T10:00:00.000Z');
    const edition = await createEdition({ programPublicationDate: PROGRAM });
    const sessions = [];
    // Published before the date: each one scheduled instead.
    for (let i = 0; i < 12; i++) sessions.push(await createSession({ edition: edition.documentId }));
    const ids = sessions.map((s) => s.documentId);
    expect(await strapi.db.query(SESSION).count({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } } })).toBe(0);

    testClock.set(PROGRAM);
    let go: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (go = resolve));
    const theirs = publishDueInSecondInstance(go);
    await started;
    const mine = await strapi.service('api::session.embargo').publishDue();

    expect(mine + (await theirs)).toBe(12);
    expect(await strapi.db.query(SESSION).count({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } } })).toBe(12);
    expect(await strapi.db.query(SESSION).count({ where: { documentId: { $in: ids }, scheduledPublishAt: { $notNull: true } } })).toBe(0);
    // One instance published them all: one version of the program, not one per instance.
    const versions = await strapi.db.query('api::program-version.program-version').count({ where: { edition: { documentId: edition.documentId } } });
    expect(versions).toBe(1);
  },
  60_000
);
