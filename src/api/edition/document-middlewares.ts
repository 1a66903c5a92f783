/** Document middlewares of editions (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import type { EditionCalendar } from '../../domain/edition-calendar';
import type { PublishableEdition } from '../../domain/edition-publication';
import { getService } from '../../services';

const EDITION = 'api::edition.edition';

/** An edition whose dates, days or durations contradict each other is never saved, whoever writes it. */
export const refuseIncoherentEdition: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== EDITION || (context.action !== 'create' && context.action !== 'update')) return next();
  await getService('editions').assertCoherent(context.params as { documentId?: string; locale?: string; data?: Partial<EditionCalendar> });
  return next();
};

/**
 * An edition is published with a complete call (dates, days, durations) or marked « sans appel à
 * interventions »: otherwise its call would never open. Covers the content manager's publish and a
 * create or update with `status: 'published'` (seed, app code).
 */
export const refuseIncompletePublication: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== EDITION) return next();
  const params = context.params as { documentId?: string; locale?: string; status?: string; data?: Partial<PublishableEdition> };
  const publishing = context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && params.status === 'published');
  if (!publishing) return next();
  await getService('editions').assertPublishable({
    documentId: params.documentId,
    locale: params.locale,
    data: context.action === 'publish' ? {} : params.data,
  });
  return next();
};
