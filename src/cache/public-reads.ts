/**
 * Which requests the public response cache answers, and under which key: the public pages (one entry
 * per page and language) and the anonymous GET reads of /api (one per address and query string),
 * proposals excepted. The same rules for the http-cache middleware (src/middlewares/http-cache.ts)
 * and for the early answers before Koa (src/http/early-answers.ts), so that both find one entry.
 */
import { isCacheablePage, pageCacheKey, pageLanguage, type PageRequest } from '../api/public-space/page-request';
import type { Language } from '../domain/language';
import { responseCache } from './response-cache';

/** What the rules read of a request: a Koa context, or the same fields read from the raw request. */
export type PublicRequest = PageRequest & { querystring: string };

export interface PublicRead {
  key: string;
  /** A page's language (its Content-Language); null for /api. */
  language: Language | null;
}

const isPublicApiRead = (request: PublicRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  request.path.startsWith('/api/') &&
  !request.get('authorization') &&
  !request.path.startsWith('/api/proposals/');

export function publicRead(request: PublicRequest): PublicRead | null {
  if (isCacheablePage(request)) return { key: pageCacheKey(request), language: pageLanguage(request) };
  if (isPublicApiRead(request)) return { key: responseCache.keyOf(request), language: null };
  return null;
}
