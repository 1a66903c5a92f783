/** Per-client-IP limit on the public proposal routes (koa2-ratelimit), answered as 429 with Retry-After. */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { RateLimit } from 'koa2-ratelimit';
import { proposalsConfig } from '../../../config-types';
import { Problem, sendProblem } from '../../../http/problem';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { intervalMs, max } = proposalsConfig(strapi).rateLimit;
  const retryAfter = Math.ceil(intervalMs / 1000);
  return RateLimit.middleware({
    interval: intervalMs,
    max,
    prefixKey: 'proposals',
    keyGenerator: async (ctx: Context) => `proposals|${ctx.request.ip}`,
    getUserId: async () => null,
    handler: async (ctx: Context) => {
      ctx.set('Retry-After', String(retryAfter));
      sendProblem(
        ctx,
        new Problem(
          429,
          'RateLimitError',
          'TOO_MANY_REQUESTS',
          `Trop de demandes depuis votre adresse : réessayez dans ${Math.ceil(retryAfter / 60)} minutes.`,
          `Too many requests from your address: try again in ${Math.ceil(retryAfter / 60)} minutes.`,
          { retryAfterSeconds: retryAfter }
        )
      );
    },
  }) as (ctx: Context, next: Next) => Promise<void>;
};
