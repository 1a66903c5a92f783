/**
 * Public callers read published content only. Stock Strapi 5 honours `?status=draft` (REST) and
 * `status: DRAFT` (GraphQL) for the Public role; this module closes both doors, in one place:
 * - a document-service middleware forces `status: 'published'` on every read made for a content-API request;
 * - an explicit request for drafts gets a clear 400: REST through the `refuse-draft-requests` global middleware (src/middlewares),
 *   GraphQL through `rejectDraftStatusPlugin` (Apollo), which also covers relation fields that bypass
 *   the document service.
 * Drafts are previewed in the admin, never through the content API.
 */
import type { Core, Modules } from '@strapi/strapi';
import type { Context } from 'koa';
import { visit, Kind, type DocumentNode, type ValueNode } from 'graphql';
import { Problem } from '../http/problem';
import { graphqlRefusal } from '../http/request-body';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

export function isContentApiRequest(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get();
  return ctx?.state?.route?.info?.type === 'content-api';
}

/** Document middleware: every read made for a content-API request reads published content only. */
export const publishedOnlyReads: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (READ_ACTIONS.has(context.action) && isContentApiRequest(strapi)) {
    const contentType = strapi.contentType(context.uid);
    if (contentType?.options?.draftAndPublish) {
      (context.params as { status?: string }).status = 'published';
    }
  }
  return next();
};

/** The refusal of an explicit request for drafts, REST and GraphQL alike. */
export const draftsNotPublic = () =>
  new Problem(
    400,
    'ValidationError',
    'DRAFTS_NOT_PUBLIC',
    "Les brouillons ne sont pas accessibles par l'API publique : seuls les contenus publiés le sont.",
    'Drafts are not available through the public API: only published content is.'
  );

/** True when a REST query string asks for anything but published content. */
export function restAsksForDrafts(query: Record<string, unknown>): boolean {
  return query.status !== undefined && query.status !== 'published';
}

function valueAsksForDraft(value: ValueNode, variables: Record<string, unknown>): boolean {
  if (value.kind === Kind.ENUM) return value.value !== 'PUBLISHED';
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return bound !== undefined && bound !== null && bound !== 'PUBLISHED';
  }
  return value.kind !== Kind.NULL;
}

/** True when a GraphQL document passes a `status` argument other than PUBLISHED, anywhere. */
export function graphqlAsksForDrafts(document: DocumentNode, variables: Record<string, unknown> = {}): boolean {
  let asks = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'status' && valueAsksForDraft(node.value, variables)) asks = true;
    },
  });
  return asks;
}

/** Apollo Server plugin: refuses any operation that asks for drafts, before it runs. */
export const rejectDraftStatusPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({
        document,
        request,
        contextValue,
      }: {
        document: DocumentNode;
        request: { variables?: Record<string, unknown> };
        contextValue: { koaContext?: Context };
      }) {
        if (graphqlAsksForDrafts(document, request.variables ?? {})) throw graphqlRefusal(draftsNotPublic(), contextValue.koaContext);
      },
    };
  },
};
