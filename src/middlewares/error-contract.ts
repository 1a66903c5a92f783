/**
 * Global middleware, just outside strapi::errors: every refusal under the REST prefix and on the
 * GraphQL endpoint leaves in the one error contract (src/http/error-contract.ts), whoever wrote it:
 * a Problem, strapi::errors (a thrown error, the 404 of an unknown route), the router's 405 and 501
 * (text/plain), a controller's `ctx.notFound()`, a plugin's policy. It sits outside strapi::errors
 * because it rewrites what that one wrote; it throws nothing itself.
 *
 * A body already in the contract only gets its message in the caller's language. GraphQL errors
 * are shaped by Apollo's `formatError`; what reaches /graphql outside Apollo's own shape (the
 * router, the body limits) is put in the same REST shape as any other route's.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { conforms, errorMember, refusalOf } from '../http/error-contract';
import { graphqlPathMatcher } from '../http/graphql-path';
import { languageOf } from '../http/problem';

type StrapiShape = { error?: { name?: unknown; message?: unknown; details?: unknown } };

/** What a refusal's body says about itself, if it is Strapi's shape. */
function saidBy(body: unknown): { name?: string; message?: string; details?: Record<string, unknown> } {
  const error = body && typeof body === 'object' && !Buffer.isBuffer(body) ? (body as StrapiShape).error : undefined;
  if (!error || typeof error !== 'object') return {};
  return {
    name: typeof error.name === 'string' ? error.name : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    details: error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : undefined,
  };
}

/** The body as a value: Apollo and some stock handlers write their JSON as text. */
function bodyValue(ctx: Context): unknown {
  const { body } = ctx;
  if ((typeof body !== 'string' && !Buffer.isBuffer(body)) || !ctx.response.is('json')) return body;
  try {
    return JSON.parse(body.toString()) as unknown;
  } catch {
    return undefined;
  }
}

/** GraphQL's own answer shape (`errors[]`), which Apollo's formatError has already put in the contract. */
const isGraphqlAnswer = (body: unknown) => Array.isArray((body as { errors?: unknown } | null)?.errors);

/** A route of the content API, as its router holds it. */
interface RouteLayer {
  methods: string[];
  match(path: string): boolean;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get<string>('api.rest.prefix', '/api');
  const isGraphql = graphqlPathMatcher(strapi);
  const inScope = (path: string) => path === prefix || path.startsWith(`${prefix}/`) || isGraphql(path);
  let routes: RouteLayer[] | undefined;
  /**
   * The methods the content API takes at an address. The router's own 405 cannot say it: strapi::public's
   * catch-all GET route matches every address, so a GET to a POST-only route was its 404, and its
   * GET and HEAD were in every Allow.
   */
  const methodsAt = (path: string) => {
    routes ??= (strapi.server.api('content-api').listRoutes() as unknown as RouteLayer[]).filter((layer) => layer.methods.length > 0);
    return [...new Set(routes.flatMap((layer) => (layer.match(path) ? layer.methods : [])))];
  };

  return async (ctx: Context, next: Next) => {
    if (!inScope(ctx.path)) return next();
    await next();
    if (ctx.status < 400) return;
    const language = languageOf(ctx);
    // The message depends on Accept-Language: caches between must keep one copy per language.
    ctx.vary('Accept-Language');
    ctx.set('Content-Language', language);
    const body = bodyValue(ctx);
    if (conforms(body, ctx.status, language) || (isGraphql(ctx.path) && isGraphqlAnswer(body))) return;
    const said = saidBy(body);
    const route = (ctx.state as { route?: { info?: { type?: string } } }).route;
    // strapi::public's catch-all route matches any GET: only a route of the API counts.
    const routeMatched = route?.info?.type === 'content-api';
    let status = ctx.status;
    if (!routeMatched && !isGraphql(ctx.path) && (status === 404 || status === 405)) {
      const allowed = methodsAt(ctx.path);
      status = allowed.length > 0 ? 405 : 404;
      if (allowed.length > 0) ctx.set('Allow', allowed.join(', '));
      else ctx.remove('Allow');
    }
    const refusal = refusalOf({
      status,
      ...(status === ctx.status ? said : {}),
      method: ctx.method,
      routeMatched,
      allow: ctx.response.get('Allow') || undefined,
    });
    ctx.body = { data: null, error: errorMember(refusal, language) };
    // After the body: a GET to a POST-only route turns from strapi::public's 404 into a 405.
    ctx.status = status;
  };
};
