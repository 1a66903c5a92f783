/** Document middlewares of the access log of personal data (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES } from '../../content-types';
import { negotiateLanguage } from '../../domain/language';

/** What only reads: every other document-service action writes. */
const READS: ReadonlySet<string> = new Set(['findMany', 'findFirst', 'findOne', 'count']);

const MESSAGE_FR = "Le journal des données personnelles est écrit par l'application seule : on n'y crée, ne modifie ni ne supprime aucune ligne.";
const MESSAGE_EN = 'The personal data access log is written by the app alone: no line can be created, changed or deleted.';

/**
 * The access log is what a DPO trusts: its lines are written by the app (through the query engine,
 * in the transaction of the act they record), and nobody writes, changes or deletes one through
 * the document service, whoever asks: the admin's content manager included, a super admin too.
 */
export const keepAccessLogWrittenByApp: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== CONTENT_TYPES.accessLog.uid || READS.has(context.action)) return next();
  // The admin's answer keeps a PolicyError's message and details (403); a ForbiddenError's are replaced by "Forbidden".
  const english = negotiateLanguage(strapi.requestContext.get()?.get('accept-language')) === 'en';
  throw new errors.PolicyError(english ? MESSAGE_EN : MESSAGE_FR, { code: 'ACCESS_LOG_WRITTEN_BY_APP', messageFr: MESSAGE_FR, messageEn: MESSAGE_EN });
};
