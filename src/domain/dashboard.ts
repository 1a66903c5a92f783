/**
 * The editors' dashboard as the server builds it (api::edition.editorial) and the admin page reads
 * it (GET /bluehats/editions/:documentId/dashboard). Types only: the admin imports this module with
 * `import type`, so no server code reaches its bundle, and a field renamed on one side is a type
 * error on the other.
 */
import type { CallForProposalsBlock } from './call-state';

export interface EditionSummary {
  documentId: string;
  title: string;
  year: number;
}

export interface Count {
  label: string;
  count: number;
}

export interface Dashboard {
  edition: { documentId: string; title: string; year: number | null; timeZone: string };
  callForProposals: CallForProposalsBlock;
  total: number;
  byState: Array<Count & { state: string }>;
  byPreferredDay: Array<Count & { day: string | null }>;
  byAdministrationKind: Array<Count & { kind: string }>;
  minutes: { requested: number; accepted: number; available: number };
  undecided: {
    count: number;
    responseDate: { at: string | null; beforeResponseDate: boolean } | null;
    proposals: Array<{ documentId: string; reference: string; title: string }>;
  };
  webhookFailures: RebuildFailure[];
}

/** A failed site rebuild, as the dashboard and the home page list it. */
export interface RebuildFailure {
  target: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** Why, in French, when the server can word it (else read `lastError`). */
  reason?: string | null;
  /** The row's Date on the server; JSON turns it into an ISO string on the way to the admin. */
  at: Date | string;
}

/**
 * The admin's home page (GET /bluehats/home): each current edition (not over yet) with the state of
 * its call, its next date boundary and its undecided proposals, then the last rebuild failures.
 */
export interface Home {
  editions: Array<{
    documentId: string;
    title: string;
    year: number | null;
    timeZone: string;
    /** Whether a version of the edition is published: a draft's call is not open to anyone. */
    published: boolean;
    state: { value: CallForProposalsBlock['state']; label: string };
    nextBoundary: { name: string; label: string; at: string; text: string } | null;
    undecided: number;
  }>;
  undecided: number;
  rebuildFailures: RebuildFailure[];
}
