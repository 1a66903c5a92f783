/** Document middlewares of proposals (registered in order in src/index.ts), whoever writes: form, admin, jobs. */
import type { Modules } from '@strapi/strapi';
import { actorName, requestOrigin } from '../../access/request-origin';
import { PROPOSAL_SYSTEM_FIELDS } from '../../domain/proposal-states';
import { getService } from '../../services';
import { refusingDuplicateKey } from '../../persistence/unique-duplicate-key';

const PROPOSAL = 'api::proposal.proposal';

/**
 * A new proposal gets its normalised e-mail, submission instant, reference and duplicate key; a
 * second live one with the same key is refused by the database's unique index, whoever enters it:
 * 409 PROPOSAL_DUPLICATE, never a 500.
 */
export const completeNewProposal: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== PROPOSAL || context.action !== 'create') return next();
  await getService('proposals').completeNewProposal(context.params);
  return refusingDuplicateKey('editor', next);
};

const ADMIN_WRITES = new Set(['create', 'update', 'clone']);

/**
 * An editor, in the admin (content manager or desk), writes what an editor decides, not what the
 * app records: the system fields sent are dropped (the form sends them back as it read them, and a
 * crafted request could rewrite a token's hash or the history), and the speaker's states (withdrawn,
 * confirmed, declined) are refused; an erased proposal is not written again (its personal data is
 * gone for good: 400 `PROPOSAL_ERASED`). The proposer's link and the app's jobs are not concerned.
 */
export const limitAdminProposalWrites: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== PROPOSAL || !ADMIN_WRITES.has(context.action)) return next();
  const data = (context.params as { data?: Record<string, unknown> }).data;
  if (!data || requestOrigin(strapi).kind !== 'admin') return next();
  const { documentId } = context.params as { documentId?: string };
  if (context.action === 'update' && documentId) await getService('personalData').refuseEditingErased(documentId);
  for (const field of PROPOSAL_SYSTEM_FIELDS) delete data[field];
  if ('state' in data) getService('decisions').refuseSpeakerState(data.state);
  return next();
};

/**
 * A change of state follows the transition table and is stamped in `stateHistory` with who made it
 * (the editor's name, « l'intervenant », « automatique »); a decision made after the response date
 * is released at once.
 */
export const guardProposalStateChange: Modules.Documents.Middleware.Middleware = async (context, next) => {
  const params = context.params as { documentId?: string; data?: Record<string, unknown> };
  if (context.uid !== PROPOSAL || context.action !== 'update' || !params.data?.state) return next();
  const decisions = getService('decisions');
  const by = actorName(requestOrigin(strapi));
  await decisions.guardStateChange(params, by);
  const result = await next();
  if (params.documentId) await decisions.releaseIfPastResponseDate(params.documentId, by);
  return result;
};

/**
 * Each consent given or withdrawn is recorded (`consentRecord`: the text version then current, the
 * instant, and the editor's name when an editor changed it), whoever writes; once saved, a
 * withdrawn consent takes effect on what is public (the job title, the published session).
 */
export const recordConsentChanges: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== PROPOSAL || (context.action !== 'create' && context.action !== 'update')) return next();
  const origin = requestOrigin(strapi);
  const consents = getService('consents');
  const write = await consents.beforeWrite(context.action, context.params, origin.kind === 'admin' ? origin.name : undefined);
  const result = await next();
  if (write) await consents.afterWrite({ ...write, documentId: write.documentId ?? (result as { documentId?: string } | null)?.documentId });
  return result;
};

/**
 * A proposal deleted through the document service (an editor in the content manager, one or in
 * bulk) takes with it what hangs on it: its mails, sent or queued, the co-speakers it named and its
 * reviews (see `personalData.deleteDependents`), in the deletion's transaction: all, or nothing.
 * An erasure deletes its own way, and does the same.
 */
export const deleteProposalDependents: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== PROPOSAL || context.action !== 'delete') return next();
  const { documentId } = context.params as { documentId?: string };
  if (!documentId) return next();
  return strapi.db.transaction(async () => {
    const rows: { id: number }[] = await strapi.db.query(PROPOSAL).findMany({ where: { documentId }, select: ['id'] });
    for (const row of rows) await getService('personalData').deleteDependents(row.id);
    return next();
  });
};
