import type { Core } from '@strapi/strapi';
import { registerPublishedOnlyReads } from './access/published-only';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicPermissions } from './bootstrap/permissions';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPublishedOnlyReads(strapi);

    strapi.documents.use(async (context, next) => {
      if (context.uid === 'api::edition.edition' && (context.action === 'create' || context.action === 'update')) {
        await strapi.service('api::edition.edition').assertCoherent(context.params);
      }
      return next();
    });

    // Proposals never appear in the GraphQL schema; private relations neither.
    const graphql = strapi.plugin('graphql').service('extension');
    graphql.shadowCRUD('api::proposal.proposal').disable();
    graphql.shadowCRUD('api::session.session').field('proposal').disable();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicPermissions(strapi);
  },
};
