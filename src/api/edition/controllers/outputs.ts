/** Program and exports: one service call each, answered from (and into) the response cache. */
import type { Context } from 'koa';
import { responseCache, serveCached } from '../../../cache/response-cache';
import { sendProblem } from '../../../http/problem';
import type { Output } from '../services/outputs';
import { getService } from '../../../services';

const outputs = () => getService('outputs');

function cached(produce: (ctx: Context) => Promise<Output>) {
  return async (ctx: Context) => {
    try {
      const output = await produce(ctx);
      serveCached(ctx, responseCache.set(responseCache.keyOf(ctx), output, output.until, ctx.state.responseCacheVersion));
    } catch (error) {
      sendProblem(ctx, error);
    }
  };
}

const locale = (ctx: Context) => (typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined);

export default {
  program: cached((ctx) => outputs().program(ctx.params.edition, locale(ctx))),
  scheduleJson: cached((ctx) => outputs().scheduleJson(ctx.params.edition)),
  scheduleXml: cached((ctx) => outputs().scheduleXml(ctx.params.edition)),
  editionCalendar: cached((ctx) => outputs().editionCalendar(ctx.params.edition)),
  announcement: cached((ctx) => outputs().announcement(ctx.params.edition)),
  sessionPages: cached((ctx) => outputs().sessionPages(ctx.params.edition)),
  sessionCalendar: cached((ctx) => outputs().sessionCalendar(ctx.params.session)),
  sessionPage: cached((ctx) => outputs().sessionPage(ctx.params.session)),
};
