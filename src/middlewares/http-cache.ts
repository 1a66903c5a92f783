/**
 * Public GET answers carry an ETag and Cache-Control, and a matching If-None-Match gets 304.
 * Answers kept in the response cache (program, exports, public pages) are served right here, early,
 * without going through the router; security headers are already set by the middlewares before this one.
 */
import type { Context, Next } from 'koa';
import { CACHE_CONTROL, etagOf, responseCache, serveCached } from '../cache/response-cache';
import { isCacheablePage, pageCacheKey, pageLanguage } from '../api/public-space/page-request';

const isPublicRead = (ctx: Context) =>
  (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith('/api/') && !ctx.get('authorization') && !ctx.path.startsWith('/api/proposals/');

export default () => async (ctx: Context, next: Next) => {
  if (isCacheablePage(ctx)) {
    const page = responseCache.get(pageCacheKey(ctx));
    if (page) {
      // A page depends on the language asked for: caches between must keep one copy per language.
      ctx.vary('Accept-Language');
      ctx.set('Content-Language', pageLanguage(ctx));
      return serveCached(ctx, page);
    }
    return next();
  }
  if (!isPublicRead(ctx)) return next();
  const hit = responseCache.get(responseCache.keyOf(ctx));
  if (hit) return serveCached(ctx, hit);
  await next();
  if (ctx.status !== 200 || ctx.response.get('ETag') || ctx.body === undefined || ctx.body === null) return;
  const body = typeof ctx.body === 'string' ? ctx.body : Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : JSON.stringify(ctx.body);
  ctx.set('ETag', etagOf(body));
  ctx.set('Cache-Control', CACHE_CONTROL);
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
};
