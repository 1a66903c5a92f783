/** HTTP in, service call, HTTP out, for a co-speaker's invitation link. The rules live in the service and src/domain/co-speakers.ts. */
import type { Context } from 'koa';
import { sendProblem } from '../../../http/problem';
import { getService } from '../../../services';

const service = () => getService('coSpeakers');
const bodyData = (ctx: Context) => (ctx.request as { body?: { data?: unknown } }).body?.data;

async function answer(ctx: Context, work: () => Promise<unknown>) {
  try {
    const data = await work();
    // The link is the co-speaker's only key: kept out of caches and Referer.
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = { data, meta: {} };
  } catch (error) {
    sendProblem(ctx, error);
  }
}

const viewOf = (done: Promise<{ view: unknown }>) => done.then(({ view }) => view);

export default () => ({
  showInvitation: (ctx: Context) => answer(ctx, () => service().viewByToken(ctx.params.token)),
  accept: (ctx: Context) =>
    answer(ctx, () => {
      const data = bodyData(ctx);
      const consentVersion = data && typeof data === 'object' ? (data as { consentVersion?: unknown }).consentVersion : undefined;
      return viewOf(service().acceptByToken(ctx.params.token, { consentVersion }));
    }),
  decline: (ctx: Context) => answer(ctx, () => viewOf(service().declineByToken(ctx.params.token))),
  confirm: (ctx: Context) => answer(ctx, () => viewOf(service().confirmByToken(ctx.params.token))),
  withdraw: (ctx: Context) => answer(ctx, () => viewOf(service().withdrawByToken(ctx.params.token))),
  erase: (ctx: Context) => answer(ctx, () => service().eraseByToken(ctx.params.token, bodyData(ctx))),
});
