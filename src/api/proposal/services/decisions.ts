/**
 * Decisions and their release. Editors decide at any time; a decision stays internal until it is
 * released — by an editor, or automatically at the edition's response date — and after that date a
 * new decision is released as soon as it is made. Each release queues one mail per proposer.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../domain/clock';
import { confirmationDeadlineFor, reminderDueAt, formatInstantFr, undecidedWarningsDue, zoneOf } from '../../../domain/edition-calendar';
import type { MailKind } from '../../../domain/proposal-mails';
import { applyTransition, DECIDED_STATES, IllegalTransition, type ProposalState, type StateChange } from '../../../domain/proposal-states';
import { once, withLock } from '../../../persistence/lock';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';
const EDITION = 'api::edition.edition';
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

const MAIL_OF: Record<string, MailKind> = { accepted: 'acceptance', waitlisted: 'waitlist', rejected: 'rejection' };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const notifications = () => getService('proposerMails');

  async function editionRow(documentId: string) {
    return strapi.db.query(EDITION).findOne({ where: { documentId }, orderBy: { publishedAt: 'desc' } });
  }

  /** Releases the decided, unreleased proposals of an edition; once per proposal, whatever overlaps. */
  async function releaseEdition(editionDocumentId: string): Promise<number> {
    const released = await withLock(strapi, `release:${editionDocumentId}`, async () => {
      const now = clock.now();
      const edition = await editionRow(editionDocumentId);
      if (!edition) return 0;
      const rows = await strapi.db.query(PROPOSAL).findMany({
        where: { edition: { documentId: editionDocumentId }, state: { $in: DECIDED_STATES }, decisionReleasedAt: null },
      });
      for (const row of rows) {
        const data: Record<string, unknown> = { decisionReleasedAt: now.toISOString() };
        if (row.state === 'accepted') data.confirmationDeadline = confirmationDeadlineFor(edition, now).toISOString();
        const { count } = await strapi.db.query(PROPOSAL).updateMany({ where: { id: row.id, decisionReleasedAt: null }, data });
        if (count === 1) await notifications().enqueue(row, MAIL_OF[row.state]);
      }
      return rows.length;
    });
    if (released > 0) notifications().deliverSoon();
    return released;
  }

  async function editionIds(where: Record<string, unknown>): Promise<string[]> {
    const rows = await strapi.db.query(EDITION).findMany({ where, select: ['documentId'] });
    return [...new Set(rows.map((r: { documentId: string }) => r.documentId))];
  }

  return {
    releaseEdition,

    /** Before a proposal is saved with a new state: check the table, stamp the change. */
    async guardStateChange(params: { documentId?: string; data?: Record<string, unknown> }) {
      const to = params.data?.state as ProposalState | undefined;
      if (!to || !params.documentId) return;
      const current: { state: ProposalState; stateHistory: StateChange[] | null } | null = await strapi.db.query(PROPOSAL).findOne({
        where: { documentId: params.documentId },
        select: ['state', 'stateHistory'],
      });
      if (!current || current.state === to) return;
      try {
        Object.assign(params.data!, applyTransition(current, to, clock.now()));
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

    /** After a decision is saved: past the response date, it is released at once. */
    async releaseIfPastResponseDate(documentId: string) {
      const row = await strapi.db.query(PROPOSAL).findOne({ where: { documentId }, populate: { edition: true } });
      if (!row?.edition || !DECIDED_STATES.includes(row.state) || row.decisionReleasedAt) return;
      if (row.edition.responseDate && new Date(row.edition.responseDate).getTime() <= clock.now().getTime()) {
        await releaseEdition(row.edition.documentId);
      }
    },

    /** Cron: releases what was decided in every edition whose response date has come. */
    async releaseDue(): Promise<number> {
      let total = 0;
      for (const id of await editionIds({ responseDate: { $lte: clock.now().toISOString() } })) total += await releaseEdition(id);
      return total;
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

    /** Undecided proposals per edition, for editors. */
    async undecided() {
      const rows: (UndecidedProposal & { edition: UndecidedEdition | null })[] = await strapi.db.query(PROPOSAL).findMany({
        where: { state: 'submitted' },
        select: ['id', 'reference', 'title', 'submittedAt'],
        populate: { edition: { select: ['documentId', 'title', 'slug', 'responseDate', 'timeZone'] } },
      });
      const byEdition = new Map<string, { edition: UndecidedEdition; count: number; proposals: UndecidedProposal[] }>();
      for (const row of rows) {
        if (!row.edition) continue;
        const entry = byEdition.get(row.edition.documentId) ?? { edition: row.edition, count: 0, proposals: [] };
        entry.count++;
        entry.proposals.push({ reference: row.reference, title: row.title, submittedAt: row.submittedAt });
        byEdition.set(row.edition.documentId, entry);
      }
      return [...byEdition.values()].map(({ edition, count, proposals }) => ({
        edition: { documentId: edition.documentId, title: edition.title, slug: edition.slug, responseDate: edition.responseDate, timeZone: edition.timeZone },
        undecided: count,
        proposals,
      }));
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
