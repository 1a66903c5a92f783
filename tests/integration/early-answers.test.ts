/**
 * Early answers (src/http/early-answers.ts): a cached public answer written before Koa carries the
 * very headers the full pipeline gives the same request (security headers, ETag, Cache-Control, Vary,
 * Content-Type, Content-Length, Content-Encoding, Content-Language), compared here name for name and
 * value for value, in order, Date aside; and what the early path must not answer still goes the full way.
 *
 * Requests go to Strapi's own HTTP server (where the early answers sit) with Node's HTTP client, which
 * keeps header names as they were written and bytes as they were sent.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { createEdition, createSession, demoData, seedModule } from '../harness/factories';

const AFTER_PROGRAM = '2023-12-05T12:00:00.000Z';
const early = () => appEarlyAnswers;
let listening: http.Server | null = null;

interface Raw {
  status: number;
  /** Header names as sent, with their values, in order; Date left out. */
  headers: Array<[string, string]>;
  bytes: Buffer;
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i].toLowerCase() !== 'date') pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, bytes: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const header = (raw: Raw, name: string) => raw.headers.find(([n]) => n.toLowerCase() === name)?.[1];

/**
 * The same request three times from an empty cache: computed by its route, then served from the cache
 * by the full pipeline, then (the pipeline's headers kept) answered early. Answers the last two.
 */
async function fullThenEarly(url: string, headers: Record<string, string> = {}, method = 'GET') {
  appResponseCache.invalidate();
  const before = early().served;
  const computed = await request(url, headers, method);
  expect(computed.status).toBe(200);
  const full = await request(url, headers, method);
  expect(early().served).toBe(before);
  const fast = await request(url, headers, method);
  expect(early().served).toBe(before + 1);
  return { full, fast };
}

beforeAll(async () => {
  testClock.set('2026-11-23T12:00:00.000Z');
  await seedModule().seedDemo(strapi, demoData());
  if (!strapi.server.httpServer.listening) {
    listening = strapi.server.httpServer;
    await new Promise<void>((resolve) => listening!.listen(0, '127.0.0.1', resolve));
  }
});

afterAll(async () => {
  if (listening) await new Promise((resolve) => listening!.close(resolve));
});

beforeEach(() => {
  testClock.set(AFTER_PROGRAM);
  appResponseCache.invalidate();
});

const PROGRAM = '/api/editions/bluehats-2023/program';

describe('an early answer carries the full pipeline\u2019s headers, byte for byte', () => {
  it.each([
    ['the program, uncompressed', PROGRAM, {}],
    ['the program in brotli', PROGRAM, { 'accept-encoding': 'gzip, deflate, br' }],
    ['the program in gzip', PROGRAM, { 'accept-encoding': 'gzip' }],
    ['an export with a query string', '/api/editions/bluehats-2023/schedule.json?fields=x', { 'accept-encoding': 'br' }],
    ['the edition page in French', '/editions/bluehats-2023', { 'accept-language': 'fr-FR,fr;q=0.9' }],
    ['the edition page in English (Accept-Language)', '/editions/bluehats-2023', { 'accept-language': 'en-GB,en;q=0.8' }],
    ['the program page in English (?lang=en), in gzip', '/editions/bluehats-2023/programme?lang=en', { 'accept-encoding': 'gzip' }],
  ])('%s', async (_what, url, headers) => {
    const { full, fast } = await fullThenEarly(url, headers);
    expect(fast.status).toBe(200);
    expect(fast.headers).toEqual(full.headers);
    expect(fast.bytes.equals(full.bytes)).toBe(true);
    // The headers that matter are there: what the security middleware sets, and the cache's.
    for (const name of [
      'content-security-policy',
      'strict-transport-security',
      'x-content-type-options',
      'x-frame-options',
      'etag',
      'cache-control',
      'vary',
      'content-type',
      'content-length',
    ]) {
      expect({ name, present: header(fast, name) !== undefined }).toEqual({ name, present: true });
    }
    expect(Number(header(fast, 'content-length'))).toBe(fast.bytes.length);
    if (url.startsWith('/editions/')) {
      expect(header(fast, 'content-language')).toBe(url.includes('lang=en') || headers['accept-language']?.startsWith('en') ? 'en' : 'fr');
      expect(header(fast, 'vary')).toMatch(/Accept-Language/);
    }
  });

  it('answers If-None-Match with the same 304 as the pipeline', async () => {
    const first = await request(PROGRAM);
    const etag = header(first, 'etag')!;
    const before = early().served;
    const full = await request(PROGRAM, { 'if-none-match': etag });
    const fast = await request(PROGRAM, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(early().served).toBe(before + 1);
    expect([full.status, fast.status]).toEqual([304, 304]);
    expect(fast.headers).toEqual(full.headers);
    expect(fast.bytes.length).toBe(0);
    expect(header(fast, 'etag')).toBe(etag);
    expect(header(fast, 'content-security-policy')).toBeDefined();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { full, fast } = await fullThenEarly(PROGRAM, { 'accept-encoding': 'br' }, 'HEAD');
    expect(fast.headers).toEqual(full.headers);
    expect(fast.bytes.length).toBe(0);
    const get = await request(PROGRAM, { 'accept-encoding': 'br' });
    expect(get.headers).toEqual(fast.headers);
  });
});

describe('what still goes the full way', () => {
  const servedEarly = async (url: string, headers: Record<string, string>) => {
    // Served twice from the cache by the pipeline first: the early path would know its headers.
    await fullThenEarly(url);
    const before = early().served;
    const res = await request(url, headers);
    return { res, early: early().served - before };
  };

  it('a request with an Origin: CORS answers it, as before', async () => {
    const { res, early: count } = await servedEarly(PROGRAM, { origin: 'https://exemple.gouv.fr' });
    expect(count).toBe(0);
    expect(res.status).toBe(200);
    expect(header(res, 'vary')).toMatch(/Origin/);
  });

  it('a request with Authorization: never from the public cache', async () => {
    const { early: count } = await servedEarly(PROGRAM, { authorization: 'Bearer not-a-token' });
    expect(count).toBe(0);
  });

  it('an answer whose content changed: computed again, then early again', async () => {
    const edition = await createEdition();
    const session = await createSession({ edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z' });
    const url = `/api/editions/${edition.slug}/program`;
    await fullThenEarly(url);
    const title = `${session.title} (modifiée)`;
    await strapi.documents('api::session.session').update({ documentId: session.documentId, data: { title } as any });
    await strapi.documents('api::session.session').publish({ documentId: session.documentId });
    const before = early().served;
    const res = await request(url);
    expect(early().served).toBe(before);
    expect(res.bytes.toString('utf8')).toContain(title);
    await request(url);
    expect((await request(url)).bytes.toString('utf8')).toContain(title);
    expect(early().served).toBe(before + 1);
  });

  it('a POST, and a page reached with a late-submission code', async () => {
    await fullThenEarly('/editions/bluehats-2023');
    const before = early().served;
    expect((await request('/editions/bluehats-2023?code=ABC')).status).toBeLessThan(500);
    expect((await request(PROGRAM, {}, 'POST')).status).toBeLessThan(500);
    expect(early().served).toBe(before);
  });
});
