/**
 * Global middleware: an explicit request for drafts on a public REST route (`?status=draft`) gets a
 * clear 400 instead of being silently honoured. GraphQL has its own guard (rejectDraftStatusPlugin).
 */
import type { Context, Next } from 'koa';
import { DRAFTS_NOT_PUBLIC, restAsksForDrafts } from '../access/published-only';

export default () => async (ctx: Context, next: Next) => {
  if (ctx.path.startsWith('/api/') && restAsksForDrafts(ctx.query)) {
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
  await next();
};
