/** Document middlewares of proposals (registered in order in src/index.ts), whoever writes: form, admin, jobs. */
import type { Modules } from '@strapi/strapi';
import { getService } from '../../services';

const PROPOSAL = 'api::proposal.proposal';

/** A new proposal gets its normalised e-mail, submission instant, reference and status token. */
export const completeNewProposal: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== PROPOSAL || context.action !== 'create') return next();
  await getService('proposals').completeNewProposal(context.params);
  return next();
};

/**
 * A change of state follows the transition table and is stamped in `stateHistory`; a decision made
 * after the response date is released at once.
 */
export const guardProposalStateChange: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const params = context.params as { documentId?: string; data?: Record<string, unknown> };
  if (context.uid !== PROPOSAL || context.action !== 'update' || !params.data?.state) return next();
  const decisions = getService('decisions');
  await decisions.guardStateChange(params);
  const result = await next();
  if (params.documentId) await decisions.releaseIfPastResponseDate(params.documentId);
  return result;
};
