/**
 * A list too long to hold, read page by page, each page starting after the last row of the one
 * before (keyset paging): a page costs the same however far the reader is, no row is read twice or
 * skipped when rows are added meanwhile, and only one page is in memory at a time.
 */
import type { Core, UID } from '@strapi/strapi';

export interface KeysetOptions {
  /** Which rows (Strapi's query `where`). */
  where: Record<string, unknown>;
  /** The order: this column, then `id`. Rows without a value come first, on SQLite and PostgreSQL alike. */
  orderBy: string;
  /** Rows per query. */
  pageSize: number;
  select?: string[];
  populate?: Record<string, unknown>;
}

export async function* keysetPages<Row extends { id: number }>(strapi: Core.Strapi, uid: UID.Schema, options: KeysetOptions): AsyncGenerator<Row[]> {
  const { where, orderBy: column, pageSize, select, populate } = options;
  const page = (after: Record<string, unknown>, orderBy: Array<Record<string, 'asc'>>): Promise<Row[]> =>
    strapi.db.query(uid).findMany({
      where: { $and: [where, after] },
      orderBy,
      limit: pageSize,
      ...(select ? { select: [...new Set(['id', column, ...select])] } : {}),
      ...(populate ? { populate } : {}),
    });
  // SQLite sorts nulls first and PostgreSQL last: the rows without a value are read apart, first.
  let lastId = 0;
  for (;;) {
    const rows = await page({ [column]: { $null: true }, id: { $gt: lastId } }, [{ id: 'asc' }]);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) break;
    lastId = rows[rows.length - 1].id;
  }
  let last: Row | null = null;
  for (;;) {
    const value = last && (last as unknown as Record<string, unknown>)[column];
    const after: Record<string, unknown> = last
      ? { $or: [{ [column]: { $gt: value } }, { [column]: value, id: { $gt: last.id } }] }
      : { [column]: { $notNull: true } };
    const rows = await page(after, [{ [column]: 'asc' }, { id: 'asc' }]);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) break;
    last = rows[rows.length - 1];
  }
}
