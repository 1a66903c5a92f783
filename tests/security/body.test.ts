/**
 * Request bodies of any shape, on every route that takes one from the public (and the admin login):
 * never a 5xx, and every refusal in Strapi's error shape with a stable code.
 * Before the fix, a deeply nested body answered 500: a route middleware serialised the parsed body
 * again (JSON.stringify recurses), and GraphQL variables were coerced recursively.
 */
import zlib from 'zlib';
import { api } from '../harness/factories';

let ip = 0;
const freshIp = () => `198.51.100.${(ip++ % 250) + 1}`;

/** Deep bodies are written as text: building them as objects and serialising would overflow here too. */
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const compactDeepObject = (levels: number) => '{"":'.repeat(levels) + '0' + '}'.repeat(levels);

type Route = { method: 'post' | 'put'; path: string; graphql?: boolean };
const TOKEN = 'a'.repeat(43);
const PUBLIC_ROUTES: Route[] = [
  { method: 'post', path: '/api/proposals' },
  { method: 'put', path: `/api/proposals/mine/${TOKEN}` },
  { method: 'post', path: `/api/proposals/mine/${TOKEN}/withdraw` },
  { method: 'post', path: `/api/proposals/mine/${TOKEN}/confirm` },
  { method: 'post', path: `/api/proposals/mine/${TOKEN}/decline` },
  { method: 'post', path: '/api/auth/local' },
  { method: 'post', path: '/api/auth/local/register' },
  { method: 'post', path: '/api/auth/forgot-password' },
  { method: 'post', path: '/api/auth/reset-password' },
  { method: 'post', path: '/api/auth/send-email-confirmation' },
  { method: 'post', path: '/api/auth/refresh' },
  { method: 'post', path: '/graphql', graphql: true },
  // The body parser skips exactly "/graphql"; with a query string it parses the body itself.
  { method: 'post', path: '/graphql?operationName=q', graphql: true },
];
const ROUTES: Route[] = [...PUBLIC_ROUTES, { method: 'post', path: '/admin/login' }];

/** A GraphQL request carries the nesting in its variables, where a GraphQL server reads it. */
const shaped = (route: Route, nested: string) =>
  route.graphql
    ? `{"query":"query q($f: EditionFiltersInput) { editions(filters: $f) { documentId } }","variables":{"f":{"slug":{"in":${nested}}}}}`
    : `{"data":${nested}}`;

function send(route: Route, body: string | Buffer, contentType = 'application/json', headers: Record<string, string> = {}) {
  let request = api()[route.method](route.path).set('X-Forwarded-For', freshIp()).set('Content-Type', contentType);
  for (const [k, v] of Object.entries(headers)) request = request.set(k, v);
  // Bytes as they are: superagent would otherwise serialise a Buffer as JSON.
  if (Buffer.isBuffer(body)) request = request.serialize((bytes: Buffer) => bytes);
  return request.send(body);
}

/** REST refusals use Strapi's shape; GraphQL answers carry the same fields in each error's extensions. */
function codeOf(res: { body: any }): string | undefined {
  if (res.body?.error) return res.body.error.details?.code;
  return res.body?.errors?.[0]?.extensions?.code;
}

function expectStrapiRefusal(res: { status: number; body: any; text: string }, status: number, code: string) {
  expect({ status: res.status, code: codeOf(res) }).toEqual({ status, code });
  if (res.body?.error) {
    expect(res.body).toEqual({
      data: null,
      error: { status, name: expect.any(String), message: expect.any(String), details: expect.objectContaining({ code }) },
    });
  } else {
    expect(res.body.errors[0]).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect(res.body.errors[0].extensions.error).toEqual(
      expect.objectContaining({ name: expect.any(String), message: res.body.errors[0].message, details: expect.objectContaining({ code }) })
    );
  }
}

function expectNoServerError(res: { status: number; body: any; text: string }) {
  expect(res.status).toBeLessThan(500);
  expect(res.text).not.toMatch(/Maximum call stack|Internal Server Error|INTERNAL_SERVER_ERROR/);
  if (res.status >= 400 && res.body?.error) {
    expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status: res.status, name: expect.any(String), message: expect.any(String) }) });
  }
}

describe.each(ROUTES)('$method $path', (route) => {
  it('refuses an 8,000-level array with 400 BODY_TOO_DEEP', async () => {
    const res = await send(route, shaped(route, deepArray(8000)));
    expectStrapiRefusal(res, 400, 'BODY_TOO_DEEP');
  });

  it('refuses a 5,000-level object with 400 BODY_TOO_DEEP', async () => {
    const res = await send(route, shaped(route, compactDeepObject(5000)));
    expectStrapiRefusal(res, 400, 'BODY_TOO_DEEP');
  });

  it('refuses a 20,000-level object without a 5xx (too deep, or too large for the route)', async () => {
    const res = await send(route, shaped(route, deepObject(20000)));
    expectNoServerError(res);
    expect([400, 413]).toContain(res.status);
    expect(['BODY_TOO_DEEP', 'PAYLOAD_TOO_LARGE']).toContain(codeOf(res));
  });

  it('refuses a 2 MB body with 413 PAYLOAD_TOO_LARGE, in French by default and in English on request', async () => {
    const body = JSON.stringify({ data: { abstract: 'x'.repeat(2 * 1024 * 1024) } });
    const fr = await send(route, body);
    expectStrapiRefusal(fr, 413, 'PAYLOAD_TOO_LARGE');
    expect(fr.body.error.message).toMatch(/dépasse/);
    const en = await send(route, body, 'application/json', { 'Accept-Language': 'en' });
    expect(en.body.error.message).toMatch(/exceeds/);
  });

  it('refuses malformed JSON with 400 MALFORMED_BODY', async () => {
    for (const body of ['{"data": {', '{"data": [1,}', 'null', '"text"', '12']) {
      const res = await send(route, body);
      expectStrapiRefusal(res, 400, 'MALFORMED_BODY');
    }
  });

  it('answers other content types and encodings without a 5xx', async () => {
    const bodies: Array<[string | Buffer, string, Record<string, string>?]> = [
      ['{"data":{"title":"x"}}', 'text/plain'],
      ['<data><title>x</title></data>', 'application/xml'],
      ['data[a][b][c][d][e][f][g][h][i][j][k]=1&data[title]=x', 'application/x-www-form-urlencoded'],
      [`--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n${deepArray(4000)}\r\n--b--\r\n`, 'multipart/form-data; boundary=b'],
      ['', 'application/json'],
      ['{"data":{}}', 'application/json; charset=utf-16'],
      ['{"data":{}}', 'application/octet-stream'],
      [zlib.gzipSync('{"data":{}}'), 'application/json', { 'Content-Encoding': 'gzip' }],
      [Buffer.from('not gzip at all'), 'application/json', { 'Content-Encoding': 'gzip' }],
      ['{"data":{}}', 'application/json', { 'Content-Encoding': 'br' }],
    ];
    for (const [body, type, headers] of bodies) {
      const res = await send(route, body, type, headers);
      expectNoServerError(res);
    }
  });

  it('refuses a compressed body that inflates beyond the limit with 413', async () => {
    const bomb = zlib.gzipSync(Buffer.from(`{"data":"${'0'.repeat(4 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(32 * 1024);
    const res = await send(route, bomb, 'application/json', { 'Content-Encoding': 'gzip' });
    expectStrapiRefusal(res, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe.each(PUBLIC_ROUTES)('public $method $path', (route) => {
  it('refuses a 40 KB string (over the public limit) with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await send(route, JSON.stringify({ query: '{ __typename }', data: { abstract: 'é'.repeat(20 * 1024) } }));
    expectStrapiRefusal(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 3,000 unknown keys without a 5xx', async () => {
    const keys = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 0]));
    const res = await send(route, JSON.stringify(route.graphql ? { query: '{ __typename }', variables: keys } : { data: keys, ...keys }));
    expectNoServerError(res);
  });
});

describe('the admin keeps bodies larger than a proposal', () => {
  it('parses a 100 KB admin body (refused for its credentials, not its size)', async () => {
    const res = await api()
      .post('/admin/login')
      .send({ email: 'nobody@example.org', password: 'x'.repeat(100 * 1024) });
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(413);
  });

  it('parses a 30-level admin body', async () => {
    const res = await send(
      { method: 'post', path: '/admin/login' },
      `{"email":"nobody@example.org","password":"x","deviceId":${'['.repeat(29)}${']'.repeat(29)}}`
    );
    expect(res.status).toBeLessThan(500);
    expect(codeOf(res)).not.toBe('BODY_TOO_DEEP');
  });
});

describe('the GraphQL endpoint as the router reaches it (any case, a trailing slash)', () => {
  it.each(['/GraphQL', '/graphql/'])('%s refuses a declared body over the public limit before reading it', async (path) => {
    const res = await api()
      .post(path)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(40_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.details.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
