/**
 * Scheduled work. Each task reads the injectable clock through the services it calls, and is safe
 * when several instances run it at once (database locks and conditional updates). Tests disable
 * cron (CRON_ENABLED=false) and call the same functions directly.
 */
import { getService } from '../src/services';

type Task = () => Promise<unknown>;
const everyMinute = (task: Task, second: number) => ({ task, options: { rule: `${second} * * * * *` } });

export default {
  // Program embargo first, so a release and the program published at the same minute are both seen.
  publishScheduledProgram: everyMinute(() => getService('embargo').publishDue(), 0),
  releaseDecisionsAtResponseDate: everyMinute(() => getService('decisions').releaseDue(), 5),
  remindAcceptedSpeakers: everyMinute(() => getService('decisions').remindDue(), 10),
  warnUndecidedProposals: everyMinute(() => getService('decisions').warnUndecided(), 15),
  sendProposerMails: everyMinute(() => getService('proposerMails').retryDue(), 30),
  emitDateBoundaries: everyMinute(() => getService('rebuildDeliveries').emitBoundaries(), 1),
  // Personal data: each edition's proposals anonymised at the end of its retention period (catching
  // up after downtime), and delivery logs past their age purged. Every five minutes is plenty.
  purgePersonalData: { task: () => getService('retention').purgeDue(), options: { rule: '20 */5 * * * *' } },
  // Rebuild deliveries: often, so that the quiet period (10 s by default) is what decides the delay.
  sendRebuildDeliveries: {
    task: () => getService('rebuildDeliveries').deliverDue(),
    options: { rule: '*/5 * * * * *' },
  },
};
