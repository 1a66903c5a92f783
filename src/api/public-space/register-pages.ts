/**
 * The public pages' addresses, in French, outside /api: registered by the app when the pages are
 * on (config/pages.ts). The forms' POSTs share the API's per-address limit on proposals.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { proposalsConfig } from '../../config-types';
import { perAddressRateLimit } from '../../http/rate-limit';
import { dsfrAsset, ownAsset } from './assets';

type Handler = (ctx: Context) => Promise<void>;
type PagesController = Record<string, Handler> & { refused: (ctx: Context, status: number, message: string) => void };

export function registerPublicPages(strapi: Core.Strapi): void {
  // Strapi types controllers as their generic shape; this one is ./controllers/pages.
  const pages = () => strapi.controller('api::public-space.pages') as unknown as PagesController;
  const limit = perAddressRateLimit(strapi, { name: 'proposals', ...proposalsConfig(strapi).rateLimit });

  const page = (action: string) => (ctx: Context) => pages()[action](ctx);
  /** A form's POST, counted with the API's proposal writes; over the limit, a page says so (429, Retry-After). */
  const limited = (action: string) => async (ctx: Context) => {
    let admitted = false;
    await limit(ctx, async () => {
      admitted = true;
      await pages()[action](ctx);
    });
    if (!admitted) pages().refused(ctx, 429, (ctx.body as { error?: { message?: string } } | undefined)?.error?.message ?? '');
  };

  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Context, next: Next) => unknown) => ({
    method,
    path,
    handler,
    config: { auth: false as const },
  });

  strapi.server.routes([
    route('GET', '/', page('home')),
    route('GET', '/donnees-personnelles', page('privacy')),
    route('GET', '/editions/:slug', page('edition')),
    route('GET', '/editions/:slug/proposer', page('form')),
    route('POST', '/editions/:slug/proposer', limited('submit')),
    route('GET', '/editions/:slug/programme', page('program')),
    route('GET', '/editions/:slug/programme/:session', page('session')),
    route('GET', '/suivi/:token', page('status')),
    route('GET', '/suivi/:token/recu', page('receipt')),
    route('GET', '/suivi/:token/modifier', page('correction')),
    route('POST', '/suivi/:token/modifier', limited('correct')),
    route('GET', '/suivi/:token/accords', page('consentsForm')),
    route('POST', '/suivi/:token/accords', limited('changeConsents')),
    route('GET', '/suivi/:token/retirer', page('withdrawStep')),
    route('POST', '/suivi/:token/retirer', limited('withdraw')),
    route('POST', '/suivi/:token/confirmer', limited('confirm')),
    route('GET', '/suivi/:token/decliner', page('declineStep')),
    route('POST', '/suivi/:token/decliner', limited('decline')),
    route('GET', '/suivi/:token/donnees', limited('download')),
    route('POST', '/suivi/:token/donnees/courriel', limited('mailExport')),
    route('GET', '/suivi/:token/effacer', page('eraseStep')),
    route('POST', '/suivi/:token/effacer', limited('erase')),
    route('GET', '/donnees-effacees', page('erased')),
    // A co-speaker's own page, by their invitation link.
    route('GET', '/invitation/:token', page('invitation')),
    route('POST', '/invitation/:token/effacer', limited('eraseInvitation')),
    route('POST', '/invitation/:token/:answer(accepter|decliner|confirmer|retirer)', limited('answerInvitation')),
    route('GET', '/invitation-effacee', page('invitationErased')),
    route('GET', '/assets/dsfr/:version/:file(.*)', dsfrAsset),
    route('GET', '/assets/:file', ownAsset(strapi.dirs.app.src)),
  ]);
}
