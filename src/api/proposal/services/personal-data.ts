/**
 * Erasing a proposer's personal data: one function for every path (the proposer's own request
 * through the status link, a request an editor received by mail, the retention job), which applies
 * the one rule of src/domain/personal-data.ts. Each erasure runs in one transaction under a lock: it
 * is done whole, with its line in the access log, or not at all.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clock } from '../../../domain/clock';
import { anonymousStatistics, erasureOutcome, PERSONAL_PROPOSAL_FIELDS, type ErasureOutcome, type ErasureReason } from '../../../domain/personal-data';
import type { ProposalState, StateChange } from '../../../domain/proposal-states';
import { keptAfterErasure } from '../../../domain/proposer-rights';
import { withLock } from '../../../persistence/lock';
import { Problem, problems } from '../../../http/problem';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const CO_SPEAKER = 'api::co-speaker.co-speaker';
const MAIL = 'api::notification.notification';
const TASK = 'api::privacy-task.privacy-task';

/** What the erasure rule reads of a proposal, besides its published sessions. */
export interface ProposalFacts {
  id: number;
  state: ProposalState;
  decisionReleasedAt?: string | null;
  communicatedAt?: string | null;
}

/** The proposal as the query engine returns it (untyped): what an erasure reads. */
interface ErasedRow extends ProposalFacts {
  documentId: string;
  reference: string;
  speakerName: string | null;
  erasedAt: string | null;
  submittedAt: string | null;
  stateHistory: StateChange[] | null;
  edition: { id: number; documentId: string; title: string; timeZone: string | null } | null;
  administration: { kind: string | null } | null;
}

interface SessionRow {
  id: number;
  documentId: string;
  title: string;
  locale: string | null;
  publishedAt: string | null;
  speakers: { id: number; documentId: string }[];
}

/** What an erasure did, for the answer to the person who asked and for the access log. */
export interface ErasureResult {
  reference: string;
  outcome: ErasureOutcome;
  edition: { id: number; documentId: string; title: string } | null;
  /** What stays, and why, in French then English: empty when nothing stays. */
  kept: { fr: string; en: string }[];
}

export const alreadyErased = () =>
  new Problem(
    409,
    'ConflictError',
    'ALREADY_ERASED',
    'Les données personnelles de cette proposition sont déjà effacées.',
    "This proposal's personal data is already erased."
  );

/** The one rule, read from a proposal's row and whether a session of it is published. */
const outcomeOf = (row: ProposalFacts, sessionPublished: boolean, because: ErasureReason): ErasureOutcome =>
  erasureOutcome({ state: row.state, decisionCommunicated: !!row.decisionReleasedAt || !!row.communicatedAt, sessionPublished }, because);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function sessionsOf(proposalId: number): Promise<SessionRow[]> {
    return strapi.db.query(SESSION).findMany({
      where: { proposal: { id: proposalId } },
      select: ['id', 'documentId', 'title', 'locale', 'publishedAt'],
      populate: { speakers: { select: ['id', 'documentId'] } },
    });
  }

  /**
   * What a proposal's author and the people they named were sent, or were to be sent: the copies
   * (recipient, text) go, and a mail still queued never leaves. Then the co-speakers it named: their
   * invitations, tokens and answers.
   */
  async function deleteContacts(proposalId: number) {
    const mails: { id: number }[] = await strapi.db.query(MAIL).findMany({ where: { proposal: { id: proposalId } }, select: ['id'] });
    if (mails.length > 0) await strapi.db.query(MAIL).deleteMany({ where: { id: { $in: mails.map((m) => m.id) } } });
    await getService('coSpeakers').deleteOfProposal(proposalId);
  }

  /**
   * Empties every personal field, and blurs what would single the person out: a new reference, the
   * day of submission (not the instant), the kind of administration (not which one), the states
   * gone through (not when nor by whom). A published record keeps the consents it was published under.
   * Reviewers' comments on the proposal may quote the person: they go too (the scores stay, anonymous).
   */
  async function emptyPersonalFields(row: ErasedRow, because: ErasureReason, { published }: { published: boolean }) {
    const data: Record<string, unknown> = Object.fromEntries(PERSONAL_PROPOSAL_FIELDS.map((field) => [field, null]));
    const consents = published ? {} : { consentContact: false, consentPublication: false, consentJobTitle: false };
    await strapi.db.query(PROPOSAL).update({
      where: { id: row.id },
      data: {
        ...data,
        ...consents,
        ...anonymousStatistics(row, row.edition?.timeZone),
        administration: null,
        erasedAt: clock.now().toISOString(),
        erasedBecause: because,
      },
    });
    await getService('reviews').eraseComments(row.id);
  }

  /** A published session's title is public; a draft's is the person's unpublished text, and is not kept. */
  async function createTask(row: ErasedRow, kind: 'published_speaker_erased' | 'confirmed_speaker_erased', session: SessionRow | undefined) {
    await strapi.db.query(TASK).create({
      data: {
        edition: row.edition?.id ?? null,
        kind,
        sessionTitle: session?.title?.slice(0, 200) ?? null,
        session: kind === 'published_speaker_erased' ? (session?.id ?? null) : null,
        createdOn: clock.now().toISOString(),
      },
    });
  }

  /** What the one rule does to each proposal, for `because`: one query for their published sessions. */
  async function outcomesOf(rows: ProposalFacts[], because: ErasureReason): Promise<Map<number, ErasureOutcome>> {
    const published: { proposal: { id: number } | null }[] =
      rows.length === 0
        ? []
        : await strapi.db.query(SESSION).findMany({
            where: { proposal: { id: { $in: rows.map((r) => r.id) } }, publishedAt: { $notNull: true } },
            select: ['id'],
            populate: { proposal: { select: ['id'] } },
          });
    const withPublication = new Set(published.map((s) => s.proposal?.id));
    return new Map(rows.map((row) => [row.id, outcomeOf(row, withPublication.has(row.id), because)]));
  }

  /**
   * The proposer's own speaker profile on their talk, whose published name the program's history
   * holds (an editor may have corrected it): among the talk's speakers that are no co-speaker's, the
   * one named as they typed (draft or published); failing that, the only one. Read before the
   * co-speakers go with the contacts. A speaker an editor added by hand is someone else.
   */
  async function ownSpeakerProfiles(row: { id: number; speakerName?: string | null }, sessions: SessionRow[]): Promise<string[]> {
    const coSpeakers: { speakerDocumentId: string | null }[] = await strapi.db
      .query(CO_SPEAKER)
      .findMany({ where: { proposal: row.id }, select: ['speakerDocumentId'] });
    const theirs = new Set(coSpeakers.map((c) => c.speakerDocumentId));
    const candidates = [...new Set(sessions.flatMap((s) => s.speakers.map((sp) => sp.documentId)))].filter((d) => !theirs.has(d));
    if (candidates.length <= 1) return candidates;
    const same = (a: string | null | undefined) => (a ?? '').trim().toLowerCase() === (row.speakerName ?? '').trim().toLowerCase();
    const rows: { documentId: string; name: string | null }[] = await strapi.db
      .query(SPEAKER)
      .findMany({ where: { documentId: { $in: candidates } }, select: ['documentId', 'name'] });
    return [...new Set(rows.filter((r) => same(r.name)).map((r) => r.documentId))];
  }

  return {
    outcomesOf,

    /**
     * Before a proposal is deleted by other means than an erasure (an editor in the content manager):
     * what would outlive it about nobody known goes first, as in an erasure that deletes. Its mails,
     * sent or queued (a queued one would otherwise fail, or go about a proposal that is no more), the
     * co-speakers it named, its reviews. Its sessions are the program's, edited apart, and stay; a
     * late-submission code keeps the use it counted (it was spent).
     */
    async deleteDependents(proposalId: number): Promise<void> {
      await deleteContacts(proposalId);
      await getService('reviews').deleteOf(proposalId);
    },

    /** An editor does not write an erased proposal again: what is left of it is anonymous statistics. */
    async refuseEditingErased(documentId: string): Promise<void> {
      const row: { erasedAt: string | null } | null = await strapi.db.query(PROPOSAL).findOne({ where: { documentId }, select: ['erasedAt'] });
      if (!row?.erasedAt) return;
      const message = 'Les données personnelles de cette proposition sont effacées : elle ne se modifie plus (il n’en reste que des statistiques anonymes).';
      throw new errors.ValidationError(message, {
        code: 'PROPOSAL_ERASED',
        messageFr: message,
        messageEn: "This proposal's personal data is erased: it can no longer be changed (only anonymous statistics remain).",
      });
    },

    /**
     * Erases one proposal's personal data, by the rule of `erasureOutcome`. Answers 404 for an
     * unknown proposal and 409 for one already erased; the access log is the caller's, in the same
     * transaction (see `eraseLogged`).
     */
    async erase(proposalId: number, because: ErasureReason): Promise<ErasureResult> {
      return withLock(strapi, `erase:${proposalId}`, async () => {
        const row: ErasedRow | null = await strapi.db.query(PROPOSAL).findOne({
          where: { id: proposalId },
          select: ['id', 'documentId', 'reference', 'speakerName', 'state', 'decisionReleasedAt', 'communicatedAt', 'erasedAt', 'submittedAt', 'stateHistory'],
          populate: { edition: { select: ['id', 'documentId', 'title', 'timeZone'] }, administration: { select: ['kind'] } },
        });
        if (!row) throw problems.proposalNotFound();
        if (row.erasedAt) throw alreadyErased();

        const sessions = await sessionsOf(row.id);
        const published = sessions.find((s) => s.publishedAt);
        // Its sessions are read anyway (to delete or keep them): no second query for the rule.
        const outcome = outcomeOf(row, !!published, because);
        // Their name leaves the program's history (every version's snapshot and changelog of their
        // talk), the talk itself staying as published until editors act on the task. Retention keeps
        // published talks as they are, their speaker's public name included: it asks nothing here.
        if (because !== 'retention') {
          await getService('programVersions').forgetSpeaker([...new Set(sessions.map((s) => s.documentId))], {
            name: row.speakerName,
            speakerDocumentIds: await ownSpeakerProfiles(row, sessions),
          });
        }
        await deleteContacts(row.id);

        const done = { reference: row.reference, outcome, edition: row.edition, kept: keptAfterErasure(outcome) };

        if (outcome !== 'keep-published') {
          // A session never published (a draft of a confirmed talk, or one an editor linked by hand)
          // holds the person's text and name: it goes, with a speaker made for it alone.
          for (const documentId of new Set(sessions.map((s) => s.documentId))) {
            await strapi.documents(SESSION).delete({ documentId, locale: '*' });
          }
          // A speaker made for this talk alone, never published, goes with its draft session.
          await getService('sessionsFromProposals').deleteUnusedSpeakers(sessions.flatMap((s) => s.speakers));
          if (sessions.length > 0 && because !== 'retention') await createTask(row, 'confirmed_speaker_erased', undefined);
        }
        if (outcome === 'delete') {
          await getService('reviews').deleteOf(row.id);
          await strapi.db.query(PROPOSAL).delete({ where: { id: row.id } });
          return done;
        }
        if (outcome === 'anonymise') {
          await emptyPersonalFields(row, because, { published: false });
          return done;
        }

        // Published: the draft's unpublished changes go back to what was published.
        await strapi.documents(SESSION).discardDraft({ documentId: published!.documentId, locale: '*' });
        for (const speaker of published!.speakers) {
          await strapi.documents(SPEAKER).discardDraft({ documentId: speaker.documentId, locale: '*' });
        }
        if (because !== 'retention') await createTask(row, 'published_speaker_erased', published);
        await emptyPersonalFields(row, because, { published: true });
        return done;
      });
    },
  };
};
