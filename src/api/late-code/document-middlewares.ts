/** Document middlewares of the late-submission codes (registered in order in src/index.ts). */
import type { Modules } from '@strapi/strapi';
import { CONTENT_TYPES } from '../../content-types';
import { newLateCode } from '../../domain/late-code';

/**
 * A late-submission code is made by the app, so that it is random and unguessable: on creation
 * (or a copy) an editor's value is replaced and the uses start at zero; afterwards neither the code
 * nor its uses are written through the document service, whoever asks. Uses are counted by the
 * submission alone, in one conditional update (services/late-code.ts).
 */
export const keepLateCodesMadeByApp: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== CONTENT_TYPES.lateCode.uid) return next();
  const data = (context.params as { data?: Record<string, unknown> }).data;
  if (!data) return next();
  if (context.action === 'create' || context.action === 'clone') {
    data.code = newLateCode();
    data.uses = 0;
  } else if (context.action === 'update') {
    delete data.code;
    delete data.uses;
  }
  return next();
};
