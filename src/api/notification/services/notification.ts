/**
 * The outbox of e-mails to proposers. A mail is enqueued, once per proposal and kind, in the same
 * transaction as the change that causes it; it is sent right after, and a cron task retries what
 * failed with exponential backoff. Each attempt claims its row with a conditional update, so two
 * instances never send the same mail.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { composeMail, retryDelayMs, type MailKind } from '../../../domain/proposal-mails';
import { proposalsConfig } from '../../../config-types';

const UID = 'api::notification.notification';
const PROPOSAL = 'api::proposal.proposal';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => proposalsConfig(strapi).mail;
  const inFlight = new Set<Promise<unknown>>();

  async function claim(id: number): Promise<boolean> {
    const now = clock.now();
    const { count } = await strapi.db.query(UID).updateMany({
      where: { id, state: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: now.toISOString() } },
      data: { state: 'sending', nextAttemptAt: new Date(now.getTime() + config().leaseMs).toISOString() },
    });
    return count === 1;
  }

  async function deliver(id: number): Promise<'sent' | 'retry' | 'failed' | 'skipped'> {
    if (!(await claim(id))) return 'skipped';
    const row = await strapi.db.query(UID).findOne({
      where: { id },
      populate: { proposal: { populate: { edition: { populate: { days: true } } } } },
    });
    const proposal = row?.proposal;
    if (!proposal) {
      await strapi.db.query(UID).update({ where: { id }, data: { state: 'failed', lastError: 'proposal deleted' } });
      return 'failed';
    }
    const attempts = (row.attempts ?? 0) + 1;
    try {
      const token = strapi.service('admin::encryption').decrypt(proposal.statusTokenEncrypted ?? '');
      const url = token ? proposalsConfig(strapi).statusUrl.replace('{token}', token) : '';
      const mail = composeMail(row.kind as MailKind, proposal, proposal.edition ?? { title: '' }, url);
      await strapi.plugin('email').service('email').send({
        to: proposal.email,
        replyTo: proposal.edition?.contactEmail || undefined,
        subject: mail.subject,
        text: mail.text,
      });
      const sentAt = clock.now().toISOString();
      await strapi.db.query(UID).update({ where: { id }, data: { state: 'sent', attempts, sentAt, lastError: null } });
      if (row.kind !== 'submission_received') {
        await strapi.db.query(PROPOSAL).update({ where: { id: proposal.id }, data: { notifiedAt: sentAt } });
      }
      return 'sent';
    } catch (error) {
      const failed = attempts >= config().maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      await strapi.db.query(UID).update({
        where: { id },
        data: {
          state: failed ? 'failed' : 'pending',
          attempts,
          lastError: message.slice(0, 500),
          nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts, config().baseDelayMs)).toISOString(),
        },
      });
      strapi.log.warn(`Courriel ${row.kind} pour ${proposal.reference} non envoyé (tentative ${attempts}) : ${message}`);
      return failed ? 'failed' : 'retry';
    }
  }

  async function deliverDue(): Promise<Record<string, number>> {
    const due = await strapi.db.query(UID).findMany({
      where: { state: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: clock.now().toISOString() } },
      select: ['id'],
      orderBy: { id: 'asc' },
      limit: 200,
    });
    const outcome: Record<string, number> = {};
    for (const { id } of due) {
      const result = await deliver(id);
      outcome[result] = (outcome[result] ?? 0) + 1;
    }
    return outcome;
  }

  return {
    /** Queues a mail for a proposal, unless one of that kind was already queued. Call inside the causing transaction. */
    async enqueue(proposal: { id: number }, kind: MailKind): Promise<boolean> {
      const onceKey = `${proposal.id}:${kind}`;
      const exists = await strapi.db.query(UID).findOne({ where: { onceKey }, select: ['id'] });
      if (exists) return false;
      await strapi.db.query(UID).create({
        data: { kind, proposal: proposal.id, onceKey, state: 'pending', attempts: 0, nextAttemptAt: clock.now().toISOString() },
      });
      return true;
    },

    deliver,

    /** The cron task: every mail whose (next) attempt is due. */
    retryDue: deliverDue,

    /** Sends what is due once the current request has answered; failures are left to the cron task. */
    deliverSoon(): void {
      const work = new Promise<void>((resolve) => setImmediate(resolve))
        .then(deliverDue)
        .catch((error) => strapi.log.error(error))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    },

    /** Waits for the mails being sent (on shutdown, so that none is cut off halfway). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
