/**
 * Anonymised review, enforced where admin reads pass (docs/security.md lists every route checked):
 *
 * - `hideProposerIdentity`, a document middleware: every document-service call made for an admin
 *   without « Voir qui propose » while an edition's review is anonymous, whatever the content type
 *   (the content manager's list, entry, update answer, bulk validation, home page widgets; a
 *   session read with its proposal): its filters, search and sort are made blind to the hidden
 *   proposers' identity, and that identity is emptied from what it answers;
 * - `hideProposerIdentityInRelations`, on the content manager's two relation routes, which read
 *   through the database layer, below the document service: the same, for a relation of a proposal
 *   (its matched administration) and for proposals listed as the target of a relation.
 *
 * Filters on an identifying field are neither refused nor ignored: such a condition only holds
 * for proposals whose identity the reader may see (src/access/identity-queries.ts). Sorting on one
 * is ignored.
 */
import type { Core, Modules } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { isIdentifyingField } from '../domain/anonymous-review';
import { getService } from '../services';
import { PROPOSAL } from './identity-queries';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/** Document middleware: see above. The app's jobs and requests of anyone else pass untouched. */
export const hideProposerIdentity: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!strapi.requestContext.get()) return next();
  const review = getService('anonymousReview');
  const hidden = await review.hiddenEditions();
  if (hidden.length === 0) return next();
  if (READS.has(context.action)) context.params = review.blindParams(context.uid, context.params, hidden) as typeof context.params;
  const result = await next();
  await review.maskResult(context.uid, result, hidden);
  return result;
};

const RELATION_HANDLERS = new Set(['relations.findAvailable', 'relations.findExisting']);

interface RelationQuery {
  id?: unknown;
  filters?: unknown;
  sort?: unknown;
  _q?: unknown;
  [key: string]: unknown;
}

/** The field of `model` the content manager shows for the proposals of its relation `targetField`. */
async function mainFieldOf(strapi: Core.Strapi, model: string, targetField: string): Promise<string> {
  const schema = strapi.getModel(model as Parameters<Core.Strapi['getModel']>[0]);
  const service = strapi.plugin('content-manager').service(schema.modelType === 'component' ? 'components' : 'content-types');
  const configuration = (await service.findConfiguration(schema)) as { metadatas?: Record<string, { edit?: { mainField?: string } }> };
  return configuration.metadatas?.[targetField]?.edit?.mainField ?? 'id';
}

const emptyPage = (query: RelationQuery) => {
  const pageSize = Number(query.pageSize) > 0 ? Number(query.pageSize) : 10;
  return { results: [], pagination: { page: 1, pageSize, pageCount: 0, total: 0 } };
};

/**
 * Route middleware of the content manager's relation routes (GET /content-manager/relations/…),
 * for an admin without « Voir qui propose » while an edition's review is anonymous:
 * - a proposal's identifying relation (its matched administration) reads as empty when the
 *   proposal is in such an edition (and its list of choices does not leave out the one it holds);
 * - proposals listed as a relation's target (a session's, a late code's) come without the hidden
 *   identity, and the filters, sort and search sent cannot choose or rank them by it.
 */
export function hideProposerIdentityInRelations(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const review = getService('anonymousReview');
    const hidden = await review.hiddenEditions();
    if (hidden.length === 0) return next();
    const { model, targetField } = ctx.params as { model: string; targetField: string; id?: string };
    const query = ctx.request.query as RelationQuery;
    const existing = typeof ctx.params.id === 'string';
    const source = existing ? ctx.params.id : typeof query.id === 'string' ? query.id : undefined;
    if (model === PROPOSAL && isIdentifyingField(targetField) && source !== undefined && (await review.hidesProposal(source, hidden))) {
      if (existing) {
        ctx.body = emptyPage(query);
        return;
      }
      // The choices less the one held would tell which it is: offered in full, as for a new proposal.
      delete query.id;
    }
    // The model comes from the address: an unknown one is for the controller to refuse.
    const attributes = strapi.db.metadata.has(model) ? (strapi.db.metadata.get(model).attributes as Record<string, { type: string; target?: string }>) : {};
    const relation = Object.prototype.hasOwnProperty.call(attributes, targetField) ? attributes[targetField] : undefined;
    if (relation?.type !== 'relation' || relation.target !== PROPOSAL) return next();
    // Koa keeps the parsed query for the request: the controller reads this same object.
    const mainField = await mainFieldOf(strapi, model, targetField);
    const shownIsHidden = isIdentifyingField(mainField);
    let filters = query.filters;
    if (shownIsHidden && typeof query._q === 'string' && query._q !== '') {
      // The controller searches the shown field: a search on a hidden one follows the filters' rule.
      const search = { [mainField]: { $containsi: query._q } };
      filters = filters ? { $and: [filters, search] } : search;
      delete query._q;
    }
    const blind = review.blindParams(PROPOSAL, { filters, sort: query.sort }, hidden);
    // By default the controller sorts on the shown field: on a hidden one, the ids order instead.
    if (shownIsHidden) blind.sort ??= 'id:desc';
    for (const key of ['filters', 'sort'] as const) {
      if (blind[key] === undefined) delete query[key];
      else query[key] = blind[key];
    }
    await next();
    const body = ctx.body as { results?: unknown } | undefined;
    if (body && Array.isArray(body.results)) await review.maskResult(PROPOSAL, body.results, hidden);
  };
}

/** Puts the relation routes' middleware on the content manager's routes (in `register`, before the routes are built). */
export function guardRelationRoutes(strapi: Core.Strapi): void {
  const routes = (strapi.plugin('content-manager').routes as unknown as { admin: { routes: Array<{ handler: string; config?: { middlewares?: unknown[] } }> } })
    .admin.routes;
  for (const route of routes) {
    if (!RELATION_HANDLERS.has(route.handler)) continue;
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), hideProposerIdentityInRelations(strapi)] };
  }
}
