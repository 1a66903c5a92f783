/**
 * Public answers kept ready to serve: computed once, served early (before Strapi's router, and once
 * served there, before Koa: src/http/early-answers.ts) until content changes or the next date
 * boundary of the edition passes. Each entry carries its ETag.
 * The cache is per process: another instance sees a change at the latest `ttlMs` later.
 */
import { createHash } from 'crypto';
import type { OutgoingHttpHeaders } from 'http';
import type { Context } from 'koa';
import type { Modules } from '@strapi/strapi';
import { clock } from '../domain/clock';
import { COMPRESSION, compress, preferredEncoding, type ContentEncoding } from '../http/compression';

export interface CachedAnswer {
  status: number;
  type: string;
  body: string;
  etag: string;
  createdAt: number;
  expiresAt: number;
  version: number;
  /** Whether the body is worth compressing: a compressible type, over the threshold. */
  compressible: boolean;
  /** The body's bytes, as is and compressed, made on first demand for each encoding. */
  encoded?: Partial<Record<ContentEncoding | 'identity', Buffer>>;
  /** The complete headers each variant went out with through the full pipeline, replayed by the early answers. */
  sent?: Partial<Record<AnswerVariant, OutgoingHttpHeaders>>;
}

/** An answer's variants: a 304, or its status in one encoding. */
export type AnswerVariant = '304' | `${number}:${ContentEncoding | 'identity'}`;

export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url')}"`;

class ResponseCache {
  private entries = new Map<string, CachedAnswer>();
  private version = 0;
  ttlMs = 10_000;

  keyOf(ctx: Pick<Context, 'path' | 'querystring'>): string {
    return `${ctx.path}?${ctx.querystring}`;
  }

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const now = clock.now().getTime();
    // An entry made "later" than now (the clock was set back) is as stale as an expired one.
    if (hit.version !== this.version || hit.expiresAt <= now || hit.createdAt > now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit;
  }

  /**
   * Stores an answer valid until `until` (a date boundary), and at most `ttlMs`. `seenVersion` is the
   * cache's version when the answer's computation began: content that changed meanwhile (here or, through
   * the notification, on another instance) may be missing from it, so it is served but not kept.
   */
  set(key: string, answer: { status?: number; type: string; body: string }, until: Date | null, seenVersion = this.version): CachedAnswer {
    const now = clock.now().getTime();
    const expiresAt = Math.min(until ? until.getTime() : Infinity, now + this.ttlMs);
    const entry: CachedAnswer = {
      status: answer.status ?? 200,
      type: answer.type,
      body: answer.body,
      etag: etagOf(answer.body),
      compressible: COMPRESSION.filter(answer.type) && Buffer.byteLength(answer.body) >= COMPRESSION.threshold,
      createdAt: now,
      expiresAt,
      version: this.version,
    };
    if (seenVersion !== this.version) return entry;
    if (this.entries.size > 5000) this.entries.clear();
    this.entries.set(key, entry);
    return entry;
  }

  get currentVersion(): number {
    return this.version;
  }

  invalidate(): void {
    this.version++;
    this.entries.clear();
  }
}

export const responseCache = new ResponseCache();

/**
 * Published editions as the submission route reads them, kept while public content is unchanged:
 * a burst of submissions near a deadline reads the edition once. Emptied with the response cache.
 */
class Memo<T> {
  private entries = new Map<string, { value: Promise<T>; version: number; createdAt: number }>();

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.version === responseCache.currentVersion && hit.createdAt <= now && now - hit.createdAt < responseCache.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { value, version: responseCache.currentVersion, createdAt: now });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 1000) this.entries.clear();
    return value;
  }
}

/**
 * Published editions with their days, by slug or documentId, as the submission form reads them,
 * with the ids of the edition's rows (its draft and its published version) a new proposal links to.
 */
export const publishedEditions = new Memo<(Modules.Documents.Result<'api::edition.edition'> & { rowIds: number[] }) | null>();

/** The encoding an answer goes out in, as Accept-Encoding asks: compressed when worth it and asked for. */
export function encodingFor(answer: CachedAnswer, acceptEncoding: string | undefined): ContentEncoding | 'identity' {
  return answer.compressible ? preferredEncoding(acceptEncoding) : 'identity';
}

/** The bytes of an answer in an encoding, encoded once per encoding and kept with the entry. */
export function bytesFor(answer: CachedAnswer, encoding: ContentEncoding | 'identity'): Buffer {
  answer.encoded ??= {};
  return (answer.encoded[encoding] ??= encoding === 'identity' ? Buffer.from(answer.body) : compress(answer.body, encoding));
}

/**
 * Writes a cached answer, or a 304 when the client already has it. A compressed answer is compressed
 * once per encoding and kept with the entry (src/http/compression.ts), under the same weak ETag.
 * Answers which variant it wrote.
 */
export function serveCached(ctx: Context, answer: CachedAnswer): AnswerVariant {
  ctx.status = answer.status;
  ctx.type = answer.type;
  ctx.set('ETag', answer.etag);
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.vary('Accept-Encoding');
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
    return '304';
  }
  const encoding = encodingFor(answer, ctx.get('accept-encoding'));
  ctx.body = bytesFor(answer, encoding);
  if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
  return `${answer.status}:${encoding}`;
}
