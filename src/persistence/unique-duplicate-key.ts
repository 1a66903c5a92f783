/**
 * One live proposal per duplicate key (edition + address + title), kept by the database itself: a
 * partial UNIQUE index over the keys of proposals that are not withdrawn (a withdrawn proposal frees
 * its key; an erased one has none). Submissions then need neither a lock nor a lookup: two at once
 * both try to insert, and the database refuses the second (PostgreSQL makes it wait for the first
 * to commit or roll back; SQLite writes one transaction at a time).
 *
 * Strapi's schema sync leaves an index it did not create alone, but a table rebuilt by a later schema
 * change would lose it: the migration (database/migrations) creates it on an existing database, and
 * every boot, after the sync, makes sure it is there (a fresh database gets its tables only then).
 */
import type { Core } from '@strapi/strapi';
import { problemCode, problems } from '../http/problem';

/** Strapi's knex, or a transaction of it (a migration's). */
type Knex = Core.Strapi['db']['connection'];

export const DUPLICATE_KEY_INDEX = 'proposals_duplicate_key_live_unique';

/** What a database holding duplicates entered before the index had: the later live rows, let go of their key. */
export interface DuplicateKeyRelease {
  created: boolean;
  /** References of the later live proposals whose key was cleared (they stay, for editors to look at). */
  released: string[];
}

/** Whether the index is there (read from the database's catalogue). */
export async function hasUniqueDuplicateKey(knex: Knex): Promise<boolean> {
  const client = String(knex.client.config.client);
  const sql =
    client === 'postgres' || client === 'pg'
      ? 'select 1 as found from pg_indexes where indexname = ? and schemaname = current_schema()'
      : "select 1 as found from sqlite_master where type = 'index' and name = ?";
  const result = await knex.raw(sql, [DUPLICATE_KEY_INDEX]);
  const rows: unknown[] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows.length > 0;
}

/**
 * Creates the index when it is missing. Live proposals already sharing a key (entered before the
 * index, e.g. by editors) are all kept: the oldest keeps the key, the later ones lose it, so nothing
 * is deleted and the index can be built. Idempotent; one query when the index is there.
 */
export async function ensureUniqueDuplicateKey(knex: Knex, table = 'proposals'): Promise<DuplicateKeyRelease> {
  if (!(await knex.schema.hasTable(table))) return { created: false, released: [] };
  if (await hasUniqueDuplicateKey(knex)) return { created: false, released: [] };
  const later: { id: number; reference: string | null }[] = await knex(`${table} as later`)
    .select('later.id', 'later.reference')
    .whereNotNull('later.duplicate_key')
    .where('later.state', '<>', 'withdrawn')
    .whereExists((earlier) => {
      // Knex fills the builder it passes: nothing to return.
      void earlier
        .select(knex.raw('1'))
        .from(`${table} as earlier`)
        .whereRaw('earlier.duplicate_key = later.duplicate_key')
        .where('earlier.state', '<>', 'withdrawn')
        .whereRaw('earlier.id < later.id');
    });
  if (later.length > 0) {
    await knex(table)
      .whereIn(
        'id',
        later.map((row) => row.id)
      )
      .update({ duplicate_key: null });
  }
  await knex.raw(`create unique index if not exists ?? on ?? (duplicate_key) where state <> 'withdrawn'`, [DUPLICATE_KEY_INDEX, table]);
  return { created: true, released: later.map((row) => row.reference ?? String(row.id)) };
}

/** The database's refusal of a second live proposal with the same key (PostgreSQL or SQLite). */
export function isDuplicateKeyConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return constraint === DUPLICATE_KEY_INDEX;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('.duplicate_key');
}

/** The migration's and every boot's step: the index made if missing, the keys let go of reported to editors' logs. */
export async function keepDuplicateKeyUnique(strapi: Core.Strapi, knex: Knex = strapi.db.connection): Promise<DuplicateKeyRelease> {
  const outcome = await ensureUniqueDuplicateKey(knex, strapi.db.metadata.get('api::proposal.proposal').tableName);
  if (outcome.released.length > 0) {
    strapi.log.warn(`Propositions en double (même adresse, même titre, même édition) gardées sans clé anti-doublon : ${outcome.released.join(', ')}`);
  }
  return outcome;
}

/**
 * Runs a write that may give a proposal a key: the database's refusal becomes 409
 * PROPOSAL_DUPLICATE in the road's words (the write's transaction then rolls back whole). A refusal
 * already worded by an inner road (the creation's middleware) is worded again for this one.
 */
export async function refusingDuplicateKey<T>(road: Parameters<typeof problems.proposalDuplicate>[0], write: () => T): Promise<Awaited<T>> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyConflict(error) || problemCode(error) === 'PROPOSAL_DUPLICATE') throw problems.proposalDuplicate(road);
    throw error;
  }
}
