/**
 * CORS: only the origins listed in CORS_ORIGINS may read answers from a browser, and never with
 * credentials. Before the fix, any Origin was echoed with Access-Control-Allow-Credentials: true,
 * on the REST API and on GraphQL (which adds its own CORS layer).
 */
import { api } from '../harness/factories';
import { startApp, type AppProcess } from './support/app-process';

const EVIL = 'https://evil.example';
const ALLOWED = 'https://site.example.org';

type Probe = { label: string; run: (http: () => any, origin: string) => Promise<any> };
const PROBES: Probe[] = [
  { label: 'GET /api/editions', run: (http, origin) => http().get('/api/editions').set('Origin', origin) },
  { label: 'POST /api/proposals', run: (http, origin) => http().post('/api/proposals').set('Origin', origin).send({ data: {} }) },
  { label: 'POST /graphql', run: (http, origin) => http().post('/graphql').set('Origin', origin).send({ query: '{ __typename }' }) },
  { label: 'GET /graphql', run: (http, origin) => http().get('/graphql?query=%7B__typename%7D').set('Origin', origin) },
  { label: 'GET /admin/init', run: (http, origin) => http().get('/admin/init').set('Origin', origin) },
  ...['/api/editions', '/api/proposals', '/graphql', '/admin/login'].map((path) => ({
    label: `preflight OPTIONS ${path}`,
    run: (http: () => any, origin: string) =>
      http().options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type'),
  })),
];

function expectNotShared(res: { status: number; headers: Record<string, string> }) {
  expect(res.status).toBeLessThan(500);
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(res.headers['access-control-allow-credentials']).toBeUndefined();
}

describe('with no CORS_ORIGINS (the default)', () => {
  it.each(PROBES)('an evil origin gets no CORS header on $label', async ({ run }) => {
    expectNotShared(await run(api, EVIL));
  });
});

describe(`with CORS_ORIGINS=${ALLOWED}`, () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ NODE_ENV: 'test', CORS_ORIGINS: ` ${ALLOWED}/ , https://other.example.org` });
  }, 120_000);
  afterAll(() => app?.stop());

  it.each(PROBES)('an evil origin still gets no CORS header on $label', async ({ run }) => {
    expectNotShared(await run(app.http, EVIL));
  });

  it.each(PROBES.filter((p) => !p.label.includes('admin')))('the allowed origin gets its own origin back, without credentials, on $label', async ({ run }) => {
    const res = await run(app.http, ALLOWED);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('lets a frontend read Retry-After and ETag', async () => {
    const res = await app.http().get('/api/editions').set('Origin', ALLOWED);
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
    expect(res.headers['access-control-expose-headers']).toMatch(/Retry-After/);
  });
});
