/** Document middlewares of site rebuilds (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { PUBLIC_WRITES, SITE_REBUILDING_TYPES } from '../../content-types';
import { getService } from '../../services';

/** What a static site shows: a change to one of these is news for the rebuild targets. */
const REBUILT_TYPES: ReadonlySet<string> = new Set(SITE_REBUILDING_TYPES);

/**
 * Around a save of a rebuild target: check where it points, and take the secret out of the row
 * (it is kept encrypted apart, see the deliveries service).
 */
export const keepRebuildSecretOut: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const { action } = context;
  if (context.uid !== 'api::rebuild-target.rebuild-target' || (action !== 'create' && action !== 'update' && action !== 'delete')) return next();
  return getService('rebuildDeliveries').keepSecretOut(context.params, next, action);
};

/**
 * After a write that changed public content, the rebuild targets hear of it. It reads the outcome:
 * registered outside `deferEarlyPublish`, it never announces a publication the embargo held back
 * (that middleware takes `status` out of the params of a write it schedules instead of publishing).
 */
export const announcePublicChanges: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!PUBLIC_WRITES.has(context.action) || !REBUILT_TYPES.has(context.uid)) return next();
  const result = await next();
  const params = context.params as { documentId?: string; locale?: string; status?: string };
  const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
  await getService('rebuildDeliveries').contentChanged(context.uid, context.action, documentId, params.locale, params.status);
  return result;
};
