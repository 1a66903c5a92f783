/**
 * A per-client-address request limit (koa2-ratelimit, counted in this instance's memory), answered
 * as 429 with Retry-After in Strapi's error shape. Behind a reverse proxy, `TRUST_PROXY=true` makes
 * `ctx.request.ip` the client's address rather than the proxy's.
 */
import type { Context, Next } from 'koa';
import { RateLimit, Stores } from 'koa2-ratelimit';
import { clock } from '../domain/clock';
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

/** One store per limit's name: the routes that share a name (the API's and the pages' proposal writes) share its counts. */
const stores = new Map<string, ClockedMemoryStore>();

export function perAddressRateLimit({ name, intervalMs, max }: AddressLimit): (ctx: Context, next: Next) => Promise<void> {
  if (!stores.has(name)) stores.set(name, new ClockedMemoryStore());
  return RateLimit.middleware({
    store: stores.get(name)!,
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
