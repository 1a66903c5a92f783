/**
 * What the server tells strangers, whatever NODE_ENV it was started with: no stack trace or server
 * path in GraphQL errors, no GraphQL landing page, no X-Powered-By. In production, the admin's
 * session cookie is Secure whenever the request came over HTTPS (directly or through a trusted proxy),
 * and the admin still works over plain http on localhost (the demo).
 * Before the fix, `npm start` ran in development mode: traces with paths, and the landing page.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { api } from '../harness/factories';
import { startApp, type AppProcess } from './support/app-process';

const appDir = path.resolve(__dirname, '..', '..');
const ADMIN = { email: 'prod-admin@example.org', password: 'Production2026', firstname: 'Admin', lastname: 'Prod' };

const GRAPHQL_ERRORS: Array<[string, object]> = [
  ['a syntax error', { query: '{ editions { ' }],
  ['an unknown field', { query: '{ editions { nope } }' }],
  ['a bad variable', { query: 'query q($n: Int) { editions(pagination: { limit: $n }) { documentId } }', variables: { n: 'many' } }],
  ['a resolver error', { query: '{ program(edition: "no-such-edition") { days { date } } }' }],
  ['a refused mutation', { query: 'mutation { submitProposal(data: { edition: "no-such-edition" }) { reference } }' }],
];

function expectNoTrace(res: { status: number; text: string; body: any }) {
  expect(res.status).toBeLessThan(500);
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/stacktrace/i);
  expect(res.text).not.toContain(appDir);
  expect(res.text).not.toMatch(/node_modules|\.js:\d+|\bat [A-Za-z.<>]+ \(/);
}

async function expectNoLandingPage(http: () => any) {
  const res = await http().get('/graphql').set('Accept', 'text/html');
  expect(res.headers['content-type'] ?? '').not.toMatch(/text\/html/);
  expect(res.text).not.toMatch(/<html|<!doctype|landing-?page|sandbox/i);
}

function adminRefreshCookie(res: { headers: Record<string, string | string[]> }): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const refresh = cookies.find((c) => c.startsWith('strapi_admin_refresh='));
  if (!refresh) throw new Error(`no admin refresh cookie in ${JSON.stringify(cookies)}`);
  return refresh;
}

describe.each([
  ['development', 'as `strapi start` runs without NODE_ENV'],
  ['production', 'as `npm start` and `npm run demo` run'],
])('NODE_ENV=%s (%s)', (mode) => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ NODE_ENV: mode, TRUST_PROXY: 'true' });
  }, 120_000);
  afterAll(() => app?.stop());

  it.each(GRAPHQL_ERRORS)('GraphQL answers %s without a stack trace or a server path', async (_label, body) => {
    expectNoTrace(await app.http().post('/graphql').send(body));
  });

  it('does not serve the GraphQL landing page', async () => {
    await expectNoLandingPage(app.http);
  });

  it('sends no X-Powered-By', async () => {
    for (const route of ['/_health', '/api/editions', '/admin/init', '/graphql?query=%7B__typename%7D', '/nowhere']) {
      const res = await app.http().get(route);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  if (mode === 'production') {
    it('lets an administrator log in over plain http on localhost (the demo), with a cookie that is not Secure there', async () => {
      const registered = await app.http().post('/admin/register-admin').send(ADMIN);
      expect([200, 201]).toContain(registered.status);
      const login = await app.http().post('/admin/login').send({ email: ADMIN.email, password: ADMIN.password });
      expect(login.status).toBe(200);
      expect(login.body.data.token).toEqual(expect.any(String));
      expect(adminRefreshCookie(login)).not.toMatch(/;\s*secure/i);
    });

    it('marks the admin cookie Secure, HttpOnly and SameSite when the request came over HTTPS through the proxy', async () => {
      const login = await app
        .http()
        .post('/admin/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ email: ADMIN.email, password: ADMIN.password, rememberMe: true });
      expect(login.status).toBe(200);
      const cookie = adminRefreshCookie(login);
      expect(cookie).toMatch(/;\s*secure/i);
      expect(cookie).toMatch(/;\s*httponly/i);
      expect(cookie).toMatch(/;\s*samesite=(lax|strict)/i);
    });
  }
});

describe('the common test instance', () => {
  it.each(GRAPHQL_ERRORS)('GraphQL answers %s without a stack trace or a server path', async (_label, body) => {
    expectNoTrace(await api().post('/graphql').send(body));
  });

  it('does not serve the GraphQL landing page', async () => {
    await expectNoLandingPage(api);
  });

  it('sends no X-Powered-By on API, admin and health answers', async () => {
    for (const route of ['/_health', '/api/editions', '/admin/init', '/admin/users/me', '/graphql?query=%7B__typename%7D', '/documentation', '/nowhere']) {
      const res = await api().get(route);
      expect({ route, poweredBy: res.headers['x-powered-by'] }).toEqual({ route, poweredBy: undefined });
    }
  });
});

describe('npm scripts', () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')).scripts as Record<string, string>;

  /** The step that starts the app: `strapi start`, or the demo's server (Strapi with a mail catcher). */
  const START = /\bstrapi start\b|\bnode database\/seed\/demo-server\.js\b/;

  /** Runs the script's starting step through sh, as npm does, with a stand-in that prints NODE_ENV. */
  function modeOf(name: string, env: Record<string, string | undefined>): string {
    const step = scripts[name]
      .split('&&')
      .map((s) => s.trim())
      .find((s) => START.test(s));
    if (!step) throw new Error(`no step starting the app in ${scripts[name]}`);
    const probe = step.replace(START, `node -e "process.stdout.write(String(process.env.NODE_ENV))"`);
    const childEnv = { ...process.env, ...env };
    for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
    return execFileSync('sh', ['-c', probe], { env: childEnv as NodeJS.ProcessEnv }).toString();
  }

  it.each(['start', 'demo'])('`npm run %s` starts Strapi in production mode unless NODE_ENV says otherwise', (name) => {
    expect(modeOf(name, { NODE_ENV: undefined })).toBe('production');
    expect(modeOf(name, { NODE_ENV: 'development' })).toBe('development');
  });
});
