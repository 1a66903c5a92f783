/**
 * Co-speakers, who have no account: saved with their proposal (at submission and at each correction),
 * each invited by a mail with their own private link, through which they accept or decline, confirm
 * their participation once the proposal is accepted, withdraw it, or erase their data. Their link is
 * as safe as the proposer's status link: 256 random bits, only its SHA-256 stored (and the token
 * encrypted, for the mails), valid until the status link expires, rate-limited, and any wrong, unknown
 * or expired link answers the same 404. No answer of theirs changes the proposal itself.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import {
  addressHash,
  answerRefusal,
  CO_SPEAKER_STATE_LABELS,
  CO_SPEAKER_TRANSITIONS,
  possibleAnswers,
  type CoSpeakerAnswer,
  type CoSpeakerState,
  type CoSpeakerValue,
  type InvitationFacts,
  type InvitedAddress,
  invitedAddresses,
  withErased,
} from '../../../domain/co-speakers';
import { beforeDeadlineEnd, formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from '../../../domain/edition-calendar';
import { PUBLIC_STATUS_LABELS } from '../../../domain/labels';
import type { Language } from '../../../domain/language';
import { statusTokenExpiry } from '../../../domain/proposal-keys';
import { BY_SPEAKER, publicStatus, type ProposalState } from '../../../domain/proposal-states';
import type { ConsentRecordEntry } from '../../../domain/consent';
import { Problem, problems } from '../../../http/problem';
import { withLock } from '../../../persistence/lock';
import { getService } from '../../../services';
import { hashToken } from '../../proposal/services/proposal';

const UID = 'api::co-speaker.co-speaker';
const PROPOSAL = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';

/** The proposal behind an invitation, as the query engine returns it (untyped). */
interface InvitedProposal {
  id: number;
  reference: string;
  speakerName: string | null;
  title: string | null;
  state: ProposalState;
  decisionReleasedAt: string | null;
  communicatedState: ProposalState | null;
  confirmationDeadline: string | null;
  edition: (EditionCalendar & { id: number; slug: string; title: string; contactEmail?: string | null }) | null;
}

/** A co-speaker as the query engine returns it (untyped). */
interface CoSpeakerRow {
  id: number;
  name: string;
  email: string;
  administrationName: string;
  state: CoSpeakerState;
  language: Language | null;
  consentPublication: boolean | null;
  consentRecord: unknown;
  tokenExpiresAt: string | null;
  speakerDocumentId: string | null;
  proposal: InvitedProposal | null;
}

/** What the proposer reads of the people they named: never anyone else. */
export interface NamedCoSpeaker {
  name: string;
  email: string;
  administrationName: string;
  invitationStatus: CoSpeakerState;
  invitationStatusLabel: { fr: string; en: string };
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

function dated(edition: EditionCalendar | null, instant: string | null) {
  if (!instant || !edition) return null;
  const zone = zoneOf(edition);
  return { at: new Date(instant).toISOString(), fr: formatInstantFr(instant, zone), en: formatInstantEn(instant, zone) };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const mails = () => getService('proposerMails');

  async function findByToken(token: unknown): Promise<CoSpeakerRow> {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw problems.notFound();
    // Looked up by the token's SHA-256: the time a lookup takes tells nothing about the token.
    const row: CoSpeakerRow | null = await strapi.db.query(UID).findOne({
      where: { tokenHash: hashToken(token) },
      populate: { proposal: { populate: { edition: { populate: { days: true } } } } },
    });
    if (!row || !row.proposal || !row.tokenExpiresAt || new Date(row.tokenExpiresAt).getTime() <= clock.now().getTime()) throw problems.notFound();
    return row;
  }

  /** What an answer needs of the proposal, from what its author may see of it. */
  function factsOf(row: CoSpeakerRow): InvitationFacts {
    const proposal = row.proposal!;
    const edition = proposal.edition;
    const deadline = proposal.confirmationDeadline ? new Date(proposal.confirmationDeadline) : null;
    return {
      state: row.state,
      proposalState: proposal.state,
      decisionReleased: !!proposal.decisionReleasedAt,
      confirmationOpen: !!deadline && beforeDeadlineEnd(deadline, clock.now(), edition ? zoneOf(edition) : undefined),
    };
  }

  /** What the co-speaker sees through their link: the talk as its author may see it, their own invitation. Never an address. */
  function inviteeView(row: CoSpeakerRow) {
    const proposal = row.proposal!;
    const edition = proposal.edition;
    const status = publicStatus(proposal.state, proposal.decisionReleasedAt, proposal.communicatedState);
    const facts = factsOf(row);
    const answers = possibleAnswers(facts);
    return {
      name: row.name,
      administrationName: row.administrationName,
      invitationStatus: row.state,
      invitationStatusLabel: CO_SPEAKER_STATE_LABELS[row.state],
      publicationConsent: row.consentPublication === true,
      // The talk as its author may see it: never a decision not yet released.
      talk: {
        reference: proposal.reference,
        title: proposal.title,
        speakerName: proposal.speakerName,
        edition: edition ? { slug: edition.slug, title: edition.title, timeZone: zoneOf(edition) } : null,
        publicStatus: status,
        publicStatusLabel: PUBLIC_STATUS_LABELS[status],
      },
      canAccept: answers.includes('accept'),
      canDecline: answers.includes('decline'),
      canConfirm: answers.includes('confirm'),
      canWithdraw: answers.includes('withdraw'),
      confirmationDeadline: answers.includes('confirm') ? dated(edition, proposal.confirmationDeadline) : null,
      responseDate: edition ? dated(edition, edition.responseDate ? String(edition.responseDate) : null) : null,
      linkValidUntil: dated(edition, row.tokenExpiresAt),
    };
  }

  /**
   * Work on a co-speaker that may touch their proposal's session: under the proposal's `confirm:` lock,
   * which the proposer's confirmation takes to make the session, then the co-speaker's own. So a
   * co-speaker's confirmation, withdrawal or erasure and the proposer's confirmation see each other's
   * commit (on PostgreSQL, each statement reads what was committed before it). Always in this order,
   * so that no two of them wait for each other; nested, they share one transaction.
   */
  function underLocks<T>(coSpeakerId: number, proposalId: number | null, work: () => Promise<T>): Promise<T> {
    const own = () => withLock(strapi, `co-speaker:${coSpeakerId}`, work);
    return proposalId === null ? own() : withLock(strapi, `confirm:${proposalId}`, own);
  }

  /** One answer, under the locks: refused by the rule, or done once (the same answer twice changes nothing). */
  async function answer(token: unknown, given: CoSpeakerAnswer, { consentVersion }: { consentVersion?: unknown } = {}) {
    const { id, proposal } = await findByToken(token);
    let joined = false;
    await underLocks(id, proposal!.id, async () => {
      const row = await findByToken(token);
      const refusal = answerRefusal(given, factsOf(row));
      if (refusal) throw new Problem(refusal.status, refusal.name, refusal.code, refusal.message, refusal.messageEn);
      const { to } = CO_SPEAKER_TRANSITIONS[given];
      if (row.state === to) return;
      const now = clock.now().toISOString();
      const data: Record<string, unknown> = { state: to };
      if (given === 'confirm') data.confirmedAt = now;
      else data.answeredAt = now;
      if (given === 'accept' || given === 'withdraw') {
        // Accepting is consenting to the publication of one's name and administration; withdrawing takes it back.
        const versions = await getService('consentTexts').currentVersions();
        if (given === 'accept' && consentVersion !== undefined && consentVersion !== null) {
          const seen = typeof consentVersion === 'number' && Number.isInteger(consentVersion) ? consentVersion : -1;
          await getService('consentTexts').assertSeenCurrent({ publication: seen }, row.language === 'en' ? 'en' : 'fr');
        }
        const entry: ConsentRecordEntry = { consent: 'publication', given: given === 'accept', version: versions.publication, at: now };
        data.consentPublication = given === 'accept';
        data.consentRecord = [...(Array.isArray(row.consentRecord) ? row.consentRecord : []), entry];
      }
      await strapi.db.query(UID).update({ where: { id: row.id }, data });
      const proposalId = row.proposal!.id;
      if (given === 'confirm') {
        const published = await getService('sessionsFromProposals').addCoSpeaker(proposalId, row.id);
        // The program does not name them yet: a task for editors, as when a co-speaker leaves.
        if (published) await getService('privacyTasks').record('co_speaker_joined', { editionId: row.proposal!.edition?.id ?? null, session: published });
        joined = true;
      }
      if (given === 'withdraw') await leaveSession(row);
    });
    return { view: inviteeView(await findByToken(token)), joined };
  }

  /** Out of the draft of the proposal's session; a published session still naming them is a task for editors. */
  async function leaveSession(row: CoSpeakerRow) {
    const proposal = row.proposal!;
    const published = await getService('sessionsFromProposals').removeCoSpeaker(proposal.id, row.speakerDocumentId);
    if (published) await getService('privacyTasks').record('co_speaker_left', { editionId: proposal.edition?.id ?? null, session: published });
  }

  /** The addresses a proposal once invited (see InvitedAddress). */
  async function invitedBy(proposalId: number | string): Promise<InvitedAddress[]> {
    const row: { coSpeakersInvited: unknown } | null = await strapi.db.query(PROPOSAL).findOne({ where: { id: proposalId }, select: ['coSpeakersInvited'] });
    return invitedAddresses(row?.coSpeakersInvited);
  }

  async function saveInvited(proposalId: number | string, list: InvitedAddress[]) {
    await strapi.db.query(PROPOSAL).update({ where: { id: proposalId }, data: { coSpeakersInvited: list } });
  }

  async function deleteMailsTo(ids: number[]) {
    if (ids.length === 0) return;
    await strapi.db.query(MAIL).deleteMany({ where: { coSpeaker: { id: { $in: ids } } } });
  }

  /** Erases one co-speaker whoever asks (themselves, an editor): answers their proposal's edition, for the access log. */
  async function eraseOne(id: number): Promise<{ id: number; title: string } | null> {
    const found: { proposal: { id: number } | null } | null = await strapi.db.query(UID).findOne({
      where: { id },
      select: ['id'],
      populate: { proposal: { select: ['id'] } },
    });
    if (!found) throw problems.notFound();
    return underLocks(id, found.proposal?.id ?? null, async () => {
      const row: CoSpeakerRow | null = await strapi.db.query(UID).findOne({
        where: { id },
        populate: { proposal: { populate: { edition: { select: ['id', 'title'] } } } },
      });
      if (!row) throw problems.notFound();
      if (row.proposal && row.speakerDocumentId) {
        // A co-speaker who became a speaker leaves the program's history of their proposal's talk.
        const sessions = await getService('sessionsFromProposals').sessionsOf(row.proposal.id);
        await getService('programVersions').forgetSpeaker([...new Set(sessions.map((s) => s.documentId))], {
          name: row.name,
          speakerDocumentIds: [row.speakerDocumentId],
        });
      }
      if (row.proposal) await leaveSession(row);
      await deleteMailsTo([row.id]);
      await strapi.db.query(UID).delete({ where: { id: row.id } });
      // Their address stays as a hash on the proposal, so that no correction of it invites them again.
      if (row.proposal) await saveInvited(row.proposal.id, withErased(await invitedBy(row.proposal.id), row.email));
      const edition = row.proposal?.edition;
      return edition ? { id: edition.id, title: edition.title } : null;
    });
  }

  return {
    findByToken,

    /**
     * The proposal's co-speakers become `list` (matched by address): a kept one may have its name or
     * administration corrected, one no longer named goes with its link and mails, a new address is
     * invited (a mail with their own link). Each address gets one invitation mail, ever: one named
     * again gets back the link of its first mail, and one that erased itself is left out. Call inside
     * the proposal's transaction. Answers how many were invited, to send their mails once it commits.
     */
    async saveForProposal(
      proposal: { id: number | string; language?: Language | null },
      edition: EditionCalendar,
      list: CoSpeakerValue[],
      { isNew = false }: { isNew?: boolean } = {}
    ): Promise<number> {
      // A proposal created in this transaction has named nobody yet: nothing to read, nor to do without names.
      if (isNew && list.length === 0) return 0;
      const existing: { id: number; email: string; name: string; administrationName: string; tokenEncrypted: string | null }[] = isNew
        ? []
        : await strapi.db.query(UID).findMany({
            where: { proposal: { id: proposal.id } },
            select: ['id', 'email', 'name', 'administrationName', 'tokenEncrypted'],
          });
      const before = isNew ? [] : await invitedBy(proposal.id);
      const known = new Map(before.map((entry) => [entry.address, entry]));
      // Co-speakers invited before the proposal kept its addresses: their invitation went too.
      for (const e of existing)
        if (!known.has(addressHash(e.email))) known.set(addressHash(e.email), { address: addressHash(e.email), link: e.tokenEncrypted });
      const named = new Set(list.map((c) => c.email));
      const gone = existing.filter((e) => !named.has(e.email)).map((e) => e.id);
      // One removed before their invitation left was never invited: named again, they will be.
      const unsent: { coSpeaker: { email: string } | null }[] =
        gone.length === 0
          ? []
          : await strapi.db.query(MAIL).findMany({
              where: { coSpeaker: { id: { $in: gone } }, kind: 'co_speaker_invitation', state: 'pending' },
              select: ['id'],
              populate: { coSpeaker: { select: ['email'] } },
            });
      for (const mail of unsent) if (mail.coSpeaker) known.delete(addressHash(mail.coSpeaker.email));
      await deleteMailsTo(gone);
      if (gone.length > 0) await strapi.db.query(UID).deleteMany({ where: { id: { $in: gone } } });
      const encryption = strapi.service('admin::encryption');
      let invited = 0;
      for (const person of list) {
        const kept = existing.find((e) => e.email === person.email);
        if (kept) {
          if (kept.name !== person.name || kept.administrationName !== person.administrationName) {
            await strapi.db.query(UID).update({ where: { id: kept.id }, data: { name: person.name, administrationName: person.administrationName } });
          }
          continue;
        }
        const once = known.get(addressHash(person.email));
        if (once && once.link === null) continue;
        const tokenEncrypted: string = once?.link ?? encryption.encrypt(randomBytes(32).toString('base64url'));
        const created: { id: number } = await strapi.db.query(UID).create({
          data: {
            ...person,
            proposal: proposal.id,
            state: 'invited',
            language: proposal.language ?? 'fr',
            consentPublication: false,
            tokenHash: hashToken(encryption.decrypt(tokenEncrypted)),
            tokenEncrypted,
            tokenExpiresAt: statusTokenExpiry(edition).toISOString(),
            invitedAt: clock.now().toISOString(),
          },
        });
        if (once) continue;
        known.set(addressHash(person.email), { address: addressHash(person.email), link: tokenEncrypted });
        await mails().enqueue(proposal, 'co_speaker_invitation', { coSpeaker: created });
        invited += 1;
      }
      const after = [...known.values()];
      if (JSON.stringify(after) !== JSON.stringify(before)) await saveInvited(proposal.id, after);
      return invited;
    },

    /** The people a proposal names, in the order they were named, with where each invitation stands. */
    async namedBy(proposalId: number): Promise<NamedCoSpeaker[]> {
      const rows: CoSpeakerRow[] = await strapi.db.query(UID).findMany({
        where: { proposal: { id: proposalId } },
        select: ['id', 'name', 'email', 'administrationName', 'state'],
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => ({
        name: r.name,
        email: r.email,
        administrationName: r.administrationName,
        invitationStatus: r.state,
        invitationStatusLabel: CO_SPEAKER_STATE_LABELS[r.state],
      }));
    },

    /**
     * The accepted proposal's co-speakers who accepted are asked to confirm their own participation,
     * once per co-speaker and round of release. Call in the release's transaction.
     */
    async askToConfirm(proposalId: number, round?: string): Promise<number> {
      const rows: { id: number }[] = await strapi.db.query(UID).findMany({ where: { proposal: { id: proposalId }, state: 'accepted' }, select: ['id'] });
      let queued = 0;
      for (const coSpeaker of rows) if (await mails().enqueue({ id: proposalId }, 'co_speaker_confirmation', { coSpeaker, round })) queued += 1;
      return queued;
    },

    viewByToken: async (token: unknown) => inviteeView(await findByToken(token)),
    acceptByToken: (token: unknown, input: { consentVersion?: unknown } = {}) => answer(token, 'accept', input),
    declineByToken: (token: unknown) => answer(token, 'decline'),
    confirmByToken: (token: unknown) => answer(token, 'confirm'),
    withdrawByToken: (token: unknown) => answer(token, 'withdraw'),

    /**
     * « Effacer mes données » through the invitation link: the co-speaker's record, link and mails go
     * (the proposal keeps going without them), they leave its session's draft, and the access log
     * says so without naming them.
     */
    async eraseByToken(token: unknown, input: unknown): Promise<{ erased: true }> {
      const { id } = await findByToken(token);
      if (!input || typeof input !== 'object' || (input as { confirm?: unknown }).confirm !== true) throw problems.linkErasureNotConfirmed();
      await strapi.db.transaction(async () => {
        const edition = await eraseOne(id);
        await getService('accessLog').record({
          action: 'proposer_erasure',
          by: BY_SPEAKER,
          edition,
          proposals: 0,
          summary: 'Effacement demandé par un co-intervenant : co-intervenant retiré de la proposition',
        });
      });
      return { erased: true };
    },

    erase: eraseOne,

    /** Inside a proposal's erasure: the people it named go with it (their mails went with the proposal's). */
    async deleteOfProposal(proposalId: number): Promise<void> {
      await strapi.db.query(UID).deleteMany({ where: { proposal: { id: proposalId } } });
    },

    /** The co-speakers at an address, not yet erased, for an editor's erasure by e-mail. */
    async atAddress(address: string) {
      const rows: {
        id: number;
        state: CoSpeakerState;
        proposal: { id: number; reference: string; title: string | null; edition: { id: number; documentId: string; title: string } | null } | null;
      }[] = await strapi.db.query(UID).findMany({
        where: { email: { $eqi: address } },
        select: ['id', 'state'],
        populate: { proposal: { select: ['id', 'reference', 'title'], populate: { edition: { select: ['id', 'documentId', 'title'] } } } },
        orderBy: { id: 'asc' },
      });
      return rows;
    },
  };
};
