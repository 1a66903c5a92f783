/** HTTP in, one service call, HTTP out; the desk's rules live in the app's services. */
import type { Context } from 'koa';
import { Problem, sendProblem } from '../../../../../http/problem';
import { getService } from '../../../../../services';

async function answer(ctx: Context, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    sendProblem(ctx, error);
  }
}

export default () => {
  const editorial = () => getService('editorial');
  const decisions = () => getService('decisions');
  const rebuilds = () => getService('rebuildDeliveries');

  return {
    home: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().home() };
      }),
    editions: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().editions() };
      }),
    dashboard: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await editorial().dashboard(ctx.params.documentId) };
      }),
    undecided: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: await decisions().undecided() };
      }),
    proposalsCsv: (ctx: Context) =>
      answer(ctx, async () => {
        const { filename, body } = await editorial().proposalsCsv(ctx.params.documentId);
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = body;
      }),
    releaseDecisions: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.body = { data: { released: await decisions().releaseEdition(ctx.params.documentId) } };
      }),
    duplicate: (ctx: Context) =>
      answer(ctx, async () => {
        ctx.status = 201;
        ctx.body = { data: await editorial().duplicateAsNextYear(ctx.params.documentId) };
      }),
    testRebuildTarget: (ctx: Context) =>
      answer(ctx, async () => {
        const result = await rebuilds().sendTest(ctx.params.documentId);
        if (!result) throw new Problem(404, 'NotFoundError', 'REBUILD_TARGET_NOT_FOUND', 'Cible de reconstruction inconnue.', 'Unknown rebuild target.');
        ctx.body = { data: result };
      }),
  };
};
