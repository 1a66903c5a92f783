/**
 * The outbox of e-mails to proposers. A mail is enqueued, once per proposal and kind, in the same
 * transaction as the change that causes it; it is sent right after, and a cron task retries what
 * failed with exponential backoff. Each attempt claims its row with a conditional update, so two
 * instances never send the same mail.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { retryDelayMs } from '../../../domain/backoff';
import {
  composeCoSpeakerMail,
  composeMail,
  CO_SPEAKER_MAIL_KINDS,
  DATA_EXPORT_FILENAME,
  type CoSpeakerMailKind,
  type MailEdition,
  type MailKind,
  type MailProposal,
} from '../../../domain/proposal-mails';
import type { Language } from '../../../domain/language';
import { redactStatusLink } from '../../../domain/personal-data';
import { claimDue } from '../../../persistence/claim';
import { proposalsConfig, personalDataConfig } from '../../../config-types';
import { getService } from '../../../services';

const UID = 'api::notification.notification';
const PROPOSAL = 'api::proposal.proposal';
/** The most mails one pass claims. */
const PASS_LIMIT = 200;

/**
 * A claimed mail as the query engine returns it (untyped), with its proposal and the proposal's
 * edition populated; the proposal is null once deleted.
 */
interface MailRow {
  id: number;
  kind: MailKind;
  attempts: number | null;
  proposal:
    | (MailProposal & {
        id: number;
        email: string;
        statusTokenEncrypted: string | null;
        edition: MailEdition | null;
      })
    | null;
  /** The addressee of a co-speaker's mail; null for the proposer's mails, or once the co-speaker is erased. */
  coSpeaker: { id: number; name: string; email: string; language: Language | null; tokenEncrypted: string | null } | null;
}

/** Where the query engine keeps a mail's proposal (a link table: mail id, proposal id; no order column for a many-to-one). */
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

const isCoSpeakerMail = (kind: MailKind): kind is CoSpeakerMailKind => (CO_SPEAKER_MAIL_KINDS as readonly string[]).includes(kind);

/** What a sent mail's row keeps of it (see the schema): never the token, never an attachment. */
interface SentCopy {
  recipient: string;
  subject: string;
  body: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => proposalsConfig(strapi).mail;
  const inFlight = new Set<Promise<unknown>>();
  // One delivery pass at a time; a request during a pass asks for one more pass after it.
  let pass: Promise<void> | null = null;
  let again = false;

  /**
   * Only called with a row whose proposal still exists. Answers the copy kept on the row: the mail
   * as sent, its status link masked (the token is never stored in clear), without its attachment.
   */
  async function send(row: MailRow & { proposal: NonNullable<MailRow['proposal']> }): Promise<SentCopy> {
    const proposal = row.proposal;
    const links = proposalsConfig(strapi);
    const decrypt = (encrypted: string | null) => strapi.service('admin::encryption').decrypt(encrypted ?? '');
    const edition = proposal.edition ?? { title: '' };
    let recipient = proposal.email;
    let url: string;
    let mail;
    if (isCoSpeakerMail(row.kind)) {
      const coSpeaker = row.coSpeaker;
      if (!coSpeaker) throw new Error('co-speaker erased');
      recipient = coSpeaker.email;
      const token = decrypt(coSpeaker.tokenEncrypted);
      url = token ? links.invitationUrl.replace('{token}', token) : '';
      mail = composeCoSpeakerMail(row.kind, coSpeaker, proposal, edition, url, personalDataConfig(strapi));
    } else {
      const token = decrypt(proposal.statusTokenEncrypted);
      url = token ? links.statusUrl.replace('{token}', token) : '';
      mail = composeMail(row.kind, proposal, edition, url, personalDataConfig(strapi));
    }
    // Made now from what is stored now, and never written anywhere: the mail is its only copy.
    const attachments =
      row.kind === 'personal_data_export'
        ? [
            {
              filename: DATA_EXPORT_FILENAME,
              contentType: 'application/json',
              content: JSON.stringify(await getService('proposerRights').exportAtAddress(proposal.id), null, 2),
            },
          ]
        : undefined;
    await strapi
      .plugin('email')
      .service('email')
      .send({
        to: recipient,
        replyTo: proposal.edition?.contactEmail || undefined,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(attachments ? { attachments } : {}),
      });
    return { recipient, subject: mail.subject.slice(0, 300), body: redactStatusLink(mail.text, url) };
  }

  async function recordFailure(row: MailRow, error: unknown): Promise<'retry' | 'failed'> {
    const attempts = (row.attempts ?? 0) + 1;
    const failed = attempts >= config().maxAttempts || !row.proposal || (isCoSpeakerMail(row.kind) && !row.coSpeaker);
    const message = error instanceof Error ? error.message : String(error);
    await strapi.db.query(UID).update({
      where: { id: row.id },
      data: {
        state: failed ? 'failed' : 'pending',
        attempts,
        lastError: message.slice(0, 500),
        nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts, config().baseDelayMs)).toISOString(),
      },
    });
    strapi.log.warn(`Courriel ${row.kind} pour ${row.proposal?.reference ?? '?'} non envoyé (tentative ${attempts}) : ${message}`);
    return failed ? 'failed' : 'retry';
  }

  /** One pass: claim what is due (up to `PASS_LIMIT`), send it, record the outcome: one update per mail. */
  async function deliverClaimed(where: Record<string, unknown>): Promise<Record<string, number>> {
    const rows = await claimDue<MailRow>(strapi, UID, {
      where,
      dueField: 'nextAttemptAt',
      leaseMs: config().leaseMs,
      limit: PASS_LIMIT,
      populate: {
        proposal: { populate: { edition: { populate: { days: true } } } },
        coSpeaker: { select: ['id', 'name', 'email', 'language', 'tokenEncrypted'] },
      },
    });
    const outcome: Record<string, number> = {};
    const count = (key: string) => (outcome[key] = (outcome[key] ?? 0) + 1);
    const sent: (MailRow & { proposal: NonNullable<MailRow['proposal']> })[] = [];
    const copies = new Map<number, SentCopy>();
    for (const row of rows) {
      try {
        const { proposal } = row;
        if (!proposal) throw new Error('proposal deleted');
        const deliverable = { ...row, proposal };
        copies.set(row.id, await send(deliverable));
        sent.push(deliverable);
        count('sent');
      } catch (error) {
        count(await recordFailure(row, error));
      }
    }
    if (sent.length > 0) {
      const sentAt = clock.now().toISOString();
      // One commit per pass, not per mail: on SQLite each commit waits for the disk, and a burst of
      // submissions would otherwise pay twice (its own commit, then its mail's).
      await strapi.db.transaction(async () => {
        // One statement per mail, nothing read back: each keeps its own copy (recipient, subject, text) as sent.
        for (const row of sent) {
          await strapi.db.query(UID).updateMany({
            where: { id: row.id },
            data: { state: 'sent', sentAt, lastError: null, claimedBy: null, attempts: (row.attempts ?? 0) + 1, ...copies.get(row.id) },
          });
        }
        const decided = sent
          .filter((r) => r.kind !== 'submission_received' && r.kind !== 'personal_data_export' && !isCoSpeakerMail(r.kind))
          .map((r) => r.proposal.id);
        if (decided.length > 0) await strapi.db.query(PROPOSAL).updateMany({ where: { id: { $in: decided } }, data: { notifiedAt: sentAt } });
      });
    }
    return outcome;
  }

  const deliverDue = () => deliverClaimed({});

  return {
    /**
     * Queues a mail for a proposal, unless one of that kind was already queued (in that `round`: a
     * changed decision is released in a round of its own, so its mail goes even if the proposer once
     * got one of that kind). Call inside the causing transaction (and lock). A proposal created in
     * that same transaction has none yet. A co-speaker's mail (`coSpeaker`) goes to their address.
     */
    async enqueue(
      proposal: { id: number | string },
      kind: MailKind,
      { isNew = false, round, coSpeaker }: { isNew?: boolean; round?: string; coSpeaker?: { id: number } } = {}
    ): Promise<boolean> {
      // A co-speaker's mail is once per co-speaker, not per proposal.
      const base = coSpeaker ? `${proposal.id}:${kind}:cs${coSpeaker.id}` : `${proposal.id}:${kind}`;
      const onceKey = round ? `${base}:${round}` : base;
      if (!isNew && (await strapi.db.query(UID).findOne({ where: { onceKey }, select: ['id'] }))) return false;
      const row = { kind, onceKey, state: 'pending', attempts: 0, nextAttemptAt: clock.now().toISOString() };
      if (coSpeaker) {
        await strapi.db.query(UID).create({ data: { ...row, proposal: proposal.id, coSpeaker: coSpeaker.id } });
        return true;
      }
      // The submission's own mail, on every submission: the row and its link, nothing read back.
      await strapi.db.transaction(async ({ trx }) => {
        const { ids } = await strapi.db.query(UID).createMany({ data: [row] });
        const link = (strapi.db.metadata.get(UID).attributes.proposal as unknown as { joinTable: JoinTable }).joinTable;
        await trx(link.name).insert({ [link.joinColumn.name]: ids[0], [link.inverseJoinColumn.name]: proposal.id });
      });
      return true;
    },

    /** Sends one mail now, if it is due and nobody else is sending it. */
    deliver: (id: number) => deliverClaimed({ id }),

    /** The cron task: every mail whose (next) attempt is due. */
    retryDue: deliverDue,

    /**
     * Sends what is due once the current request has answered; failures are left to the cron task.
     * Under a burst of submissions, the passes coalesce instead of piling up.
     */
    deliverSoon(): void {
      if (pass) {
        again = true;
        return;
      }
      // A short pause gathers the mails of a burst into one pass.
      const work: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 250))
        .then(async () => {
          do {
            again = false;
            const outcome = await deliverDue();
            // A full pass leaves more due behind it (a burst of submissions): on at once, not at the cron's next minute.
            if (Object.values(outcome).reduce((a, b) => a + b, 0) >= PASS_LIMIT) again = true;
          } while (again);
        })
        .catch((error) => {
          strapi.log.error(error);
        })
        .finally(() => {
          inFlight.delete(work);
          pass = null;
        });
      pass = work;
      inFlight.add(work);
    },

    /** Waits for the mails being sent (on shutdown, so that none is cut off halfway). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
