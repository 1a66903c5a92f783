/**
 * Reads that join related rows in ONE query, where the query engine (and the document service above
 * it) makes one query per relation level: the program of an edition reads its sessions, their
 * speakers and the speakers' administrations in one query, whatever their number.
 *
 * Tables, columns and join tables come from Strapi's own metadata (`strapi.db.metadata`), and values
 * are converted by Strapi's own field types, exactly as the query engine converts them; so a
 * renamed or shortened identifier, or another database, changes nothing here. A read made inside an
 * open transaction runs in it: it sees the transaction's writes and, on SQLite's single connection,
 * does not wait for its end.
 */
import type { Core, UID } from '@strapi/strapi';
// The query engine's own converters from database values (dates, booleans, JSON), the same package
// version as @strapi/strapi's, which depends on it.
import { createField } from '@strapi/database/dist/fields';

type Database = Core.Strapi['db'];
export type Knex = Database['connection'];
type QueryBuilder = ReturnType<Knex>;
type Metadata = ReturnType<Database['metadata']['get']>;
type Attribute = Metadata['attributes'][string];

interface JoinTable {
  name: string;
  joinColumn: { name: string; referencedColumn: string };
  inverseJoinColumn: { name: string; referencedColumn: string };
  on?: Record<string, unknown>;
  orderColumnName?: string;
}

/** A row of an aliased table, as the query engine would hand it back: attribute names, converted values. */
export type Row = Record<string, unknown>;

const SEPARATOR = '__';

export interface Joined {
  /** The alias of the joined table. */
  alias: string;
  /** The alias of the join table, for ordering by its order column. */
  link: string;
  /** The join table's order column (`link.column`), when the relation is ordered. */
  order?: string;
}

export function joinedReader(strapi: Core.Strapi) {
  const schema = strapi.db.getSchemaName();
  const table = (name: string) => (schema ? `${schema}.${name}` : name);
  const meta = (uid: UID.Schema | string): Metadata => strapi.db.metadata.get(uid);
  const column = (m: Metadata, attribute: string): string => {
    const a = m.attributes[attribute] as Attribute & { columnName?: string };
    if (!a) throw new Error(`${m.uid} has no attribute ${attribute}`);
    return a.columnName ?? attribute;
  };
  /** The scalar attributes of a model worth selecting: `fields`, or all of them. */
  const scalarAttributes = (m: Metadata, fields?: readonly string[]) =>
    (fields ?? Object.values(m.columnToAttribute)).filter((name) => m.attributes[name] && m.attributes[name].type !== 'relation');

  return {
    /** `from` with its alias: the first table of a query. */
    from: (knex: Knex, uid: string, alias: string): QueryBuilder => knex(`${table(meta(uid).tableName)} as ${alias}`),

    /** The columns to select for `fields` of a model (all scalar ones by default), named so that `read` finds them. */
    columns(uid: string, alias: string, fields?: readonly string[]): Record<string, string> {
      const m = meta(uid);
      const out: Record<string, string> = {};
      for (const name of ['id', ...scalarAttributes(m, fields).filter((n) => n !== 'id')]) out[`${alias}${SEPARATOR}${name}`] = `${alias}.${column(m, name)}`;
      return out;
    },

    /** `alias.attribute` as a column reference, for conditions and ordering. */
    ref: (uid: string, alias: string, attribute: string) => `${alias}.${column(meta(uid), attribute)}`,

    /**
     * Left-joins the target of the relation (or component) `attribute` of `uid` (aliased `from`),
     * through its join table. `targetOn` adds conditions on the target's join (a published row, say).
     */
    join(
      qb: QueryBuilder,
      uid: string,
      from: string,
      attribute: string,
      alias: string,
      targetOn?: (on: { andOnNotNull(column: string): unknown }) => void
    ): Joined {
      const relation = meta(uid).attributes[attribute] as Attribute & { target?: string; joinTable?: JoinTable };
      const joinTable = relation?.joinTable;
      if (!relation?.target || !joinTable) throw new Error(`${uid}.${attribute} is not a relation with a join table`);
      const link = `${alias}${SEPARATOR}link`;
      qb.leftJoin(`${table(joinTable.name)} as ${link}`, function () {
        this.on(`${link}.${joinTable.joinColumn.name}`, '=', `${from}.${joinTable.joinColumn.referencedColumn}`);
        for (const [key, value] of Object.entries(joinTable.on ?? {})) this.andOnVal(`${link}.${key}`, '=', value as string);
      });
      qb.leftJoin(`${table(meta(relation.target).tableName)} as ${alias}`, function () {
        this.on(`${alias}.${joinTable.inverseJoinColumn.referencedColumn}`, '=', `${link}.${joinTable.inverseJoinColumn.name}`);
        targetOn?.(this);
      });
      return { alias, link, order: joinTable.orderColumnName ? `${link}.${joinTable.orderColumnName}` : undefined };
    },

    /** The row of `alias` in a joined result row, converted as the query engine converts it; null when the join found none. */
    read(uid: string, alias: string, row: Row): Row | null {
      const m = meta(uid);
      const prefix = `${alias}${SEPARATOR}`;
      if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
      const out: Row = {};
      for (const key of Object.keys(row)) {
        if (!key.startsWith(prefix)) continue;
        const name = key.slice(prefix.length);
        const value = row[key];
        out[name] = value === null ? null : createField(m.attributes[name]).fromDB(value);
      }
      return out;
    },

    /** The rows of the query `build` makes, on the open transaction if there is one, else on the pool. */
    async rows(build: (knex: Knex) => QueryBuilder): Promise<Row[]> {
      // knex types a select of aliased columns as one record; the result is its rows.
      const read = async (knex: Knex) => (await build(knex)) as unknown as Row[];
      if (strapi.db.inTransaction()) return strapi.db.transaction(({ trx }) => read(trx));
      return read(strapi.db.connection);
    },
  };
}

export type JoinedReader = ReturnType<typeof joinedReader>;
