'use strict';

/**
 * The per-address request counters shared by every app instance (src/http/rate-limit.ts): one row per
 * limit and client address, its hits in the current window and the instant (ms, app clock) it ends.
 * Strapi runs this before its schema sync, on a fresh database too, and its sync leaves a table it
 * never tracked alone.
 */
const TABLE = 'rate_limit_counters';

module.exports = {
  async up(knex, db) {
    const schema = db.getSchemaConnection(knex);
    if (await schema.hasTable(TABLE)) return;
    await schema.createTable(TABLE, (table) => {
      table.string('bucket', 255).primary();
      table.integer('hits').notNullable();
      table.bigInteger('window_ends_at').notNullable();
      // The sweep of ended windows reads by end.
      table.index(['window_ends_at'], 'rate_limit_counters_window_ends_at');
    });
    // PostgreSQL: no write-ahead log for counts that matter for minutes (a crash empties the table,
    // which only forgives the hits counted so far); each hit then costs no log flush.
    if (db.dialect.client === 'postgres') {
      const schemaName = db.getSchemaName();
      await knex.raw('alter table ?? set unlogged', [schemaName ? `${schemaName}.${TABLE}` : TABLE]);
    }
  },
  async down(knex, db) {
    await db.getSchemaConnection(knex).dropTableIfExists(TABLE);
  },
};
