/**
 * One live proposal per edition, address and title, refused by the database's unique index on every
 * road that writes a duplicate key (the form, the status link, an editor), and a submission that
 * stays lean: a counted number of SQL queries.
 */
import path from 'path';
import { spawn } from 'child_process';
import { adminToken, api, createEdition } from '../harness/factories';
import { statementsDuring } from '../harness/sql-statements';

const UID = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';
const CO_SPEAKER = 'api::co-speaker.co-speaker';
// Compiled by the harness into dist/, which the app runs from.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const indexModule = () => require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'persistence', 'unique-duplicate-key.js'));

let ipCounter = 0;
const freshIp = () => `10.18.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
let edition: any;

const form = (overrides: Record<string, unknown> = {}) => ({
  edition: edition.slug,
  speakerName: 'Agente Unique',
  email: 'agente.unique@example.org',
  administrationName: 'DINUM',
  title: 'Une seule fois, même à vingt',
  abstract: 'Un résumé suffisamment long pour être accepté par le formulaire.',
  requestedDuration: 15,
  ...overrides,
});
const submit = (data: unknown) => api().post('/api/proposals').set('X-Forwarded-For', freshIp()).send({ data });
const counts = async () => ({
  proposals: await strapi.db.query(UID).count({ where: { edition: { documentId: edition.documentId } } }),
  mails: await strapi.db.query(MAIL).count({}),
  coSpeakers: await strapi.db.query(CO_SPEAKER).count({}),
});

/** A proposal as an older version could store it: its key given as is, the index dropped beforehand. */
const enteredBeforeTheIndex = (reference: string, key: string, state = 'submitted') =>
  strapi.db.query(UID).create({
    data: {
      reference,
      speakerName: 'Doublon Ancien',
      email: 'doublon@example.org',
      administrationName: 'DINUM',
      title: 'Saisie deux fois avant l’index',
      abstract: 'Un résumé.',
      requestedDuration: 10,
      state,
      duplicateKey: key,
    },
  });
const keysOf = (prefix: string) =>
  strapi.db.query(UID).findMany({ where: { reference: { $startsWith: prefix } }, select: ['reference', 'duplicateKey'], orderBy: { id: 'asc' } });

/** Boots a second instance of the app on the test's database (migrations, schema sync, bootstrap), then stops it. */
const bootAnotherInstance = () =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'harness', 'second-instance.js')], {
      env: { ...process.env, CLOCK: '2023-11-15T09:00:00.000Z', CALL: 'api::proposal.proposal#findByToken', ROUNDS: '0' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (c) => {
      if (String(c).includes('READY')) child.stdin.write('go\n');
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`second instance exited ${code}`))));
  });

beforeAll(async () => {
  edition = await createEdition({ slug: 'cle-unique-2023', title: 'Édition de la clé unique' });
});

beforeEach(() => testClock.set('2023-11-15T09:00:00.000Z'));

describe('the unique index', () => {
  it('is there on a database created fresh (the migration ran before the tables, the boot made it after the sync)', async () => {
    const { hasUniqueDuplicateKey } = indexModule();
    expect(await hasUniqueDuplicateKey(strapi.db.connection)).toBe(true);
    const migrations = await strapi.db.connection('strapi_migrations').select('name');
    expect(migrations.map((m: { name: string }) => m.name)).toContain('2026.11.30T14.00.00.proposals-unique-duplicate-key.js');
  });

  it('lands exactly one of 20 identical submissions sent at once: 201 once, 409 for the others, one row, one mail queued', async () => {
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submit(form({ coSpeakers: [{ name: 'Co Intervenant', email: 'co.unique@example.org', administrationName: 'Ville' }] })))
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(19);
    for (const r of refused) {
      expect(r.body).toEqual({
        data: null,
        error: expect.objectContaining({
          status: 409,
          name: 'ConflictError',
          message: 'Vous avez déjà proposé une intervention avec ce titre pour cette édition. Utilisez le lien de suivi reçu par courriel pour la modifier.',
          details: expect.objectContaining({ code: 'PROPOSAL_DUPLICATE' }),
        }),
      });
    }
    const after = await counts();
    // The refused ones rolled back whole: no row, no acknowledgement, no co-speaker nor invitation.
    expect(after.proposals - before.proposals).toBe(1);
    expect(after.coSpeakers - before.coSpeakers).toBe(1);
    expect(after.mails - before.mails).toBe(2);
  }, 60_000);

  it('lets a withdrawn proposal free its key', async () => {
    const first = await submit(form({ title: 'Retirée puis proposée à nouveau' }));
    expect(first.status).toBe(201);
    expect((await api().post(`/api/proposals/mine/${first.body.data.statusToken}/withdraw`).send()).status).toBe(200);
    expect((await submit(form({ title: 'Retirée puis proposée à nouveau' }))).status).toBe(201);
    expect((await submit(form({ title: 'Retirée puis proposée à nouveau' }))).status).toBe(409);
  });

  it('refuses a correction through the status link onto another live proposal’s title with 409, changing nothing', async () => {
    expect((await submit(form({ title: 'La première des deux' }))).status).toBe(201);
    const second = await submit(form({ title: 'La seconde des deux' }));
    expect(second.status).toBe(201);
    const before = await counts();
    const res = await api()
      .put(`/api/proposals/mine/${second.body.data.statusToken}`)
      .send({ data: { title: 'la première  des deux', coSpeakers: [{ name: 'Invitée Annulée', email: 'annulee@example.org', administrationName: 'Ville' }] } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      name: 'ConflictError',
      message: 'Une autre de vos propositions porte déjà ce titre pour cette édition.',
      details: { code: 'PROPOSAL_DUPLICATE' },
    });
    expect(await counts()).toEqual(before);
    const view = await api().get(`/api/proposals/mine/${second.body.data.statusToken}`);
    expect(view.body.data.title).toBe('La seconde des deux');
  });

  it('refuses an editor entering, in the content manager, a second proposal of the same address and title: PROPOSAL_DUPLICATE (400, the admin’s status for a refusal), never a 500', async () => {
    expect((await submit(form({ title: 'Reçue aussi par courriel' }))).status).toBe(201);
    const token = await adminToken();
    const before = await counts();
    const res = await api()
      .post('/content-manager/collection-types/api::proposal.proposal')
      .set('Authorization', `Bearer ${token}`)
      .send({
        edition: { connect: [{ documentId: edition.documentId }] },
        speakerName: 'Agente Unique',
        email: 'Agente.Unique@example.org',
        administrationName: 'DINUM',
        title: 'Reçue aussi  par courriel',
        abstract: 'Saisie par une éditrice.',
        requestedDuration: 15,
      });
    // The admin answers an application refusal with 400 (Strapi's own mapping for the admin's routes), never a 5xx.
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ConflictError', details: { code: 'PROPOSAL_DUPLICATE' } });
    expect(await counts()).toEqual(before);
  });

  it('keeps every proposal of a database that already held duplicates: the oldest keeps the key, the later ones lose it', async () => {
    const { ensureUniqueDuplicateKey, hasUniqueDuplicateKey, DUPLICATE_KEY_INDEX } = indexModule();
    const key = 'f'.repeat(64);
    await strapi.db.connection.raw('drop index ??', [DUPLICATE_KEY_INDEX]);
    try {
      for (const [reference, state] of [
        ['DUP-OLD-1', 'submitted'],
        ['DUP-OLD-2', 'accepted'],
        ['DUP-OLD-3', 'withdrawn'],
        ['DUP-OLD-4', 'submitted'],
      ])
        await enteredBeforeTheIndex(reference, key, state);
      const outcome = await ensureUniqueDuplicateKey(strapi.db.connection);
      expect(outcome).toEqual({ created: true, released: ['DUP-OLD-2', 'DUP-OLD-4'] });
      expect(await keysOf('DUP-OLD-')).toEqual([
        { reference: 'DUP-OLD-1', duplicateKey: key },
        { reference: 'DUP-OLD-2', duplicateKey: null },
        { reference: 'DUP-OLD-3', duplicateKey: key },
        { reference: 'DUP-OLD-4', duplicateKey: null },
      ]);
    } finally {
      await ensureUniqueDuplicateKey(strapi.db.connection);
    }
    expect(await hasUniqueDuplicateKey(strapi.db.connection)).toBe(true);
    await expect(ensureUniqueDuplicateKey(strapi.db.connection)).resolves.toEqual({ created: false, released: [] });
  });

  it('is made by the migration at the next boot of an existing database that held duplicates, every proposal kept', async () => {
    const { hasUniqueDuplicateKey, DUPLICATE_KEY_INDEX } = indexModule();
    const MIGRATION = '2026.11.30T14.00.00.proposals-unique-duplicate-key.js';
    const key = 'e'.repeat(64);
    // The database as an older version left it: no index, no record of the migration, two live duplicates.
    await strapi.db.connection.raw('drop index ??', [DUPLICATE_KEY_INDEX]);
    await strapi.db.connection('strapi_migrations').where({ name: MIGRATION }).delete();
    for (const reference of ['DUP-MIG-1', 'DUP-MIG-2']) await enteredBeforeTheIndex(reference, key);
    await bootAnotherInstance();
    expect(await hasUniqueDuplicateKey(strapi.db.connection)).toBe(true);
    expect((await strapi.db.connection('strapi_migrations').where({ name: MIGRATION })).length).toBe(1);
    expect(await keysOf('DUP-MIG-')).toEqual([
      { reference: 'DUP-MIG-1', duplicateKey: key },
      { reference: 'DUP-MIG-2', duplicateKey: null },
    ]);
  }, 90_000);

  it('survives a restart whose schema sync runs (a changed schema), untouched', async () => {
    const { DUPLICATE_KEY_INDEX } = indexModule();
    const identity = async () =>
      strapi.db.dialect.client === 'postgres'
        ? (await strapi.db.connection.raw('select ?::regclass::oid as id', [DUPLICATE_KEY_INDEX])).rows[0].id
        : (await strapi.db.connection.raw("select rootpage || ':' || sql as id from sqlite_master where name = ?", [DUPLICATE_KEY_INDEX]))[0].id;
    const before = await identity();
    // The stored schema's hash no longer matches: the next boot diffs and syncs the whole schema.
    await strapi.db.connection('strapi_database_schema').update({ hash: 'stale' });
    await bootAnotherInstance();
    expect((await strapi.db.connection('strapi_database_schema').select('hash'))[0].hash).not.toBe('stale');
    expect(await identity()).toBe(before);
  }, 90_000);
});

describe('a submission', () => {
  it('takes a counted number of SQL queries, none of them a lock or a lookup of the key', async () => {
    const measure = async (n: number) => {
      // Mails of earlier submissions are sent after their answer: let them go first.
      await strapi.service(MAIL).drain();
      const { result: res, statements } = await statementsDuring(() => submit(form({ title: `Proposition comptée numéro ${n}` })));
      expect(res.status).toBe(201);
      return statements.map((s) => s.sql);
    };
    const runs = [await measure(1), await measure(2)];
    const queries = runs.reduce((a, b) => (a.length <= b.length ? a : b));
    expect(queries.join('\n')).not.toMatch(/pg_advisory|duplicate_key["`]? = /);
    // The edition's rows are linked by the ids read with the cached edition: Strapi looks none up.
    expect(queries.join('\n')).not.toMatch(/from ["`]editions["`] as ["`]t0["`] where \(["`]t0["`]\.["`]document_id["`] in/);
    // BEGIN, (SQLite: its write lock,) the consent versions, the count of the edition's rows, the
    // reference's uniqueness, the row, its edition link, the row read back, the consent stamp, the
    // mail and its link, COMMIT; then Strapi's entry.create event reads the proposal and its three
    // relations. There were 23 on SQLite with the lock, the lookup, the re-reads and the edition's
    // ids looked up. PostgreSQL adds the per-address rate limit's counter, kept in the database there.
    expect(queries.length).toBeLessThanOrEqual(16);
  });

  it('is linked to the edition published again since the form read it (its cached row is gone): 201, by documentId', async () => {
    const republished = await createEdition({ title: 'Édition republiée' });
    const first = await submit(form({ edition: republished.slug, title: 'Avant la nouvelle publication' }));
    expect(first.status).toBe(201);
    // What a publication does, behind the cache's back: the published row replaced by a new one.
    const editions = strapi.db.metadata.get('api::edition.edition').tableName;
    const db = strapi.db.connection;
    const [old] = await db(editions).where({ document_id: republished.documentId }).whereNotNull('published_at');
    const { id: oldId, ...columns } = old;
    await db(editions).insert(columns);
    await db(editions).where({ id: oldId }).delete();
    const rows = (await db(editions).where({ document_id: republished.documentId }).select('id')).map((r: { id: number }) => r.id);
    expect(rows).not.toContain(oldId);

    const res = await submit(form({ edition: republished.slug, title: 'Après la nouvelle publication' }));
    expect(res.status).toBe(201);
    const stored = await strapi.db.query(UID).findOne({ where: { reference: res.body.data.reference }, populate: { edition: { select: ['id'] } } });
    expect(rows).toContain(stored.edition.id);
    const linked = await strapi.db
      .query(UID)
      .count({ where: { reference: res.body.data.reference, edition: { documentId: republished.documentId, publishedAt: { $notNull: true } } } });
    expect(linked).toBe(1);
  });
});
