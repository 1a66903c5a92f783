/**
 * Document middlewares of sessions (registered in order in src/index.ts), whoever writes: admin,
 * seed, jobs. They give the schedule apps and calendars a session they can follow: a stable number,
 * and a sequence that rises when the time or the place changes (src/api/session/services/schedule-identity.ts).
 */
import type { Modules } from '@strapi/strapi';
import { getService } from '../../services';

const SESSION = 'api::session.session';

/** A new session, or a duplicate, gets the next free number (never one a client already knows). */
export const numberNewSession: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== SESSION || (context.action !== 'create' && context.action !== 'clone')) return next();
  const params = context.params as { data?: Record<string, unknown> };
  const created = await getService('scheduleIdentity').createNumbered((params.data ??= {}), async () => next());
  return created;
};

/** An update keeps the number; one that moves, resizes, relocates or cancels the session raises its sequence. */
export const countScheduleChanges: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== SESSION || context.action !== 'update') return next();
  await getService('scheduleIdentity').countScheduleChange(context.params);
  return next();
};
