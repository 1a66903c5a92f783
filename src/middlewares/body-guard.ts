/**
 * Global middleware, just before strapi::body:
 * - on the public API (REST and GraphQL), a body whose declared length exceeds the public limit
 *   (a proposal's size, `PROPOSAL_MAX_BODY_BYTES`) is refused before a byte of it is read;
 *   bodies without a declared length (chunked, compressed) stay bounded by the parser's own limit;
 * - the body parsers' errors (too large, malformed, unsupported encoding), which they hand over as
 *   UnreadableBody, are answered in Strapi's error shape, in French or English.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { proposalsConfig } from '../config-types';
import { graphqlPathMatcher } from '../http/graphql-path';
import { sendProblem } from '../http/problem';
import { isPublicPagePath } from '../api/public-space/page-request';
import { UnreadableBody, bodyProblems } from '../http/request-body';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const publicLimit = proposalsConfig(strapi).maxBodyBytes;
  const restPrefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  const isGraphql = graphqlPathMatcher(strapi);
  // The public pages' forms (src/api/public-space) post proposals too.
  const isPublicApi = (path: string) => path.startsWith(restPrefix) || isGraphql(path) || isPublicPagePath(path);

  return async (ctx: Context, next: Next) => {
    if (isPublicApi(ctx.path) && (ctx.request.length ?? 0) > publicLimit) {
      sendProblem(ctx, bodyProblems.tooLarge(publicLimit));
      return;
    }
    try {
      await next();
    } catch (error) {
      if (!(error instanceof UnreadableBody)) throw error;
      sendProblem(ctx, error.problem);
    }
  };
};
