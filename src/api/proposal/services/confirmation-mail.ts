/**
 * The acknowledgement e-mail. A submission is stored first with its mail `pending`; the mail is sent
 * right after the answer, and a cron task retries what failed. Each attempt claims the row with a
 * conditional update, so two instances never send the same mail at the same time.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { confirmationMail, retryDelayMs } from '../../../domain/proposal-mails';
import { proposalsConfig } from '../../../config-types';

const UID = 'api::proposal.proposal';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => proposalsConfig(strapi).mail;
  const inFlight = new Set<Promise<unknown>>();

  async function claim(documentId: string): Promise<boolean> {
    const now = clock.now();
    const { count } = await strapi.db.query(UID).updateMany({
      where: {
        documentId,
        confirmationMailState: { $in: ['pending', 'sending'] },
        confirmationMailNextAttemptAt: { $lte: now.toISOString() },
      },
      data: {
        confirmationMailState: 'sending',
        confirmationMailNextAttemptAt: new Date(now.getTime() + config().leaseMs).toISOString(),
      },
    });
    return count === 1;
  }

  async function deliver(documentId: string): Promise<'sent' | 'retry' | 'failed' | 'skipped'> {
    if (!(await claim(documentId))) return 'skipped';
    const row = await strapi.db.query(UID).findOne({ where: { documentId }, populate: { edition: { populate: { days: true } } } });
    if (!row) return 'skipped';
    const attempts = (row.confirmationMailAttempts ?? 0) + 1;
    try {
      const token = strapi.service('admin::encryption').decrypt(row.confirmationMailToken);
      const url = proposalsConfig(strapi).statusUrl.replace('{token}', token);
      const mail = confirmationMail(row, row.edition, url);
      await strapi.plugin('email').service('email').send({
        to: row.email,
        replyTo: row.edition?.contactEmail || undefined,
        subject: mail.subject,
        text: mail.text,
      });
      await strapi.db.query(UID).update({
        where: { id: row.id },
        data: {
          confirmationMailState: 'sent',
          confirmationMailAttempts: attempts,
          confirmationMailSentAt: clock.now().toISOString(),
          confirmationMailLastError: null,
          confirmationMailToken: null, // the link has left; keep no decryptable copy
        },
      });
      return 'sent';
    } catch (error) {
      const failed = attempts >= config().maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      await strapi.db.query(UID).update({
        where: { id: row.id },
        data: {
          confirmationMailState: failed ? 'failed' : 'pending',
          confirmationMailAttempts: attempts,
          confirmationMailLastError: message.slice(0, 500),
          confirmationMailNextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(attempts, config().baseDelayMs)).toISOString(),
        },
      });
      strapi.log.warn(`Accusé de réception ${row.reference} non envoyé (tentative ${attempts}) : ${message}`);
      return failed ? 'failed' : 'retry';
    }
  }

  return {
    deliver,

    /** Sends after the HTTP answer has gone; a failure is left to `retryDue`. */
    deliverSoon(documentId: string): void {
      const work = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliver(documentId))
        .catch((error) => strapi.log.error(error))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    },

    /** Waits for the mails being sent (on shutdown, so that none is cut off halfway). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /** The cron task: every mail whose next attempt is due. */
    async retryDue(): Promise<Record<string, number>> {
      const due = await strapi.db.query(UID).findMany({
        where: {
          confirmationMailState: { $in: ['pending', 'sending'] },
          confirmationMailNextAttemptAt: { $lte: clock.now().toISOString() },
        },
        select: ['documentId'],
        limit: 100,
      });
      const outcome: Record<string, number> = {};
      for (const { documentId } of due) {
        const result = await deliver(documentId);
        outcome[result] = (outcome[result] ?? 0) + 1;
      }
      return outcome;
    },
  };
};
