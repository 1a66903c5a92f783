// koa2-ratelimit ships no types; only what this project uses.
declare module 'koa2-ratelimit' {
  import type { Context, Next } from 'koa';
  interface RateLimitOptions {
    interval: number | Record<string, number>;
    max: number;
    prefixKey?: string;
    keyGenerator?: (ctx: Context) => Promise<string>;
    getUserId?: (ctx: Context) => Promise<string | null>;
    handler?: (ctx: Context) => Promise<void> | void;
    store?: Store;
  }
  /** A store sees `options.interval` already converted to milliseconds. */
  abstract class Store {
    abstract incr(key: string, options: { interval: number }, weight: number): Promise<{ counter: number; dateEnd: number }>;
    abstract decrement(key: string, options: { interval: number }, weight: number): Promise<void> | void;
    abstract saveAbuse(options: unknown): Promise<void> | void;
  }
  export const RateLimit: { middleware(options: RateLimitOptions): (ctx: Context, next: Next) => Promise<void> };
  export const Stores: { Store: typeof Store };
}
