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

const SPEAKER = 'api::speaker.speaker';
const WRITES = new Set(['create', 'update', 'clone']);

/**
 * The proposer's consents govern what may be public, whoever writes: no job title on a speaker of a
 * talk whose author refused it (JOB_TITLE_NOT_CONSENTED), no publication of a talk whose author
 * refused publication (PUBLICATION_NOT_CONSENTED). Before the embargo: a refused publication is not
 * scheduled either (src/api/session/services/publication-consent.ts).
 */
export const guardPublicationConsent: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const uid = context.uid;
  if (uid !== SESSION && uid !== SPEAKER) return next();
  const params = context.params as { documentId?: string; status?: string; data?: Record<string, unknown> };
  const consent = getService('publicationConsent');
  if (WRITES.has(context.action) && params.data) {
    if (uid === SESSION) await consent.checkSessionWrite(params.documentId, params.data);
    else await consent.checkSpeakerWrite(params.documentId, params.data);
  }
  const publishing = context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && params.status === 'published');
  if (publishing) await consent.checkPublish(uid, params.documentId, params.data);
  return next();
};

const EDITION = 'api::edition.edition';
const PLACEMENT_WRITES = new Set(['create', 'update', 'clone']);

/**
 * The program's placement rules on every write, whoever writes (src/domain/program-placement.ts):
 * a session created, moved, resized, put in another room or edition, restored, or brought back to its
 * published place (« Abandonner les modifications »), that would lie
 * outside its edition's afternoons, overlap another in its room, leave too short a changeover, or
 * overflow its afternoon is refused (400, `details.code` the first error's, `details.violations`
 * the errors concerning it); so is « Discard changes » on a session whose published placement no
 * longer fits. An edition whose new (or, on « Discard changes », published) days, rooms, changeover
 * or zone no longer fit the placed sessions is refused (PROGRAM_NO_LONGER_FITS), as is discarding
 * an edition's draft that would drop sessions never published (DRAFT_SESSIONS_WOULD_LEAVE); an
 * edition's write never links sessions (SESSIONS_SET_FROM_SESSION: a session chooses its edition).
 * A session published on its own (outside « Publier le programme », which checks its final program
 * itself) must not break the PUBLIC program (PUBLISHED_PROGRAM_CONFLICT). Checked and written under
 * the edition's lock.
 */
export const keepProgramPlacementValid: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const params = context.params as { documentId?: string; locale?: string; data?: Record<string, unknown> };
  const builder = getService('programBuilder');
  if (context.uid === SESSION) {
    if (PLACEMENT_WRITES.has(context.action)) return builder.guardSessionWrite(context.action, params, async () => next());
    if (context.action === 'discardDraft') return builder.guardSessionDiscard(params, async () => next());
    if (context.action === 'publish' && !getService('programVersions').inBatch()) return builder.guardSessionPublish(params, async () => next());
    return next();
  }
  if (context.uid !== EDITION) return next();
  if (PLACEMENT_WRITES.has(context.action) && params.data && 'sessions' in params.data) builder.refuseSessionsFromEdition(params.data.sessions);
  if (context.action === 'update') return builder.guardEditionWrite(params, async () => next());
  if (context.action === 'discardDraft') return builder.guardEditionDiscard(params, async () => next());
  return next();
};
