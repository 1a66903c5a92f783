/**
 * A per-client-address request limit (koa2-ratelimit), answered as 429 with Retry-After in Strapi's
 * error shape. Behind a reverse proxy, `TRUST_PROXY=true` makes `ctx.request.ip` the client's address
 * rather than the proxy's (config/server.ts: the address the last `TRUST_PROXY_HOPS` proxies saw).
 *
 * Where the counts live: on PostgreSQL, where several instances may serve one database, in the
 * database (one atomic upsert per hit, table `rate_limit_counters` made by a migration), so that the
 * instances share one limit; on SQLite, which one instance serves, in this instance's memory. Both
 * count on the app's clock.
 *
 * A database failure while counting never turns into an error answer: that hit is counted in this
 * instance's memory instead (the limit still holds per instance) and a warning is logged, at most once
 * a minute. Refusing every request then would make an outage of the database an outage of every
 * route counted, even those that do not write.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { RateLimit, Stores } from 'koa2-ratelimit';
import { clock } from '../domain/clock';
import { mayShareDatabase } from '../persistence/instances';
import { Problem, sendProblem } from './problem';

export interface AddressLimit {
  /** Counts of different limits never mix. */
  name: string;
  intervalMs: number;
  max: number;
}

// "minute(s)" is spelt the same in French and English.
function inMinutes(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

export function tooManyRequests(retryAfterSeconds: number): Problem {
  return new Problem(
    429,
    'RateLimitError',
    'TOO_MANY_REQUESTS',
    `Trop de demandes depuis votre adresse : réessayez dans ${inMinutes(retryAfterSeconds)}.`,
    `Too many requests from your address: try again in ${inMinutes(retryAfterSeconds)}.`,
    { retryAfterSeconds }
  );
}

interface Window {
  counter: number;
  dateEnd: number;
}

/**
 * koa2-ratelimit's memory store, on the app's clock: its own store reads `Date.now()`, which would
 * put the window's end and Retry-After on two different clocks once the clock is moved.
 */
export class ClockedMemoryStore extends Stores.Store {
  private readonly windows = new Map<string, Window>();

  private windowOf(key: string, intervalMs: number): Window {
    const now = clock.now().getTime();
    for (const [k, w] of this.windows) if (w.dateEnd <= now) this.windows.delete(k);
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = { counter: 0, dateEnd: now + intervalMs }));
    return window;
  }

  async incr(key: string, options: { interval: number }, weight: number): Promise<Window> {
    const window = this.windowOf(key, options.interval);
    window.counter += weight;
    return { ...window };
  }

  async decrement(key: string, options: { interval: number }, weight: number): Promise<void> {
    this.windowOf(key, options.interval).counter -= weight;
  }

  async saveAbuse(): Promise<void> {}
}

export const RATE_LIMIT_TABLE = 'rate_limit_counters';

type Database = Core.Strapi['db'];

/**
 * Counts `weight` hits for `bucket` at `now` in one statement, and answers the window's count and end:
 * a new bucket, or one whose window ended, starts a window at this hit; otherwise the hits add up.
 * Atomic on both databases (INSERT … ON CONFLICT … DO UPDATE … RETURNING: PostgreSQL, SQLite ≥ 3.35),
 * so that concurrent hits from several instances never lose a count.
 */
export async function countHit(db: Database, bucket: string, weight: number, now: number, intervalMs: number): Promise<Window> {
  const knex = db.connection;
  const ended = [`${RATE_LIMIT_TABLE}.window_ends_at`, now];
  const rows: { hits: number | string; window_ends_at: number | string }[] = await db
    .getConnection(RATE_LIMIT_TABLE)
    .insert({ bucket, hits: weight, window_ends_at: now + intervalMs })
    .onConflict('bucket')
    .merge({
      hits: knex.raw('case when ?? <= ? then excluded.hits else ?? + excluded.hits end', [...ended, `${RATE_LIMIT_TABLE}.hits`]),
      window_ends_at: knex.raw('case when ?? <= ? then excluded.window_ends_at else ?? end', [...ended, `${RATE_LIMIT_TABLE}.window_ends_at`]),
    })
    .returning(['hits', 'window_ends_at']);
  // PostgreSQL hands a bigint back as a string.
  return { counter: Number(rows[0].hits), dateEnd: Number(rows[0].window_ends_at) };
}

/** Deletes the buckets whose window ended: they would restart at their next hit anyway. */
export async function sweepEndedWindows(db: Database, now: number): Promise<number> {
  return db.getConnection(RATE_LIMIT_TABLE).where('window_ends_at', '<=', now).delete();
}

const SWEEP_EVERY_MS = 60_000;
const WARN_EVERY_MS = 60_000;

/** koa2-ratelimit's store interface over the database, shared by every instance on it. */
export class DatabaseStore extends Stores.Store {
  private lastSweep = -Infinity;
  private lastWarning = -Infinity;
  private readonly fallback = new ClockedMemoryStore();

  constructor(private readonly strapi: Core.Strapi) {
    super();
  }

  async incr(key: string, options: { interval: number }, weight: number): Promise<Window> {
    const now = clock.now().getTime();
    let window: Window;
    try {
      window = await countHit(this.strapi.db, key, weight, now, options.interval);
    } catch (error) {
      this.warn(now, `did not count a hit (${String(error)}); counting in this instance's memory meanwhile`);
      return this.fallback.incr(key, options, weight);
    }
    // Cheap upkeep: one indexed delete a minute per instance (or when the clock went back).
    if (now - this.lastSweep >= SWEEP_EVERY_MS || now < this.lastSweep) {
      this.lastSweep = now;
      await sweepEndedWindows(this.strapi.db, now).catch((error) => this.warn(now, `did not sweep ended windows (${String(error)})`));
    }
    return window;
  }

  async decrement(key: string, _options: { interval: number }, weight: number): Promise<void> {
    await this.strapi.db
      .getConnection(RATE_LIMIT_TABLE)
      .where({ bucket: key })
      .decrement('hits', weight)
      .catch((error: unknown) => this.warn(clock.now().getTime(), `did not take a hit back (${String(error)})`));
  }

  /** At most one warning a minute: a database down must not flood the log at every request. */
  private warn(now: number, what: string): void {
    if (now - this.lastWarning < WARN_EVERY_MS && now >= this.lastWarning) return;
    this.lastWarning = now;
    this.strapi.log.warn(`Rate limit: the database ${what}.`);
  }

  async saveAbuse(): Promise<void> {}
}

/** One store per app and limit's name: the routes that share a name (the API's and the pages' proposal writes) share its counts. */
const stores = new WeakMap<Core.Strapi, Map<string, ClockedMemoryStore | DatabaseStore>>();

function storeOf(strapi: Core.Strapi, name: string): ClockedMemoryStore | DatabaseStore {
  if (!stores.has(strapi)) stores.set(strapi, new Map());
  const byName = stores.get(strapi)!;
  if (!byName.has(name)) byName.set(name, mayShareDatabase(strapi) ? new DatabaseStore(strapi) : new ClockedMemoryStore());
  return byName.get(name)!;
}

export function perAddressRateLimit(strapi: Core.Strapi, { name, intervalMs, max }: AddressLimit): (ctx: Context, next: Next) => Promise<void> {
  return RateLimit.middleware({
    store: storeOf(strapi, name),
    interval: intervalMs,
    max,
    prefixKey: name,
    keyGenerator: async (ctx: Context) => `${name}|${ctx.request.ip}`,
    getUserId: async () => null,
    handler: async (ctx: Context) => {
      // The window of this address ends at `reset` (Unix seconds), set by the limiter just before.
      const reset = (ctx.state.rateLimit as { reset?: number } | undefined)?.reset;
      const retryAfter = reset ? Math.max(1, reset - Math.floor(clock.now().getTime() / 1000)) : Math.ceil(intervalMs / 1000);
      ctx.set('Retry-After', String(retryAfter));
      sendProblem(ctx, tooManyRequests(retryAfter));
    },
  }) as (ctx: Context, next: Next) => Promise<void>;
}
