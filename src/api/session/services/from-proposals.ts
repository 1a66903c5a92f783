/**
 * Sessions made from confirmed proposals: a confirmed proposal becomes, exactly once, a draft
 * session with its speaker, for editors to place in the program. What the proposer agreed to
 * publish decides what is copied: no speaker (no name) without publication consent, no job title
 * without job-title consent. Its confirmed co-speakers, who agreed to the publication of their name
 * and administration, are speakers of it too (never with a job title); one who confirms later is
 * added to its draft, one who leaves is taken out of it. Neither publishes anything: once the session
 * is published, the app answers it, for a task that asks editors to republish.
 */
import type { Core, Modules } from '@strapi/strapi';
import slugify from 'slugify';
import { withLock } from '../../../persistence/lock';
import { getService } from '../../../services';
import type { EditionCalendar } from '../../../domain/edition-calendar';

const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const PROPOSAL = 'api::proposal.proposal';
const CO_SPEAKER = 'api::co-speaker.co-speaker';
const ADMINISTRATION = 'api::administration.administration';

/** A co-speaker as this service reads them. */
interface CoSpeakerRow {
  id: number;
  name: string;
  administrationName: string;
  speakerDocumentId: string | null;
  administration: { documentId: string } | null;
}

/** The confirmed proposal as the query engine returns it (untyped), edition and administration populated. */
interface ConfirmedProposalRow {
  documentId: string;
  reference: string;
  title: string;
  abstract: string;
  speakerName: string;
  jobTitle: string | null;
  consentPublication: boolean | null;
  consentJobTitle: boolean | null;
  requestedDuration: number;
  preferredDay: string | null;
  edition: (EditionCalendar & { documentId: string }) | null;
  administration: { documentId: string } | null;
}

/**
 * The proposer's speaker profile: an existing one of that name, unless it shows a job title the
 * proposer refused (then a profile of its own, without it); otherwise a new one, with the job
 * title only if the proposer agreed to its publication.
 */
async function speakerOf(strapi: Core.Strapi, proposal: ConfirmedProposalRow): Promise<{ documentId: string }> {
  const jobTitle = proposal.consentJobTitle && proposal.jobTitle ? proposal.jobTitle : null;
  const namesakes: { documentId: string; jobTitle: string | null }[] = await strapi.db
    .query(SPEAKER)
    .findMany({ where: { name: proposal.speakerName }, select: ['documentId', 'jobTitle'] });
  const existing = namesakes.find((s) => proposal.consentJobTitle || !s.jobTitle);
  if (existing) return existing;
  return strapi.documents(SPEAKER).create({
    data: { name: proposal.speakerName, administration: proposal.administration?.documentId, ...(jobTitle ? { jobTitle } : {}) },
    locale: 'fr',
  });
}

/**
 * A co-speaker's speaker profile: the one already made for them, else a namesake without a job title
 * (they gave no consent to one), else a new one with their administration: the one an editor matched,
 * or the one whose name or acronym is exactly what they typed. Remembered on the co-speaker.
 */
async function speakerOfCoSpeaker(strapi: Core.Strapi, coSpeaker: CoSpeakerRow): Promise<string> {
  if (coSpeaker.speakerDocumentId && (await strapi.db.query(SPEAKER).count({ where: { documentId: coSpeaker.speakerDocumentId } })) > 0) {
    return coSpeaker.speakerDocumentId;
  }
  const namesake: { documentId: string } | null = await strapi.db
    .query(SPEAKER)
    .findOne({ where: { name: coSpeaker.name, $or: [{ jobTitle: null }, { jobTitle: '' }] }, select: ['documentId'] });
  let documentId = namesake?.documentId;
  if (!documentId) {
    const typed = coSpeaker.administrationName.trim();
    const matched: { documentId: string } | null =
      coSpeaker.administration ??
      (await strapi.db.query(ADMINISTRATION).findOne({ where: { $or: [{ name: { $eqi: typed } }, { acronym: { $eqi: typed } }] }, select: ['documentId'] }));
    const created = await strapi.documents(SPEAKER).create({
      data: { name: coSpeaker.name, ...(matched ? { administration: matched.documentId } : {}) },
      locale: 'fr',
    });
    documentId = created.documentId;
  }
  await strapi.db.query(CO_SPEAKER).update({ where: { id: coSpeaker.id }, data: { speakerDocumentId: documentId } });
  return documentId;
}

/** A proposal's session rows (draft and published), with their speakers. */
interface SessionRow {
  id: number;
  documentId: string;
  title: string;
  publishedAt: string | null;
  speakers: { documentId: string }[];
}

/** The published session of a proposal, as a task names it: its row and public title. */
export type PublishedSession = { id: number; title: string };

async function sessionRowsOf(strapi: Core.Strapi, proposalId: number): Promise<SessionRow[]> {
  return strapi.db.query(SESSION).findMany({
    where: { proposal: { id: proposalId } },
    select: ['id', 'documentId', 'title', 'publishedAt'],
    populate: { speakers: { select: ['documentId'] } },
  });
}

/** Speakers never published and held by no session any more (made for a talk that went): deleted. */
async function deleteUnusedSpeakers(strapi: Core.Strapi, speakers: { documentId: string }[]): Promise<void> {
  for (const documentId of new Set(speakers.map((s) => s.documentId))) {
    const rows: { id: number; publishedAt: string | null; sessions: { id: number }[] }[] = await strapi.db.query(SPEAKER).findMany({
      where: { documentId },
      select: ['id', 'publishedAt'],
      populate: { sessions: { select: ['id'] } },
    });
    if (rows.length === 0 || rows.some((r) => r.publishedAt || r.sessions.length > 0)) continue;
    await strapi.documents(SPEAKER).delete({ documentId, locale: '*' });
  }
}

const CO_SPEAKER_FIELDS = ['id', 'name', 'administrationName', 'speakerDocumentId'];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The draft session of a confirmed proposal, created on the first call; its documentId. */
  async draftSessionFromProposal(proposalId: number): Promise<string> {
    const existing = await strapi.db.query(SESSION).findOne({ where: { proposal: { id: proposalId } }, select: ['documentId'] });
    if (existing) return existing.documentId;
    // Called right after the confirmation of this very proposal: the row exists.
    const proposal: ConfirmedProposalRow = await strapi.db.query(PROPOSAL).findOne({
      where: { id: proposalId },
      populate: { edition: { populate: { days: true } }, administration: true },
    });
    const edition = proposal.edition;
    const speaker = proposal.consentPublication ? await speakerOf(strapi, proposal) : null;
    const coSpeakers: CoSpeakerRow[] = await strapi.db.query(CO_SPEAKER).findMany({
      where: { proposal: { id: proposalId }, state: 'confirmed', consentPublication: true },
      select: CO_SPEAKER_FIELDS,
      populate: { administration: { select: ['documentId'] } },
      orderBy: { id: 'asc' },
    });
    const speakers = speaker ? [speaker.documentId] : [];
    for (const coSpeaker of coSpeakers) speakers.push(await speakerOfCoSpeaker(strapi, coSpeaker));
    // Placed where « Proposer un placement » would put it now (its preferred afternoon first, after
    // the sessions already there), under the edition's lock until it is created; unplaced when no
    // afternoon has room left: the editors place it in the program builder.
    const create = (place: { startsAt: string; room: string | null } | null) =>
      strapi.documents(SESSION).create({
        data: {
          title: proposal.title,
          slug: `${slugify(proposal.title, { lower: true, strict: true }).slice(0, 60)}-${proposal.reference.toLowerCase()}`,
          abstract: proposal.abstract,
          durationMinutes: proposal.requestedDuration,
          format: proposal.requestedDuration <= 10 ? 'lightning_talk' : 'talk',
          startsAt: place?.startsAt ?? null,
          room: place?.room ?? null,
          edition: edition?.documentId,
          speakers: [...new Set(speakers)],
          proposal: proposal.documentId,
          // A null start (no day to place it on) is stored as such; Strapi's input type has no null.
        } as Modules.Documents.Params.Data.Input<typeof SESSION>,
        locale: 'fr',
      });
    const builder = getService('programBuilder');
    const session = edition
      ? await withLock(strapi, builder.lockKey(edition.documentId), async () =>
          create(
            await builder.freePlaceFor(edition.documentId, {
              title: proposal.title,
              durationMinutes: proposal.requestedDuration,
              preferredDay: proposal.preferredDay,
            })
          )
        )
      : await create(null);
    return session.documentId;
  },

  /**
   * A co-speaker who confirms once the session exists: a speaker of its draft (nothing before). The
   * app publishes neither their profile nor the session (that would also publish the editors' draft
   * changes): answers the published session that does not name them yet (editors republish it), or null.
   */
  async addCoSpeaker(proposalId: number, coSpeakerId: number): Promise<PublishedSession | null> {
    const rows = await sessionRowsOf(strapi, proposalId);
    if (rows.length === 0) return null;
    const coSpeaker: CoSpeakerRow = await strapi.db
      .query(CO_SPEAKER)
      .findOne({ where: { id: coSpeakerId }, select: CO_SPEAKER_FIELDS, populate: { administration: { select: ['documentId'] } } });
    const speaker = await speakerOfCoSpeaker(strapi, coSpeaker);
    await strapi.documents(SESSION).update({ documentId: rows[0].documentId, locale: 'fr', data: { speakers: { connect: [speaker] } } });
    const published = rows.find((r) => r.publishedAt && !r.speakers.some((s) => s.documentId === speaker));
    return published ? { id: published.id, title: published.title } : null;
  },

  /**
   * A co-speaker who withdrew or erased their data leaves the draft of the proposal's session, and
   * their profile goes if nothing else holds it. Answers the published session that still names
   * them (editors republish it), or null.
   */
  /** The sessions (draft and published rows) made from a proposal, with their speakers. */
  async sessionsOf(proposalId: number): Promise<SessionRow[]> {
    return sessionRowsOf(strapi, proposalId);
  },

  async removeCoSpeaker(proposalId: number, speakerDocumentId: string | null): Promise<PublishedSession | null> {
    if (!speakerDocumentId) return null;
    const rows = await sessionRowsOf(strapi, proposalId);
    const holding = rows.filter((r) => r.speakers.some((s) => s.documentId === speakerDocumentId));
    for (const documentId of new Set(holding.filter((r) => !r.publishedAt).map((r) => r.documentId))) {
      await strapi.documents(SESSION).update({ documentId, locale: 'fr', data: { speakers: { disconnect: [speakerDocumentId] } } });
    }
    await deleteUnusedSpeakers(strapi, [{ documentId: speakerDocumentId }]);
    const published = holding.find((r) => r.publishedAt);
    return published ? { id: published.id, title: published.title } : null;
  },

  deleteUnusedSpeakers: (speakers: { documentId: string }[]) => deleteUnusedSpeakers(strapi, speakers),
});
