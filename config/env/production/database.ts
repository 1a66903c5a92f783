import type { Core } from '@strapi/strapi';
import base from '../../database';

/**
 * Production runs on PostgreSQL (DATABASE_CLIENT=postgres or DATABASE_URL): TLS on unless
 * DATABASE_SSL=false, and a larger pool. SQLite stays possible for a single-instance demo.
 */
const config = (params: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const database = base(params);
  const { env } = params;
  const connection = database.connection;
  // The base configuration gives an object (Strapi also accepts a function returning one).
  if (connection.client === 'postgres' && typeof connection.connection === 'object') {
    connection.connection.ssl = env.bool('DATABASE_SSL', true) && {
      rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
    };
    connection.pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 20) };
  }
  return database;
};

export default config;
