/**
 * Scheduled work. Each task reads the injectable clock through the services it calls; tests
 * disable cron (CRON_ENABLED=false) and call the same functions directly.
 */
import type { Core } from '@strapi/strapi';

export default {
  proposalConfirmationMails: {
    task: async ({ strapi }: { strapi: Core.Strapi }) => {
      await strapi.service('api::proposal.confirmation-mail').retryDue();
    },
    options: { rule: '30 * * * * *' }, // every minute, at second 30
  },
};
