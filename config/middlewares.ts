import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'global::http-cache',
  'global::graphql-rate-limit',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'global::published-only',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
