/** Site rebuilds: debounced, signed, retried, exactly once, on content changes and date boundaries. */
import http from 'http';
import path from 'path';
import { spawn } from 'child_process';
import { adminToken, api, createEdition, createSession } from '../harness/factories';

const TARGET = 'api::rebuild-target.rebuild-target';
const DELIVERY = 'api::delivery.delivery';
const SECRET = 'un-secret-de-signature-tres-long';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}
const received: Received[] = [];
let failing = false;
let receiver: http.Server;
let url: string;
let token: string;

const webhooks = () => strapi.service('api::rebuild-target.deliveries');
const at = (iso: string, seconds = 0) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
const eventsReceived = () => received.flatMap((r) => r.json.events.map((e: any) => e.type));

async function createTarget(data: Record<string, unknown> = {}) {
  return strapi.documents(TARGET).create({
    data: { name: 'Site de test', url, method: 'POST', secret: SECRET, enabled: true, quietPeriodSeconds: 10, maxAttempts: 5, ...data } as any,
  });
}

beforeAll(async () => {
  token = await adminToken();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503).end('indisponible');
        return;
      }
      received.push({ headers: req.headers, body, json: body ? JSON.parse(body) : null });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/build`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
  await strapi.db.query(DELIVERY).deleteMany({});
  await strapi.db.query(TARGET).deleteMany({});
  await strapi.db.query('api::job-mark.job-mark').deleteMany({});
  received.length = 0;
  failing = false;
  testClock.set('2023-12-05T10:00:00.000Z');
});

describe('content changes', () => {
  it('coalesce a burst of 20 publishes into 1 call, after the quiet period', async () => {
    await createTarget();
    const edition = await createEdition({ programPublicationDate: '2023-12-04T08:00:00.000Z' });
    received.length = 0;
    await strapi.db.query(DELIVERY).deleteMany({});
    for (let i = 0; i < 20; i++) {
      testClock.set(at('2023-12-05T10:00:00.000Z', i * 0.2));
      await createSession({ title: `Session ${i}`, edition: edition.documentId });
    }
    testClock.set(at('2023-12-05T10:00:03.800Z', 9.9));
    expect(await webhooks().deliverDue()).toEqual({});
    testClock.set(at('2023-12-05T10:00:03.800Z', 10));
    expect(await webhooks().deliverDue()).toEqual({ sent: 1 });
    expect(received).toHaveLength(1);
    // Each publication, one by one after the program date, is also a program version (src/api/program-version).
    const events = received[0].json.events.filter((e: any) => e.type === 'content.published');
    expect(events).toHaveLength(20);
    expect(received[0].json.events.filter((e: any) => e.type === 'program.changed').map((e: any) => e.version.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1)
    );
    expect(events[0]).toMatchObject({ type: 'content.published', contentType: 'session', edition: { documentId: edition.documentId, slug: edition.slug } });
    expect(await webhooks().deliverDue()).toEqual({});
  });

  it('says nothing of a session kept back by the program embargo until the scheduler publishes it', async () => {
    await createTarget({ quietPeriodSeconds: 0 });
    const edition = await createEdition({ programPublicationDate: '2023-12-06T08:00:00.000Z' });
    await webhooks().deliverDue();
    received.length = 0;
    const session = await createSession({ title: 'Sous embargo', edition: edition.documentId });
    await webhooks().deliverDue();
    expect(received).toHaveLength(0);
    testClock.set('2023-12-06T08:00:00.000Z');
    await strapi.service('api::session.embargo').publishDue();
    await webhooks().deliverDue();
    // The scheduler's publication, then the program's version 1 it made.
    expect(received.flatMap((r) => r.json.events).map((e: any) => [e.type, e.documentId ?? e.version?.number])).toEqual([
      ['content.published', session.documentId],
      ['program.changed', 1],
    ]);
  });

  it('tells unpublish and delete apart, and follows the target filter', async () => {
    await createTarget({ events: ['content.unpublished', 'content.deleted'] });
    const session = await createSession({ title: 'Éphémère' });
    await strapi.documents('api::session.session').unpublish({ documentId: session.documentId, locale: 'fr' });
    await strapi.documents('api::session.session').delete({ documentId: session.documentId, locale: 'fr' });
    testClock.set(at('2023-12-05T10:00:00.000Z', 11));
    await webhooks().deliverDue();
    expect(eventsReceived()).toEqual(['content.unpublished', 'content.deleted']);
  });
});

describe('date boundaries', () => {
  const DEADLINE_END = '2023-11-20T23:00:00.000Z';

  it('fire once each at the boundary, and a job that was down emits what it missed', async () => {
    await createTarget({ events: ['cfp.*', 'decisions.*', 'program.*', 'edition.*'], quietPeriodSeconds: 0 });
    testClock.set('2023-11-01T00:00:00.000Z');
    const edition = await createEdition({ responseDate: '2023-12-03T08:00:00.000Z', programPublicationDate: '2023-12-04T08:00:00.000Z' });
    // Other editions of this file share the dates: look at this one only.
    const emit = async () => (await webhooks().emitBoundaries()).filter((e: string) => e.startsWith(`${edition.slug}:`)).sort();
    testClock.set(at(DEADLINE_END, -0.001));
    expect(await emit()).toEqual([]); // cfp.opened is older than the lookback
    testClock.set(DEADLINE_END);
    expect(await emit()).toEqual([`${edition.slug}:cfp.closed`]);
    expect(await emit()).toEqual([]);
    // Down from before the response date until after the program publication: both are emitted, once.
    testClock.set('2023-12-04T09:00:00.000Z');
    expect(await emit()).toEqual([`${edition.slug}:decisions.released`, `${edition.slug}:program.published`]);
    expect(await emit()).toEqual([]);
    testClock.set('2023-12-06T13:00:00.000Z');
    expect(await emit()).toEqual([`${edition.slug}:edition.started`]);
    testClock.set('2023-12-07T16:00:00.000Z');
    expect(await emit()).toEqual([`${edition.slug}:edition.ended`]);
    await webhooks().deliverDue();
    const mine = received
      .flatMap((r) => r.json.events)
      .filter((e: any) => e.edition?.slug === edition.slug)
      .map((e: any) => e.type);
    expect(mine.sort()).toEqual(['cfp.closed', 'decisions.released', 'edition.ended', 'edition.started', 'program.published']);
  });
});

describe('delivery', () => {
  it('is signed so that a receiver can verify it and refuse replays', async () => {
    await createTarget({ quietPeriodSeconds: 0 });
    await createEdition();
    await webhooks().deliverDue();
    const [request] = received;
    const { verifySignature } = require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'domain', 'webhooks.js'));
    const header = String(request.headers['x-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, request.body, header, new Date('2023-12-05T10:00:00.000Z'))).toBe(true);
    expect(verifySignature('un autre secret', request.body, header, new Date('2023-12-05T10:00:00.000Z'))).toBe(false);
    expect(verifySignature(SECRET, request.body.replace('published', 'deleted'), header, new Date('2023-12-05T10:00:00.000Z'))).toBe(false);
    expect(verifySignature(SECRET, request.body, header, new Date('2023-12-05T10:10:00.000Z'))).toBe(false); // replayed 10 min later
    // Independently of our helper: HMAC-SHA256 of "t.body".
    const crypto = require('crypto');
    const t = header.split(',')[0].slice(2);
    expect(header.split('v1=')[1]).toBe(crypto.createHmac('sha256', SECRET).update(`${t}.${request.body}`).digest('hex'));
  });

  it('fits a GitHub repository_dispatch through the body template and headers', async () => {
    await createTarget({
      quietPeriodSeconds: 0,
      bodyTemplate: '{"event_type":"bluehats-rebuild","client_payload":{"events":{{eventTypes}}}}',
      headers: { Authorization: 'Bearer {{secret}}', Accept: 'application/vnd.github+json' },
    });
    await createEdition();
    await webhooks().deliverDue();
    expect(received[0].json).toEqual({ event_type: 'bluehats-rebuild', client_payload: { events: ['content.published'] } });
    expect(received[0].headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('survives a receiver that is down for a while: retried with backoff, every event arrives once', async () => {
    await createTarget({ quietPeriodSeconds: 0 });
    failing = true;
    await createEdition();
    expect(await webhooks().deliverDue()).toEqual({ pending: 1 });
    const afterFirst = await strapi.db.query(DELIVERY).findOne({});
    expect(afterFirst).toMatchObject({ attempts: 1, lastStatus: 503, state: 'pending' });
    expect(await webhooks().deliverDue()).toEqual({}); // backing off
    testClock.set(at('2023-12-05T10:00:00.000Z', 60));
    expect(await webhooks().deliverDue()).toEqual({ pending: 1 });
    const second = await strapi.db.query(DELIVERY).findOne({});
    expect(Date.parse(second.dueAt) - Date.parse(at('2023-12-05T10:00:00.000Z', 60))).toBeGreaterThanOrEqual(48_000); // 2nd backoff ≥ 0.8 × 60 s
    await createEdition(); // a new change while the receiver is down goes into a new delivery
    failing = false;
    testClock.set(at('2023-12-05T10:00:00.000Z', 3600));
    expect(await webhooks().deliverDue()).toEqual({ sent: 2 });
    expect(eventsReceived()).toEqual(['content.published', 'content.published']);
    expect(new Set(received.map((r) => r.json.id)).size).toBe(2);
    testClock.set(at('2023-12-05T10:00:00.000Z', 7200));
    expect(await webhooks().deliverDue()).toEqual({});
  });

  it('gives up after the limit and shows the failure to editors', async () => {
    await createTarget({ quietPeriodSeconds: 0, maxAttempts: 2 });
    failing = true;
    await createEdition();
    await webhooks().deliverDue();
    testClock.set(at('2023-12-05T10:00:00.000Z', 3600));
    expect(await webhooks().deliverDue()).toEqual({ failed: 1 });
    const res = await api()
      .get(`/content-manager/collection-types/${DELIVERY}`)
      .query({ filters: { state: { $eq: 'failed' } } })
      .set('Authorization', `Bearer ${token}`);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({ state: 'failed', attempts: 2, lastStatus: 503 });
  });

  it('is sent once when passes overlap', async () => {
    await createTarget({ quietPeriodSeconds: 0 });
    for (let i = 0; i < 3; i++) await createEdition();
    const outcomes = await Promise.all([webhooks().deliverDue(), webhooks().deliverDue(), webhooks().deliverDue()]);
    expect(outcomes.reduce((n: number, o: any) => n + (o.sent ?? 0), 0)).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0].json.events).toHaveLength(3);
  });

  it('is sent once with two app instances on one database', async () => {
    const target = await createTarget({ quietPeriodSeconds: 0 });
    for (let i = 0; i < 5; i++) {
      await strapi.db.query(DELIVERY).create({
        data: {
          target: (await strapi.db.query(TARGET).findOne({ where: { documentId: target.documentId } })).id,
          events: [{ type: 'test', at: '2023-12-05T10:00:00.000Z', n: i }],
          state: 'pending',
          attempts: 0,
          firstEventAt: '2023-12-05T10:00:00.000Z',
          dueAt: '2023-12-05T10:00:00.000Z',
        },
      });
    }
    let go: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (go = resolve));
    const other = new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'second-instance.js')], {
        env: { ...process.env, CLOCK: '2023-12-05T10:00:00.000Z', CALL: 'api::rebuild-target.deliveries#deliverDue', ROUNDS: '3', COUNT_UID: DELIVERY },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('READY')) go();
      });
      ready.then(() => child.stdin.write('go\n'));
      child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop()!) : reject(new Error(`second instance exited ${code}`))));
    });
    await ready;
    const mine: any[] = [];
    for (let i = 0; i < 20 && mine.reduce((n, o) => n + (o.sent ?? 0), 0) < 5; i++) {
      mine.push(await webhooks().deliverDue());
      await new Promise((r) => setTimeout(r, 50));
    }
    const { results: theirs, seen } = JSON.parse(await other);
    expect(seen).toBe(5); // the second instance works on the same database
    const sent = [...mine, ...theirs].reduce((n: number, o: any) => n + (o.sent ?? 0), 0);
    expect(sent).toBe(5);
    expect(received).toHaveLength(5);
    expect(new Set(received.map((r) => r.json.events[0].n)).size).toBe(5);
  }, 60_000);
});

describe('administration', () => {
  it('never gives the secret back, in the admin or anywhere else', async () => {
    const target = await createTarget();
    const one = await api().get(`/content-manager/collection-types/${TARGET}/${target.documentId}`).set('Authorization', `Bearer ${token}`);
    expect(one.status).toBe(200);
    expect(one.body.data.name).toBe('Site de test');
    expect(JSON.stringify(one.body)).not.toContain(SECRET);
    const list = await api().get(`/content-manager/collection-types/${TARGET}`).set('Authorization', `Bearer ${token}`);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    const rows = await strapi.db.query(TARGET).findMany({});
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(rows[0].secret ?? null).toBeNull();
    // Saving again without a secret keeps the current one.
    const save = await api()
      .put(`/content-manager/collection-types/${TARGET}/${target.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Site renommé' });
    expect(save.status).toBe(200);
    expect(await webhooks().readSecret(target.documentId)).toBe(SECRET);
    expect((await api().get('/api/rebuild-targets')).status).toBe(404);
    const gql = await api().post('/graphql').send({ query: '{ rebuildTargets { secret } }' });
    expect(gql.status).toBe(400);
  });

  it('sends a test event from the admin', async () => {
    const target = await createTarget({ events: ['program.published'] });
    const res = await api().post(`/bluehats/rebuild-targets/${target.documentId}/test`).set('Authorization', `Bearer ${token}`);
    expect(res.body).toMatchObject({ data: { state: 'sent', status: 204 } });
    expect(res.status).toBe(200);
    expect(eventsReceived()).toEqual(['test']);
  });
});
