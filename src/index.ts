import type { Core } from '@strapi/strapi';
import { registerPublishedOnlyReads } from './access/published-only';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicPermissions } from './bootstrap/permissions';
import { registerProposalGraphql } from './api/proposal/graphql';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnlyReads(strapi);

    strapi.documents.use(async (context, next) => {
      if (context.uid === 'api::edition.edition' && (context.action === 'create' || context.action === 'update')) {
        await strapi.service('api::edition.edition').assertCoherent(context.params);
      }
      return next();
    });

    strapi.documents.use(async (context, next) => {
      if (context.uid === 'api::proposal.proposal' && context.action === 'create') {
        await strapi.service('api::proposal.proposal').completeNewProposal(context.params);
      }
      return next();
    });

    registerProposalGraphql(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicPermissions(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('api::proposal.confirmation-mail').drain();
  },
};
