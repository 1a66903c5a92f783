/**
 * Global middleware: an explicit request for drafts on a public REST route (`?status=draft`) gets a
 * clear 400 instead of being silently honoured. GraphQL has its own guard (rejectDraftStatusPlugin).
 */
import type { Context, Next } from 'koa';
import { draftsNotPublic, restAsksForDrafts } from '../access/published-only';
import { sendProblem } from '../http/problem';

export default () => async (ctx: Context, next: Next) => {
  if (ctx.path.startsWith('/api/') && restAsksForDrafts(ctx.query)) {
    sendProblem(ctx, draftsNotPublic());
    return;
  }
  await next();
};
