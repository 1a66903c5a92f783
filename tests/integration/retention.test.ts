/**
 * Retention that runs by itself, across the retention date with the injected clock: nothing before
 * the last millisecond, every proposal of the edition after it; then every table and every text
 * column scanned with raw SQL for each proposer's e-mail address, name and job title. Also: the
 * catch-up after downtime, two instances at once, the 90-day delivery logs, the dashboard, and the
 * period an editor may set.
 */
import path from 'path';
import { spawn } from 'child_process';
import { adminToken, AFTER_PROGRAM_2023, api, createEdition, createProposal, createSession, createSpeaker, submitProposal } from '../harness/factories';
import { erasedProposal } from '../fixtures/erased-proposal';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const MAIL = 'api::notification.notification';
const DELIVERY = 'api::delivery.delivery';
const LOG = 'api::access-log.access-log';
const MARK = 'api::job-mark.job-mark';
const TASK = 'api::privacy-task.privacy-task';

/** The 2023 edition's last day is 7 December: 12 months later, its data goes at midnight opening 8 December 2024, Paris time. */
const RETENTION_END = '2024-12-07T23:00:00.000Z';
const LAST_MS_IN = '2024-12-07T22:59:59.999Z';

const purgeDue = () => strapi.service('api::proposal.retention').purgeDue();
let token: string;
const asEditor = (p: string) => api().get(p).set('Authorization', `Bearer ${token}`);

/** Each proposer, with a name, an address and a job title found nowhere else. */
const KINDS = ['submitted', 'rejected', 'withdrawn', 'declined', 'waitlisted', 'accepted', 'confirmeddraft', 'published'] as const;
type Kind = (typeof KINDS)[number];
const person = (kind: Kind) => ({
  name: `Nom${kind}qx`,
  email: `mail.${kind}qx@example.org`,
  jobTitle: `Fonction${kind}qx`,
});
const STATE: Record<Kind, string> = {
  submitted: 'submitted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  declined: 'declined',
  waitlisted: 'waitlisted',
  accepted: 'accepted',
  confirmeddraft: 'confirmed',
  published: 'confirmed',
};

// ---- raw SQL over the whole database ----

const pg = () => strapi.db.dialect.client === 'postgres';
let columns: Array<{ table: string; column: string }> = [];

/** Every text-like column of every table (SQLite: every column, its types are affinities). */
async function textColumns() {
  const knex = strapi.db.connection;
  if (pg()) {
    const res = await knex.raw(
      `select table_name, column_name from information_schema.columns
       where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`
    );
    return res.rows.map((r: any) => ({ table: r.table_name, column: r.column_name }));
  }
  const tables = await knex.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
  const out: Array<{ table: string; column: string }> = [];
  for (const { name } of tables) {
    for (const c of await knex.raw(`pragma table_info("${name}")`)) out.push({ table: name, column: c.name });
  }
  return out;
}

/** For each value, the `table.column`s holding it somewhere (case-insensitive LIKE on the column cast to text). */
async function scan(values: string[]): Promise<Record<string, string[]>> {
  const knex = strapi.db.connection;
  const found: Record<string, Set<string>> = Object.fromEntries(values.map((v) => [v, new Set<string>()]));
  for (const { table, column } of columns) {
    const text = `lower(cast("${column}" as text))`;
    const sql = `select ${text} as v from "${table}" where ${values.map(() => `${text} like ?`).join(' or ')}`;
    const res = await knex.raw(
      sql,
      values.map((v) => `%${v.toLowerCase()}%`)
    );
    for (const row of pg() ? res.rows : res) {
      for (const v of values) if (String(row.v).includes(v.toLowerCase())) found[v].add(`${table}.${column}`);
    }
  }
  return Object.fromEntries(Object.entries(found).map(([v, s]) => [v, [...s].sort()]));
}

// ---- the edition and its proposers ----

let edition: any;
const ids: Partial<Record<Kind, number>> = {};
let publishedSession: any;
let publishedSpeaker: any;

beforeAll(async () => {
  token = await adminToken();
  for (const uid of [LOG, MARK, TASK, MAIL, DELIVERY, SESSION, SPEAKER, PROPOSAL]) await strapi.db.query(uid).deleteMany({});
  testClock.set('2023-11-15T09:00:00.000Z');
  mailbox.clear();
  edition = await createEdition({ title: 'Journées #BlueHats 2023', slug: 'retention-2023' });
  for (const [n, kind] of KINDS.entries()) {
    const p = person(kind);
    const submitted = await submitProposal(edition, n + 1, `10.15.0.${n + 1}`, {
      speakerName: p.name,
      email: p.email,
      title: `Titre de ${p.name}`,
      preferredDay: n % 2 ? '2023-12-06' : '2023-12-07',
      // Each agreed to publication, the job title included: the published one's profile shows it.
      consentPublication: true,
      consentJobTitle: true,
    });
    ids[kind] = submitted.id;
  }
  await strapi.service('api::notification.notification').drain();
  // The acknowledgements went out through real SMTP; their stored copy (recipient, subject, text) is
  // written here too, so the test does not depend on how the outbox stores it.
  await mailbox.waitFor((m: any) => m.to === person('published').email);
  for (const kind of KINDS) {
    const p = person(kind);
    const communicated = !['submitted', 'withdrawn'].includes(kind);
    await strapi.db.query(PROPOSAL).update({
      where: { id: ids[kind] },
      data: {
        state: STATE[kind],
        jobTitle: p.jobTitle,
        consentRecord: { contact: { version: 1, at: '2023-11-15T09:00:00.000Z', shownTo: p.email } },
        ...(communicated ? { communicatedAt: '2023-11-27T09:00:00.000Z', decisionReleasedAt: '2023-11-27T09:00:00.000Z', communicatedState: STATE[kind] } : {}),
      },
    });
    const mail = await strapi.db.query(MAIL).findOne({ where: { proposal: { id: ids[kind] } } });
    await strapi.db.query(MAIL).update({
      where: { id: mail.id },
      data: { recipient: p.email, subject: `Proposition reçue de ${p.name}`, body: `Bonjour ${p.name} (${p.jobTitle}),` },
    });
  }
  await strapi.db.query('api::consent-text.consent-text').create({
    data: {
      consent: 'contact',
      version: 1,
      textFr: 'J’accepte d’être recontacté.',
      textEn: 'I agree to be contacted.',
      firstRecordedAt: '2023-11-01T00:00:00.000Z',
    },
  });

  // A confirmed talk whose session is still a draft, with its speaker.
  const draft = person('confirmeddraft');
  const draftSpeaker = await createSpeaker({ name: draft.name, jobTitle: draft.jobTitle }, { publish: false });
  await createSession(
    { title: `Titre de ${draft.name}`, edition: edition.documentId, proposal: (await row('confirmeddraft')).documentId, speakers: [draftSpeaker.documentId] },
    { publish: false }
  );

  // A published talk: session and speaker in the program, then drafts never published.
  testClock.set(AFTER_PROGRAM_2023);
  const published = person('published');
  publishedSpeaker = await createSpeaker({ name: published.name, jobTitle: published.jobTitle });
  publishedSession = await createSession({
    title: 'Une session publiée',
    edition: edition.documentId,
    proposal: (await row('published')).documentId,
    speakers: [publishedSpeaker.documentId],
  });
  await strapi
    .documents(SESSION)
    .update({ documentId: publishedSession.documentId, locale: 'fr', data: { abstract: `Brouillon écrit par ${published.email}` } as any });
  await strapi.documents(SPEAKER).update({ documentId: publishedSpeaker.documentId, locale: 'fr', data: { bio: `Joindre ${published.email}` } as any });

  columns = await textColumns();
}, 60_000);

const row = (kind: Kind) => strapi.db.query(PROPOSAL).findOne({ where: { id: ids[kind] } });
const everyValue = () => KINDS.flatMap((k) => Object.values(person(k)));
const dashboard = async (documentId = edition.documentId) => {
  const res = await asEditor(`/bluehats/editions/${documentId}/dashboard`);
  expect(res.status).toBe(200);
  return res.body.data;
};
const statistics = (d: any) => ({ total: d.total, byState: d.byState, byPreferredDay: d.byPreferredDay, byAdministrationKind: d.byAdministrationKind });

describe('across the retention date', () => {
  let before: any;

  it('does nothing to the proposals at the last millisecond of the period; the dashboard says what is coming', async () => {
    testClock.set(LAST_MS_IN);
    const result = await purgeDue();
    expect(result).toMatchObject({ editions: [], proposals: 0, failed: 0 });
    for (const kind of KINDS) expect(await row(kind)).toMatchObject({ email: person(kind).email, erasedAt: null });
    // The scan finds what is there: it is able to fail.
    const found = await scan(everyValue());
    for (const kind of KINDS) expect(found[person(kind).email]).toContain('proposals.email');
    before = await dashboard();
    expect(before.retention).toMatchObject({
      endsAt: RETENTION_END,
      endsAtText: '8 décembre 2024',
      pending: 8,
      passed: false,
      purgedAt: null,
      text: '8 propositions seront anonymisées le 8 décembre 2024.',
    });
    expect(before.total).toBe(8);
  });

  it('anonymises every proposal at the first millisecond after it, and logs it once without personal data', async () => {
    testClock.set(RETENTION_END);
    const result = await purgeDue();
    expect(result).toMatchObject({ editions: [edition.documentId], proposals: 8, failed: 0 });

    for (const kind of KINDS) {
      const after = await row(kind);
      expect(after).toMatchObject(erasedProposal(STATE[kind], 'retention'));
      expect(after.submittedAt).not.toBeNull(); // anonymous statistics stay
      expect(after.requestedDuration).toBe(15);
    }
    expect(await strapi.db.query(MAIL).count({ where: { proposal: { id: { $in: Object.values(ids) } } } })).toBe(0);
    // The draft session and its speaker went; the published ones stay as published.
    expect(await strapi.db.query(SESSION).count({ where: { title: `Titre de ${person('confirmeddraft').name}` } })).toBe(0);
    const sessions = await strapi.db.query(SESSION).findMany({ where: { documentId: publishedSession.documentId } });
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s: any) => s.title === 'Une session publiée' && s.abstract === null)).toBe(true);
    // Retention asks nothing of editors: no task.
    expect(await strapi.db.query(TASK).count({})).toBe(0);

    const logs = await strapi.db.query(LOG).findMany({ where: { action: 'retention_purge' } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      by: 'automatique',
      proposals: 8,
      editionTitle: 'Journées #BlueHats 2023',
      summary: 'Fin de la durée de conservation (12 mois) : 7 propositions anonymisées, 1 session publiée gardée telle que publiée.',
    });
  });

  it('leaves no trace of a non-published proposer in any table or column, and of the published one only the published fields', async () => {
    const found = await scan(everyValue());
    for (const kind of KINDS.filter((k) => k !== 'published')) {
      const p = person(kind);
      expect({ kind, name: found[p.name], email: found[p.email], jobTitle: found[p.jobTitle] }).toEqual({ kind, name: [], email: [], jobTitle: [] });
    }
    const published = person('published');
    // Exactly the speaker's published name and job title (its published row and the draft row that
    // mirrors it), and the name in the program version that published the talk: retention keeps
    // published talks as they are, and that name is public in the program and its history (an
    // erasure on request takes it out of the history, see program-versions.test.ts).
    expect(found[published.name]).toEqual(['program_versions.snapshot', 'speakers.name']);
    expect(found[published.jobTitle]).toEqual(['speakers.job_title']);
    expect(found[published.email]).toEqual([]);
    const speakers = await strapi.db.query(SPEAKER).findMany({ where: { documentId: publishedSpeaker.documentId } });
    expect(speakers.map((s: any) => s.bio)).toEqual([null, null]);
    // The scan read the app's columns and Strapi's own tables (content history among them: the
    // Community edition writes no versions there, and a copy would have been found above).
    expect(columns).toEqual(
      expect.arrayContaining([
        { table: 'proposals', column: 'consent_record' },
        { table: 'notifications', column: 'body' },
        { table: 'speakers', column: 'job_title' },
        { table: 'access_logs', column: 'summary' },
        { table: 'strapi_history_versions', column: 'data' },
      ])
    );
  });

  it('keeps the anonymous statistics on the dashboard, and says the purge was done', async () => {
    const after = await dashboard();
    expect(statistics(after)).toEqual(statistics(before));
    expect(after.byState.find((s: any) => s.state === 'confirmed').count).toBe(2);
    expect(after.retention).toMatchObject({ pending: 0, passed: true, purgedAt: RETENTION_END, text: 'Données personnelles anonymisées le 8 décembre 2024.' });
  });

  it('exports the anonymised proposals as CSV without « null »', async () => {
    const res = await asEditor(`/bluehats/editions/${edition.documentId}/proposals.csv`);
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(res.text).not.toMatch(/null|undefined/i);
    for (const value of everyValue()) expect(res.text).not.toContain(value);
  });

  it('does nothing more on the next runs', async () => {
    testClock.set('2024-12-08T09:00:00.000Z');
    expect(await purgeDue()).toMatchObject({ editions: [], proposals: 0, failed: 0 });
    expect(await strapi.db.query(LOG).count({ where: { action: 'retention_purge' } })).toBe(1);
  });
});

describe('catching up after downtime', () => {
  it('purges an edition months past its date on the next run, and a proposal added to it later on the run after', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const old = await createEdition({ title: 'Journées 2023 bis', slug: 'retention-catch-up', retentionMonths: 2 });
    const a = await createProposal({ edition: old.documentId, state: 'rejected', email: 'rattrapage.aqx@example.org' });
    testClock.set('2025-06-01T00:00:00.000Z'); // 16 months after the end of its period (8 February 2024)
    const result = await purgeDue();
    expect(result).toMatchObject({ editions: [old.documentId], proposals: 1, failed: 0 });
    expect(await strapi.db.query(PROPOSAL).findOne({ where: { documentId: a.documentId } })).toMatchObject({ email: null, erasedBecause: 'retention' });
    expect((await dashboard(old.documentId)).retention.text).toBe('Données personnelles anonymisées le 1er juin 2025.');

    const late = await createProposal({ edition: old.documentId, state: 'submitted', email: 'rattrapage.bqx@example.org' });
    expect((await dashboard(old.documentId)).retention).toMatchObject({ pending: 1, passed: true });
    expect((await purgeDue()).proposals).toBe(1);
    expect(await strapi.db.query(PROPOSAL).findOne({ where: { documentId: late.documentId } })).toMatchObject({ email: null });
    expect(await strapi.db.query(LOG).count({ where: { action: 'retention_purge', edition: { documentId: old.documentId } } })).toBe(2);
  });
});

describe('a purge that fails half-way', () => {
  it('leaves the whole edition as it was, without a log line, and is done whole on the next run', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const e = await createEdition({ title: 'Journées 2023 quater', slug: 'retention-rollback', retentionMonths: 2 });
    for (let i = 0; i < 3; i++) await createProposal({ edition: e.documentId, state: 'rejected', email: `moitie.${i}qx@example.org` });
    testClock.set('2025-06-15T00:00:00.000Z');
    const service = strapi.service('api::proposal.personal-data') as any;
    const erase = service.erase;
    let calls = 0;
    const spy = jest.spyOn(service, 'erase').mockImplementation(async (...args: any[]) => {
      if (++calls === 3) throw new Error('panne simulée');
      return erase.apply(service, args);
    });
    try {
      expect(await purgeDue()).toMatchObject({ editions: [], proposals: 0, failed: 1 });
    } finally {
      spy.mockRestore();
    }
    const rows = await strapi.db.query(PROPOSAL).findMany({ where: { edition: { documentId: e.documentId } } });
    expect(rows.map((r: any) => [r.email !== null, r.erasedAt])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
    expect(await strapi.db.query(LOG).count({ where: { edition: { documentId: e.documentId } } })).toBe(0);
    expect((await dashboard(e.documentId)).retention).toMatchObject({ pending: 3, passed: true, purgedAt: null });
    expect(await purgeDue()).toMatchObject({ editions: [e.documentId], proposals: 3, failed: 0 });
  });
});

describe('two instances at the same moment', () => {
  it('do the work once, with one access-log line', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const twin = await createEdition({ title: 'Journées 2023 ter', slug: 'retention-twins', retentionMonths: 2 });
    for (let i = 0; i < 5; i++) await createProposal({ edition: twin.documentId, state: 'rejected', email: `jumeau.${i}qx@example.org` });
    const at = '2025-07-01T00:00:00.000Z';
    testClock.set(at);

    let go: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (go = resolve));
    const other = new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'second-instance.js')], {
        env: { ...process.env, CLOCK: at, CALL: 'api::proposal.retention#purgeDue', ROUNDS: '1', COUNT_UID: PROPOSAL },
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
    const mine = await purgeDue();
    const { results: theirs, seen } = JSON.parse(await other);
    expect(seen).toBe(await strapi.db.query(PROPOSAL).count({})); // the same database
    const all = [mine, ...theirs];
    expect(all.every((r: any) => r.failed === 0)).toBe(true);
    expect(all.reduce((n: number, r: any) => n + r.proposals, 0)).toBe(5);
    expect(all.filter((r: any) => r.editions.includes(twin.documentId))).toHaveLength(1);
    expect(await strapi.db.query(LOG).count({ where: { action: 'retention_purge', edition: { documentId: twin.documentId } } })).toBe(1);
    expect(await strapi.db.query(PROPOSAL).count({ where: { edition: { documentId: twin.documentId }, erasedAt: null } })).toBe(0);
  }, 60_000);
});

describe('a proposal without an edition', () => {
  it('is erased the default period after its submission, not before', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const orphan = await createProposal({ speakerName: 'Orpheline Sansedition', email: 'orpheline@example.org', submittedAt: '2023-11-15T09:00:00.000Z' });
    const id = (await strapi.db.query(PROPOSAL).findOne({ where: { documentId: orphan.documentId } })).id;
    testClock.set('2024-11-15T08:59:59.999Z');
    await purgeDue();
    expect(await strapi.db.query(PROPOSAL).findOne({ where: { id } })).toMatchObject({ email: 'orpheline@example.org', erasedAt: null });
    testClock.set('2024-11-15T09:00:00.001Z');
    await purgeDue();
    // Never communicated, never published: under the retention rule it is anonymised, not deleted.
    expect(await strapi.db.query(PROPOSAL).findOne({ where: { id } })).toMatchObject({ email: null, speakerName: null, erasedBecause: 'retention' });
    const [line] = await strapi.db.query(LOG).findMany({ where: { action: 'retention_purge', edition: { id: { $null: true } } } });
    expect(line).toMatchObject({ proposals: 1 });
    expect(line.summary).toMatch(/^Sans édition : fin de la durée de conservation/);
  });
});

describe('delivery logs older than 90 days', () => {
  const NOW = '2025-08-01T12:00:00.000Z';
  const ago = (ms: number) => new Date(new Date(NOW).getTime() - ms).toISOString();
  const DAY = 24 * 3600 * 1000;
  const KEPT = ago(89 * DAY + 23 * 3600 * 1000 + 59 * 60 * 1000); // 89 days 23 h 59 min
  const EXACTLY = ago(90 * DAY);
  const PURGED = ago(90 * DAY + 1); // 90 days and 1 ms

  it('deletes rebuild deliveries and empties mails that ended more than 90 days ago, and keeps the rest', async () => {
    testClock.set(NOW);
    await strapi.db.query(DELIVERY).deleteMany({});
    await strapi.db.query(MAIL).deleteMany({});
    const delivery = (targetName: string, data: Record<string, unknown>) =>
      strapi.db.query(DELIVERY).create({ data: { targetName, events: [], attempts: 1, ...data } });
    await delivery('sent-kept', { state: 'sent', sentAt: KEPT, dueAt: KEPT });
    await delivery('sent-exactly', { state: 'sent', sentAt: EXACTLY, dueAt: EXACTLY });
    await delivery('sent-purged', { state: 'sent', sentAt: PURGED, dueAt: PURGED });
    await delivery('failed-kept', { state: 'failed', dueAt: KEPT, lastError: 'HTTP 500' });
    await delivery('failed-purged', { state: 'failed', dueAt: PURGED, lastError: 'HTTP 500' });
    await delivery('pending-old', { state: 'pending', dueAt: PURGED });

    const mail = (onceKey: string, data: Record<string, unknown>) =>
      strapi.db.query(MAIL).create({
        data: { kind: 'submission_received', onceKey, attempts: 1, recipient: `${onceKey}@example.org`, subject: 'Objet', body: 'Texte', ...data },
      });
    await mail('sent-kept', { state: 'sent', sentAt: KEPT, nextAttemptAt: KEPT });
    await mail('sent-purged', { state: 'sent', sentAt: PURGED, nextAttemptAt: PURGED });
    await mail('failed-kept', { state: 'failed', nextAttemptAt: KEPT, lastError: '550 sent-kept@example.org inconnu' });
    await mail('failed-purged', { state: 'failed', nextAttemptAt: PURGED, lastError: '550 failed-purged@example.org inconnu' });
    await mail('pending-old', { state: 'pending', nextAttemptAt: PURGED });

    const result = await purgeDue();
    expect(result).toMatchObject({ deliveries: 2, mails: 2 });
    const deliveries = (await strapi.db.query(DELIVERY).findMany({ orderBy: { id: 'asc' } })).map((d: any) => d.targetName);
    expect(deliveries).toEqual(['sent-kept', 'sent-exactly', 'failed-kept', 'pending-old']);
    const mails = Object.fromEntries((await strapi.db.query(MAIL).findMany({})).map((m: any) => [m.onceKey, [m.recipient, m.subject, m.body, m.lastError]]));
    expect(mails).toEqual({
      'sent-kept': ['sent-kept@example.org', 'Objet', 'Texte', null],
      'sent-purged': [null, null, null, null],
      'failed-kept': ['failed-kept@example.org', 'Objet', 'Texte', '550 sent-kept@example.org inconnu'],
      'failed-purged': [null, null, null, null],
      'pending-old': ['pending-old@example.org', 'Objet', 'Texte', null],
    });
    // Idempotent: the next run finds nothing.
    expect(await purgeDue()).toMatchObject({ deliveries: 0, mails: 0 });
  });
});

describe('the period an editor sets, in the admin', () => {
  const cm = (documentId: string) => api().put(`/content-manager/collection-types/${EDITION}/${documentId}?locale=fr`).set('Authorization', `Bearer ${token}`);

  it('refuses less than the legal minimum, in French, on the field, and writes nothing', async () => {
    testClock.set('2023-11-15T09:00:00.000Z');
    const e = await createEdition({ slug: 'retention-form' }, { publish: false });
    const res = await cm(e.documentId).send({ retentionMonths: 1 });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', details: { code: 'EDITION_INCOHERENT' } });
    expect(res.body.error.message).toBe(
      'La durée de conservation des données personnelles doit être d’au moins 2 mois après le dernier jour de l’édition : c’est le délai de recours contentieux contre une décision, pendant lequel les propositions doivent rester disponibles (1 mois saisi).'
    );
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['retentionMonths'], code: 'RETENTION_TOO_SHORT' })]);
    expect((await strapi.documents(EDITION).findOne({ documentId: e.documentId, locale: 'fr' }))!.retentionMonths).toBe(12);
  });

  it('refuses more than ten years, and accepts the minimum; the dates panel then shows the new purge day', async () => {
    const e = await createEdition({ slug: 'retention-form-2' }, { publish: false });
    const tooLong = await cm(e.documentId).send({ retentionMonths: 121 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.errors).toEqual([expect.objectContaining({ path: ['retentionMonths'], code: 'RETENTION_TOO_LONG' })]);
    const ok = await cm(e.documentId).send({ retentionMonths: 2 });
    expect(ok.status).toBe(200);
    expect((await dashboard(e.documentId)).retention).toMatchObject({ endsAt: '2024-02-07T23:00:00.000Z', endsAtText: '8 février 2024' });
  });
});
