/**
 * Early answers: a public answer already in the response cache is written from Node's request
 * handler, before Koa and Strapi's middleware pipeline (logger, compression, error contract, errors,
 * helmet, CORS), which costs more than the answer itself: helmet alone is set up again on every request.
 *
 * The answer goes out with the very headers the full pipeline gave it. The first time the pipeline
 * serves an entry from the cache (src/middlewares/http-cache.ts) in a variant (its status in one
 * encoding, or a 304), the complete header set it went out with is kept with the entry, names as
 * written; an early answer in that variant replays it, and Node adds Date and the connection headers
 * as for any answer. Security headers, ETag, Cache-Control, Vary, Content-Type, Content-Length,
 * Content-Encoding and a page's Content-Language thus stay the same byte for byte
 * (tests/integration/early-answers.test.ts), and the bytes are the entry's, compressed once per encoding.
 *
 * Left to the full pipeline, which answers them as before: anything but GET and HEAD; requests with
 * Authorization (never answered from the public cache) or with Origin (CORS answers per origin);
 * addresses Koa would not split at their first `?`; entries missing, stale, or not yet served in
 * that variant. If-None-Match gets its 304 here, decided by `fresh`, the function Koa's `ctx.fresh`
 * calls. The access log keeps its line per answer: the one strapi::logger writes, at its level.
 */
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'http';
import { performance } from 'perf_hooks';
import { parse as parseQuery } from 'querystring';
import fresh from 'fresh';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { bytesFor, encodingFor, responseCache, type AnswerVariant, type CachedAnswer } from '../cache/response-cache';
import type { ContentEncoding } from './compression';
import { publicRead, type PublicRequest } from '../cache/public-reads';

/** Where parseurl (Koa's) leaves its fast split at the first `?`: such addresses take the full way. */
const NOT_SPLIT_AT_QUESTION_MARK = /[\t\n\f\r #\u00a0\ufeff]/;

/** How many answers went out early, since the start: for tests and curious operators. */
export const earlyAnswerCount = { served: 0 };

/** Whether a request may be answered from the public cache without the pipeline's per-request layers. */
const mayAnswerEarly = (req: IncomingMessage) =>
  (req.method === 'GET' || req.method === 'HEAD') && req.headers.authorization === undefined && req.headers.origin === undefined;

/** What a request gets of an answer: 304 when the client has it (as Koa's `ctx.fresh` decides), else the answer in its encoding. */
function variantFor(req: IncomingMessage, answer: CachedAnswer): { variant: AnswerVariant; status: number; encoding: ContentEncoding | 'identity' } {
  const encoding = encodingFor(answer, req.headers['accept-encoding']);
  if (answer.status >= 200 && answer.status < 300 && fresh(req.headers, { etag: answer.etag })) return { variant: '304', status: 304, encoding };
  return { variant: `${answer.status}:${encoding}`, status: answer.status, encoding };
}

/** The request as the cache's rules read it, from the raw request as Koa would read it; null when Koa might read it otherwise. */
function publicRequestOf(req: IncomingMessage): PublicRequest | null {
  const url = req.url ?? '';
  if (url[0] !== '/' || NOT_SPLIT_AT_QUESTION_MARK.test(url)) return null;
  const mark = url.indexOf('?');
  const querystring = mark === -1 ? '' : url.slice(mark + 1);
  return {
    method: req.method ?? '',
    path: mark === -1 ? url : url.slice(0, mark),
    querystring,
    query: parseQuery(querystring),
    get: (field: string) => String(req.headers[field.toLowerCase()] ?? ''),
  };
}

/**
 * Called by the http-cache middleware when it serves `answer` in `variant`: once the full pipeline
 * has written it, keeps the headers it went out with, unless the request was one the early answers
 * leave to the pipeline, or something on the way changed the status or set a cookie.
 */
export function keepHeadersForEarlyAnswers(ctx: Context, answer: CachedAnswer, variant: AnswerVariant): void {
  if (answer.sent?.[variant] || !mayAnswerEarly(ctx.req)) return;
  const res = ctx.res;
  res.once('finish', () => {
    if (String(res.statusCode) !== variant.split(':')[0] || res.hasHeader('set-cookie')) return;
    const headers: OutgoingHttpHeaders = {};
    // Names as written (Node 20 has this on every outgoing message; its types only on ClientRequest).
    for (const name of (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()) headers[name] = res.getHeader(name);
    (answer.sent ??= {})[variant] = headers;
  });
}

/** Writes the cached answer to this request if it may, and answers whether it did. */
function answerEarly(strapi: Core.Strapi, req: IncomingMessage, res: ServerResponse): boolean {
  if (!mayAnswerEarly(req)) return false;
  const start = performance.now();
  const request = publicRequestOf(req);
  const read = request && publicRead(request);
  const answer = read && responseCache.get(read.key);
  if (!answer) return false;
  const { variant, status, encoding } = variantFor(req, answer);
  const headers = answer.sent?.[variant];
  if (!headers) return false;
  res.writeHead(status, headers);
  if (status === 304 || req.method === 'HEAD') res.end();
  else res.end(bytesFor(answer, encoding));
  earlyAnswerCount.served++;
  if (strapi.log.isLevelEnabled('http')) strapi.log.http(`${req.method} ${req.url} (${Math.ceil(performance.now() - start)} ms) ${status}`);
  return true;
}

/**
 * Puts the early answers in front of Koa: Strapi's HTTP server has one request listener, Koa's; it is
 * replaced by one that answers early when it can and hands every other request to Koa.
 */
export function answerEarlyBeforeKoa(strapi: Core.Strapi): void {
  const server = strapi.server.httpServer;
  const [pipeline] = server.listeners('request') as RequestListener[];
  if (!pipeline) throw new Error('Strapi\u2019s HTTP server has no request listener to put the early answers before');
  server.removeListener('request', pipeline);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (answerEarly(strapi, req, res)) return;
    } catch (error) {
      // Never the reason a request fails: the pipeline answers it, unless an answer had begun.
      strapi.log.error(error instanceof Error ? error : String(error));
      if (res.headersSent) return void res.destroy();
    }
    pipeline.call(server, req, res);
  });
}
