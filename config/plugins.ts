import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { rejectDraftStatusPlugin } from '../src/access/published-only';
import { anonymousGraphqlRateLimit, withGraphqlLimits } from '../src/access/graphql-limits';
import { BODY_LIMITS, graphqlBodyDepthPlugin, refuseUnreadableBody } from '../src/http/request-body';
import { finishDocument } from '../src/openapi';
import { formatGraphqlError } from '../src/http/error-contract';
import { smtpConnection } from '../src/api/notification/smtp-connection';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // The editors' desk. Resolved from this file: the server reads dist/config and loads the compiled
  // dist/src/plugins/bluehats; the admin build reads config/ and bundles src/plugins/bluehats/admin.
  bluehats: {
    enabled: true,
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'bluehats'),
  },
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // No landing page (Apollo's, or its production page), whatever NODE_ENV, unless asked for.
      landingPage: env.bool('GRAPHQL_LANDING_PAGE', false) ? true : () => ApolloServerPluginLandingPageDisabled(),
      depthLimit: 7,
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: {
        introspection: true,
        // Stack traces name server paths: never sent, whatever NODE_ENV.
        includeStacktraceInErrorResponses: false,
        // Every error with a stable extensions.code and both languages, as REST's (src/http/error-contract.ts).
        formatError: formatGraphqlError,
        // CORS is strapi::cors's job (CORS_ORIGINS, config/middlewares.ts); this layer would allow any origin.
        cors: false,
        // GraphQL parses its own bodies: JSON only, within the same limit, refusals in Strapi's shape.
        bodyParserConfig: {
          jsonLimit: BODY_LIMITS.maxBytes,
          enableTypes: ['json'],
          onerror: (error: unknown, ctx: Context) => refuseUnreadableBody(error, ctx, BODY_LIMITS.maxBytes),
        },
        ...withGraphqlLimits({ plugins: [rejectDraftStatusPlugin, graphqlBodyDepthPlugin] }),
      },
      anonymousRateLimit: anonymousGraphqlRateLimit(env),
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: env.bool('SMTP_SECURE', false),
        // Reuse SMTP connections across the mails of a pass, opened without Nagle's delay.
        pool: true,
        maxConnections: 3,
        getSocket: smtpConnection(env.int('SMTP_TIMEOUT_MS', 10000)),
        ...(env('SMTP_USERNAME') ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } } : {}),
        connectionTimeout: env.int('SMTP_TIMEOUT_MS', 10000),
        greetingTimeout: env.int('SMTP_TIMEOUT_MS', 10000),
        socketTimeout: env.int('SMTP_TIMEOUT_MS', 10000),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Journées #BlueHats <ne-pas-repondre@example.org>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'ne-pas-repondre@example.org')),
      },
    },
  },
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.0',
      info: {
        version: '1.0.0',
        title: 'bluehats-events',
        description: 'API publique des journées #BlueHats : appel à interventions, programme et exports.',
      },
      // Relative to where the document is read: /api on this host, whatever PUBLIC_URL.
      servers: [{ url: '/api', description: 'Ce serveur' }],
      // Names nothing private, adds the computed blocks, corrects the generator (src/openapi).
      'x-strapi-config': { plugins: [], mutateDocumentation: finishDocument },
    },
  },
  upload: {
    config: {
      security: {
        allowedTypes: ['image/*', 'application/pdf'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
});

export default config;
