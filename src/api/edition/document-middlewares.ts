/** Document middlewares of editions (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import type { EditionCalendar } from '../../domain/edition-calendar';
import { getService } from '../../services';

/** An edition whose dates, days or durations contradict each other is never saved, whoever writes it. */
export const refuseIncoherentEdition: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== 'api::edition.edition' || (context.action !== 'create' && context.action !== 'update')) return next();
  await getService('editions').assertCoherent(context.params as { documentId?: string; locale?: string; data?: Partial<EditionCalendar> });
  return next();
};
