/**
 * Database locks, so that several app instances on one PostgreSQL never do the same work twice.
 * PostgreSQL: a transaction-scoped advisory lock per key. SQLite: its single connection already
 * runs one transaction at a time.
 */
import type { Core } from '@strapi/strapi';

export async function withLock<T>(strapi: Core.Strapi, key: string, work: () => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
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
