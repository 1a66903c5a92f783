import type { Core } from '@strapi/strapi';
import { registerPublishedOnlyReads } from './access/published-only';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicPermissions, PUBLIC_READABLE } from './bootstrap/permissions';
import { closeContentApiAccounts } from './bootstrap/accounts';
import { responseCache } from './cache/response-cache';
import { isInternalWrite } from './persistence/internal-writes';
import { registerEditionGraphql } from './api/edition/graphql';
import { registerOpenApi } from './openapi';
import { registerProposalGraphql } from './api/proposal/graphql';
import { frenchByDefault } from './bootstrap/admin-language';
import { applyAdminLayouts } from './bootstrap/admin-layouts';

const WRITES_THAT_MAY_PUBLISH = new Set(['create', 'update', 'publish']);
const PUBLIC_WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const REBUILT_TYPES = new Set(['api::event.event', 'api::edition.edition', 'api::session.session', 'api::speaker.speaker']);

/** Cross-cutting rules on every write, whatever the route (admin, API, jobs, seed). */
function registerDocumentMiddlewares(strapi: Core.Strapi) {
  registerPublishedOnlyReads(strapi);

  // Any change to public content empties the response cache of this instance, and tells the sites to rebuild.
  strapi.documents.use(async (context, next) => {
    const result: any = await next();
    if (PUBLIC_WRITES.has(context.action) && (PUBLIC_READABLE as readonly string[]).includes(context.uid)) {
      responseCache.invalidate();
      const params = context.params as { documentId?: string; locale?: string; status?: string };
      if (REBUILT_TYPES.has(context.uid) && !isInternalWrite()) {
        await strapi
          .service('api::rebuild-target.webhooks')
          .contentChanged(context.uid, context.action, params.documentId ?? result?.documentId, params.locale, params.status);
      }
    }
    return result;
  });

  strapi.documents.use(async (context, next) => {
    const params = context.params as { documentId?: string; data?: Record<string, any>; locale?: string };
    const { uid, action } = context;

    if (uid === 'api::edition.edition' && (action === 'create' || action === 'update')) {
      await strapi.service('api::edition.edition').assertCoherent(params);
      const result = await next();
      if (action === 'update' && params.data && 'programPublicationDate' in params.data) {
        await strapi.service('api::session.program').reapplyEmbargoForEdition(params.documentId!);
      }
      return result;
    }

    if (uid === 'api::rebuild-target.rebuild-target' && (action === 'create' || action === 'update' || action === 'delete')) {
      return strapi.service('api::rebuild-target.webhooks').keepSecretOut(params, next, action);
    }

    if (uid === 'api::proposal.proposal' && action === 'create') {
      await strapi.service('api::proposal.proposal').completeNewProposal(params);
    }
    if (uid === 'api::proposal.proposal' && action === 'update' && params.data?.state) {
      await strapi.service('api::proposal.decisions').guardStateChange(params);
      const result = await next();
      await strapi.service('api::proposal.decisions').releaseIfPastResponseDate(params.documentId!);
      return result;
    }

    if ((uid === 'api::session.session' || uid === 'api::speaker.speaker') && WRITES_THAT_MAY_PUBLISH.has(action)) {
      const result: any = await next();
      const documentId = params.documentId ?? result?.documentId;
      if (documentId) await strapi.service('api::session.program').enforceEmbargo(uid, documentId);
      return result;
    }

    return next();
  });
}

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    registerProposalGraphql(strapi);
    registerEditionGraphql(strapi);
    registerOpenApi(strapi);
    frenchByDefault(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicPermissions(strapi);
    await closeContentApiAccounts(strapi);
    // After the admin's own bootstrap, which creates the stock roles this adjusts.
    await strapi.plugin('bluehats').service('roles').ensure();
    await applyAdminLayouts(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('api::notification.notification').drain();
  },
};
