/**
 * Database locks, so that several app instances on one database never do the same work twice.
 * PostgreSQL: a transaction-scoped advisory lock per key. SQLite: one connection per process runs
 * one transaction at a time, but two processes on one file would both read, then both try to
 * write, and one fails with « database is locked » (a deferred transaction cannot wait for the
 * write lock once it has read). So the transaction takes the file's write lock first, with a write
 * that changes nothing; another process then waits for it (the driver's busy timeout, 5 s).
 */
import type { Core } from '@strapi/strapi';

export async function withLock<T>(strapi: Core.Strapi, key: string, work: () => Promise<T>): Promise<T> {
  if (strapi.db.dialect.client !== 'postgres') return inWriteTransaction(strapi, work);
  return strapi.db.transaction(async ({ trx }) => {
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
    return work();
  });
}

/**
 * A transaction for work whose conflicts the database's own constraints refuse (no lock by key):
 * on PostgreSQL a plain transaction; on SQLite one that takes the file's write lock first, so that
 * another process waits for it instead of failing halfway (see above).
 */
export async function inWriteTransaction<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client !== 'postgres') {
      await trx.raw(`update ?? set id = id where 1 = 0`, [strapi.db.metadata.get('api::job-mark.job-mark').tableName]);
    }
    return work();
  });
}

/** Runs `work` once for a key, ever, across instances; answers whether it ran now. */
export async function once(strapi: Core.Strapi, key: string, now: Date, work: () => Promise<void>): Promise<boolean> {
  return withLock(strapi, `once:${key}`, async () => {
    const done = await strapi.db.query('api::job-mark.job-mark').findOne({ where: { key }, select: ['id'] });
    if (done) return false;
    await work();
    await strapi.db.query('api::job-mark.job-mark').create({ data: { key, doneAt: now.toISOString() } });
    return true;
  });
}
