/**
 * GraphQL shows no private type: no queries or mutations generated for proposals, proposer mails,
 * job marks, rebuild targets and deliveries, and no `proposal` field on sessions. Proposals are
 * submitted through their own mutation (src/api/proposal/graphql.ts).
 */
import type { Core } from '@strapi/strapi';

const PRIVATE_TYPES = [
  'api::proposal.proposal',
  'api::notification.notification',
  'api::job-mark.job-mark',
  'api::rebuild-target.rebuild-target',
  'api::delivery.delivery',
] as const;

export function hidePrivateTypesFromGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of PRIVATE_TYPES) extension.shadowCRUD(uid).disable();
  extension.shadowCRUD('api::session.session').field('proposal').disable();
}
