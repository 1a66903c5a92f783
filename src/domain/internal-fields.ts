/**
 * Fields that only the app writes and reads: fingerprints and keys of the proposer's private link,
 * the anti-duplicate key, the outboxes' machinery. Editors neither filter nor sort on them: the
 * admin does not offer them (src/plugins/bluehats/admin/src/list-view/hooks.tsx), and the server refuses a filter on them
 * through the admin API (src/access/query-filters.ts), where it could serve as an oracle. Plain
 * data with no import, so that the admin bundle can import it too.
 */
export const INTERNAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'api::proposal.proposal': ['duplicateKey', 'statusTokenHash', 'statusTokenEncrypted', 'statusTokenExpiresAt', 'stateHistory'],
  'api::notification.notification': ['onceKey', 'claimedBy'],
  // A co-speaker's private link, like the proposer's: never a filter an editor could probe it with.
  'api::co-speaker.co-speaker': ['tokenHash', 'tokenEncrypted', 'tokenExpiresAt'],
  'api::delivery.delivery': ['claimedBy', 'events'],
};

export const isInternalField = (uid: string, field: string): boolean => INTERNAL_FIELDS[uid]?.includes(field) ?? false;
