/**
 * The app's content types, once: which the public reads, which only the app and its editors see,
 * and which changes rebuild the static sites. Every list elsewhere is derived from this one.
 */
export const CONTENT_TYPES = {
  event: { uid: 'api::event.event', public: true, rebuildsSites: true },
  edition: { uid: 'api::edition.edition', public: true, rebuildsSites: true },
  session: { uid: 'api::session.session', public: true, rebuildsSites: true },
  speaker: { uid: 'api::speaker.speaker', public: true, rebuildsSites: true },
  administration: { uid: 'api::administration.administration', public: true, rebuildsSites: false },
  /** Personal data: never public, never in GraphQL, hidden from the stock admin roles. */
  proposal: { uid: 'api::proposal.proposal', public: false, rebuildsSites: false },
  /** The proposer-mail outbox. */
  notification: { uid: 'api::notification.notification', public: false, rebuildsSites: false },
  rebuildTarget: { uid: 'api::rebuild-target.rebuild-target', public: false, rebuildsSites: false },
  /** The rebuild-delivery outbox. */
  delivery: { uid: 'api::delivery.delivery', public: false, rebuildsSites: false },
  /** What the scheduled jobs have already done (exactly once, across instances). */
  jobMark: { uid: 'api::job-mark.job-mark', public: false, rebuildsSites: false },
  /** Who released an edition's decisions, and when: written by the app only. */
  decisionRelease: { uid: 'api::decision-release.decision-release', public: false, rebuildsSites: false },
  /** The versioned texts of the form's consents: the form reads the latest, a proposal keeps the one it saw. */
  consentText: { uid: 'api::consent-text.consent-text', public: false, rebuildsSites: false },
  /** Who exported or erased personal data, when: written by the app only, read by Éditeur only. */
  accessLog: { uid: 'api::access-log.access-log', public: false, rebuildsSites: false },
  /** What an erasure leaves editors to do (a published page to check, a slot to fill). */
  privacyTask: { uid: 'api::privacy-task.privacy-task', public: false, rebuildsSites: false },
  /** Codes an editor gives for a submission after the deadline: the code itself is a secret, read by Éditeur only. */
  lateCode: { uid: 'api::late-code.late-code', public: false, rebuildsSites: false },
  /** The people a proposal names to speak with its author: personal data, read by Éditeur only (never by Relecteur). */
  coSpeaker: { uid: 'api::co-speaker.co-speaker', public: false, rebuildsSites: false },
  /** An edition's review criteria and their weights: set by Éditeur, read by Relecteur through the review panel. */
  reviewCriterion: { uid: 'api::review-criterion.review-criterion', public: false, rebuildsSites: false },
  /** Who receives proposals to review, with their administration (for the conflict rule): set by Éditeur. */
  reviewer: { uid: 'api::reviewer.reviewer', public: false, rebuildsSites: false },
  /** A proposal given to a reviewer and the reviewer's scores: written by the app only, read by Éditeur in the admin. */
  review: { uid: 'api::review.review', public: false, rebuildsSites: false },
  /** Each numbered version of an edition's public program and its changelog: written by the app only, public through the program's outputs. */
  programVersion: { uid: 'api::program-version.program-version', public: false, rebuildsSites: false },
} as const;

type Entry = (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];
export type AppContentType = Entry['uid'];
type PublicEntry = Extract<Entry, { public: true }>;

const entries = Object.values(CONTENT_TYPES) as Entry[];

/** Document-service actions that change what the public may see. */
export const PUBLIC_WRITES: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** What the Public role reads (published content only). */
export const PUBLIC_TYPES = entries.filter((e): e is PublicEntry => e.public).map((e) => e.uid);
/** What only the app and its editors see: no REST route, no GraphQL type, no stock admin role. */
export const INTERNAL_TYPES = entries.filter((e) => !e.public).map((e) => e.uid);
/** Whose public changes are announced to the rebuild targets. */
export const SITE_REBUILDING_TYPES = entries.filter((e) => e.rebuildsSites).map((e) => e.uid);
