/**
 * GraphQL shows no private type: no queries or mutations generated for proposals, proposer mails,
 * job marks, rebuild targets and deliveries, and no `proposal` field on sessions. Proposals are
 * submitted through their own mutation (src/api/proposal/graphql.ts).
 */
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, INTERNAL_TYPES } from '../content-types';

export function hidePrivateTypesFromGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of INTERNAL_TYPES) extension.shadowCRUD(uid).disable();
  extension.shadowCRUD(CONTENT_TYPES.session.uid).field('proposal').disable();
}
