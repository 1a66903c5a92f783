/**
 * Whether other app instances may share this one's database: several instances can serve one
 * PostgreSQL database behind a load balancer, never one SQLite file. What must be shared between
 * instances (the cache's invalidations, the rate-limit counters) goes through the database then.
 */
import type { Core } from '@strapi/strapi';

export const mayShareDatabase = (strapi: Core.Strapi): boolean => strapi.db.dialect.client === 'postgres';
