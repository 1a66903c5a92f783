/** Document middlewares of the outboxes (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES } from '../../content-types';
import { negotiateLanguage } from '../../domain/language';

/**
 * The rebuild deliveries and the mails to proposers are written by the app alone (their services
 * write through the query engine, below the document service): a delivery or a mail made by hand
 * in the admin would be sent for real, or sit in the log as something that never happened.
 */
const OUTBOXES: ReadonlySet<string> = new Set([CONTENT_TYPES.delivery.uid, CONTENT_TYPES.notification.uid]);

const MESSAGE_FR = "Les envois et les courriels sont créés par l'application : on ne les crée pas à la main.";
const MESSAGE_EN = 'Deliveries and mails are created by the app: they cannot be created by hand.';

/** No document-service creation (nor copy) of an outbox record, whoever asks: the admin's content manager included. */
export const refuseHandMadeOutboxRecords: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!OUTBOXES.has(context.uid) || (context.action !== 'create' && context.action !== 'clone')) return next();
  // The admin's answer keeps a PolicyError's message and details (403); a ForbiddenError's are replaced by "Forbidden".
  const english = negotiateLanguage(strapi.requestContext.get()?.get('accept-language')) === 'en';
  throw new errors.PolicyError(english ? MESSAGE_EN : MESSAGE_FR, { code: 'OUTBOX_WRITTEN_BY_APP', messageFr: MESSAGE_FR, messageEn: MESSAGE_EN });
};
