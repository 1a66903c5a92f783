/**
 * Anonymous calls to the GraphQL endpoint are limited per client address, before the body is read:
 * every query is bounded (src/access/graphql-limits.ts), this bounds how many an address sends.
 * A call with credentials is not counted: Strapi authenticates it before any GraphQL work, and
 * refuses a forged one with 401.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { perAddressRateLimit, type AddressLimit } from '../http/rate-limit';

// The GraphQL route matches whatever the case and a trailing slash (koa-router's defaults).
const normalised = (path: string) => path.replace(/\/+$/, '').toLowerCase();

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = normalised(strapi.config.get('plugin::graphql.endpoint', '/graphql'));
  const { intervalMs, max } = strapi.config.get<Omit<AddressLimit, 'name'>>('plugin::graphql.anonymousRateLimit');
  const limit = perAddressRateLimit({ name: 'graphql', intervalMs, max });
  return async (ctx: Context, next: Next) => {
    if (normalised(ctx.path) !== endpoint || ctx.get('authorization')) return next();
    return limit(ctx, next);
  };
};
