/**
 * Anonymous calls to the GraphQL endpoint are limited per client address, before the body is read:
 * every query is bounded (src/access/graphql-limits.ts), this bounds how many an address sends.
 * A call with credentials is not counted: Strapi authenticates it before any GraphQL work, and
 * refuses a forged one with 401.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { graphqlPathMatcher } from '../http/graphql-path';
import { perAddressRateLimit, type AddressLimit } from '../http/rate-limit';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const isGraphql = graphqlPathMatcher(strapi);
  const { intervalMs, max } = strapi.config.get<Omit<AddressLimit, 'name'>>('plugin::graphql.anonymousRateLimit');
  const limit = perAddressRateLimit(strapi, { name: 'graphql', intervalMs, max });
  return async (ctx: Context, next: Next) => {
    if (!isGraphql(ctx.path) || ctx.get('authorization')) return next();
    return limit(ctx, next);
  };
};
