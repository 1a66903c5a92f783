/**
 * One live proposal per duplicate key, refused by the database itself (see
 * src/persistence/unique-duplicate-key.ts, compiled into dist/, which the app runs from). On an
 * existing database, live proposals already sharing a key are all kept: the oldest keeps the key,
 * the later ones lose it (their references go to the log). On a fresh database the table does not
 * exist yet: the app creates the index after Strapi's schema sync, at every boot where it is missing.
 */
const path = require('path');

module.exports = {
  async up(knex) {
    const { keepDuplicateKeyUnique } = require(path.join(strapi.dirs.dist.src, 'persistence', 'unique-duplicate-key.js'));
    await keepDuplicateKeyUnique(strapi, knex);
  },
};
