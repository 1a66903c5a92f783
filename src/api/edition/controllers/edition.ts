/** Stock find/findOne, with each edition's computed `callForProposals` block added. */
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../../services';

const withCallBlocks = async (ctx: Context, data: any) => {
  const locale = ctx.query.locale === 'en' ? 'en' : 'fr';
  return getService('callState').attach(data, locale);
};

export default factories.createCoreController('api::edition.edition', () => ({
  async find(ctx: Context) {
    const response = await (super.find as any)(ctx);
    response.data = await withCallBlocks(ctx, response.data);
    return response;
  },
  async findOne(ctx: Context) {
    const response = await (super.findOne as any)(ctx);
    if (response?.data) response.data = await withCallBlocks(ctx, response.data);
    return response;
  },
}));
