/**
 * Retention that runs by itself: at the end of each edition's retention period, every proposal of
 * it not yet erased goes through the one erasure rule (`personalData.erase(…, 'retention')`), and
 * on every run the delivery logs older than `deliveryLogDays` are purged. The cron task calls
 * `purgeDue` every few minutes; tests call it directly with the injected clock.
 *
 * Safe with several instances: an edition's purge runs in one transaction under the lock
 * `retention:<edition>`, so a second instance waits, then finds nothing left to erase. It catches
 * up after downtime: every edition past its date is looked at, not only the ones that just passed,
 * and a proposal added to an old edition later (by hand) is erased on the next run.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { DEFAULT_RETENTION_MONTHS, retentionEndsAt, retentionPassed, type ErasureOutcome } from '../../../domain/personal-data';
import { DateTime } from 'luxon';
import type { EditionCalendar, EditionDay } from '../../../domain/edition-calendar';
import { BY_SYSTEM } from '../../../domain/proposal-states';
import { frenchCount } from '../../../domain/phrases';
import { withLock } from '../../../persistence/lock';
import { personalDataConfig } from '../../../config-types';
import { getService } from '../../../services';

const EDITION = 'api::edition.edition';
const PROPOSAL = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';
const DELIVERY = 'api::delivery.delivery';
const JOB_MARK = 'api::job-mark.job-mark';
const DAY_MS = 24 * 3600 * 1000;

/** An edition as this job reads it (the query engine's rows are untyped). */
interface EditionRow extends EditionCalendar {
  id: number;
  documentId: string;
  title: string;
  locale: string | null;
  retentionMonths: number | null;
  days: EditionDay[] | null;
}

export interface PurgeResult {
  /** The editions whose proposals were anonymised by this run (documentIds). */
  editions: string[];
  /** Proposals erased by this run. */
  proposals: number;
  /** Rebuild deliveries deleted, mails emptied of recipient, subject, text and error. */
  deliveries: number;
  mails: number;
  /** Editions whose purge failed (logged; rolled back whole; tried again on the next run). */
  failed: number;
}

/** The job mark of an edition's first purge: the dashboard says « anonymisées le … » from it. */
export const retentionMarkKey = (editionDocumentId: string) => `retention:${editionDocumentId}`;

/** « 3 propositions anonymisées, 1 session publiée gardée telle que publiée » : outcomes only, no personal data. */
function summaryOf(months: number, outcomes: ErasureOutcome[], { withoutEdition = false } = {}): string {
  const n = (outcome: ErasureOutcome) => outcomes.filter((o) => o === outcome).length;
  const parts = [
    frenchCount(n('anonymise'), 'proposition anonymisée', 'propositions anonymisées'),
    frenchCount(n('keep-published'), 'session publiée gardée telle que publiée', 'sessions publiées gardées telles que publiées'),
  ];
  if (n('delete') > 0) parts.push(frenchCount(n('delete'), 'proposition supprimée', 'propositions supprimées'));
  const end = `fin de la durée de conservation (${frenchCount(months, 'mois', 'mois')})`;
  return `${withoutEdition ? `Sans édition : ${end}` : end.charAt(0).toUpperCase() + end.slice(1)} : ${parts.join(', ')}.`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => personalDataConfig(strapi);

  /** Each edition once, by its draft row (the editors' latest dates and period), French first. */
  async function editions(): Promise<EditionRow[]> {
    const rows: EditionRow[] = await strapi.db.query(EDITION).findMany({ where: { publishedAt: null }, populate: { days: true }, orderBy: { id: 'asc' } });
    const byDocument = new Map<string, EditionRow>();
    for (const row of rows) if (!byDocument.has(row.documentId) || row.locale === 'fr') byDocument.set(row.documentId, row);
    return [...byDocument.values()];
  }

  async function pendingOf(documentId: string): Promise<number[]> {
    const rows: { id: number }[] = await strapi.db
      .query(PROPOSAL)
      .findMany({ where: { edition: { documentId }, erasedAt: null }, select: ['id'], orderBy: { id: 'asc' } });
    return rows.map((r) => r.id);
  }

  /** One edition: every proposal not yet erased, and its access-log line, in one transaction. Answers how many. */
  async function purgeEdition(edition: EditionRow): Promise<number> {
    return withLock(strapi, retentionMarkKey(edition.documentId), async () => {
      const ids = await pendingOf(edition.documentId);
      if (ids.length === 0) return 0;
      const outcomes: ErasureOutcome[] = [];
      for (const id of ids) outcomes.push((await getService('personalData').erase(id, 'retention')).outcome);
      const months = Math.max(edition.retentionMonths ?? DEFAULT_RETENTION_MONTHS, config().minimumRetentionMonths);
      await getService('accessLog').record({
        action: 'retention_purge',
        by: BY_SYSTEM,
        edition: { id: edition.id, title: edition.title },
        proposals: ids.length,
        summary: summaryOf(months, outcomes),
      });
      const key = retentionMarkKey(edition.documentId);
      if (!(await strapi.db.query(JOB_MARK).findOne({ where: { key }, select: ['id'] }))) {
        await strapi.db.query(JOB_MARK).create({ data: { key, doneAt: clock.now().toISOString() } });
      }
      return ids.length;
    });
  }

  /**
   * A proposal with no edition (entered by hand without one, or whose edition was deleted) has no
   * last day to count from: it is erased the default period after its submission, so that no
   * personal data escapes retention. One transaction under a lock, with one access-log line.
   */
  async function purgeOrphans(now: Date): Promise<number> {
    const before = DateTime.fromJSDate(now).minus({ months: Math.max(DEFAULT_RETENTION_MONTHS, config().minimumRetentionMonths) });
    return withLock(strapi, 'retention:without-edition', async () => {
      const rows: { id: number }[] = await strapi.db.query(PROPOSAL).findMany({
        where: { edition: { id: { $null: true } }, erasedAt: null, $or: [{ submittedAt: { $lt: before.toISO() } }, { submittedAt: { $null: true } }] },
        select: ['id'],
      });
      if (rows.length === 0) return 0;
      const outcomes: ErasureOutcome[] = [];
      for (const { id } of rows) outcomes.push((await getService('personalData').erase(id, 'retention')).outcome);
      await getService('accessLog').record({
        action: 'retention_purge',
        by: BY_SYSTEM,
        edition: null,
        proposals: rows.length,
        summary: summaryOf(DEFAULT_RETENTION_MONTHS, outcomes, { withoutEdition: true }),
      });
      return rows.length;
    });
  }

  /**
   * Delivery logs older than `deliveryLogDays`, counted from when they ended (sent: `sentAt`;
   * failed for good: the last attempt's retry instant, `dueAt` / `nextAttemptAt`, a little after
   * the failure): rebuild deliveries are deleted; mails lose recipient, subject, text and error,
   * and keep their row, whose `onceKey` stops the same mail from being queued again.
   * Two statements, each idempotent: a second instance at the same moment finds nothing left.
   */
  async function purgeDeliveryLogs(now: Date): Promise<{ deliveries: number; mails: number }> {
    const before = { $lt: new Date(now.getTime() - config().deliveryLogDays * DAY_MS).toISOString() };
    const ended = (failedField: string) => ({
      $or: [
        { state: 'sent', sentAt: before },
        { state: 'failed', [failedField]: before },
      ],
    });
    const deliveries = await strapi.db.query(DELIVERY).deleteMany({ where: ended('dueAt') });
    const written = { $or: ['recipient', 'subject', 'body', 'lastError'].map((field) => ({ [field]: { $notNull: true } })) };
    const mails = await strapi.db.query(MAIL).updateMany({
      where: { $and: [ended('nextAttemptAt'), written] },
      data: { recipient: null, subject: null, body: null, lastError: null },
    });
    return { deliveries: deliveries.count, mails: mails.count };
  }

  return {
    /** The cron task: every edition past its retention date, then the delivery logs. */
    async purgeDue(): Promise<PurgeResult> {
      const now = clock.now();
      const minimum = config().minimumRetentionMonths;
      const result: PurgeResult = { editions: [], proposals: 0, deliveries: 0, mails: 0, failed: 0 };
      for (const edition of await editions()) {
        if (!retentionPassed(edition, minimum, now)) continue;
        try {
          const erased = await purgeEdition(edition);
          if (erased > 0) {
            result.editions.push(edition.documentId);
            result.proposals += erased;
          }
        } catch (error) {
          // Rolled back whole: nothing of this edition is half-erased; the next run tries again.
          result.failed += 1;
          strapi.log.error(
            `Conservation : l'anonymisation de l'édition ${edition.documentId} a échoué : ${error instanceof Error ? error.message : String(error)}`
          );
        }
      }
      try {
        result.proposals += await purgeOrphans(now);
      } catch (error) {
        result.failed += 1;
        strapi.log.error(`Conservation : l'anonymisation des propositions sans édition a échoué : ${error instanceof Error ? error.message : String(error)}`);
      }
      Object.assign(result, await purgeDeliveryLogs(now));
      return result;
    },

    /** What the dashboard shows of an edition's retention: its end, what is left to erase, when it was done. */
    async status(edition: EditionCalendar & { documentId: string; retentionMonths?: number | null }) {
      const now = clock.now();
      const minimum = config().minimumRetentionMonths;
      const mark: { doneAt: string | null } | null = await strapi.db
        .query(JOB_MARK)
        .findOne({ where: { key: retentionMarkKey(edition.documentId) }, select: ['doneAt'] });
      return {
        endsAt: retentionEndsAt(edition, minimum),
        passed: retentionPassed(edition, minimum, now),
        pending: await strapi.db.query(PROPOSAL).count({ where: { edition: { documentId: edition.documentId }, erasedAt: null } }),
        purgedAt: mark?.doneAt ? new Date(mark.doneAt) : null,
      };
    },
  };
};
