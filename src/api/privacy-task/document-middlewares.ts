/** Document middlewares of the privacy tasks (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES } from '../../content-types';
import { negotiateLanguage } from '../../domain/language';

const MESSAGE_FR = "Les tâches données personnelles sont créées par l'application, après un effacement : on ne les crée pas à la main.";
const MESSAGE_EN = 'Personal data tasks are created by the app after an erasure: they cannot be created by hand.';

/**
 * A privacy task says what an erasure left to do; one made by hand would name an erasure that
 * never happened. No document-service creation (nor copy), whoever asks; editors still mark them
 * done (« Fait » on the dashboard) or delete them.
 */
export const refuseHandMadePrivacyTasks: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== CONTENT_TYPES.privacyTask.uid || (context.action !== 'create' && context.action !== 'clone')) return next();
  const english = negotiateLanguage(strapi.requestContext.get()?.get('accept-language')) === 'en';
  throw new errors.PolicyError(english ? MESSAGE_EN : MESSAGE_FR, { code: 'PRIVACY_TASK_MADE_BY_APP', messageFr: MESSAGE_FR, messageEn: MESSAGE_EN });
};
