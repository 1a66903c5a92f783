import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseCorsOrigins } from '../src/http/cors-origins';
import { BODY_LIMITS, refuseUnreadableBody } from '../src/http/request-body';
import { COMPRESSION } from '../src/http/compression';

// No strapi::poweredBy: the X-Powered-By header only tells strangers what to attack.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  // Outside everything that writes a body, the response cache's early answers and the refusals included.
  { name: 'strapi::compression', config: COMPRESSION.middlewareOptions() },
  // Outside strapi::errors, whose answers it rewrites into the one error contract.
  'global::error-contract',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Only the listed browser origins may read answers (GraphQL's included: its own CORS layer is
      // off, see config/plugins.ts); the admin is same-origin and needs none.
      origin: parseCorsOrigins(env('CORS_ORIGINS', '')),
      // The public API is anonymous: no cookie or HTTP authentication is ever needed cross-origin.
      credentials: false,
      expose: ['ETag', 'Retry-After'],
    },
  },
  'global::http-cache',
  'global::graphql-rate-limit',
  'strapi::query',
  'global::body-guard',
  {
    name: 'strapi::body',
    config: {
      jsonLimit: BODY_LIMITS.maxBytes,
      formLimit: BODY_LIMITS.maxBytes,
      textLimit: BODY_LIMITS.maxBytes,
      formidable: { maxFileSize: BODY_LIMITS.maxFileBytes, maxFieldsSize: BODY_LIMITS.maxBytes },
      onError: (error: unknown, ctx: Context) => refuseUnreadableBody(error, ctx, BODY_LIMITS.maxBytes),
    },
  },
  'global::body-depth',
  'global::refuse-draft-requests',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
