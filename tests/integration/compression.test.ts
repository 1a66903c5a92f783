/**
 * Compressed answers: JSON, XML, iCalendar, Markdown and HTML above 1 KB leave in brotli or gzip, as
 * the client's Accept-Encoding asks, whether a route computes them or the response cache serves
 * them early; the bytes decompress to the very body an uncompressed answer carries, the (weak) ETag
 * is the same for every encoding, and If-None-Match still gets its 304.
 *
 * Bytes are read with Node's own HTTP client: supertest would decompress them before the test saw them.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import zlib from 'zlib';
import { demoData, seedModule } from '../harness/factories';

const AFTER_PROGRAM = '2023-12-05T12:00:00.000Z';
let server: http.Server;
let sessionSlug: string;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const decode = (raw: Raw): string => {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(raw.bytes).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(raw.bytes).toString('utf8');
  expect(encoding).toBeUndefined();
  return raw.bytes.toString('utf8');
};

const varies = (raw: Raw) =>
  String(raw.headers.vary ?? '')
    .split(/,\s*/)
    .map((v) => v.toLowerCase());

beforeAll(async () => {
  testClock.set('2026-11-23T12:00:00.000Z');
  await seedModule().seedDemo(strapi, demoData());
  const session = await strapi.documents('api::session.session').findFirst({ status: 'published' });
  sessionSlug = session!.slug;
  // The app itself, on a port of its own: the same middlewares as strapi.server.httpServer.
  server = http.createServer((strapi.server as any).app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  testClock.set(AFTER_PROGRAM);
  appResponseCache.invalidate();
});

/** Answers above the threshold, of every compressed type: computed by a route, or kept in the response cache. */
const LARGE: Array<[what: string, url: () => string, type: RegExp]> = [
  ['the program (cached)', () => '/api/editions/bluehats-2023/program', /^application\/json/],
  ['schedule.json (cached)', () => '/api/editions/bluehats-2023/schedule.json', /^application\/json/],
  ['schedule.xml (cached)', () => '/api/editions/bluehats-2023/schedule.xml', /^(application|text)\/xml/],
  ['the iCalendar (cached)', () => '/api/editions/bluehats-2023/calendar.ics', /^text\/calendar/],
  ['the announcement in Markdown (cached)', () => '/api/editions/bluehats-2023/announcement.md', /^text\/markdown/],
  ['a stock list (computed)', () => '/api/sessions?populate=speakers', /^application\/json/],
  ['the edition page (cached HTML)', () => '/editions/bluehats-2023', /^text\/html/],
  ['the program page (cached HTML)', () => '/editions/bluehats-2023/programme', /^text\/html/],
  ['a session page (cached HTML)', () => `/editions/bluehats-2023/programme/${sessionSlug}`, /^text\/html/],
];

describe.each(LARGE)('%s', (_what, url, type) => {
  it('is compressed in brotli or gzip as asked, to the same bytes and the same ETag as uncompressed', async () => {
    const plain = await get(url(), { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(type);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    expect(varies(plain)).toContain('accept-encoding');
    const etag = plain.headers.etag;
    expect(etag).toMatch(/^W\/"/);

    for (const [accept, encoding] of [
      ['gzip, br', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['*', 'gzip'],
    ]) {
      // Twice: once computed (or put in the cache), once served from it.
      for (const turn of ['first', 'again']) {
        const res = await get(url(), { 'Accept-Encoding': accept });
        const context = `${accept} (${turn})`;
        expect({ context, status: res.status, encoding: res.headers['content-encoding'] }).toEqual({ context, status: 200, encoding });
        expect(res.bytes.length).toBeLessThan(plain.bytes.length);
        expect(decode(res)).toBe(plain.bytes.toString('utf8'));
        expect(res.headers['content-type']).toBe(plain.headers['content-type']);
        expect({ context, etag: res.headers.etag }).toEqual({ context, etag });
        expect(varies(res)).toContain('accept-encoding');
      }
      appResponseCache.invalidate();
    }
  });

  it('still answers 304 to If-None-Match, whatever encoding the ETag came with', async () => {
    const compressed = await get(url(), { 'Accept-Encoding': 'gzip, br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    for (const accept of ['gzip, br', 'gzip', 'identity']) {
      const revalidated = await get(url(), { 'Accept-Encoding': accept, 'If-None-Match': compressed.headers.etag! });
      expect({ accept, status: revalidated.status }).toEqual({ accept, status: 304 });
      expect(revalidated.bytes.length).toBe(0);
      expect(revalidated.headers.etag).toBe(compressed.headers.etag);
      expect(varies(revalidated)).toContain('accept-encoding');
    }
    // Content that changed is sent again, compressed.
    const stale = await get(url(), { 'Accept-Encoding': 'gzip', 'If-None-Match': 'W/"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.headers['content-encoding']).toBe('gzip');
  });
});

describe('what is not compressed', () => {
  /** An answer put in the response cache under an address of its own: the early path serves it as it is. */
  const cached = (type: string, body: string) => {
    appResponseCache.invalidate();
    (appResponseCache as any).set('/api/compression-probe?', { type, body }, null);
    return get('/api/compression-probe', { 'Accept-Encoding': 'gzip, br' });
  };

  it('compresses from 1 KB on: 1,023 bytes stay as they are, 1,024 are compressed', async () => {
    for (const [size, encoding] of [
      [1023, undefined],
      [1024, 'br'],
    ] as const) {
      const body = JSON.stringify({ data: 'x'.repeat(size - 11) });
      expect(Buffer.byteLength(body)).toBe(size);
      const res = await cached('application/json; charset=utf-8', body);
      expect({ size, status: res.status, encoding: res.headers['content-encoding'] }).toEqual({ size, status: 200, encoding });
      expect(decode(res)).toBe(body);
      expect(varies(res)).toContain('accept-encoding');
    }
  });

  it('leaves a cached answer of another type as it is, however large', async () => {
    const res = await cached('image/png', 'x'.repeat(4096));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.bytes.length).toBe(4096);
  });

  it('leaves answers under 1 KB as they are, and says they vary', async () => {
    const small = await get('/api/nope', { 'Accept-Encoding': 'gzip, br' });
    expect(small.status).toBe(404);
    expect(small.bytes.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString('utf8')).error.details.code).toBe('ROUTE_NOT_FOUND');
    expect(varies(small)).toContain('accept-encoding');
  });

  it('compresses a refusal above 1 KB like any other JSON answer', async () => {
    const long = 'x'.repeat(1500);
    const res = await get(`/api/editions?filters[${long}][$eq]=1`, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(res)).error.details).toMatchObject({ code: 'INVALID_QUERY_PARAMETER', key: long });
  });

  it('leaves fonts and images alone, and compresses the style sheet the pages load', async () => {
    const dsfr = path.dirname(require.resolve('@gouvfr/dsfr/package.json'));
    const version = JSON.parse(fs.readFileSync(path.join(dsfr, 'package.json'), 'utf8')).version;
    const font = fs.readdirSync(path.join(dsfr, 'dist', 'fonts')).find((f) => f.endsWith('.woff2'));
    const woff = await get(`/assets/dsfr/${version}/fonts/${font}`, { 'Accept-Encoding': 'gzip, br' });
    expect(woff.status).toBe(200);
    expect(woff.bytes.length).toBeGreaterThan(1024);
    expect(woff.headers['content-encoding']).toBeUndefined();
    const css = await get(`/assets/dsfr/${version}/dsfr.min.css`, { 'Accept-Encoding': 'gzip, br' });
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(decode(css)).toBe(fs.readFileSync(path.join(dsfr, 'dist', 'dsfr.min.css'), 'utf8'));
  });
});
