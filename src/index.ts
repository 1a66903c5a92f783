import type { Core, Modules } from '@strapi/strapi';
import { publishedOnlyReads } from './access/published-only';
import { refuseMalformedFilters } from './access/query-filters';
import { hidePrivateTypesFromGraphql } from './access/graphql-private-types';
import { guardRelationRoutes, hideProposerIdentity } from './access/anonymous-review';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicPermissions } from './bootstrap/permissions';
import { closeContentApiAccounts } from './bootstrap/accounts';
import { invalidateResponseCache } from './cache/invalidate-on-write';
import { listenForChanges, stopListening } from './cache/coherence';
import { refuseIncoherentEdition, refuseIncompletePublication } from './api/edition/document-middlewares';
import { refuseHandMadeOutboxRecords } from './api/delivery/document-middlewares';
import { keepAccessLogWrittenByApp } from './api/access-log/document-middlewares';
import { refuseHandMadePrivacyTasks } from './api/privacy-task/document-middlewares';
import { keepLateCodesMadeByApp } from './api/late-code/document-middlewares';
import { keepCoSpeakersMadeByProposers } from './api/co-speaker/document-middlewares';
import { keepProgramVersionsMadeByApp, recordProgramVersion } from './api/program-version/document-middlewares';
import { registerEditionGraphql } from './api/edition/graphql';
import {
  completeNewProposal,
  deleteProposalDependents,
  guardProposalStateChange,
  limitAdminProposalWrites,
  recordConsentChanges,
} from './api/proposal/document-middlewares';
import { versionConsentTexts } from './api/consent-text/document-middlewares';
import { registerProposalSubmissionGraphql } from './api/proposal/graphql-submission';
import { announcePublicChanges, keepRebuildSecretOut } from './api/rebuild-target/document-middlewares';
import { deferEarlyPublish, reapplyWhenProgramDateMoves } from './api/session/services/embargo';
import { countScheduleChanges, guardPublicationConsent, keepProgramPlacementValid, numberNewSession } from './api/session/document-middlewares';
import { registerOpenApi, writeOpenApiDocumentInProduction } from './openapi';
import { frenchByDefault } from './bootstrap/admin-language';
import { applyAdminLayouts } from './bootstrap/admin-layouts';
import { getService } from './services';
import { pagesConfig } from './config-types';
import { registerPublicPages } from './api/public-space/register-pages';
import { warnWithoutPublicUrl } from './http/public-url';
import { answerEarlyBeforeKoa } from './http/early-answers';
import { keepDuplicateKeyUnique } from './persistence/unique-duplicate-key';

/**
 * The cross-cutting rules on every document-service call, whoever calls (admin, API, jobs, seed),
 * in the order they wrap each call: the first is the outermost. Refusals come before the rules
 * that observe the outcome (cache, rebuild announcements), and those before the embargo, which
 * changes the outcome: an announcement then reports what was really done.
 * Each one returns `next()` at once for the content types and actions it does not concern.
 * tests/integration/document-middlewares.test.ts checks this order against the running app.
 */
export const documentMiddlewares: readonly Modules.Documents.Middleware.Middleware[] = [
  publishedOnlyReads, // content-API reads: published content only (src/access)
  refuseMalformedFilters, // content-API reads: filters the database would choke on are a 400 (src/access)
  hideProposerIdentity, // admin reads without « Voir qui propose »: anonymised editions' proposers unseen, unsearchable, unsorted (src/access)
  refuseHandMadeOutboxRecords, // deliveries, mails: written by the app alone, never created by hand
  keepAccessLogWrittenByApp, // access log of personal data: written by the app alone, never created, changed or deleted by hand
  refuseHandMadePrivacyTasks, // privacy tasks: made by an erasure, never created by hand
  keepLateCodesMadeByApp, // late-submission codes: the code made by the app on creation, uses counted by submissions only
  keepCoSpeakersMadeByProposers, // co-speakers: named by proposers only; from the admin, their address, answers and link untouched
  keepProgramVersionsMadeByApp, // program versions: written by the app alone, never created, changed or deleted by hand
  keepRebuildSecretOut, // rebuild targets: the secret leaves the row; a new address needs it again
  refuseIncoherentEdition, // editions: coherent dates, days and durations
  refuseIncompletePublication, // editions: published with a complete call, or marked without one
  keepProgramPlacementValid, // sessions, editions: the program inside its afternoons, no overlap, changeovers kept, under the edition's lock
  limitAdminProposalWrites, // proposals, from the admin: system fields ignored, the speaker's states refused
  guardProposalStateChange, // proposals: transition table, stamped history, late decisions released
  completeNewProposal, // proposals: e-mail, submission instant, reference, token
  recordConsentChanges, // proposals: each consent given or withdrawn recorded with its text version; a withdrawal applied to what is public
  deleteProposalDependents, // proposals deleted: their mails (sent or queued), co-speakers and reviews with them, in one transaction
  versionConsentTexts, // consent texts: the next version on creation; a version already recorded is never changed nor deleted
  guardPublicationConsent, // sessions, speakers: no job title, no publication (nor scheduled one) that the proposer refused
  invalidateResponseCache, // public content written: the cached answers of this instance and (PostgreSQL) the others are stale
  recordProgramVersion, // sessions, speakers published, unpublished or deleted: the program's next version (once per batch)
  announcePublicChanges, // public content written: rebuild targets hear of it
  deferEarlyPublish, // sessions, speakers: no publication before the program date; scheduled instead
  reapplyWhenProgramDateMoves, // editions: a later program date takes published sessions back
  numberNewSession, // sessions: the next stable number, under a lock held until the creation commits
  countScheduleChanges, // sessions: the number kept; a new time, duration, room or cancellation raises the sequence
];

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    for (const middleware of documentMiddlewares) strapi.documents.use(middleware);
    // After the schema sync: a fresh database has its tables only then (the migration did it on an existing one).
    strapi.hook('strapi::content-types.afterSync').register(async () => {
      await keepDuplicateKeyUnique(strapi);
    });
    hidePrivateTypesFromGraphql(strapi);
    guardRelationRoutes(strapi);
    registerProposalSubmissionGraphql(strapi);
    registerEditionGraphql(strapi);
    registerOpenApi(strapi);
    frenchByDefault(strapi);
    if (pagesConfig(strapi).enabled) registerPublicPages(strapi);
    // Cached public answers, once served by the full pipeline, go out before Koa (src/http/early-answers.ts).
    answerEarlyBeforeKoa(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicPermissions(strapi);
    await closeContentApiAccounts(strapi);
    // After the admin's own bootstrap, which creates the stock roles this adjusts.
    await strapi.plugin('bluehats').service('roles').ensure();
    await applyAdminLayouts(strapi);
    await getService('consentTexts').seedMissing();
    await getService('scheduleIdentity').numberUnnumbered();
    await getService('decisions').recordCommunicatedDecisions();
    warnWithoutPublicUrl(strapi);
    await writeOpenApiDocumentInProduction(strapi);
    // Other instances on the same PostgreSQL database empty this one's caches when they write.
    await listenForChanges(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopListening(strapi);
    await getService('proposerMails').drain();
  },
};
