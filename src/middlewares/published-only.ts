/**
 * Global middleware: an explicit request for drafts on a public route gets a clear 400 instead of
 * being silently honoured (REST `?status=draft`, GraphQL `status: DRAFT` at any depth).
 */
import type { Core } from '@strapi/strapi';
import { DRAFTS_NOT_PUBLIC, graphqlAsksForDrafts, restAsksForDrafts } from '../access/published-only';

function parseVariables(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphqlPath = strapi.plugin('graphql')?.config('endpoint') ?? '/graphql';
  return async (ctx: any, next: () => Promise<void>) => {
    const path: string = ctx.path;
    if (path.startsWith('/api/') && restAsksForDrafts(ctx.query)) {
      ctx.status = 400;
      ctx.body = {
        data: null,
        error: {
          status: 400,
          name: 'ValidationError',
          message: DRAFTS_NOT_PUBLIC.message,
          details: { code: DRAFTS_NOT_PUBLIC.code, messageEn: DRAFTS_NOT_PUBLIC.messageEn },
        },
      };
      return;
    }
    if (path === graphqlPath) {
      const source = ctx.method === 'GET' ? ctx.query : ctx.request.body ?? {};
      if (graphqlAsksForDrafts(source.query, parseVariables(source.variables))) {
        ctx.status = 400;
        ctx.body = {
          data: null,
          errors: [
            {
              message: DRAFTS_NOT_PUBLIC.message,
              extensions: { code: DRAFTS_NOT_PUBLIC.code, error: { name: 'ValidationError', details: { code: DRAFTS_NOT_PUBLIC.code } } },
            },
          ],
        };
        return;
      }
    }
    await next();
  };
};
