/**
 * The one public route of the consents' texts: the latest version of each. Nothing else of the type
 * is public (no stock REST or GraphQL route); editors manage the texts in the admin.
 */
export default {
  routes: [{ method: 'GET', path: '/consent-texts/current', handler: 'consent-text.current', config: { auth: false as const } }],
};
