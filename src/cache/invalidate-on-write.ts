/**
 * Document middleware: any write to what the public reads empties the response caches, this
 * instance's at once and the other instances' through the database (./coherence.ts): public
 * content, and the consent texts, which the form pages show with their version (a cached form would
 * otherwise show an old text under a version the submission then refuses).
 */
import type { Modules } from '@strapi/strapi';
import { CONTENT_TYPES, PUBLIC_TYPES, PUBLIC_WRITES } from '../content-types';
import { contentChanged, emptyLocalCaches } from './coherence';

const SHOWN_TO_THE_PUBLIC: readonly string[] = [...PUBLIC_TYPES, CONTENT_TYPES.consentText.uid];

export const invalidateResponseCache: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!PUBLIC_WRITES.has(context.action) || !SHOWN_TO_THE_PUBLIC.includes(context.uid)) return next();
  const result = await next();
  await contentChanged(strapi);
  // Inside a transaction still open (a write made under a lock, such as the program's), a read made
  // here before the commit would cache the old content again: empty the cache once more when it
  // commits. The other instances hear of it at commit only (the notification goes with the transaction).
  if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(emptyLocalCaches));
  return result;
};
