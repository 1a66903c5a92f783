/**
 * Admin-only routes for editors (under /admin, with the admin's own authentication):
 * release an edition's decisions, list undecided proposals per edition, send a test rebuild event.
 * Only an admin allowed to change a proposal's state may release.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

const may = (ctx: Context, action: 'read' | 'update', field?: string) =>
  ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, 'api::proposal.proposal', field) ?? false;

export function registerEditorRoutes(strapi: Core.Strapi) {
  const decisions = () => strapi.service('api::proposal.decisions');
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'POST',
        path: '/admin/bluehats/editions/:documentId/release-decisions',
        handler: async (ctx: Context) => {
          if (!may(ctx, 'update', 'state')) {
            return ctx.forbidden('Seuls les éditeurs autorisés à décider peuvent communiquer les décisions.', { code: 'NOT_ALLOWED_TO_RELEASE' });
          }
          const released = await decisions().releaseEdition(ctx.params.documentId);
          ctx.body = { data: { released } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'POST',
        path: '/admin/bluehats/rebuild-targets/:documentId/test',
        handler: async (ctx: Context) => {
          if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.update', 'api::rebuild-target.rebuild-target')) {
            return ctx.forbidden('Accès réservé aux administrateurs des reconstructions.', { code: 'NOT_ALLOWED' });
          }
          const result = await strapi.service('api::rebuild-target.webhooks').sendTest(ctx.params.documentId);
          if (!result) return ctx.notFound('Cible inconnue.', { code: 'NOT_FOUND' });
          ctx.body = { data: result };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/admin/bluehats/undecided',
        handler: async (ctx: Context) => {
          if (!may(ctx, 'read')) return ctx.forbidden('Accès réservé aux éditeurs.', { code: 'NOT_ALLOWED' });
          ctx.body = { data: await decisions().undecided() };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as any);
}
