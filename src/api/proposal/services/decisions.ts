/**
 * Decisions and their release. Editors decide at any time; a decision stays internal until it is
 * released — by an editor, or automatically at the edition's response date — and after that date a
 * new decision is released as soon as it is made. Each release queues one mail per proposal it
 * releases, and is recorded (who, when, how many).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../domain/clock';
import { callWindowAt, confirmationDeadlineFor, reminderDueAt, formatInstantFr, undecidedWarningsDue, zoneOf } from '../../../domain/edition-calendar';
import { CONSENT_FIELDS, CONSENT_LABELS, CONSENTS, latestEntries } from '../../../domain/consent';
import { countPending, DECISION_MAIL_OF, releaseWarnings, type DecisionPanel, type ReleasePreview } from '../../../domain/decision-release';
import {
  applyTransition,
  BY_SYSTEM,
  changedSinceCommunicated,
  DECIDED_STATES,
  editorNextStates,
  IllegalTransition,
  PROPOSAL_STATES,
  SPEAKER_STATES,
  STATE_LABELS_FR,
  type Communicated,
  type ProposalState,
  type StateChange,
} from '../../../domain/proposal-states';
import { Problem, problems } from '../../../http/problem';
import { PROPOSAL_STATE_LABELS } from '../../../domain/labels';
import { once, withLock } from '../../../persistence/lock';
import { getService } from '../../../services';
import { groupedCounts } from '../../../persistence/grouped-counts';

const PROPOSAL = 'api::proposal.proposal';
const EDITION = 'api::edition.edition';
const RELEASE = 'api::decision-release.decision-release';
/** Undecided proposals named per edition (the oldest); every one is counted. */
const UNDECIDED_LISTED = 20;

/** The release asked for, as the editor confirmed it. */
export interface ReleaseRequest {
  /** How many mails the preview the editor confirmed announced; a different count now is a stale preview. */
  expected?: number;
}
/** What the editors' list of undecided proposals shows of an edition and of each proposal. */
interface UndecidedEdition {
  documentId: string;
  title: string;
  slug: string;
  responseDate: string | null;
  timeZone: string | null;
}
interface UndecidedProposal {
  reference: string;
  title: string;
  submittedAt: string | null;
}

/** The speaker's answers are theirs: an editor who sets one is refused, whatever the table says. */
function refuseSpeakerState(to: unknown) {
  if (!SPEAKER_STATES.includes(to as ProposalState)) return;
  const message = `L'état « ${STATE_LABELS_FR[to as ProposalState]} » appartient à l'intervenant : lui seul le choisit, depuis son lien de suivi. Un éditeur choisit entre reçue, acceptée, sur liste d'attente et non retenue.`;
  throw new errors.ValidationError(message, {
    code: 'SPEAKER_STATE',
    state: to,
    messageFr: message,
    messageEn: `The state "${to}" belongs to the speaker, who alone sets it through their status link. An editor sets submitted, accepted, waitlisted or rejected.`,
    errors: [{ path: ['state'], message, name: 'ValidationError' }],
  });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const notifications = () => getService('proposerMails');

  /** The editors' latest dates (the draft row), as the dashboard shows them: the release and its warnings read those. */
  const editionRow = (documentId: string) => getService('editions').draftRow(documentId);

  /** The proposals of an edition whose decision waits for its release. */
  async function pendingRows(editionDocumentId: string) {
    return strapi.db.query(PROPOSAL).findMany({
      where: { edition: { documentId: editionDocumentId }, state: { $in: DECIDED_STATES }, decisionReleasedAt: null },
    });
  }

  /** What a release would send now, and what the editor should know before confirming it. */
  async function releasePreview(editionDocumentId: string): Promise<ReleasePreview> {
    const edition = await editionRow(editionDocumentId);
    if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
    const now = clock.now();
    const counts = countPending(await pendingRows(editionDocumentId));
    const undecided = await strapi.db.query(PROPOSAL).count({ where: { edition: { documentId: editionDocumentId }, state: 'submitted' } });
    const callOpen = callWindowAt(edition, now).state === 'open';
    const responseDate = edition.responseDate ? new Date(edition.responseDate) : null;
    const beforeResponseDate = !!responseDate && now.getTime() < responseDate.getTime();
    const last = await strapi.db.query(RELEASE).findOne({
      where: { edition: { documentId: editionDocumentId } },
      orderBy: [{ releasedAt: 'desc' }, { id: 'desc' }],
      select: ['releasedAt', 'releasedBy'],
    });
    return {
      ...counts,
      undecided,
      callOpen,
      beforeResponseDate,
      warnings: releaseWarnings({
        callOpen,
        beforeResponseDate,
        responseDateText: responseDate ? formatInstantFr(responseDate.toISOString(), zoneOf(edition)) : null,
        undecided,
      }),
      lastRelease: last
        ? {
            at: new Date(last.releasedAt).toISOString(),
            atText: formatInstantFr(new Date(last.releasedAt).toISOString(), zoneOf(edition)),
            by: last.releasedBy,
          }
        : null,
    };
  }

  /**
   * Releases the decided, unreleased proposals of an edition, once per proposal whatever overlaps,
   * and records who did it. With `expected`, refuses (409) when the count has changed since the
   * preview the editor confirmed.
   */
  async function releaseEdition(editionDocumentId: string, by: string = BY_SYSTEM, request: ReleaseRequest = {}): Promise<number> {
    const released = await withLock(strapi, `release:${editionDocumentId}`, async () => {
      const now = clock.now();
      const edition = await editionRow(editionDocumentId);
      if (!edition) return 0;
      const rows = await pendingRows(editionDocumentId);
      if (request.expected !== undefined && request.expected !== rows.length) {
        const preview = await releasePreview(editionDocumentId);
        throw new Problem(
          409,
          'ConflictError',
          'RELEASE_PREVIEW_STALE',
          `Les décisions à communiquer ont changé depuis l'aperçu : ${preview.total} courriel(s) partiraient maintenant, pas ${request.expected}. Vérifiez puis confirmez à nouveau.`,
          `The decisions to release changed since the preview: ${preview.total} mail(s) would go now, not ${request.expected}. Check and confirm again.`,
          { expected: request.expected, preview }
        );
      }
      const sent: typeof rows = [];
      for (const row of rows) {
        const data: Record<string, unknown> = { decisionReleasedAt: now.toISOString(), communicatedState: row.state, communicatedAt: now.toISOString() };
        if (row.state === 'accepted') data.confirmationDeadline = confirmationDeadlineFor(edition, now).toISOString();
        const { count } = await strapi.db.query(PROPOSAL).updateMany({ where: { id: row.id, decisionReleasedAt: null }, data });
        if (count !== 1) continue;
        sent.push(row);
        // A changed decision is a new round: its mail goes even if the proposer once got one of that kind.
        const round = row.communicatedAt ? now.toISOString() : undefined;
        await notifications().enqueue(row, DECISION_MAIL_OF[row.state], { round });
        // Its co-speakers who accepted are asked to confirm their own participation, in the same window.
        if (row.state === 'accepted') await getService('coSpeakers').askToConfirm(row.id, round);
      }
      if (sent.length > 0) {
        const counts = countPending(sent);
        await strapi.documents(RELEASE).create({
          data: {
            edition: editionDocumentId,
            releasedAt: now.toISOString(),
            releasedBy: by,
            acceptances: counts.mails.acceptance,
            waitlists: counts.mails.waitlist,
            rejections: counts.mails.rejection,
            changedDecisions: counts.changes,
            mailsSent: counts.total,
          },
        });
      }
      return sent.length;
    });
    if (released > 0) notifications().deliverSoon();
    return released;
  }

  /** The editions whose latest dates (the draft row, as editionRow) match `where`: the published row's dates may be older. */
  async function editionIds(where: Record<string, unknown>): Promise<string[]> {
    const rows = await strapi.db.query(EDITION).findMany({ where: { ...where, locale: 'fr', publishedAt: null }, select: ['documentId'] });
    return [...new Set(rows.map((r: { documentId: string }) => r.documentId))];
  }

  return {
    releaseEdition,
    releasePreview,
    refuseSpeakerState,

    /** Before a proposal is saved with a new state: check the table, stamp the change with who made it. */
    async guardStateChange(params: { documentId?: string; data?: Record<string, unknown> }, by: string = BY_SYSTEM) {
      const to = params.data?.state as ProposalState | undefined;
      if (!to || !params.documentId) return;
      const current: ({ state: ProposalState; stateHistory: StateChange[] | null } & Communicated) | null = await strapi.db.query(PROPOSAL).findOne({
        where: { documentId: params.documentId },
        select: ['state', 'stateHistory', 'communicatedState', 'communicatedAt'],
      });
      if (!current || current.state === to) return;
      try {
        Object.assign(params.data!, applyTransition(current, to, clock.now(), by));
      } catch (error) {
        if (!(error instanceof IllegalTransition)) throw error;
        throw new errors.ValidationError(error.message, {
          code: 'ILLEGAL_TRANSITION',
          from: error.from,
          to: error.to,
          errors: [{ path: ['state'], message: error.message, name: 'ValidationError' }],
        });
      }
    },

    /** The decision side panel of a proposal in the admin: its state, what the proposer was told, the history, what an editor may set next. */
    async decisionPanel(documentId: string): Promise<DecisionPanel> {
      const row = await strapi.db.query(PROPOSAL).findOne({
        where: { documentId },
        select: [
          'state',
          'stateHistory',
          'communicatedState',
          'communicatedAt',
          'decisionReleasedAt',
          'consentContact',
          'consentPublication',
          'consentJobTitle',
          'consentRecord',
        ],
        populate: { edition: { select: ['timeZone'] } },
      });
      if (!row) throw problems.proposalNotFound();
      const zone = zoneOf(row.edition ?? {});
      const label = (state: ProposalState) => PROPOSAL_STATE_LABELS[state]?.fr ?? state;
      const changed = changedSinceCommunicated(row);
      return {
        state: row.state,
        stateLabel: label(row.state),
        timeZone: zone,
        communicated: row.communicatedState
          ? {
              state: row.communicatedState,
              label: label(row.communicatedState),
              at: row.communicatedAt ? formatInstantFr(new Date(row.communicatedAt).toISOString(), zone) : null,
            }
          : null,
        released: !!row.decisionReleasedAt,
        warning: changed ? `Décision modifiée, non communiquée (communiquée : ${label(row.communicatedState)})` : null,
        history: ((row.stateHistory ?? []) as StateChange[]).map((entry) => ({
          at: entry.at,
          atText: formatInstantFr(entry.at, zone),
          by: entry.by ?? null,
          from: entry.from,
          fromLabel: label(entry.from),
          to: entry.to,
          toLabel: label(entry.to),
        })),
        nextStates: editorNextStates(row.state).map((state) => ({ state, label: label(state) })),
        consents: CONSENTS.map((consent) => {
          const entry = latestEntries(row.consentRecord)[consent];
          return {
            consent,
            label: CONSENT_LABELS[consent].fr,
            given: row[CONSENT_FIELDS[consent]] === true,
            version: entry?.version ?? null,
            atText: entry ? formatInstantFr(entry.at, zone) : null,
            by: entry?.by ?? null,
          };
        }),
      };
    },

    /** An editor's decision from the side panel: through the document service, so every rule of a change applies. */
    async setStateByEditor(documentId: string, state: unknown): Promise<DecisionPanel> {
      const exists = await strapi.db.query(PROPOSAL).findOne({ where: { documentId }, select: ['id'] });
      if (!exists) throw problems.proposalNotFound();
      if (typeof state !== 'string' || !PROPOSAL_STATES.includes(state as ProposalState)) {
        throw new Problem(400, 'ValidationError', 'UNKNOWN_STATE', 'État inconnu.', 'Unknown state.', { state: String(state) });
      }
      await strapi.documents(PROPOSAL).update({ documentId, data: { state: state as ProposalState } });
      return this.decisionPanel(documentId);
    },

    /** After a decision is saved: past the response date, it is released at once, in the name of whoever decided. */
    async releaseIfPastResponseDate(documentId: string, by: string = BY_SYSTEM) {
      // The edition's documentId only: a proposal links to its draft and its published row alike, either may come first.
      const row = await strapi.db.query(PROPOSAL).findOne({ where: { documentId }, populate: { edition: { select: ['documentId'] } } });
      if (!row?.edition || !DECIDED_STATES.includes(row.state) || row.decisionReleasedAt) return;
      const edition = await editionRow(row.edition.documentId);
      if (edition?.responseDate && new Date(edition.responseDate).getTime() <= clock.now().getTime()) {
        await releaseEdition(row.edition.documentId, by);
      }
    },

    /** Cron: releases what was decided in every edition whose response date has come. */
    async releaseDue(): Promise<number> {
      let total = 0;
      for (const id of await editionIds({ responseDate: { $lte: clock.now().toISOString() } })) total += await releaseEdition(id);
      return total;
    },

    /**
     * Proposals released before the app kept what it told each proposer: what they were told is their
     * released decision (a speaker's answer was to an acceptance). Without it, changing such a
     * decision would put the proposer back to « en cours d'examen ». Idempotent; run at bootstrap.
     */
    async recordCommunicatedDecisions(): Promise<number> {
      const told: Array<[ProposalState[], ProposalState]> = [
        [['accepted', 'confirmed', 'declined'], 'accepted'],
        [['waitlisted'], 'waitlisted'],
        [['rejected'], 'rejected'],
      ];
      let recorded = 0;
      for (const [states, communicatedState] of told) {
        const rows: Array<{ id: number; decisionReleasedAt: string }> = await strapi.db.query(PROPOSAL).findMany({
          where: { state: { $in: states }, decisionReleasedAt: { $notNull: true }, communicatedState: null },
          select: ['id', 'decisionReleasedAt'],
        });
        for (const row of rows) {
          await strapi.db.query(PROPOSAL).update({ where: { id: row.id }, data: { communicatedState, communicatedAt: row.decisionReleasedAt } });
          recorded++;
        }
      }
      return recorded;
    },

    /** Cron: one reminder to accepted speakers who have not answered, 48 h before their deadline. */
    async remindDue(): Promise<number> {
      const now = clock.now();
      const rows = await strapi.db.query(PROPOSAL).findMany({
        where: { state: 'accepted', decisionReleasedAt: { $notNull: true }, confirmationDeadline: { $gt: now.toISOString() } },
      });
      let queued = 0;
      for (const row of rows) {
        const due = reminderDueAt(new Date(row.decisionReleasedAt), new Date(row.confirmationDeadline));
        if (due.getTime() <= now.getTime()) {
          const enqueued = await withLock(strapi, `remind:${row.id}`, () => notifications().enqueue(row, 'confirmation_reminder'));
          if (enqueued) queued++;
        }
      }
      if (queued > 0) notifications().deliverSoon();
      return queued;
    },

    /** How many undecided proposals each edition has (by documentId), in one grouped query. */
    async undecidedCounts(): Promise<Map<string, number>> {
      const groups = await groupedCounts(strapi, PROPOSAL, { where: { state: 'submitted' }, by: ['edition.documentId'] });
      return new Map(groups.flatMap((g) => (typeof g.values['edition.documentId'] === 'string' ? [[g.values['edition.documentId'], g.count]] : [])));
    },

    /**
     * Undecided proposals per edition, for editors: each edition's count, and its oldest few
     * (`UNDECIDED_LISTED`) whatever its size; the content manager lists them all, page by page.
     */
    async undecided() {
      const result: Array<{ edition: UndecidedEdition; undecided: number; proposals: UndecidedProposal[] }> = [];
      for (const [documentId, count] of await this.undecidedCounts()) {
        const rows: (UndecidedProposal & { edition: UndecidedEdition | null })[] = await strapi.db.query(PROPOSAL).findMany({
          where: { state: 'submitted', edition: { documentId } },
          select: ['id', 'reference', 'title', 'submittedAt'],
          populate: { edition: { select: ['documentId', 'title', 'slug', 'responseDate', 'timeZone'] } },
          orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
          limit: UNDECIDED_LISTED,
        });
        const edition = rows[0]?.edition;
        if (!edition) continue;
        result.push({
          edition: { documentId: edition.documentId, title: edition.title, slug: edition.slug, responseDate: edition.responseDate, timeZone: edition.timeZone },
          undecided: count,
          proposals: rows.map((row) => ({ reference: row.reference, title: row.title, submittedAt: row.submittedAt })),
        });
      }
      return result;
    },

    /** Cron: warns editors once 48 h before, and once at, each response date with undecided proposals. */
    async warnUndecided(): Promise<string[]> {
      const now = clock.now();
      const warnings: string[] = [];
      for (const entry of await this.undecided()) {
        const responseDate = entry.edition.responseDate ? new Date(entry.edition.responseDate) : null;
        if (!responseDate) continue;
        const zone = zoneOf(entry.edition);
        for (const mark of undecidedWarningsDue(responseDate, now)) {
          const message = `${entry.undecided} proposition(s) sans décision pour « ${entry.edition.title} » ; date de réponse : ${formatInstantFr(responseDate.toISOString(), zone)}.`;
          if (
            await once(strapi, `undecided-${mark}:${entry.edition.documentId}`, now, async () => {
              strapi.log.warn(message);
            })
          ) {
            warnings.push(`${mark}: ${message}`);
          }
        }
      }
      return warnings;
    },
  };
};
