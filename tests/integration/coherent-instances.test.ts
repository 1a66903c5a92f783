/**
 * Several app instances on one database: their response caches stay coherent, and the per-address
 * rate limit is one limit across them. The cross-instance cases need PostgreSQL (a second instance
 * serving HTTP on the same database); the counters' upsert and the proxy address run on both.
 */
import path from 'path';
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import { AFTER_PROGRAM_2023, api, createEdition, createSession } from '../harness/factories';

type RateLimitModule = typeof import('../../src/http/rate-limit');
type CoherenceModule = typeof import('../../src/cache/coherence');
// The app's own copies (a require() of src/ from a test file would load a second clock).
const dist = (file: string) => path.join(__dirname, '..', '..', 'dist', 'src', file);
const { countHit, sweepEndedWindows, DatabaseStore, RATE_LIMIT_TABLE } = require(dist('http/rate-limit.js')) as RateLimitModule;
const { listenerName } = require(dist('cache/coherence.js')) as CoherenceModule;

const onPostgres = () => strapi.db.dialect.client === 'postgres';
let uniqueBucket = 0;
const bucket = () => `test|${process.pid}|${++uniqueBucket}`;

describe('the rate-limit counters, in the database (one upsert per hit)', () => {
  const db = () => strapi.db;

  it('starts a window at the first hit, adds the hits up, and restarts a window that ended', async () => {
    const key = bucket();
    expect(await countHit(db(), key, 1, 1_000, 60_000)).toEqual({ counter: 1, dateEnd: 61_000 });
    expect(await countHit(db(), key, 1, 30_000, 60_000)).toEqual({ counter: 2, dateEnd: 61_000 });
    expect(await countHit(db(), key, 3, 60_999, 60_000)).toEqual({ counter: 5, dateEnd: 61_000 });
    // The window ends at 61,000: a hit then opens the next one.
    expect(await countHit(db(), key, 1, 61_000, 60_000)).toEqual({ counter: 1, dateEnd: 121_000 });
  });

  it('never loses a hit among concurrent ones', async () => {
    const key = bucket();
    const windows = await Promise.all(Array.from({ length: 25 }, () => countHit(db(), key, 1, 5_000, 60_000)));
    expect(windows.map((w) => w.counter).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(new Set(windows.map((w) => w.dateEnd))).toEqual(new Set([65_000]));
  });

  it('sweeps the windows that ended, and only those', async () => {
    const [ended, running] = [bucket(), bucket()];
    await countHit(db(), ended, 1, 0, 1_000);
    await countHit(db(), running, 1, 0, 10_000);
    expect(await sweepEndedWindows(db(), 5_000)).toBeGreaterThanOrEqual(1);
    const left = await db().getConnection(RATE_LIMIT_TABLE).whereIn('bucket', [ended, running]).select('bucket');
    expect(left.map((row: { bucket: string }) => row.bucket)).toEqual([running]);
  });

  it('counts in memory, without failing the request, while the database cannot count', async () => {
    const store = new DatabaseStore(strapi);
    const key = bucket();
    const aside = `${RATE_LIMIT_TABLE}_aside`;
    expect((await store.incr(key, { interval: 60_000 }, 1)).counter).toBe(1);
    await strapi.db.connection.schema.renameTable(RATE_LIMIT_TABLE, aside);
    try {
      expect((await store.incr(key, { interval: 60_000 }, 1)).counter).toBe(1);
      expect((await store.incr(key, { interval: 60_000 }, 1)).counter).toBe(2);
    } finally {
      await strapi.db.connection.schema.renameTable(aside, RATE_LIMIT_TABLE);
    }
    expect((await store.incr(key, { interval: 60_000 }, 1)).counter).toBe(2);
  });

  it('lives in a table made by a migration, on this fresh database', async () => {
    expect(await strapi.db.getSchemaConnection().hasTable(RATE_LIMIT_TABLE)).toBe(true);
    const ran = await strapi.db.connection('strapi_migrations').select('name');
    expect(ran.map((row: { name: string }) => row.name)).toContain('2026.11.30T00.00.00.rate-limit-counters.js');
  });
});

describe('the client address behind a proxy (TRUST_PROXY=true)', () => {
  it('is the one the proxy appended, whatever the client wrote before it in X-Forwarded-For', async () => {
    const { max } = strapi.config.get('proposals.rateLimit') as { max: number };
    const client = '192.0.2.201';
    const statuses: number[] = [];
    for (let i = 0; i <= max; i++) {
      // nginx's proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
      const res = await api().post('/api/proposals').set('X-Forwarded-For', `198.51.100.${i}, ${client}`).send({});
      statuses.push(res.status);
    }
    expect(statuses.slice(0, max).filter((s) => s === 429)).toEqual([]);
    expect(statuses[max]).toBe(429);
  });
});

/** Another instance serving HTTP on this database, its clock frozen at `clock`. */
class OtherInstance {
  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly port: number,
    readonly pid: number,
    private output: { text: string }
  ) {}

  static async start(clock: string): Promise<OtherInstance> {
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'http-instance.js')], {
      env: { ...process.env, CLOCK: clock, TRUST_PROXY: 'true' },
    });
    child.stderr.pipe(process.stderr);
    const output = { text: '' };
    const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output.text += chunk;
        const match = output.text.match(/READY (\d+) (\d+)/);
        if (match) resolve(match);
      });
      child.once('exit', (code) => reject(new Error(`the other instance exited (${code}) before it was ready`)));
    });
    return new OtherInstance(child, Number(ready[1]), Number(ready[2]), output);
  }

  fetch(p: string, init?: RequestInit) {
    return fetch(`http://127.0.0.1:${this.port}${p}`, init);
  }

  /** Closes its input, so that it destroys Strapi; answers whether it then ended by itself, and how. */
  async stop(): Promise<{ destroyed: boolean; endedAlone: boolean }> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const alone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 15_000)))]);
    clearTimeout(timer);
    if (!alone) this.child.kill();
    return { destroyed: this.output.text.includes('DESTROYED'), endedAlone: alone };
  }
}

const describeOnPostgres = process.env.DATABASE_CLIENT === 'postgres' ? describe : describe.skip;

describeOnPostgres('two instances on one PostgreSQL database (skipped on SQLite: one instance per database file)', () => {
  let other: OtherInstance;
  let edition: { documentId: string; slug: string };
  let session: { documentId: string };

  const titleOn = async (instance: OtherInstance) => {
    const res = await instance.fetch(`/api/editions/${edition.slug}/program`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { days: { sessions: { documentId: string; title: string }[] }[] } };
    return body.data.days.flatMap((d) => d.sessions).find((s) => s.documentId === session.documentId)?.title;
  };
  /** Polls `instance` until the session's title is `expected`, for at most `withinMs`; answers the time it took. */
  const seenWithin = async (instance: OtherInstance, expected: string, withinMs: number) => {
    const start = Date.now();
    while (Date.now() - start < withinMs) {
      if ((await titleOn(instance)) === expected) return Date.now() - start;
      await new Promise((r) => setTimeout(r, 20));
    }
    return Infinity;
  };
  /** A change written straight to the published row: no document service, so no notification. */
  const writeSilently = (title: string) =>
    strapi.db.query('api::session.session').updateMany({ where: { documentId: session.documentId, publishedAt: { $notNull: true } }, data: { title } });

  beforeAll(async () => {
    testClock.set(AFTER_PROGRAM_2023);
    edition = await createEdition({ programPublicationDate: '2023-12-04T08:00:00.000Z' });
    session = await createSession({ title: 'Titre de départ', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
    other = await OtherInstance.start(AFTER_PROGRAM_2023);
  }, 60_000);

  afterAll(async () => {
    if (other) await other.stop();
  });

  it('keeps the counters’ table, unlogged, through the other instance’s schema sync', async () => {
    const table = await strapi.db.connection.raw('select relpersistence from pg_class where relname = ?', [RATE_LIMIT_TABLE]);
    expect(table.rows).toEqual([{ relpersistence: 'u' }]);
  });

  it('shows an edit published through this instance on the other within 1 s', async () => {
    expect(await titleOn(other)).toBe('Titre de départ');
    // The other instance serves its cached answer: a change nobody announced is not seen there.
    await writeSilently('Changé sans le dire');
    expect(await titleOn(other)).toBe('Titre de départ');

    await strapi.documents('api::session.session').update({ documentId: session.documentId, locale: 'fr', data: { title: 'Titre corrigé' } as never });
    await strapi.documents('api::session.session').publish({ documentId: session.documentId, locale: 'fr' });
    expect(await seenWithin(other, 'Titre corrigé', 1_000)).toBeLessThan(1_000);
  });

  it('empties the other instance’s cache when its listening connection comes back after a loss', async () => {
    const before = await titleOn(other);
    await writeSilently('Changé pendant la coupure');
    expect(await titleOn(other)).toBe(before);
    const cut = await strapi.db.connection.raw('select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = ?', [
      listenerName(other.pid),
    ]);
    expect(cut.rows).toEqual([{ done: true }]);
    expect(await seenWithin(other, 'Changé pendant la coupure', 5_000)).toBeLessThan(5_000);
  });

  it('counts one limit across both instances, on the app clock', async () => {
    const { max, intervalMs } = strapi.config.get('proposals.rateLimit') as { max: number; intervalMs: number };
    const client = '192.0.2.202';
    const hitOn = async (instance: 'this' | 'other') => {
      if (instance === 'this') {
        const res = await api().post('/api/proposals').set('X-Forwarded-For', client).send({});
        return { status: res.status, retryAfter: res.headers['retry-after'] as string | undefined };
      }
      const res = await other.fetch('/api/proposals', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
        body: '{}',
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after') ?? undefined };
    };
    const passed: number[] = [];
    for (let i = 0; i < max; i++) passed.push((await hitOn(i % 2 === 0 ? 'this' : 'other')).status);
    expect(passed.filter((s) => s === 429)).toEqual([]);
    // Each instance saw half the hits: the limit is reached on both all the same.
    for (const instance of ['this', 'other'] as const) {
      const refused = await hitOn(instance);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBe(intervalMs / 1000);
    }
    // Retry-After follows the app's clock.
    testClock.set(new Date(new Date(AFTER_PROGRAM_2023).getTime() + intervalMs - 60_000).toISOString());
    expect(await hitOn('this')).toEqual({ status: 429, retryAfter: '60' });
    // The window ends: the next hit opens a new one, which the other instance counts on.
    testClock.set(new Date(new Date(AFTER_PROGRAM_2023).getTime() + intervalMs).toISOString());
    expect((await hitOn('this')).status).not.toBe(429);
    expect((await hitOn('other')).status).not.toBe(429);
  });

  it('leaves nothing open once destroyed', async () => {
    const stopped = await other.stop();
    other = undefined as never;
    expect(stopped).toEqual({ destroyed: true, endedAlone: true });
  }, 30_000);
});
