/** Stock find/findOne, with each edition's computed `callForProposals` block added. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../../services';
import type { EditionWithCallBlock } from '../services/call';

// `super` in the object literal below is untyped; the core controller answers `{ data, meta }`.
type CoreAnswer<Data> = { data: Data; meta?: unknown } | null;

const localeOf = (ctx: Context) => (ctx.query.locale === 'en' ? 'en' : 'fr');

export default factories.createCoreController('api::edition.edition', () => ({
  async find(ctx: Context) {
    const response: CoreAnswer<EditionWithCallBlock[]> = await super.find(ctx);
    if (response) response.data = await getService('callState').attach(response.data, localeOf(ctx));
    return response;
  },
  async findOne(ctx: Context) {
    const response: CoreAnswer<EditionWithCallBlock | null> = await super.findOne(ctx);
    if (response?.data) response.data = await getService('callState').attach(response.data, localeOf(ctx));
    return response;
  },
}));
