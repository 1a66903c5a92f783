/**
 * How many rows, and the sum of one column, for each combination of some values, in one GROUP BY
 * query: what a dashboard shows of thousands of rows without reading them. The rows are chosen by
 * a Strapi `where` (relations included): Strapi's own query builder gives their ids.
 */
import type { Core, UID } from '@strapi/strapi';

export interface GroupedCountsQuery {
  where: Record<string, unknown>;
  /** Attributes to group by: a scalar (`state`), or a manyToOne relation's scalar (`administration.kind`). */
  by: string[];
  /** An integer attribute to add up in each group; only with scalar `by` (a join may repeat a row). */
  sum?: string;
}

export interface Group {
  /** The group's values, by the names given in `by` (null where the row has none). */
  values: Record<string, unknown>;
  count: number;
  sum: number;
}

interface AttributeMeta {
  columnName?: string;
  target?: string;
  joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
}
interface ModelMeta {
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

const column = (meta: ModelMeta, attribute: string): string => {
  if (!meta.attributes[attribute]) throw new Error(`unknown attribute ${attribute} of ${meta.tableName}`);
  return meta.attributes[attribute].columnName ?? attribute;
};

export async function groupedCounts(strapi: Core.Strapi, uid: UID.Schema, query: GroupedCountsQuery): Promise<Group[]> {
  if (query.sum && query.by.some((name) => name.includes('.'))) throw new Error('a sum is only exact grouped by scalars');
  const metadata = strapi.db.metadata as unknown as { get(uid: string): ModelMeta };
  const meta = metadata.get(uid);
  const knex = strapi.db.connection;
  const ids = strapi.db.queryBuilder(uid).select('id').where(query.where).getKnexQuery();
  const sql = knex(`${meta.tableName} as rows_`).whereIn('rows_.id', ids);
  query.by.forEach((name, i) => {
    const [attribute, through] = name.split('.');
    if (!through) {
      sql.select({ [`g${i}`]: `rows_.${column(meta, attribute)}` }).groupBy(`rows_.${column(meta, attribute)}`);
      return;
    }
    const relation = meta.attributes[attribute];
    if (!relation?.joinTable || !relation.target) throw new Error(`${attribute} of ${meta.tableName} is not a relation through a join table`);
    const target = metadata.get(relation.target);
    const { name: link, joinColumn, inverseJoinColumn } = relation.joinTable;
    sql
      .leftJoin(`${link} as l${i}`, `l${i}.${joinColumn.name}`, 'rows_.id')
      .leftJoin(`${target.tableName} as r${i}`, `r${i}.id`, `l${i}.${inverseJoinColumn.name}`)
      .select({ [`g${i}`]: `r${i}.${column(target, through)}` })
      .groupBy(`r${i}.${column(target, through)}`);
  });
  // Distinct rows: a row linked to a document's draft and published versions is joined twice.
  sql.countDistinct({ count_: 'rows_.id' });
  if (query.sum) sql.sum({ sum_: `rows_.${column(meta, query.sum)}` });
  const rows: Array<Record<string, unknown>> = await sql;
  return rows.map((row) => ({
    values: Object.fromEntries(query.by.map((name, i) => [name, row[`g${i}`] ?? null])),
    // PostgreSQL answers counts and sums as strings (bigint, numeric).
    count: Number(row.count_),
    sum: Number(row.sum_ ?? 0),
  }));
}
