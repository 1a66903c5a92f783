import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { BODY_LIMITS, refuseUnreadableBody } from '../src/http/request-body';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'global::http-cache',
  'strapi::poweredBy',
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
  'global::published-only',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
