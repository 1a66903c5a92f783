/**
 * Compressed answers: strapi::compression (koa-compress) for whatever a route writes, and the same
 * choice made here for the answers the response cache serves early, which are compressed once per
 * encoding and kept with the entry (src/cache/response-cache.ts).
 *
 * - Types: JSON, XML, iCalendar, Markdown, HTML, and the CSS and JavaScript the pages load. Images,
 *   fonts and PDFs are compressed already.
 * - Threshold: 1 KB. Below, the headers of a compressed answer weigh more than it saves.
 * - Encodings: brotli, then gzip, as the client's Accept-Encoding weighs them (koa-compress's own
 *   order at equal weight); `deflate` is left out, which some clients read as raw deflate.
 * - ETags are weak (`W/"…"`) and name the content, not its bytes: the same for every encoding, so an
 *   If-None-Match gets its 304 whatever encoding the client had (RFC 9110, 8.8.1 and 8.8.3).
 * - Every answer says `Vary: Accept-Encoding`.
 */
import zlib from 'zlib';

export type ContentEncoding = 'br' | 'gzip';

/** koa-compress's default: fast enough to compress each answer as it leaves. */
const BROTLI_QUALITY = 4;

const COMPRESSED_TYPES = /^(application\/(json|xml|javascript|[\w.+-]+\+(json|xml))|text\/(html|xml|calendar|markdown|css|javascript|plain|csv))(;|$)/i;

export const COMPRESSION = {
  threshold: 1024,
  /** Whether a Content-Type is worth compressing. */
  filter: (type: string | undefined): boolean => COMPRESSED_TYPES.test((type ?? '').trim()),
  /** The options of strapi::compression (koa-compress). */
  middlewareOptions() {
    return {
      threshold: this.threshold,
      filter: this.filter,
      deflate: false as const,
      br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    };
  },
};

/**
 * The encoding to answer with, read from Accept-Encoding as koa-compress reads it: the highest
 * weight wins, brotli before gzip at equal weight, `*` stands for gzip, `q=0` refuses.
 */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding | 'identity' {
  const weights = new Map<string, number>();
  for (const directive of (acceptEncoding ?? '').split(',')) {
    const match = /^\s*(gzip|br|identity|\*)\s*(?:;\s*q\s*=\s*(\d(?:\.\d+)?))?\s*$/i.exec(directive);
    if (!match) continue;
    const weight = Math.min(1, Math.max(0, match[2] === undefined ? 1 : Number(match[2])));
    const name = match[1].toLowerCase();
    if (name === '*') {
      if (!weights.has('gzip')) weights.set('gzip', weight);
    } else {
      weights.set(name, weight);
    }
  }
  const br = weights.get('br') ?? 0;
  const gzip = weights.get('gzip') ?? 0;
  if (br === 0 && gzip === 0) return 'identity';
  return br >= gzip ? 'br' : 'gzip';
}

/** A body compressed as the middleware would compress it. */
export function compress(body: string, encoding: ContentEncoding): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }) : zlib.gzipSync(body);
}
