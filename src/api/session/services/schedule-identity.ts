/**
 * A session's identity in the schedule apps and calendars (the rules: src/domain/schedule-identity.ts):
 * its stable number, given once at creation under a database lock so that two sessions created at the
 * same moment, on one instance or several, never share one; and its schedule sequence, counted at each
 * update that moves, resizes, relocates or cancels it. Both are plain fields, copied by publish and
 * kept by `strapi export`/`import`; the editors see them but cannot write them.
 */
import type { Core } from '@strapi/strapi';
import { nextScheduleSequence, nextSessionNumber, scheduleChanged, SCHEDULE_FIELDS } from '../../../domain/schedule-identity';
import { withLock } from '../../../persistence/lock';

const SESSION = 'api::session.session';
const NUMBER_LOCK = 'session-number';

/** The fields this service writes itself, whatever an update brings. */
const COUNTED_FIELDS = ['number', 'scheduleSequence'] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function highestNumber(): Promise<number | null> {
    const top = await strapi.db.query(SESSION).findOne({ select: ['number'], where: { number: { $notNull: true } }, orderBy: { number: 'desc' } });
    return top?.number ?? null;
  }

  return {
    /**
     * Gives a new session (or a clone) the next number and a fresh sequence, then creates it with
     * `create`, all under one lock held until the creation is committed: the next creation, here
     * or on another instance, reads a highest number that includes this one.
     */
    async createNumbered<T>(data: Record<string, unknown>, create: () => Promise<T>): Promise<T> {
      return withLock(strapi, NUMBER_LOCK, async () => {
        data.number = nextSessionNumber(await highestNumber());
        data.scheduleSequence = 0;
        return create();
      });
    },

    /** Before an update: the number is never rewritten; the sequence goes up when the schedule changes. */
    async countScheduleChange(params: { documentId?: string; data?: Record<string, unknown> }): Promise<void> {
      const data = params.data;
      if (!data) return;
      for (const field of COUNTED_FIELDS) delete data[field];
      if (!params.documentId || !SCHEDULE_FIELDS.some((field) => field in data)) return;
      // Any locale's draft: these fields are not localized.
      const before = await strapi.db.query(SESSION).findOne({
        where: { documentId: params.documentId, publishedAt: null },
        select: [...SCHEDULE_FIELDS, 'scheduleSequence'],
      });
      if (before && scheduleChanged(before, data)) data.scheduleSequence = nextScheduleSequence(before.scheduleSequence, true);
    },

    /**
     * At boot: numbers the sessions that have none (made before numbers existed, or imported from
     * such an export), in the order they were created; a document keeps a number one of its rows has.
     */
    async numberUnnumbered(): Promise<number> {
      return withLock(strapi, NUMBER_LOCK, async () => {
        const rows: { documentId: string }[] = await strapi.db
          .query(SESSION)
          .findMany({ where: { number: { $null: true } }, select: ['documentId'], orderBy: { id: 'asc' } });
        const documentIds = [...new Set(rows.map((r) => r.documentId))];
        let next = nextSessionNumber(await highestNumber());
        for (const documentId of documentIds) {
          const numbered = await strapi.db.query(SESSION).findOne({ where: { documentId, number: { $notNull: true } }, select: ['number'] });
          await strapi.db.query(SESSION).updateMany({ where: { documentId }, data: { number: numbered?.number ?? next++ } });
        }
        return documentIds.length;
      });
    },
  };
};
