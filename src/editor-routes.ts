/**
 * Admin-only routes for editors (under /admin, with the admin's own authentication and the
 * permissions of their role): the dashboard, the CSV export, duplication, releasing decisions,
 * undecided proposals, and a test rebuild event.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendProblem } from './http/problem';

type Need = { action: 'read' | 'update' | 'create'; subject: string; field?: string };

const READ_PROPOSALS: Need = { action: 'read', subject: 'api::proposal.proposal' };
const DECIDE: Need = { action: 'update', subject: 'api::proposal.proposal', field: 'state' };
const CREATE_EDITIONS: Need = { action: 'create', subject: 'api::edition.edition' };
const MANAGE_REBUILDS: Need = { action: 'update', subject: 'api::rebuild-target.rebuild-target' };

function route(method: string, path: string, need: Need, handler: (ctx: Context) => Promise<void>) {
  return {
    method,
    path: `/admin/bluehats${path}`,
    handler: async (ctx: Context) => {
      if (!ctx.state.userAbility?.can(`plugin::content-manager.explorer.${need.action}`, need.subject, need.field)) {
        return ctx.forbidden("Votre rôle ne permet pas cette action.", { code: 'NOT_ALLOWED' });
      }
      try {
        await handler(ctx);
      } catch (error) {
        sendProblem(ctx, error);
      }
    },
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  };
}

export function registerEditorRoutes(strapi: Core.Strapi) {
  const editorial = () => strapi.service('api::edition.editorial');
  const decisions = () => strapi.service('api::proposal.decisions');
  strapi.server.routes({
    type: 'admin',
    routes: [
      route('GET', '/editions', READ_PROPOSALS, async (ctx) => {
        ctx.body = { data: await editorial().editions() };
      }),
      route('GET', '/editions/:documentId/dashboard', READ_PROPOSALS, async (ctx) => {
        ctx.body = { data: await editorial().dashboard(ctx.params.documentId) };
      }),
      route('GET', '/editions/:documentId/proposals.csv', READ_PROPOSALS, async (ctx) => {
        const { filename, body } = await editorial().proposalsCsv(ctx.params.documentId);
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = body;
      }),
      route('POST', '/editions/:documentId/duplicate', CREATE_EDITIONS, async (ctx) => {
        ctx.status = 201;
        ctx.body = { data: await editorial().duplicateAsNextYear(ctx.params.documentId) };
      }),
      route('POST', '/editions/:documentId/release-decisions', DECIDE, async (ctx) => {
        ctx.body = { data: { released: await decisions().releaseEdition(ctx.params.documentId) } };
      }),
      route('GET', '/undecided', READ_PROPOSALS, async (ctx) => {
        ctx.body = { data: await decisions().undecided() };
      }),
      route('POST', '/rebuild-targets/:documentId/test', MANAGE_REBUILDS, async (ctx) => {
        const result = await strapi.service('api::rebuild-target.webhooks').sendTest(ctx.params.documentId);
        if (!result) return ctx.notFound('Cible inconnue.', { code: 'NOT_FOUND' });
        ctx.body = { data: result };
      }),
    ],
  } as any);
}
