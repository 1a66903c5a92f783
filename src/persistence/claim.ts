/**
 * Claiming outbox rows (mails, rebuild deliveries) so that several instances never send the same
 * one: the due rows are picked, then taken with one conditional update that only succeeds on rows
 * still due and unclaimed, then read back by the pass's own claim id. A claim is a lease: a row
 * whose sender died becomes due again when the lease ends.
 */
import { randomUUID } from 'crypto';
import type { Core, UID } from '@strapi/strapi';
import { clock } from '../domain/clock';

export interface ClaimOptions {
  /** Extra conditions on the rows to claim (relations allowed). */
  where?: Record<string, unknown>;
  /** The datetime field that says when a row is due; it holds the lease end while claimed. */
  dueField: string;
  leaseMs: number;
  limit: number;
  populate?: Record<string, unknown>;
}

/**
 * The query engine returns untyped rows: `T` names the fields the caller reads (with `populate`),
 * which it declares itself.
 */
export async function claimDue<T>(strapi: Core.Strapi, uid: UID.ContentType, options: ClaimOptions): Promise<T[]> {
  const now = clock.now();
  const due = { state: { $in: ['pending', 'sending'] }, [options.dueField]: { $lte: now.toISOString() } };
  const candidates = await strapi.db.query(uid).findMany({
    where: { ...options.where, ...due },
    select: ['id'],
    orderBy: { id: 'asc' },
    limit: options.limit,
  });
  if (candidates.length === 0) return [];
  const claimedBy = randomUUID();
  // By id only: an update filtered through a relation is not supported by Strapi's query builder.
  await strapi.db.query(uid).updateMany({
    where: { id: { $in: candidates.map((c: { id: number }) => c.id) }, ...due },
    data: { state: 'sending', claimedBy, [options.dueField]: new Date(now.getTime() + options.leaseMs).toISOString() },
  });
  const claimed: T[] = await strapi.db.query(uid).findMany({ where: { claimedBy, state: 'sending' }, populate: options.populate, orderBy: { id: 'asc' } });
  return claimed;
}
