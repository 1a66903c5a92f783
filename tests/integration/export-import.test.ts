/**
 * Backup and move: `strapi export` of this app's database, then `strapi import` into an empty one,
 * with Strapi's own CLI, then the app booted on the copy with the same secrets (ENCRYPTION_KEY
 * above all). Everything comes back (rows per content type, drafts and published versions,
 * relations, components, program versions), and what is stored encrypted still works: the status
 * link and the invitation link from before open the same proposal, a mail sent afterwards carries
 * the same link, a rebuild call is signed with the same secret. The admin's accounts do not come
 * back: Strapi's transfer never carries them (README, « Backup, move and restore »).
 *
 * Three processes (export, import, one boot on the copy), a minute or more each on a busy machine:
 * one test, with its own long timeout.
 */
import http from 'http';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile, spawn } from 'child_process';
import { promisify } from 'util';
import { Client } from 'pg';
import { AFTER_PROGRAM_2023, adminToken, api, createEdition, createSession, createSpeaker } from '../harness/factories';
import { dataDigest } from '../harness/data-digest';

const appDir = path.resolve(__dirname, '..', '..');
const strapiCli = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
const SECRET = 'un-secret-de-signature-pour-la-restauration';
const PROPOSER = 'agent.restauration@example.org';
const CO_SPEAKER = 'alice.restauration@example.org';
const CLI_TIMEOUT_MS = 5 * 60_000;

const { verifySignature } = require(path.join(appDir, 'dist', 'src', 'domain', 'webhooks.js'));

const postgres = () => process.env.DATABASE_CLIENT === 'postgres';
const pgAdmin = () =>
  new Client({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: 'postgres',
  });
async function onPostgres(sql: string) {
  const client = pgAdmin();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Strapi's CLI, run as an operator runs it from the app's folder, on the database of `env`. */
async function cli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    return await promisify(execFile)(process.execPath, [strapiCli, ...args], { cwd: appDir, env, timeout: CLI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`strapi ${args[0]} failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
  }
}

interface Restored {
  port: number;
  digest: Awaited<ReturnType<typeof dataDigest>>;
  stop: () => Promise<void>;
}

/** The app booted on the restored database; stopped by a line on its stdin. */
function bootRestored(env: NodeJS.ProcessEnv): Promise<Restored> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(appDir, 'tests', 'harness', 'restored-instance.js')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      child.stdout.removeAllListeners('data');
      const { port, digest } = JSON.parse(line);
      resolve({
        port,
        digest,
        stop: async () => {
          child.stdin.write('stop\n');
          await exited;
        },
      });
    });
    child.on('exit', (code) => reject(new Error(`the restored app exited with ${code} before listening: ${out}`)));
  });
}

let receiver: http.Server;
let receiverUrl: string;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let workDir: string;
let restoredDatabase: string | undefined;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/restore`;
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluehats-restore-'));
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  fs.rmSync(workDir, { recursive: true, force: true });
  if (restoredDatabase) await onPostgres(`DROP DATABASE IF EXISTS "${restoredDatabase}" WITH (FORCE)`);
});

it(
  'export then import into an empty database gives everything back, and the encrypted secrets still work',
  async () => {
    await adminToken();
    // What an edition holds: a proposal with a co-speaker (status and invitation tokens), a program
    // published after its date (versions), a draft beside it, and a rebuild target with its secret.
    const edition = await createEdition({ rooms: [{ name: 'Salle BlueHats' }, { name: 'Atelier' }], contactEmail: 'contact@example.org' });
    const submitted = await api()
      .post('/api/proposals')
      .set('X-Forwarded-For', '10.181.0.1')
      .send({
        data: {
          edition: edition.slug,
          speakerName: 'Agent Restauration',
          email: PROPOSER,
          administrationName: 'DINUM',
          title: 'Sauvegarder et restaurer',
          abstract: 'Un résumé suffisamment long pour être accepté par le formulaire.',
          requestedDuration: 15,
          preferredDay: '2023-12-07',
          consentPublication: true,
          coSpeakers: [{ name: 'Alice Restauration', email: CO_SPEAKER, administrationName: 'DINUM' }],
        },
      });
    expect(submitted.status).toBe(201);
    const { statusToken, reference } = submitted.body.data as { statusToken: string; reference: string };
    const [invitation] = await mailbox.waitFor((m: { to: string; text: string }) => m.to === CO_SPEAKER && /\/invitation\/[A-Za-z0-9_-]+/.test(m.text));
    const invitationToken = /\/invitation\/([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
    await strapi.service('api::notification.notification').drain();

    testClock.set(AFTER_PROGRAM_2023);
    const ada = await createSpeaker({ name: 'Ada Restauration' });
    const grace = await createSpeaker({ name: 'Grace Brouillon' }, { publish: false });
    await createSession({
      title: 'Ouverture',
      edition: edition.documentId,
      startsAt: '2023-12-06T13:00:00.000Z',
      room: 'Salle BlueHats',
      speakers: [ada.documentId],
    });
    await createSession(
      { title: 'Atelier en brouillon', edition: edition.documentId, startsAt: '2023-12-06T13:00:00.000Z', room: 'Atelier', speakers: [grace.documentId] },
      { publish: false }
    );
    const target = await strapi.documents('api::rebuild-target.rebuild-target').create({
      data: { name: 'Site restauré', url: receiverUrl, method: 'POST', secret: SECRET, enabled: true, quietPeriodSeconds: 0, maxAttempts: 1 } as any,
    });
    const account = await strapi.db.query('admin::user').findOne({ where: { email: 'editor@example.org' } });
    await strapi.db.query('api::reviewer.reviewer').create({ data: { user: account.id, administrationName: 'DINUM', active: true } });
    const before = await dataDigest(strapi, edition.slug);
    // The seed made what the comparison is about; a digest of nothing would compare equal too.
    expect(before.edition!.sessions.filter((s) => s.published)).toHaveLength(1);
    expect(before.edition!.sessions.filter((s) => !s.published)).toHaveLength(2);
    expect(before.edition!.programVersions.length).toBeGreaterThan(0);
    expect(before.edition!.coSpeakers).toHaveLength(1);
    expect(before.adminUsers).toBeGreaterThan(0);
    expect(before.reviewersWithAccount).toBeGreaterThan(0);

    // Export from this app's database, as an operator would.
    const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
    await cli(['export', '--no-encrypt', '--file', path.join(workDir, 'backup')], env);
    const archive = path.join(workDir, 'backup.tar.gz');
    expect(fs.statSync(archive).size).toBeGreaterThan(0);

    // Import into an empty database, then boot the app on it with the same secrets.
    const restoredEnv: NodeJS.ProcessEnv = { ...env, CLOCK: AFTER_PROGRAM_2023, SLUG: edition.slug };
    if (postgres()) {
      restoredDatabase = `${process.env.DATABASE_NAME}_restored`;
      await onPostgres(`CREATE DATABASE "${restoredDatabase}"`);
      restoredEnv.DATABASE_NAME = restoredDatabase;
    } else restoredEnv.DATABASE_FILENAME = path.join(workDir, 'restored.db');
    await cli(['import', '--force', '--file', archive], restoredEnv);
    const restored = await bootRestored(restoredEnv);
    try {
      const { digest } = restored;
      expect(digest.counts).toEqual(before.counts);
      expect(digest.edition).toEqual(before.edition);
      // Strapi never transfers the admin's accounts: the first one registers again, and each reviewer
      // entry (carried, counted above) is to be linked to its account again.
      expect(digest.adminUsers).toBe(0);
      expect(digest.reviewersWithAccount).toBe(0);

      const at = (p: string, init: RequestInit = {}) =>
        fetch(`http://127.0.0.1:${restored.port}${p}`, {
          ...init,
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.181.1.1', ...init.headers },
        });
      const json = async (p: string, init: RequestInit = {}) => {
        const res = await at(p, init);
        return { status: res.status, body: await res.json() };
      };

      // The links of the mails sent before the backup.
      const mine = await json(`/api/proposals/mine/${statusToken}`);
      expect(mine.status).toBe(200);
      expect(mine.body.data.reference).toBe(reference);
      const invited = await json(`/api/proposals/invitations/${invitationToken}`);
      expect(invited.status).toBe(200);
      expect(JSON.stringify(invited.body.data)).toContain(reference);
      expect((await json('/api/proposals/mine/not-a-token')).status).toBe(404);

      const admin = await json('/admin/register-admin', {
        method: 'POST',
        body: JSON.stringify({ email: 'editrice@example.org', password: 'Restauree2026', firstname: 'Éditrice', lastname: 'Restaurée' }),
      });
      expect(admin.status).toBe(200);
      const asEditor = { Authorization: `Bearer ${admin.body.data.token}` };

      // A rebuild call from the copy is signed with the secret given before the backup.
      received.length = 0;
      const test = await json(`/bluehats/rebuild-targets/${target.documentId}/test`, { method: 'POST', headers: asEditor });
      expect(test.status).toBe(200);
      expect(test.body.data.state).toBe('sent');
      expect(received).toHaveLength(1);
      const signature = String(received[0].headers['x-signature']);
      expect(verifySignature(SECRET, received[0].body, signature, new Date(AFTER_PROGRAM_2023))).toBe(true);
      expect(verifySignature('un autre secret', received[0].body, signature, new Date(AFTER_PROGRAM_2023))).toBe(false);

      // A decision taken on the copy after the response date leaves at once: its mail carries the
      // status link of before, which still opens.
      const proposal = before.edition!.proposals.find((p) => p.reference === reference)!;
      mailbox.clear();
      const decided = await json(`/bluehats/proposals/${proposal.documentId}/state`, {
        method: 'POST',
        headers: asEditor,
        body: JSON.stringify({ state: 'accepted' }),
      });
      expect(decided.status).toBe(200);
      const [mail] = await mailbox.waitFor((m: { to: string }) => m.to === PROPOSER, { timeoutMs: 15_000 });
      expect(mail.text).toContain(`/suivi/${statusToken}`);
      const after = await json(`/api/proposals/mine/${statusToken}`);
      expect(after.status).toBe(200);
      expect(after.body.data.reference).toBe(reference);
    } finally {
      await restored.stop();
    }
  },
  15 * 60_000
);
