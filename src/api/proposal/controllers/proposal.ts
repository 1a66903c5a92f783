/** HTTP in, service call, HTTP out. The rules live in the service and in src/domain. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { languageOf, sendProblem } from '../../../http/problem';
import { getService } from '../../../services';

const service = () => getService('proposals');
const rights = () => getService('proposerRights');

async function answer(ctx: Context, status: number, work: () => Promise<unknown>) {
  try {
    const data = await work();
    ctx.status = status;
    ctx.body = { data, meta: {} };
  } catch (error) {
    sendProblem(ctx, error);
  }
}

const bodyData = (ctx: Context) => (ctx.request as { body?: { data?: unknown } }).body?.data;

export default factories.createCoreController('api::proposal.proposal', () => ({
  async submit(ctx: Context) {
    await answer(ctx, 201, () => service().submit(bodyData(ctx), { language: languageOf(ctx) }));
  },
  async showMine(ctx: Context) {
    await answer(ctx, 200, () => service().viewByToken(ctx.params.token));
  },
  async correctMine(ctx: Context) {
    await answer(ctx, 200, () => service().correctByToken(ctx.params.token, bodyData(ctx)));
  },
  async changeMyConsents(ctx: Context) {
    try {
      const { view, unpublished } = await service().changeConsentsByToken(ctx.params.token, bodyData(ctx), { language: languageOf(ctx) });
      ctx.body = { data: view, meta: { unpublished } };
    } catch (error) {
      sendProblem(ctx, error);
    }
  },
  async withdrawMine(ctx: Context) {
    await answer(ctx, 200, () => service().withdrawByToken(ctx.params.token));
  },
  async confirmMine(ctx: Context) {
    await answer(ctx, 200, () => service().confirmByToken(ctx.params.token));
  },
  async declineMine(ctx: Context) {
    await answer(ctx, 200, () => service().declineByToken(ctx.params.token));
  },
  /** A file to keep, never cached: the JSON document alone, without the API's envelope. */
  async exportMine(ctx: Context) {
    try {
      const { filename, document } = await rights().exportByToken(ctx.params.token);
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(document, null, 2);
    } catch (error) {
      sendProblem(ctx, error);
    }
  },
  async mailExportMine(ctx: Context) {
    await answer(ctx, 202, async () => {
      await rights().mailExportByToken(ctx.params.token);
      return { queued: true };
    });
  },
  async erasurePreviewMine(ctx: Context) {
    await answer(ctx, 200, () => rights().erasurePreviewByToken(ctx.params.token));
  },
  async eraseMine(ctx: Context) {
    await answer(ctx, 200, () => rights().eraseByToken(ctx.params.token, bodyData(ctx)));
  },
}));
