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
  }
  export const RateLimit: { middleware(options: RateLimitOptions): (ctx: Context, next: Next) => Promise<void> };
}
