import type { Core } from '@strapi/strapi';

// The GraphQL route matches whatever the case and a trailing slash (koa-router's defaults).
const normalised = (path: string) => path.replace(/\/+$/, '').toLowerCase();

/** Whether a request path reaches the GraphQL endpoint, as the router would route it. */
export function graphqlPathMatcher(strapi: Core.Strapi): (path: string) => boolean {
  const endpoint = normalised(strapi.config.get<string>('plugin::graphql.endpoint', '/graphql'));
  return (path) => normalised(path) === endpoint;
}
