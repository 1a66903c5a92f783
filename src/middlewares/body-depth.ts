/**
 * Global middleware, right after strapi::body: a body nested deeper than BODY_LIMITS.maxDepth is
 * refused with 400 BODY_TOO_DEEP before any route, policy, validator or serialiser walks it.
 * GraphQL bodies are checked by the GraphQL server's plugin (graphqlBodyDepthPlugin) instead, so
 * that they are refused in GraphQL's own answer shape, whether or not strapi::body parsed them.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { sendProblem } from '../http/problem';
import { graphqlPathMatcher } from '../http/graphql-path';
import { nestsDeeperThan } from '../http/json-depth';
import { BODY_LIMITS, bodyProblems } from '../http/request-body';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const isGraphql = graphqlPathMatcher(strapi);
  return async (ctx: Context, next: Next) => {
    const body = (ctx.request as { body?: unknown }).body;
    if (!isGraphql(ctx.path) && nestsDeeperThan(body, BODY_LIMITS.maxDepth)) {
      sendProblem(ctx, bodyProblems.tooDeep(BODY_LIMITS.maxDepth));
      return;
    }
    await next();
  };
};
