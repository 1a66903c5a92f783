/**
 * The program: sessions made from confirmed proposals, and the embargo. Before an edition's
 * programPublicationDate its sessions — and speakers who have no visible session — cannot be
 * published: a publish is turned into a scheduled publication, which the cron task carries out at
 * the date. Since every public route reads published content only (src/access/published-only.ts),
 * this one rule covers REST, GraphQL, populate, filters and counts alike.
 */
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import slugify from 'slugify';
import { clock } from '../../../domain/clock';
import { sortedDays, zoneOf } from '../../../domain/edition-calendar';
import { internally } from '../../../persistence/internal-writes';

const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const PROPOSAL = 'api::proposal.proposal';
type Embargoed = typeof SESSION | typeof SPEAKER;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => clock.now().getTime();

  /** The instant until which a document must stay unpublished, or null. */
  async function embargoUntil(uid: Embargoed, documentId: string): Promise<Date | null> {
    if (uid === SESSION) {
      const row = await strapi.db.query(SESSION).findOne({
        where: { documentId, publishedAt: null },
        populate: { edition: { select: ['programPublicationDate'] } },
      });
      const date = row?.edition?.programPublicationDate ? new Date(row.edition.programPublicationDate) : null;
      return date && date.getTime() > now() ? date : null;
    }
    // A speaker is embargoed when every one of their sessions is.
    const row = await strapi.db.query(SPEAKER).findOne({
      where: { documentId, publishedAt: null },
      populate: { sessions: { populate: { edition: { select: ['programPublicationDate'] } } } },
    });
    const dates = (row?.sessions ?? []).map((s: any) => (s.edition?.programPublicationDate ? new Date(s.edition.programPublicationDate).getTime() : 0));
    if (dates.length === 0 || dates.some((d: number) => d <= now())) return null;
    return new Date(Math.min(...dates));
  }

  async function isPublished(uid: Embargoed, documentId: string): Promise<boolean> {
    return (await strapi.db.query(uid).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
  }

  async function schedule(uid: Embargoed, documentId: string, at: Date | null) {
    await strapi.db.query(uid).updateMany({ where: { documentId }, data: { scheduledPublishAt: at ? at.toISOString() : null } });
  }

  /** After a write that may have published: under embargo, unpublish and schedule instead. */
  async function enforceEmbargo(uid: Embargoed, documentId: string): Promise<boolean> {
    if (!(await isPublished(uid, documentId))) return false;
    const until = await embargoUntil(uid, documentId);
    if (!until) return false;
    await internally(() => strapi.documents(uid as typeof SESSION).unpublish({ documentId, locale: '*' }));
    await schedule(uid, documentId, until);
    return true;
  }

  return {
    embargoUntil,
    enforceEmbargo,

    /** When an edition's program date moves later, its published sessions go back under embargo. */
    async reapplyEmbargoForEdition(editionDocumentId: string) {
      const sessions = await strapi.db.query(SESSION).findMany({
        where: { edition: { documentId: editionDocumentId } },
        select: ['documentId'],
      });
      for (const documentId of new Set<string>(sessions.map((s: any) => s.documentId))) {
        await enforceEmbargo(SESSION, documentId);
      }
    },

    /** Cron: publishes what was scheduled, once its embargo is over. Sessions first, then speakers. */
    async publishDue(): Promise<number> {
      let published = 0;
      for (const uid of [SESSION, SPEAKER] as const) {
        const rows = await strapi.db.query(uid).findMany({
          where: { scheduledPublishAt: { $lte: clock.now().toISOString() } },
          select: ['documentId'],
        });
        for (const documentId of new Set<string>(rows.map((r: any) => r.documentId))) {
          const until = await embargoUntil(uid, documentId);
          if (until) {
            await schedule(uid, documentId, until);
            continue;
          }
          await schedule(uid, documentId, null);
          await strapi.documents(uid as typeof SESSION).publish({ documentId, locale: '*' });
          published++;
        }
      }
      return published;
    },

    /** A confirmed proposal becomes, exactly once, a draft session with its speaker, for editors to place. */
    async draftSessionFromProposal(proposalId: number): Promise<string> {
      const existing = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposalId } }, select: ['documentId'] });
      if (existing) return existing.documentId;
      const proposal = await strapi.db.query(PROPOSAL).findOne({
        where: { id: proposalId },
        populate: { edition: { populate: { days: true } }, administration: true },
      });
      const edition = proposal.edition;
      const speaker =
        (await strapi.db.query(SPEAKER).findOne({ where: { name: proposal.speakerName }, select: ['documentId'] })) ??
        (await strapi.documents(SPEAKER).create({
          data: { name: proposal.speakerName, administration: proposal.administration?.documentId } as any,
          locale: 'fr',
        }));
      const day = proposal.preferredDay
        ? (edition?.days ?? []).find((d: any) => d.date === proposal.preferredDay)
        : sortedDays(edition?.days)[0];
      const startsAt = day ? DateTime.fromISO(`${day.date}T${day.startTime}`, { zone: zoneOf(edition ?? {}) }).toUTC().toISO() : null;
      const session = await strapi.documents(SESSION).create({
        data: {
          title: proposal.title,
          slug: `${slugify(proposal.title, { lower: true, strict: true }).slice(0, 60)}-${proposal.reference.toLowerCase()}`,
          abstract: proposal.abstract,
          durationMinutes: proposal.requestedDuration,
          format: proposal.requestedDuration <= 10 ? 'lightning_talk' : 'talk',
          startsAt,
          edition: edition?.documentId,
          speakers: [speaker.documentId],
          proposal: proposal.documentId,
        } as any,
        locale: 'fr',
      });
      return session.documentId;
    },
  };
};
