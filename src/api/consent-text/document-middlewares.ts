/** Document middlewares of the consents' texts (registered in order in src/index.ts), whoever writes. */
import type { Modules } from '@strapi/strapi';
import { getService } from '../../services';

const UID = 'api::consent-text.consent-text';

/**
 * A new text gets the next version of its consent (an editor's value is ignored); a version a
 * proposal has recorded is never changed nor deleted (400 CONSENT_TEXT_IN_USE): a new one is made.
 */
export const versionConsentTexts: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== UID) return next();
  const params = context.params as { documentId?: string; data?: Record<string, unknown> };
  const texts = getService('consentTexts');
  if (context.action === 'create' || context.action === 'clone') {
    // A duplicate (clone) takes its consent from the text it copies.
    return texts.createVersioned((params.data ??= {}), async () => next(), context.action === 'clone' ? params.documentId : undefined);
  }
  if (context.action === 'update' || context.action === 'delete') {
    await texts.guardChange(context.action, params.documentId, params.data);
  }
  return next();
};
