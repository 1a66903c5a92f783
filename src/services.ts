/**
 * The app's services, by name: one map, one typed accessor. `getService('embargo')` is checked by
 * the compiler (a renamed service or method is a type error), where `strapi.service('api::…')`
 * is a string. Read it as the table of contents of the server side: what each service is for.
 */
import type proposal from './api/proposal/services/proposal';
import type decisions from './api/proposal/services/decisions';
import type notification from './api/notification/services/notification';
import type edition from './api/edition/services/edition';
import type call from './api/edition/services/call';
import type editorial from './api/edition/services/editorial';
import type outputs from './api/edition/services/outputs';
import type embargo from './api/session/services/embargo';
import type fromProposals from './api/session/services/from-proposals';
import type scheduleIdentity from './api/session/services/schedule-identity';
import type deliveries from './api/rebuild-target/services/deliveries';
import type pages from './api/public-space/services/pages';
import type personalData from './api/proposal/services/personal-data';
import type accessLog from './api/access-log/services/access-log';
import type editorErasures from './api/proposal/services/editor-erasure';
import type privacyTasks from './api/privacy-task/services/privacy-task';
import type retention from './api/proposal/services/retention';
import type proposerRights from './api/proposal/services/proposer-rights';
import type consentTexts from './api/consent-text/services/consent-text';
import type consents from './api/proposal/services/consents';
import type publicationConsent from './api/session/services/publication-consent';
import type lateCodes from './api/late-code/services/late-code';
import type anonymousReview from './api/proposal/services/anonymous-review';
import type coSpeakers from './api/co-speaker/services/co-speaker';
import type reviews from './api/review/services/review';
import type nearDuplicates from './api/proposal/services/near-duplicates';
import type waitlist from './api/proposal/services/waitlist';
import type programBuilder from './api/session/services/program-builder';
import type programVersions from './api/program-version/services/program-versions';

/** What a service factory (plain or `factories.createCoreService`) makes. */
type Made<Factory> = Factory extends (...args: never[]) => infer Service ? Service : never;

export const SERVICE_UIDS = {
  /** Submission, the private status link, corrections, withdrawal and confirmation of proposals. */
  proposals: 'api::proposal.proposal',
  /** Editors' decisions: the state-change guard, their release at the response date, reminders, warnings. */
  decisions: 'api::proposal.decisions',
  /** The outbox of e-mails to proposers (content type `notification`, whose name and table are kept). */
  proposerMails: 'api::notification.notification',
  /** Editions: the coherence of their dates, days and durations. */
  editions: 'api::edition.edition',
  /** The computed `callForProposals` block of editions (state of the call, instants, time left). */
  callState: 'api::edition.call',
  /** The editors' desk: dashboard, editions list, proposals CSV, next year's edition. */
  editorial: 'api::edition.editorial',
  /** Public outputs: the published program, C3VOC schedule, iCalendar, Markdown pages. */
  outputs: 'api::edition.outputs',
  /** The program embargo: no session or speaker public before the program date; the scheduler. */
  embargo: 'api::session.embargo',
  /** A confirmed proposal becomes one draft session with its speaker. */
  sessionsFromProposals: 'api::session.from-proposals',
  /** A session's stable number in the schedule exports and its iCalendar sequence. */
  scheduleIdentity: 'api::session.schedule-identity',
  /** Site rebuilds: content and date events, the delivery outbox, signed calls, targets' secrets. */
  rebuildDeliveries: 'api::rebuild-target.deliveries',
  /** The public pages: the call, the proposer's form and status page, the program, worded for a page. */
  publicPages: 'api::public-space.pages',
  /** Erasing a proposer's personal data, by one rule, whoever asks: the proposer, an editor, the retention job. */
  personalData: 'api::proposal.personal-data',
  /** Who exported or erased personal data, when, for which edition: never the data itself. */
  accessLog: 'api::access-log.access-log',
  /** An editor erases a person on request, by e-mail address, across editions: preview, then confirmed erasure. */
  editorErasures: 'api::proposal.editor-erasure',
  /** What an erasure leaves editors to do: the open tasks in French, and « Fait ». */
  privacyTasks: 'api::privacy-task.privacy-task',
  /** Retention that runs by itself: each edition's proposals anonymised at its date, old delivery logs purged. */
  retention: 'api::proposal.retention',
  /** The proposer's own rights through the status link: export (download, or mail to their address), erasure. */
  proposerRights: 'api::proposal.proposer-rights',
  /** The consents' versioned texts: the current ones, the version check, their seeding, their numbering. */
  consentTexts: 'api::consent-text.consent-text',
  /** A proposal's consents recorded with their text version and instant; a withdrawal takes effect on what is public. */
  consents: 'api::proposal.consents',
  /** What the proposer's consents allow to be public: job titles, publication of sessions and speakers. */
  publicationConsent: 'api::session.publication-consent',
  /** Late-submission codes: whether one admits a proposal after the deadline, and its uses counted atomically. */
  lateCodes: 'api::late-code.late-code',
  /** Anonymised review: which editions hide their proposers from the current admin, reads made blind to them, identity emptied from answers. */
  anonymousReview: 'api::proposal.anonymous-review',
  /** Co-speakers without accounts: saved with their proposal, invited by mail, their answers through their own link. */
  coSpeakers: 'api::co-speaker.co-speaker',
  /** Scored review: each edition's criteria, reviewers' sheets and who sees them, « Répartir les propositions », the ranking. */
  reviews: 'api::review.review',
  /** Near-duplicate proposals of an edition for editors (one person with close titles, close abstracts): flagged, never refused. */
  nearDuplicates: 'api::proposal.near-duplicates',
  /** Freed slots (declined, withdrawn, confirmation lapsed) and the promotion of a waitlisted proposal into one. */
  waitlist: 'api::proposal.waitlist',
  /** The program builder: placement rules held on every write, the builder's view, moves, suggestion and program items. */
  programBuilder: 'api::session.program-builder',
  /** Program versions: one numbered version per publication that changes the public program, its changelog, « Publier le programme ». */
  programVersions: 'api::program-version.program-versions',
} as const;

export interface Services {
  proposals: Made<typeof proposal>;
  decisions: Made<typeof decisions>;
  proposerMails: Made<typeof notification>;
  editions: Made<typeof edition>;
  callState: Made<typeof call>;
  editorial: Made<typeof editorial>;
  outputs: Made<typeof outputs>;
  embargo: Made<typeof embargo>;
  sessionsFromProposals: Made<typeof fromProposals>;
  scheduleIdentity: Made<typeof scheduleIdentity>;
  rebuildDeliveries: Made<typeof deliveries>;
  publicPages: Made<typeof pages>;
  personalData: Made<typeof personalData>;
  accessLog: Made<typeof accessLog>;
  editorErasures: Made<typeof editorErasures>;
  privacyTasks: Made<typeof privacyTasks>;
  retention: Made<typeof retention>;
  proposerRights: Made<typeof proposerRights>;
  consentTexts: Made<typeof consentTexts>;
  consents: Made<typeof consents>;
  publicationConsent: Made<typeof publicationConsent>;
  lateCodes: Made<typeof lateCodes>;
  anonymousReview: Made<typeof anonymousReview>;
  coSpeakers: Made<typeof coSpeakers>;
  reviews: Made<typeof reviews>;
  nearDuplicates: Made<typeof nearDuplicates>;
  waitlist: Made<typeof waitlist>;
  programBuilder: Made<typeof programBuilder>;
  programVersions: Made<typeof programVersions>;
}

export type ServiceName = keyof Services;

export function getService<K extends ServiceName>(name: K): Services[K] {
  // Strapi types every service as its generic shape; the map above names the concrete one.
  return strapi.service(SERVICE_UIDS[name]) as unknown as Services[K];
}
