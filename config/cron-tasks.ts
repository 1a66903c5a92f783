/**
 * Scheduled work. Each task reads the injectable clock through the services it calls, and is safe
 * when several instances run it at once (database locks and conditional updates). Tests disable
 * cron (CRON_ENABLED=false) and call the same functions directly.
 */
import type { Core } from '@strapi/strapi';

type Task = ({ strapi }: { strapi: Core.Strapi }) => Promise<unknown>;
const everyMinute = (task: Task, second: number) => ({ task, options: { rule: `${second} * * * * *` } });

export default {
  // Program embargo first, so a release and the program published at the same minute are both seen.
  publishScheduledProgram: everyMinute(({ strapi }) => strapi.service('api::session.program').publishDue(), 0),
  releaseDecisionsAtResponseDate: everyMinute(({ strapi }) => strapi.service('api::proposal.decisions').releaseDue(), 5),
  remindAcceptedSpeakers: everyMinute(({ strapi }) => strapi.service('api::proposal.decisions').remindDue(), 10),
  warnUndecidedProposals: everyMinute(({ strapi }) => strapi.service('api::proposal.decisions').warnUndecided(), 15),
  sendProposerMails: everyMinute(({ strapi }) => strapi.service('api::notification.notification').retryDue(), 30),
  emitDateBoundaries: everyMinute(({ strapi }) => strapi.service('api::rebuild-target.webhooks').emitBoundaries(), 1),
  // Rebuild deliveries: often, so that the quiet period (10 s by default) is what decides the delay.
  sendRebuildDeliveries: {
    task: ({ strapi }: { strapi: Core.Strapi }) => strapi.service('api::rebuild-target.webhooks').deliverDue(),
    options: { rule: '*/5 * * * * *' },
  },
};
