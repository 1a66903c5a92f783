/** Document middleware: any write to public content empties this instance's response cache. */
import type { Modules } from '@strapi/strapi';
import { PUBLIC_TYPES, PUBLIC_WRITES } from '../content-types';
import { responseCache } from './response-cache';

export const invalidateResponseCache: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!PUBLIC_WRITES.has(context.action) || !(PUBLIC_TYPES as readonly string[]).includes(context.uid)) return next();
  const result = await next();
  responseCache.invalidate();
  return result;
};
