/**
 * How many rows, and the sum of one column, for each combination of some values, in one GROUP BY
 * query: what a dashboard shows of thousands of rows without reading them. The rows are chosen by
 * a Strapi `where` (relations included), through Strapi's own query builder.
 */
import type { Core, UID } from '@strapi/strapi';

export interface GroupedCountsQuery {
  where: Record<string, unknown>;
  /** Attributes to group by: a scalar (`state`), or a manyToOne relation's scalar (`administration.kind`). */
  by: string[];
  /** An integer attribute to add up in each group. */
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
  const metadata = strapi.db.metadata as unknown as { get(uid: string): ModelMeta };
  const meta = metadata.get(uid);
  // Strapi's own query for the rows (its joins for relation filters), each row once with the values
  // grouped on, then grouped: flat joins and a derived table, whose plan holds even where the database
  // has no statistics yet (a correlated `id IN (…)` does not).
  const builder = strapi.db.queryBuilder(uid).select('id').where(query.where);
  const rowsOf = builder.getKnexQuery().clear('select');
  const root = builder.mustUseAlias() ? builder.alias : meta.tableName;
  const values: Record<string, string> = { id_: `${root}.id` };
  query.by.forEach((name, i) => {
    const [attribute, through] = name.split('.');
    if (!through) {
      values[`g${i}`] = `${root}.${column(meta, attribute)}`;
      return;
    }
    const relation = meta.attributes[attribute];
    if (!relation?.joinTable || !relation.target) throw new Error(`${attribute} of ${meta.tableName} is not a relation through a join table`);
    const target = metadata.get(relation.target);
    const { name: link, joinColumn, inverseJoinColumn } = relation.joinTable;
    rowsOf
      .leftJoin(`${link} as l${i}`, `l${i}.${joinColumn.name}`, `${root}.id`)
      .leftJoin(`${target.tableName} as r${i}`, `r${i}.id`, `l${i}.${inverseJoinColumn.name}`);
    values[`g${i}`] = `r${i}.${column(target, through)}`;
  });
  if (query.sum) values.sum_ = `${root}.${column(meta, query.sum)}`;
  // Distinct: a row linked to a document's draft and published versions is joined twice.
  rowsOf.distinct(values);
  const groups = query.by.map((_, i) => `g${i}`);
  const sql = strapi.db.connection.from(rowsOf.as('rows_')).select(groups).count({ count_: '*' }).groupBy(groups);
  if (query.sum) sql.sum({ sum_: 'rows_.sum_' });
  const rows: Array<Record<string, unknown>> = await sql;
  return rows.map((row) => ({
    values: Object.fromEntries(query.by.map((name, i) => [name, row[`g${i}`] ?? null])),
    // PostgreSQL answers counts and sums as strings (bigint, numeric).
    count: Number(row.count_),
    sum: Number(row.sum_ ?? 0),
  }));
}
