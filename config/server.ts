import type { Core } from '@strapi/strapi';
import cronTasks from './cron-tasks';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy, trust X-Forwarded-For so that rate limits see the client, not the proxy.
  // Only its last TRUST_PROXY_HOPS addresses: those the proxies appended (nginx's
  // `proxy_add_x_forwarded_for` appends the address it saw to whatever the client sent), never one a
  // client wrote itself at the head of the header.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: env.int('TRUST_PROXY_HOPS', 1) },
  app: {
    keys: env.array('APP_KEYS')!,
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  // Strapi's remote transfer (`strapi transfer` over /admin) replaces content past the app's document
  // rules: off unless an operator asks for it. `strapi export` / `strapi import` need none of it.
  transfer: { remote: { enabled: env.bool('TRANSFER_REMOTE_ENABLED', false) } },
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
    tasks: cronTasks,
  },
});

export default config;
