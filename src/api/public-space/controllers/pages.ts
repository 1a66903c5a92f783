/** The public pages: the request's language in, one service call, the page rendered (or a redirection) out. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { responseCache, serveCached } from '../../../cache/response-cache';
import { pagesConfig, personalDataConfig } from '../../../config-types';
import { getService } from '../../../services';
import { translator } from '../messages';
import { isCacheablePage, languageInAddress, pageCacheKey, pageLanguage } from '../page-request';
import { templateEngine } from '../render';
import type { Outcome, Page } from '../services/pages';
import { DSFR_PATH } from '../assets';
import { DEFAULT_RETENTION_MONTHS } from '../../../domain/personal-data';
import { Problem } from '../../../http/problem';

const HTML = 'text/html; charset=utf-8';
const pages = () => getService('publicPages');
const token = (ctx: Context): string => String(ctx.params.token ?? '');
const body = (ctx: Context): unknown => (ctx.request as { body?: unknown }).body;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = templateEngine(strapi);
  const site = pagesConfig(strapi);
  const privacy = { registerUrl: personalDataConfig(strapi).registerUrl, months: DEFAULT_RETENTION_MONTHS };

  /** A link inside the site, carrying `?lang=` when the visitor chose the language in the address. */
  const linker = (ctx: Context) => (path: string) => (languageInAddress(ctx) ? `${path}${path.includes('?') ? '&' : '?'}lang=${pageLanguage(ctx)}` : path);

  function render(ctx: Context, page: Page): void {
    const language = pageLanguage(ctx);
    const other = language === 'fr' ? 'en' : 'fr';
    const html = engine.render(`${page.template}.njk`, {
      ...page.data,
      t: translator(language),
      lang: language,
      href: linker(ctx),
      // A page that was not found does not repeat the address it was asked by (a mistyped token).
      otherLanguageHref: `${page.template === 'not-found' ? '/' : ctx.path}?lang=${other}`,
      otherLanguage: other,
      site,
      privacy,
      dsfr: DSFR_PATH,
      currentPath: ctx.path,
    });
    ctx.status = page.status ?? 200;
    ctx.type = HTML;
    ctx.set('Content-Language', language);
    ctx.vary('Accept-Language');
    if (page.private) {
      // The status link is the proposer's only key: kept out of caches, search engines and Referer.
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('X-Robots-Tag', 'noindex, nofollow');
      ctx.body = html;
      return;
    }
    if (ctx.status === 200 && isCacheablePage(ctx) && page.cacheUntil !== undefined) {
      serveCached(ctx, responseCache.set(pageCacheKey(ctx), { type: HTML, body: html }, page.cacheUntil, ctx.state.responseCacheVersion));
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html;
  }

  async function answer(ctx: Context, outcome: Outcome | Promise<Outcome>): Promise<void> {
    const done = await outcome;
    if ('redirect' in done) {
      // POST-redirect-GET: the page after a form is a GET, which a reload does not send again.
      ctx.redirect(linker(ctx)(done.redirect));
      ctx.status = 303;
      ctx.set('Referrer-Policy', 'no-referrer');
      return;
    }
    render(ctx, done);
  }

  return {
    home: (ctx: Context) => answer(ctx, pages().home(pageLanguage(ctx))),
    privacy: (ctx: Context) => answer(ctx, pages().privacy(pageLanguage(ctx))),
    edition: (ctx: Context) => answer(ctx, pages().edition(ctx.params.slug, pageLanguage(ctx))),
    form: (ctx: Context) => answer(ctx, pages().form(ctx.params.slug, pageLanguage(ctx), ctx.query.code)),
    submit: (ctx: Context) => answer(ctx, pages().submit(ctx.params.slug, body(ctx), pageLanguage(ctx))),
    receipt: (ctx: Context) => answer(ctx, pages().receipt(token(ctx), pageLanguage(ctx))),
    status: (ctx: Context) => answer(ctx, pages().status(token(ctx), pageLanguage(ctx), ctx.query.fait)),
    correction: (ctx: Context) => answer(ctx, pages().correction(token(ctx), pageLanguage(ctx))),
    correct: (ctx: Context) => answer(ctx, pages().correct(token(ctx), body(ctx), pageLanguage(ctx))),
    consentsForm: (ctx: Context) => answer(ctx, pages().consentsForm(token(ctx), pageLanguage(ctx))),
    changeConsents: (ctx: Context) => answer(ctx, pages().changeConsents(token(ctx), body(ctx), pageLanguage(ctx))),
    withdrawStep: (ctx: Context) => answer(ctx, pages().confirmStep(token(ctx), pageLanguage(ctx), 'withdraw')),
    withdraw: (ctx: Context) => answer(ctx, pages().withdraw(token(ctx), pageLanguage(ctx))),
    confirm: (ctx: Context) => answer(ctx, pages().confirm(token(ctx), pageLanguage(ctx))),
    declineStep: (ctx: Context) => answer(ctx, pages().confirmStep(token(ctx), pageLanguage(ctx), 'decline')),
    decline: (ctx: Context) => answer(ctx, pages().decline(token(ctx), pageLanguage(ctx))),
    /** The same file as GET /api/proposals/mine/:token/personal-data; a wrong link gets the not-found page. */
    async download(ctx: Context) {
      try {
        const { filename, document } = await getService('proposerRights').exportByToken(token(ctx));
        ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Referrer-Policy', 'no-referrer');
        ctx.set('X-Robots-Tag', 'noindex, nofollow');
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = JSON.stringify(document, null, 2);
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        render(ctx, pages().notFound());
      }
    },
    mailExport: (ctx: Context) => answer(ctx, pages().mailExport(token(ctx), pageLanguage(ctx))),
    eraseStep: (ctx: Context) => answer(ctx, pages().eraseStep(token(ctx), pageLanguage(ctx))),
    erase: (ctx: Context) => answer(ctx, pages().erase(token(ctx), body(ctx), pageLanguage(ctx))),
    erased: (ctx: Context) => answer(ctx, pages().erased(ctx.query.resultat)),
    invitation: (ctx: Context) => answer(ctx, pages().invitation(token(ctx), pageLanguage(ctx), ctx.query.fait)),
    answerInvitation: (ctx: Context) => answer(ctx, pages().answerInvitation(token(ctx), ctx.params.answer, body(ctx), pageLanguage(ctx))),
    eraseInvitation: (ctx: Context) => answer(ctx, pages().eraseInvitation(token(ctx), body(ctx), pageLanguage(ctx))),
    invitationErased: (ctx: Context) => answer(ctx, pages().invitationErased()),
    program: (ctx: Context) => answer(ctx, pages().program(ctx.params.slug, pageLanguage(ctx))),
    session: (ctx: Context) => answer(ctx, pages().session(ctx.params.slug, ctx.params.session, pageLanguage(ctx))),
    /** A refusal met before the page's own handler (too many requests), shown as a page with its message. */
    refused: (ctx: Context, status: number, message: string) => render(ctx, { template: 'refused', status, data: { message, status } }),
  };
};
