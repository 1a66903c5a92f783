/** The consents' current texts, for frontends that build their own form. */
import type { Context } from 'koa';
import { languageOf } from '../../../http/problem';
import { getService } from '../../../services';

export default () => ({
  async current(ctx: Context) {
    ctx.body = { data: await getService('consentTexts').current(languageOf(ctx)), meta: {} };
  },
});
