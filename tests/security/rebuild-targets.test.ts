/**
 * Rebuild targets as an attack path: a stored secret sent to a new address, requests to the
 * server's own network (cloud metadata at 169.254.169.254, loopback, private ranges), and the test
 * action as a window onto what those answer.
 *
 * The harness boots with REBUILD_ALLOW_PRIVATE_TARGETS=true, for the local receiver. The app reads
 * the flag from its config at each save and each send, so these tests turn it off at run time
 * (`strapi.config.set`) exactly as a boot without the variable would have it.
 */
import http from 'http';
import { adminToken, api } from '../harness/factories';

const TARGET = 'api::rebuild-target.rebuild-target';
const DELIVERY = 'api::delivery.delivery';
const FLAG = 'rebuilds.allowPrivateTargets';
const SECRET = 'secret-actuel-de-la-cible-0001';
// What an internal service might answer: it must never come back to the admin.
const LEAKY_BODY = 'AccessKeyId=AKIAIOSFODNN7EXAMPLE SecretAccessKey=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

interface Hit {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}
const hits: Hit[] = [];
let receiver: http.Server;
let port: number;
let token: string;

const webhooks = () => strapi.service('api::rebuild-target.deliveries');
const cm = (method: 'post' | 'put', path = '') => api()[method](`/content-manager/collection-types/${TARGET}${path}`).set('Authorization', `Bearer ${token}`);
const local = (path: string) => `http://127.0.0.1:${port}${path}`;

async function createTarget(data: Record<string, unknown> = {}) {
  return strapi.documents(TARGET).create({
    data: {
      name: 'Cible',
      url: local('/ok'),
      method: 'POST',
      secret: SECRET,
      headers: { Authorization: 'Bearer {{secret}}' },
      enabled: true,
      quietPeriodSeconds: 0,
      maxAttempts: 3,
      ...data,
    } as any,
  });
}
const stored = (documentId: string) => strapi.db.query(TARGET).findOne({ where: { documentId } });

beforeAll(async () => {
  token = await adminToken();
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ method: req.method!, path: req.url!, headers: req.headers });
      if (req.url === '/leak') res.writeHead(500, { 'Content-Type': 'text/plain' }).end(LEAKY_BODY);
      else if (req.url === '/leak-ok') res.writeHead(200, { 'Content-Type': 'text/plain' }).end(LEAKY_BODY);
      else if (req.url === '/redirect') res.writeHead(302, { Location: local('/after-redirect') }).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as { port: number }).port;
});

afterAll(async () => {
  strapi.config.set(FLAG, true);
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
  strapi.config.set(FLAG, true);
  await strapi.db.query(DELIVERY).deleteMany({});
  await strapi.db.query(TARGET).deleteMany({});
  hits.length = 0;
  testClock.set('2023-12-05T10:00:00.000Z');
});

describe('a new URL needs the secret again', () => {
  it('is refused in the admin without a new secret, in French with a stable code; URL and secret stay', async () => {
    const target = await createTarget();
    const res = await cm('put', `/${target.documentId}`).send({ name: 'Cible', url: 'https://attaquant.example.org/collecte', method: 'POST' });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { code: 'REBUILD_SECRET_REQUIRED' } });
    expect(res.body.error.message).toMatch(/secret/);
    expect(res.body.error.message).toMatch(/adresse/);
    expect(res.body.error.details.errors[0].path).toEqual(['secret']);
    expect((await stored(target.documentId)).url).toBe(local('/ok'));
    expect(await webhooks().readSecret(target.documentId)).toBe(SECRET);
  });

  it('is refused through the document service too', async () => {
    const target = await createTarget();
    await expect(strapi.documents(TARGET).update({ documentId: target.documentId, data: { url: local('/elsewhere') } as any })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { code: 'REBUILD_SECRET_REQUIRED' },
    });
    await expect(
      strapi.documents(TARGET).update({ documentId: target.documentId, data: { url: local('/elsewhere'), secret: '' } as any })
    ).rejects.toMatchObject({ details: { code: 'REBUILD_SECRET_REQUIRED' } });
    expect((await stored(target.documentId)).url).toBe(local('/ok'));
  });

  it('is accepted with a new secret, and the new address gets the new secret only', async () => {
    const target = await createTarget();
    const res = await cm('put', `/${target.documentId}`).send({ url: local('/new'), secret: 'nouveau-secret-0002' });
    expect(res.status).toBe(200);
    await webhooks().sendTest(target.documentId);
    expect(hits.map((h) => [h.path, h.headers.authorization])).toEqual([['/new', 'Bearer nouveau-secret-0002']]);
  });

  it('is not asked for when the form is saved again with the same URL, nor for a method change alone', async () => {
    const target = await createTarget();
    const same = await cm('put', `/${target.documentId}`).send({ name: 'Cible renommée', url: local('/ok'), method: 'POST', enabled: true });
    expect(same.status).toBe(200);
    const method = await cm('put', `/${target.documentId}`).send({ method: 'PUT' });
    expect(method.status).toBe(200);
    expect(await webhooks().readSecret(target.documentId)).toBe(SECRET);
    await webhooks().sendTest(target.documentId);
    expect(hits.map((h) => [h.method, h.path, h.headers.authorization])).toEqual([['PUT', '/ok', `Bearer ${SECRET}`]]);
  });

  it('is not asked for when the target has no secret', async () => {
    const target = await createTarget({ secret: undefined, headers: null });
    const res = await cm('put', `/${target.documentId}`).send({ url: local('/other') });
    expect(res.status).toBe(200);
  });
});

describe('addresses of the server’s own network, with REBUILD_ALLOW_PRIVATE_TARGETS off', () => {
  it('the test boot sets the flag from the environment', () => {
    expect(process.env.REBUILD_ALLOW_PRIVATE_TARGETS).toBe('true');
    expect(strapi.config.get(FLAG)).toBe(true);
  });

  describe('at save time', () => {
    beforeEach(() => strapi.config.set(FLAG, false));

    it.each([
      ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
      ['loopback', 'http://127.0.0.1:8080/'],
      ['loopback, decimal form', 'http://2130706433/'],
      ['loopback, hexadecimal form', 'http://0x7f.1/'],
      ['loopback, octal form', 'http://0177.0.0.1/'],
      ['localhost', 'http://localhost:1337/admin'],
      ['a name under localhost', 'https://api.localhost/'],
      ['IPv6 loopback', 'http://[::1]:1337/'],
      ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
      ['IPv4-mapped IPv6 metadata', 'http://[::ffff:a9fe:a9fe]/'],
      ['private 10/8', 'http://10.0.0.5/hook'],
      ['private 172.16/12', 'https://172.20.1.1/'],
      ['private 192.168/16', 'http://192.168.1.1/'],
      ['carrier-grade NAT', 'http://100.64.0.1/'],
      ['unspecified', 'http://0.0.0.0:1337/'],
      ['IPv6 link-local', 'http://[fe80::1]/'],
      ['IPv6 unique local', 'http://[fd00::1]/'],
    ])('refuses %s (%s) in the admin, with a stable code', async (_, url) => {
      const res = await cm('post').send({ name: 'Interne', url, method: 'POST', enabled: true });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'ValidationError', details: { code: 'REBUILD_TARGET_PRIVATE' } });
      expect(res.body.error.message).toMatch(/REBUILD_ALLOW_PRIVATE_TARGETS/);
      expect(res.body.error.details.errors[0].path).toEqual(['url']);
      expect(await strapi.db.query(TARGET).count({})).toBe(0);
    });

    it.each([
      ['file:', 'file:///etc/passwd'],
      ['gopher:', 'gopher://example.org:70/_x'],
      ['ftp:', 'ftp://example.org/'],
      ['not a URL', 'exemple point org'],
    ])('refuses a %s URL', async (_, url) => {
      const res = await cm('post').send({ name: 'Autre', url, method: 'POST', enabled: true });
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('REBUILD_TARGET_URL_INVALID');
      expect(await strapi.db.query(TARGET).count({})).toBe(0);
    });

    it('refuses through the document service, and on update', async () => {
      await expect(createTarget({ url: 'http://169.254.169.254/' })).rejects.toMatchObject({ details: { code: 'REBUILD_TARGET_PRIVATE' } });
      strapi.config.set(FLAG, true);
      const target = await createTarget({ url: 'https://hooks.example.org/build' });
      strapi.config.set(FLAG, false);
      await expect(
        strapi.documents(TARGET).update({ documentId: target.documentId, data: { url: 'http://[::1]/', secret: 'x' } as any })
      ).rejects.toMatchObject({ details: { code: 'REBUILD_TARGET_PRIVATE' } });
      expect((await stored(target.documentId)).url).toBe('https://hooks.example.org/build');
    });

    it('accepts a public address', async () => {
      const res = await cm('post').send({ name: 'Publique', url: 'https://api.github.com/repos/o/r/dispatches', method: 'POST', enabled: true });
      expect(res.status).toBe(201);
    });
  });

  describe('at send time, after name resolution', () => {
    it('refuses a name that resolves to loopback, sends nothing and says nothing of the address', async () => {
      const target = await createTarget({ url: `http://localhost:${port}/ok` });
      expect((await webhooks().sendTest(target.documentId)).state).toBe('sent'); // the flag on: delivered
      hits.length = 0;
      strapi.config.set(FLAG, false);
      const result = await webhooks().sendTest(target.documentId);
      expect(hits).toEqual([]);
      expect(result).toMatchObject({ state: 'failed', status: null });
      expect(result.error).toMatch(/REBUILD_ALLOW_PRIVATE_TARGETS/);
      for (const detail of ['127.0.0.1', '::1', String(port)]) expect(JSON.stringify(result)).not.toContain(detail);
    });

    it('refuses an address literal stored while the flag was on', async () => {
      const target = await createTarget();
      strapi.config.set(FLAG, false);
      const result = await webhooks().sendTest(target.documentId);
      expect(hits).toEqual([]);
      expect(result).toMatchObject({ state: 'failed', status: null });
      const row = await strapi.db.query(DELIVERY).findOne({ where: { target: { documentId: target.documentId } } });
      expect(row.lastError).not.toContain(String(port));
    });
  });
});

describe('the test action', () => {
  it.each([
    ['an error', '/leak', 500],
    ['a success', '/leak-ok', 200],
  ])('never gives back the body of %s answer, through the service or the admin route', async (_, path, status) => {
    const target = await createTarget({ url: local(path) });
    const result = await webhooks().sendTest(target.documentId);
    expect(result).toMatchObject({ status });
    expect(JSON.stringify(result)).not.toMatch(/AKIA|SecretAccessKey|EXAMPLEKEY/);
    const res = await api().post(`/bluehats/rebuild-targets/${target.documentId}/test`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status });
    expect(res.text).not.toMatch(/AKIA|SecretAccessKey|EXAMPLEKEY/);
    const rows = await strapi.db.query(DELIVERY).findMany({});
    expect(JSON.stringify(rows)).not.toMatch(/AKIA|SecretAccessKey|EXAMPLEKEY/);
    expect(hits).toHaveLength(2);
  });

  it('reports an unreachable target without the address, the port or the system error (no port-scan oracle)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const target = await createTarget({ url: `http://127.0.0.1:${closedPort}/` });
    const result = await webhooks().sendTest(target.documentId);
    expect(result.status).toBeNull();
    expect(result.error).toEqual(expect.any(String));
    for (const detail of ['127.0.0.1', String(closedPort), 'ECONNREFUSED', 'connect']) expect(result.error).not.toContain(detail);
  });

  it('does not follow redirects, which would lead past the address check', async () => {
    const target = await createTarget({ url: local('/redirect') });
    const result = await webhooks().sendTest(target.documentId);
    expect(result).toMatchObject({ status: 302 });
    expect(result.state).not.toBe('sent');
    expect(hits.map((h) => h.path)).toEqual(['/redirect']);
  });
});
