/**
 * The program embargo's home. Before an edition's programPublicationDate its sessions — and
 * speakers who have no visible session — are never published, not even for an instant:
 * - `deferEarlyPublish` (document middleware) stops a publish BEFORE it happens, records the
 *   scheduled publication (`scheduledPublishAt`) and tells the editor when it will be;
 * - `reapplyWhenProgramDateMoves` (document middleware) takes sessions back when the date moves later;
 * - `publishDue` (cron) publishes, at the date, what was scheduled.
 * The rule itself — when may this be public — is `src/domain/embargo.ts`. Since every public route
 * reads published content only (src/access/published-only.ts), this covers REST, GraphQL, populate,
 * filters and counts alike.
 */
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../domain/clock';
import { DEFAULT_TIME_ZONE, zoneOf } from '../../../domain/edition-calendar';
import { embargoUntil, scheduledPublicationNotice } from '../../../domain/embargo';
import { withLock } from '../../../persistence/lock';
import { getService } from '../../../services';
import { ConsentRefusal } from './publication-consent';

const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const EDITION = 'api::edition.edition';
export type Embargoed = typeof SESSION | typeof SPEAKER;
const isEmbargoed = (uid: string): uid is Embargoed => uid === SESSION || uid === SPEAKER;

interface HeldBack {
  until: Date;
  /** The edition's time zone, to tell the editor the date as the announcement says it. */
  zone: string;
}

/** The refusal of an early publish: the content manager shows its message to the editor. */
export class PublicationScheduled extends errors.ApplicationError {}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Until when a document must stay unpublished, from its draft's relations; null when it may be public now. */
  async function heldBackUntil(uid: Embargoed, documentId: string): Promise<HeldBack | null> {
    const editionFields = { select: ['programPublicationDate', 'timeZone'] };
    if (uid === SESSION) {
      const row = await strapi.db.query(SESSION).findOne({ where: { documentId, publishedAt: null }, populate: { edition: editionFields } });
      const until = embargoUntil({ kind: 'session', programPublicationDate: row?.edition?.programPublicationDate }, clock.now());
      return until ? { until, zone: zoneOf(row.edition) } : null;
    }
    const row = await strapi.db
      .query(SPEAKER)
      .findOne({ where: { documentId, publishedAt: null }, populate: { sessions: { populate: { edition: editionFields } } } });
    const editions: { programPublicationDate?: string; timeZone?: string }[] = (row?.sessions ?? []).map((s: { edition?: object }) => s.edition ?? {});
    const until = embargoUntil({ kind: 'speaker', sessionProgramPublicationDates: editions.map((e) => e.programPublicationDate) }, clock.now());
    if (!until) return null;
    const first = editions.find((e) => e.programPublicationDate && new Date(e.programPublicationDate).getTime() === until.getTime());
    return { until, zone: first ? zoneOf(first) : DEFAULT_TIME_ZONE };
  }

  async function schedule(uid: Embargoed, documentId: string, at: Date | null) {
    await strapi.db.query(uid).updateMany({ where: { documentId }, data: { scheduledPublishAt: at ? at.toISOString() : null } });
  }

  /**
   * Records the scheduled publication and refuses the publish. The content manager saves and
   * publishes in one transaction, which the refusal rolls back: there the record is written once
   * the transaction has ended (Strapi's onRollback/onCommit hooks), outside it.
   */
  async function scheduleInsteadOfPublishing(uid: Embargoed, documentId: string, held: HeldBack): Promise<never> {
    const notice = scheduledPublicationNotice(uid === SESSION ? 'session' : 'speaker', held.until, held.zone);
    const refusal = new PublicationScheduled(notice.message, {
      code: notice.code,
      scheduledPublishAt: notice.scheduledPublishAt,
      messageFr: notice.message,
      messageEn: notice.messageEn,
    });
    if (!strapi.db.inTransaction()) {
      await schedule(uid, documentId, held.until);
      throw refusal;
    }
    const record = () => {
      schedule(uid, documentId, held.until).catch((error) => strapi.log.error(`Publication programmée non enregistrée (${uid} ${documentId}) : ${error}`));
    };
    await strapi.db.transaction(async ({ onRollback, onCommit }) => {
      onRollback(record);
      onCommit(record);
    });
    throw refusal;
  }

  /**
   * Takes what is due for this instance, under a database lock: every instance runs the job at the
   * same second, and the first takes it all (its schedule cleared, or moved if the date moved later),
   * so that the others find nothing due. Publishing a document twice would make a second published
   * row, and splitting the work a version per instance. Only the taking is locked, not the publishing,
   * which commits and tells the other instances' caches as an editor's publish does.
   */
  async function takeDue(): Promise<Array<{ uid: Embargoed; documentId: string }>> {
    return withLock(strapi, 'embargo:publish-due', async () => {
      const due: Array<{ uid: Embargoed; documentId: string }> = [];
      for (const uid of [SESSION, SPEAKER] as const) {
        const rows = await strapi.db.query(uid).findMany({
          where: { scheduledPublishAt: { $lte: clock.now().toISOString() } },
          select: ['documentId'],
        });
        for (const documentId of new Set<string>(rows.map((r: { documentId: string }) => r.documentId))) {
          const held = await heldBackUntil(uid, documentId);
          await schedule(uid, documentId, held ? held.until : null);
          if (!held) due.push({ uid, documentId });
        }
      }
      return due;
    });
  }

  /** What was scheduled and is due: published now, as an editor would. Sessions first, then speakers. */
  async function publishScheduled(): Promise<number> {
    let published = 0;
    for (const { uid, documentId } of await takeDue()) {
      // The system publishes, as an editor would: every document middleware applies, the rebuild announcement included.
      try {
        await strapi.documents(uid as typeof SESSION).publish({ documentId, locale: '*' });
        published++;
      } catch (error) {
        // The proposer withdrew publication consent since it was scheduled: it stays unpublished, unscheduled.
        if (!(error instanceof ConsentRefusal)) throw error;
        strapi.log.warn(`Publication programmée annulée (${uid} ${documentId}) : ${error.message}`);
      }
    }
    return published;
  }

  return {
    heldBackUntil,
    schedule,
    scheduleInsteadOfPublishing,

    /** When an edition's program date moves later, its published sessions go back under embargo. */
    async reapplyForEdition(editionDocumentId: string) {
      const sessions = await strapi.db.query(SESSION).findMany({
        where: { edition: { documentId: editionDocumentId }, publishedAt: { $notNull: true } },
        select: ['documentId'],
      });
      for (const documentId of new Set<string>(sessions.map((s: { documentId: string }) => s.documentId))) {
        const held = await heldBackUntil(SESSION, documentId);
        if (!held) continue;
        await strapi.documents(SESSION).unpublish({ documentId, locale: '*' });
        await schedule(SESSION, documentId, held.until);
      }
    },

    /**
     * Cron: publishes what was scheduled, once its embargo is over. Sessions first, then speakers; in
     * one batch of the program versions, so that the program date makes one version 1 per edition.
     */
    async publishDue(): Promise<number> {
      const { result } = await getService('programVersions').batch([], () => publishScheduled());
      return result;
    },
  };
};

/**
 * Document middleware: a publish of a session or speaker under embargo is refused before anything
 * is published, and scheduled instead (PUBLICATION_SCHEDULED, with the date, for the editor).
 * A create or update with `status: 'published'` (the seed, the app's own code) saves the draft,
 * then publishes only if the embargo allows, or schedules.
 */
export const deferEarlyPublish: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (!isEmbargoed(context.uid)) return next();
  const uid = context.uid;
  const params = context.params as { documentId?: string; locale?: string; status?: string; populate?: unknown; fields?: unknown };
  const embargo = getService('embargo');

  if (context.action === 'publish' && params.documentId) {
    const held = await embargo.heldBackUntil(uid, params.documentId);
    if (held) await embargo.scheduleInsteadOfPublishing(uid, params.documentId, held);
    return next();
  }

  if ((context.action === 'create' || context.action === 'update') && params.status === 'published') {
    delete params.status; // the draft only: whether to publish is decided once its relations are saved
    const draft = await next();
    const documentId = params.documentId ?? (draft as { documentId?: string } | null)?.documentId;
    if (!documentId) return draft;
    const held = await embargo.heldBackUntil(uid, documentId);
    if (held) {
      await embargo.schedule(uid, documentId, held.until);
      return draft;
    }
    // Same-shaped answer as Strapi's own create-and-publish: the published entry.
    const published = await strapi
      .documents(uid as typeof SESSION)
      .publish({ documentId, locale: params.locale, populate: params.populate, fields: params.fields } as never);
    return published.entries[0];
  }

  return next();
};

/** Document middleware: after an edition's program date changes, its published sessions are checked again. */
export const reapplyWhenProgramDateMoves: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (context.uid !== EDITION || context.action !== 'update') return next();
  const params = context.params as { documentId?: string; data?: Record<string, unknown> };
  const result = await next();
  if (params.documentId && params.data && 'programPublicationDate' in params.data) {
    await getService('embargo').reapplyForEdition(params.documentId);
  }
  return result;
};
