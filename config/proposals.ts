import type { Core } from '@strapi/strapi';

/** The public call for proposals: status link, abuse limits, confirmation mail retries. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Where the private status link of the mails points: by default the app's status page, or its
  // API route when the pages are off (PUBLIC_PAGES=false); an operator's frontend otherwise.
  statusUrl: env(
    'PROPOSAL_STATUS_URL',
    `${env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`)}${env.bool('PUBLIC_PAGES', true) ? '/suivi/{token}' : '/api/proposals/mine/{token}'}`
  ),
  // Where a co-speaker's private invitation link points: the app's invitation page, or its API route
  // when the pages are off; an operator's frontend otherwise.
  invitationUrl: env(
    'CO_SPEAKER_INVITATION_URL',
    `${env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`)}${env.bool('PUBLIC_PAGES', true) ? '/invitation/{token}' : '/api/proposals/invitations/{token}'}`
  ),
  rateLimit: {
    intervalMs: env.int('PROPOSAL_RATE_LIMIT_INTERVAL_MS', 15 * 60 * 1000),
    // Many agents of one administration can share one outgoing address: stay generous.
    max: env.int('PROPOSAL_RATE_LIMIT_MAX', 30),
  },
  maxBodyBytes: env.int('PROPOSAL_MAX_BODY_BYTES', 32 * 1024),
  mail: {
    maxAttempts: env.int('PROPOSAL_MAIL_MAX_ATTEMPTS', 8),
    baseDelayMs: env.int('PROPOSAL_MAIL_RETRY_BASE_MS', 60 * 1000),
    leaseMs: 5 * 60 * 1000,
  },
});
