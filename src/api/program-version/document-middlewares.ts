/** Document middlewares of the program versions (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES } from '../../content-types';
import { negotiateLanguage } from '../../domain/language';
import { getService } from '../../services';

/** What only reads: every other document-service action writes. */
const READS: ReadonlySet<string> = new Set(['findMany', 'findFirst', 'findOne', 'count']);

const MESSAGE_FR =
  "Les versions du programme sont écrites par l'application, à chaque publication du programme : on n'en crée, ne modifie ni ne supprime aucune à la main.";
const MESSAGE_EN = 'Program versions are written by the app at each publication of the program: none can be created, changed or deleted by hand.';

/**
 * A version says what the public program was at a moment, and its changelog what changed: one made,
 * changed or deleted by hand would tell attendees a story that never happened, and break the
 * numbering. The app writes them through the query engine; the document service refuses every write.
 */
export const keepProgramVersionsMadeByApp: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== CONTENT_TYPES.programVersion.uid || READS.has(context.action)) return next();
  // A PolicyError keeps its message and details in the admin's answer (403).
  const english = negotiateLanguage(strapi.requestContext.get()?.get('accept-language')) === 'en';
  throw new errors.PolicyError(english ? MESSAGE_EN : MESSAGE_FR, { code: 'PROGRAM_VERSION_WRITTEN_BY_APP', messageFr: MESSAGE_FR, messageEn: MESSAGE_EN });
};

/** What changes the public program: a session or a speaker published, unpublished, or deleted while published. */
const PROGRAM_TYPES: ReadonlySet<string> = new Set([CONTENT_TYPES.session.uid, CONTENT_TYPES.speaker.uid]);
const PROGRAM_WRITES: ReadonlySet<string> = new Set(['publish', 'unpublish', 'delete']);

/**
 * After a publication that may change the public program, the next version is recorded (when the
 * program differs from the latest one, on or after the program date); inside a batch (the cron at
 * the program date, « Publier le programme »), once at its end. The editions are read before the
 * write: a deleted session no longer names its own.
 */
export const recordProgramVersion: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!PROGRAM_TYPES.has(context.uid) || !PROGRAM_WRITES.has(context.action)) return next();
  const documentId = (context.params as { documentId?: string }).documentId;
  if (!documentId) return next();
  const versions = getService('programVersions');
  const uid = context.uid as typeof CONTENT_TYPES.session.uid | typeof CONTENT_TYPES.speaker.uid;
  // A deletion changes the public program only if the document was public.
  const editions = await versions.editionsOf(uid, documentId, { publishedOnly: context.action === 'delete' });
  const result = await next();
  await versions.programTouched(editions);
  return result;
};
