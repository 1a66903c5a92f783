/**
 * Sessions made from confirmed proposals: a confirmed proposal becomes, exactly once, a draft
 * session with its speaker, for editors to place in the program. What the proposer agreed to
 * publish decides what is copied: no speaker (no name) without publication consent, no job title
 * without job-title consent.
 */
import type { Core, Modules } from '@strapi/strapi';
import { DateTime } from 'luxon';
import slugify from 'slugify';
import { sortedDays, zoneOf, type EditionCalendar } from '../../../domain/edition-calendar';

const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const PROPOSAL = 'api::proposal.proposal';

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
    const day = proposal.preferredDay ? (edition?.days ?? []).find((d) => d.date === proposal.preferredDay) : sortedDays(edition?.days)[0];
    const startsAt = day
      ? DateTime.fromISO(`${day.date}T${day.startTime}`, { zone: zoneOf(edition ?? {}) })
          .toUTC()
          .toISO()
      : null;
    const session = await strapi.documents(SESSION).create({
      data: {
        title: proposal.title,
        slug: `${slugify(proposal.title, { lower: true, strict: true }).slice(0, 60)}-${proposal.reference.toLowerCase()}`,
        abstract: proposal.abstract,
        durationMinutes: proposal.requestedDuration,
        format: proposal.requestedDuration <= 10 ? 'lightning_talk' : 'talk',
        startsAt,
        edition: edition?.documentId,
        speakers: speaker ? [speaker.documentId] : [],
        proposal: proposal.documentId,
        // A null start (no day to place it on) is stored as such; Strapi's input type has no null.
      } as Modules.Documents.Params.Data.Input<typeof SESSION>,
      locale: 'fr',
    });
    return session.documentId;
  },
});
