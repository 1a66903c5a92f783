/**
 * Public GET answers carry an ETag and Cache-Control, and a matching If-None-Match gets 304.
 * Answers kept in the response cache (program, exports, public pages) are served right here, early,
 * without going through the router; security headers are already set by the middlewares before this
 * one. The headers each such answer goes out with are kept for the early answers, which replay them
 * before Koa (src/http/early-answers.ts).
 */
import type { Context, Next } from 'koa';
import { CACHE_CONTROL, etagOf, responseCache, serveCached } from '../cache/response-cache';
import { publicRead } from '../cache/public-reads';
import { keepHeadersForEarlyAnswers } from '../http/early-answers';

export default () => async (ctx: Context, next: Next) => {
  const read = publicRead(ctx);
  if (!read) return next();
  const hit = responseCache.get(read.key);
  if (hit) {
    if (read.language) {
      // A page depends on the language asked for: caches between must keep one copy per language.
      ctx.vary('Accept-Language');
      ctx.set('Content-Language', read.language);
    }
    return keepHeadersForEarlyAnswers(ctx, hit, serveCached(ctx, hit));
  }
  // The route that computes the answer caches it only if nothing changed meanwhile.
  ctx.state.responseCacheVersion = responseCache.currentVersion;
  // A page not in the cache is rendered by its route, which caches it.
  if (read.language) return next();
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
