/**
 * What a proposer's consents allow to be public, enforced on every write of sessions and speakers,
 * whoever writes (the content manager, the API, the seed, the app's jobs):
 * - a speaker shows a job title only if every proposal behind its sessions agreed to it
 *   (JOB_TITLE_NOT_CONSENTED), whether the job title is written or the speaker linked to such a talk;
 * - a session whose proposal refused publication is never published, nor scheduled for publication
 *   (PUBLICATION_NOT_CONSENTED), and neither is a speaker known only through such talks.
 * The rules themselves are in src/domain/consent.ts.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { jobTitleAllowed, sessionPublicationAllowed, speakerPublicationAllowed, type ConsentLink } from '../../../domain/consent';

const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const PROPOSAL = 'api::proposal.proposal';

/** A reference to a related document, as the document service and the content manager write one. */
type RelationItem = string | number | { documentId?: string; id?: number };

/** The refusal an editor reads in the content manager: 400, its code, both languages. */
export class ConsentRefusal extends errors.ValidationError {}

const refusal = (code: string, messageFr: string, messageEn: string, extra: Record<string, unknown> = {}) =>
  new ConsentRefusal(messageFr, { code, messageFr, messageEn, ...extra });

export const jobTitleNotConsented = () =>
  refusal(
    'JOB_TITLE_NOT_CONSENTED',
    'Cet intervenant n’a pas accepté la publication de sa fonction dans sa proposition : la fonction ne peut pas figurer sur son profil (videz le champ « Fonction »), ni ce profil être lié à cette session tant qu’il porte une fonction.',
    'This speaker did not agree to the publication of their job title in their proposal: the job title cannot be on their profile (empty the "Job title" field), nor can a profile with a job title be linked to this session.',
    { errors: [{ path: ['jobTitle'], message: 'Fonction non consentie par l’intervenant.', name: 'ValidationError' }] }
  );

export const publicationNotConsented = (kind: 'session' | 'speaker') =>
  refusal(
    'PUBLICATION_NOT_CONSENTED',
    kind === 'session'
      ? 'L’intervenant n’a pas accepté la publication de sa proposition : cette session ne peut pas être publiée. Il peut donner son accord depuis son lien de suivi.'
      : 'Cet intervenant n’est lié qu’à des propositions dont l’auteur n’a pas accepté la publication : son profil ne peut pas être publié.',
    kind === 'session'
      ? 'The speaker did not agree to the publication of their proposal: this session cannot be published. They can give their consent through their status link.'
      : 'This speaker is linked only to proposals whose author did not agree to publication: the profile cannot be published.'
  );

/** The items of a relation input, or null when the input does not change the relation. */
export function relationChange(input: unknown): { set?: RelationItem[]; connect: RelationItem[]; disconnect: RelationItem[] } | null {
  if (input === undefined) return null;
  if (input === null) return { set: [], connect: [], disconnect: [] };
  if (Array.isArray(input)) return { set: input as RelationItem[], connect: [], disconnect: [] };
  if (typeof input === 'string' || typeof input === 'number') return { set: [input], connect: [], disconnect: [] };
  if (typeof input === 'object') {
    const change = input as { set?: unknown; connect?: unknown; disconnect?: unknown; documentId?: string; id?: number };
    if (change.documentId !== undefined || change.id !== undefined) return { set: [change], connect: [], disconnect: [] };
    const list = (value: unknown): RelationItem[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
    return { ...(change.set !== undefined ? { set: list(change.set) } : {}), connect: list(change.connect), disconnect: list(change.disconnect) };
  }
  return null;
}

/** The documentIds of relation items (documentIds, ids, or objects with either), ids looked up. */
async function documentIdsOf(strapi: Core.Strapi, uid: string, items: RelationItem[]): Promise<string[]> {
  const documentIds = items.flatMap((i) => (typeof i === 'string' ? [i] : typeof i === 'object' && i !== null && i.documentId ? [i.documentId] : []));
  const ids = items.flatMap((i) =>
    typeof i === 'number' ? [i] : typeof i === 'object' && i !== null && !i.documentId && typeof i.id === 'number' ? [i.id] : []
  );
  if (ids.length > 0) {
    const rows: { documentId: string }[] = await strapi.db.query(uid).findMany({ where: { id: { $in: ids } }, select: ['documentId'] });
    documentIds.push(...rows.map((r) => r.documentId));
  }
  return documentIds;
}

/**
 * What a relation will hold after a write, as documentIds: the input (set, connect, disconnect, plain
 * ids or documentIds) applied to what the document holds now (`existing`). A disconnect removes only
 * what it names: naming another document changes nothing.
 */
export async function relationTargetsAfter(strapi: Core.Strapi, target: string, input: unknown, existing: string[]): Promise<string[]> {
  const change = relationChange(input);
  if (!change) return existing;
  const base = change.set ? await documentIdsOf(strapi, target, change.set) : existing;
  const removed = new Set(await documentIdsOf(strapi, target, change.disconnect));
  return [...new Set([...base.filter((d) => !removed.has(d)), ...(await documentIdsOf(strapi, target, change.connect))])];
}

type ProposalConsents = { consentPublication: boolean | null; consentJobTitle: boolean | null };

/** A session made by hand, with no proposal behind it: nothing of a proposer's to protect. */
const NO_PROPOSAL: ConsentLink = { fromProposal: false, consentPublication: true, consentJobTitle: true };
/** What a proposal's consents allow; a proposal deleted since (no row) allows nothing more. */
const linkOf = (row: ProposalConsents | null): ConsentLink => ({
  fromProposal: true,
  consentPublication: row?.consentPublication === true,
  consentJobTitle: row?.consentJobTitle === true,
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const resultingTargets = (target: string, input: unknown, existing: string[]) => relationTargetsAfter(strapi, target, input, existing);

  async function linkOfProposal(proposalDocumentId: string | null | undefined): Promise<ConsentLink> {
    if (!proposalDocumentId) return NO_PROPOSAL;
    const row: ProposalConsents | null = await strapi.db
      .query(PROPOSAL)
      .findOne({ where: { documentId: proposalDocumentId }, select: ['consentPublication', 'consentJobTitle'] });
    return linkOf(row);
  }

  async function sessionRows(documentId: string | undefined) {
    if (!documentId) return [];
    const rows: { proposal: { documentId: string } | null; speakers: { documentId: string }[] }[] = await strapi.db.query(SESSION).findMany({
      where: { documentId },
      select: ['id'],
      populate: { proposal: { select: ['documentId'] }, speakers: { select: ['documentId'] } },
    });
    return rows;
  }

  /** The proposal a session comes from, after a write that may change it. */
  async function proposalOfSession(documentId: string | undefined, input: unknown): Promise<string | null> {
    const rows = await sessionRows(documentId);
    const existing = [...new Set(rows.flatMap((r) => (r.proposal ? [r.proposal.documentId] : [])))];
    return (await resultingTargets(PROPOSAL, input, existing))[0] ?? null;
  }

  /** The consents behind each session of a speaker (every row of each, draft or published), in one query. */
  async function linksOfSessions(sessionDocumentIds: string[]): Promise<ConsentLink[]> {
    if (sessionDocumentIds.length === 0) return [];
    const rows: { documentId: string; proposal: ProposalConsents | null }[] = await strapi.db.query(SESSION).findMany({
      where: { documentId: { $in: sessionDocumentIds } },
      select: ['documentId'],
      populate: { proposal: { select: ['consentPublication', 'consentJobTitle'] } },
    });
    return [...new Set(sessionDocumentIds)].map((documentId) => {
      const proposal = rows.find((r) => r.documentId === documentId && r.proposal)?.proposal;
      return proposal ? linkOf(proposal) : NO_PROPOSAL;
    });
  }

  async function sessionsOfSpeaker(documentId: string | undefined): Promise<string[]> {
    if (!documentId) return [];
    const rows: { sessions: { documentId: string }[] }[] = await strapi.db
      .query(SPEAKER)
      .findMany({ where: { documentId }, select: ['id'], populate: { sessions: { select: ['documentId'] } } });
    return [...new Set(rows.flatMap((r) => r.sessions.map((s) => s.documentId)))];
  }

  async function speakersHoldingJobTitle(documentIds: string[]): Promise<boolean> {
    if (documentIds.length === 0) return false;
    const count = await strapi.db.query(SPEAKER).count({ where: { documentId: { $in: documentIds }, jobTitle: { $notNull: true, $ne: '' } } });
    return count > 0;
  }

  return {
    linksOfSpeaker: async (documentId: string) => linksOfSessions(await sessionsOfSpeaker(documentId)),

    /** A session written: its speakers may hold a job title only if its proposal agreed to it. */
    async checkSessionWrite(documentId: string | undefined, data: Record<string, unknown>) {
      if (!('speakers' in data) && !('proposal' in data)) return;
      const link = await linkOfProposal(await proposalOfSession(documentId, data.proposal));
      if (link.consentJobTitle || !link.fromProposal) return;
      const rows = await sessionRows(documentId);
      const speakers = await resultingTargets(SPEAKER, data.speakers, [...new Set(rows.flatMap((r) => r.speakers.map((s) => s.documentId)))]);
      if (await speakersHoldingJobTitle(speakers)) throw jobTitleNotConsented();
    },

    /** A speaker written: a job title, or a link to a session, only where every proposal behind it agreed. */
    async checkSpeakerWrite(documentId: string | undefined, data: Record<string, unknown>) {
      if (!('jobTitle' in data) && !('sessions' in data)) return;
      let holds = typeof data.jobTitle === 'string' && data.jobTitle.trim() !== '';
      if (!('jobTitle' in data)) holds = documentId ? await speakersHoldingJobTitle([documentId]) : false;
      if (!holds) return;
      const sessions = await resultingTargets(SESSION, data.sessions, await sessionsOfSpeaker(documentId));
      if (!jobTitleAllowed(await linksOfSessions(sessions))) throw jobTitleNotConsented();
    },

    /** Before a publication (or a scheduled one): the proposal behind it agreed to it. */
    async checkPublish(uid: typeof SESSION | typeof SPEAKER, documentId: string | undefined, data: Record<string, unknown> = {}) {
      if (uid === SESSION) {
        const link = await linkOfProposal(await proposalOfSession(documentId, data.proposal));
        if (!sessionPublicationAllowed(link)) throw publicationNotConsented('session');
        return;
      }
      const sessions = await resultingTargets(SESSION, data.sessions, await sessionsOfSpeaker(documentId));
      if (!speakerPublicationAllowed(await linksOfSessions(sessions))) throw publicationNotConsented('speaker');
    },
  };
};
