/**
 * The desk's admin routes, under /bluehats. Each one needs an authenticated admin whose role holds
 * the desk action named here (Settings › Roles › Plugins › bluehats).
 */
import type { DeskAction } from '../actions';

const route = (method: 'GET' | 'POST' | 'PUT', path: string, handler: string, action: DeskAction) => ({
  method,
  path,
  handler: `desk.${handler}`,
  config: { policies: ['admin::isAuthenticatedAdmin', { name: 'plugin::bluehats.has-desk-action', config: { action } }] },
});

export default {
  admin: {
    type: 'admin',
    routes: [
      route('GET', '/home', 'home', 'readDashboard'),
      route('GET', '/editions', 'editions', 'readDashboard'),
      route('GET', '/editions/:documentId/dashboard', 'dashboard', 'readDashboard'),
      route('GET', '/undecided', 'undecided', 'readDashboard'),
      route('GET', '/editions/:documentId/proposals.csv', 'proposalsCsv', 'exportProposals'),
      route('GET', '/editions/:documentId/release-preview', 'releasePreview', 'releaseDecisions'),
      route('POST', '/editions/:documentId/release-decisions', 'releaseDecisions', 'releaseDecisions'),
      route('GET', '/editions/:documentId/near-duplicates', 'nearDuplicates', 'decideProposals'),
      route('GET', '/editions/:documentId/freed-slots', 'freedSlots', 'decideProposals'),
      route('POST', '/proposals/:documentId/promote', 'promote', 'decideProposals'),
      route('GET', '/proposals/:documentId/decision', 'decisionPanel', 'readDashboard'),
      route('POST', '/proposals/:documentId/state', 'setProposalState', 'decideProposals'),
      route('GET', '/proposals/:documentId/reviews', 'reviewPanel', 'reviewProposals'),
      route('PUT', '/proposals/:documentId/review', 'score', 'reviewProposals'),
      route('GET', '/editions/:documentId/ranking', 'ranking', 'readDashboard'),
      route('POST', '/editions/:documentId/assign-reviewers', 'assignReviewers', 'assignReviewers'),
      route('GET', '/editions/:documentId/program-builder', 'programBuilder', 'buildProgram'),
      route('POST', '/editions/:documentId/program-builder/suggestion', 'suggestPlacement', 'buildProgram'),
      route('POST', '/editions/:documentId/program-builder/accept', 'acceptPlacement', 'buildProgram'),
      route('POST', '/editions/:documentId/program-items', 'addProgramItem', 'buildProgram'),
      route('PUT', '/sessions/:documentId/placement', 'placeSession', 'buildProgram'),
      route('POST', '/editions/:documentId/program/publish', 'publishProgram', 'publishProgram'),
      route('GET', '/editions/:documentId/program/versions', 'programVersions', 'buildProgram'),
      route('POST', '/editions/:documentId/duplicate', 'duplicate', 'duplicateEdition'),
      route('POST', '/rebuild-targets/:documentId/test', 'testRebuildTarget', 'testRebuildTarget'),
      route('GET', '/personal-data', 'personalData', 'erasePersonalData'),
      route('GET', '/erasures/preview', 'erasurePreview', 'erasePersonalData'),
      route('POST', '/erasures', 'erase', 'erasePersonalData'),
      route('POST', '/privacy-tasks/:documentId/done', 'privacyTaskDone', 'erasePersonalData'),
    ],
  },
};
