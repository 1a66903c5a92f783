/**
 * The document middlewares run in the order written in src/index.ts (`documentMiddlewares`).
 * Observed on the running app: a probe added last (the innermost) captures the call stack of a
 * real document-service call; every app middleware hands a call it does not concern to `next()`
 * at once, so each appears in that stack (as `at Array.<name>`), the outermost last.
 */
import path from 'path';

const EXPECTED = [
  'publishedOnlyReads',
  'refuseMalformedFilters',
  'hideProposerIdentity',
  'refuseHandMadeOutboxRecords',
  'keepAccessLogWrittenByApp',
  'refuseHandMadePrivacyTasks',
  'keepLateCodesMadeByApp',
  'keepCoSpeakersMadeByProposers',
  'keepRebuildSecretOut',
  'refuseIncoherentEdition',
  'refuseIncompletePublication',
  'keepProgramPlacementValid',
  'limitAdminProposalWrites',
  'guardProposalStateChange',
  'completeNewProposal',
  'recordConsentChanges',
  'deleteProposalDependents',
  'versionConsentTexts',
  'guardPublicationConsent',
  'invalidateResponseCache',
  'announcePublicChanges',
  'deferEarlyPublish',
  'reapplyWhenProgramDateMoves',
  'numberNewSession',
  'countScheduleChanges',
];

it('the written list is the expected one', () => {
  // The module the running app loaded (dist/), not a second copy compiled for the test.
  const app = require(path.join(__dirname, '..', '..', 'dist', 'src', 'index.js'));
  expect(app.documentMiddlewares.map((m: { name: string }) => m.name)).toEqual(EXPECTED);
});

it('strapi.documents runs them in that order', async () => {
  let stack = '';
  const probe = async (_context: unknown, next: () => Promise<unknown>) => {
    stack = new Error().stack ?? '';
    return next();
  };
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  const remove = strapi.documents.use(probe as any);
  try {
    await strapi.documents('api::session.session').findMany({ limit: 1 });
  } finally {
    remove();
    Error.stackTraceLimit = previousLimit;
  }
  const names = new Set(EXPECTED);
  const seen = [...stack.matchAll(/at (?:async )?(?:\w+\.)?(\w+) \(/g)].map((m) => m[1]).filter((name) => names.has(name));
  expect(seen.reverse()).toEqual(EXPECTED);
});
