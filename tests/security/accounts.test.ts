/**
 * No feature needs content-API accounts (users-permissions): proposers are authorised by their
 * private link, editors log in to the admin. Registration is closed and the account routes say the
 * same thing to everyone, so that they reveal nothing about which addresses have an account.
 */
import path from 'path';
import { api } from '../harness/factories';

const accounts = () => require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'bootstrap', 'accounts.js'));
const USER = 'plugin::users-permissions.user';
const KNOWN = `known-${process.pid}@example.org`;
const UNKNOWN = `unknown-${process.pid}@example.org`;
let ip = 0;
const post = (route: string, body: object) => api().post(route).set('X-Forwarded-For', `203.0.113.${++ip}`).send(body);

async function advancedSettings() {
  return strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' }) as Promise<{ allow_register: boolean }>;
}

async function publicAccountGrants(): Promise<string[]> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const rows = await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
  return rows.map((r: { action: string }) => r.action).filter((a: string) => a.startsWith('plugin::users-permissions.'));
}

beforeAll(async () => {
  // An account made by hand in the admin, as an editor could: it must stay invisible from outside.
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await strapi.plugin('users-permissions').service('user').add({
    username: KNOWN,
    email: KNOWN,
    password: 'Connu2026!',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  mailbox.clear();
});

afterAll(async () => {
  await strapi.db.query(USER).deleteMany({ where: { email: { $in: [KNOWN, UNKNOWN, 'nouveau@example.org'] } } });
});

describe('registration', () => {
  it('is closed: no account is created', async () => {
    const res = await post('/api/auth/local/register', { username: 'nouveau', email: 'nouveau@example.org', password: 'Nouveau2026!' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({ data: null, error: expect.objectContaining({ status: res.status }) });
    expect(res.body.jwt).toBeUndefined();
    expect(await strapi.db.query(USER).count({ where: { email: 'nouveau@example.org' } })).toBe(0);
  });

  it('is switched off in the settings, and the Public role holds no account action', async () => {
    expect((await advancedSettings()).allow_register).toBe(false);
    expect(await publicAccountGrants()).toEqual([]);
  });

  it('closes again at every boot, idempotently, even after an editor reopened it', async () => {
    const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
    await store.set({ key: 'advanced', value: { ...(await advancedSettings()), allow_register: true } });
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::users-permissions.auth.register', role: role.id } });

    await accounts().closeContentApiAccounts(strapi);
    const once = { settings: await advancedSettings(), grants: await publicAccountGrants() };
    await accounts().closeContentApiAccounts(strapi);
    expect({ settings: await advancedSettings(), grants: await publicAccountGrants() }).toEqual(once);
    expect(once.settings.allow_register).toBe(false);
    expect(once.grants).toEqual([]);
    const res = await post('/api/auth/local/register', { username: 'nouveau', email: 'nouveau@example.org', password: 'Nouveau2026!' });
    expect(res.status).toBe(403);
  });
});

describe('the account routes say the same thing for a known and an unknown address', () => {
  const cases: Array<[string, (email: string) => object]> = [
    ['/api/auth/forgot-password', (email) => ({ email })],
    ['/api/auth/send-email-confirmation', (email) => ({ email })],
    ['/api/auth/local', (email) => ({ identifier: email, password: 'Mauvais2026!' })],
    ['/api/auth/reset-password', () => ({ code: 'nope', password: 'Nouveau2026!', passwordConfirmation: 'Nouveau2026!' })],
  ];

  it.each(cases)('%s', async (route, body) => {
    const known = await post(route, body(KNOWN));
    const unknown = await post(route, body(UNKNOWN));
    expect({ status: known.status, body: known.body }).toEqual({ status: unknown.status, body: unknown.body });
    expect(known.status).toBeGreaterThanOrEqual(400);
    expect(known.status).toBeLessThan(500);
    expect(known.body).toEqual({ data: null, error: expect.objectContaining({ status: known.status, name: expect.any(String), message: expect.any(String) }) });
  });

  it('sends no mail to the known address', async () => {
    await post('/api/auth/forgot-password', { email: KNOWN });
    await post('/api/auth/send-email-confirmation', { email: KNOWN });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.messages.filter((m) => m.to.includes(KNOWN))).toEqual([]);
    const user = await strapi.db.query(USER).findOne({ where: { email: KNOWN } });
    expect(user.resetPasswordToken).toBeNull();
  });
});
