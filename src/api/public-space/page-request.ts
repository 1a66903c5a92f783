/**
 * What a request for a public page asks: its language (`?lang=en` first, then Accept-Language,
 * French by default) and, for the pages anyone may be served from cache, their cache key.
 */
import type { Context } from 'koa';
import { LANGUAGES, negotiateLanguage, type Language } from '../../domain/language';

/**
 * What these rules read of a request: a Koa context, or the same fields read from the raw request by
 * the early answers (src/http/early-answers.ts), which serve cached pages before Koa.
 */
export type PageRequest = Pick<Context, 'method' | 'path' | 'query'> & { get(field: string): string };

export function pageLanguage(ctx: PageRequest): Language {
  const asked = ctx.query.lang;
  if (typeof asked === 'string' && (LANGUAGES as readonly string[]).includes(asked)) return asked as Language;
  return negotiateLanguage(ctx.get('accept-language'));
}

/** Whether the language was chosen in the address: links then carry it on. */
export const languageInAddress = (ctx: PageRequest): boolean => typeof ctx.query.lang === 'string' && (LANGUAGES as readonly string[]).includes(ctx.query.lang);

/** The addresses of the public pages that take a form: the proposal form and the status link's. */
export const isPublicPagePath = (path: string): boolean => path.startsWith('/editions/') || path.startsWith('/suivi/');

/** The public pages kept in the response cache: home, editions, the empty form, programs, sessions; never a form reached with a late-submission code. */
export const isCacheablePage = (ctx: PageRequest): boolean =>
  (ctx.method === 'GET' || ctx.method === 'HEAD') && (ctx.path === '/' || ctx.path.startsWith('/editions/')) && ctx.query.code === undefined;

/** One entry per page and language; other query parameters do not change a public page. */
export const pageCacheKey = (ctx: PageRequest): string => `page|${pageLanguage(ctx)}|${languageInAddress(ctx) ? 'a' : 'h'}|${ctx.path}`;
