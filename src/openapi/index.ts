/**
 * The API description: the document @strapi/plugin-documentation generates from the content types,
 * with the app's own routes described by hand (./description.ts) and finished here. It is served in
 * every NODE_ENV as JSON at /api/openapi.json and by Swagger UI at /documentation.
 *
 * The plugin writes the document at start-up except in production, where it only reads a document
 * it expects to find in dist/ (so /documentation answered 404 there). The document depends on the
 * code alone: the app writes it at start-up in production too.
 */
import { promises as fs } from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { INTERNAL_TYPES } from '../content-types';
import { etagOf } from '../cache/response-cache';
import { Problem, problems, sendProblem } from '../http/problem';
import { HAND_WRITTEN_SCHEMAS, OPENAPI_OVERRIDE } from './description';
import { correctGeneratedSchemas } from './corrections';
import { privateAttributeNames, removeProperties } from './private-names';

export const OPENAPI_JSON_PATH = '/api/openapi.json';

/** The part of the plugin's documentation service used here. */
interface DocumentationService {
  getFullDocumentationPath(): string;
  getDocumentationVersion(): string;
  generateFullDoc(version?: string): Promise<void>;
}

const documentation = (strapi: Core.Strapi) => strapi.plugin('documentation')?.service('documentation') as DocumentationService | undefined;

/** The API folder of a content type: `api::job-mark.job-mark` → `job-mark`. */
const apiName = (uid: string) => uid.slice('api::'.length, uid.indexOf('.'));

export function registerOpenApi(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('documentation');
  if (!plugin) return;
  plugin.service('override').registerOverride(OPENAPI_OVERRIDE, { excludeFromGeneration: INTERNAL_TYPES.map(apiName) });
  strapi.server.routes([{ method: 'GET', path: OPENAPI_JSON_PATH, handler: (ctx: Context) => serveDocument(strapi, ctx), config: { auth: false } }]);
}

/**
 * At bootstrap: writes the document where the plugin does not (production). A server whose dist/
 * cannot be written still starts, without its description (and says so).
 */
export async function writeOpenApiDocumentInProduction(strapi: Core.Strapi): Promise<void> {
  if (strapi.config.environment !== 'production') return;
  try {
    await documentation(strapi)?.generateFullDoc();
  } catch (error) {
    strapi.log.warn(`Description de l'API non écrite (${(error as Error).message}) : /documentation et ${OPENAPI_JSON_PATH} répondent 404.`);
  }
}

const restricted = () =>
  new Problem(
    401,
    'UnauthorizedError',
    'DOCUMENTATION_RESTRICTED',
    "La documentation de l'API est protégée par un mot de passe : connectez-vous sur /documentation/login.",
    'The API documentation is password-protected: log in at /documentation/login.'
  );

/** What the plugin's own login leaves in the session (its restrict-access middleware reads the same). */
type DocumentationSession = { session?: { documentation?: { logged?: boolean } } | null };

/**
 * GET /api/openapi.json: the document Swagger UI shows, as JSON. When an administrator has protected
 * the documentation with a password (Settings › Documentation), the same login is needed here.
 */
async function serveDocument(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const access = (await strapi.store({ type: 'plugin', name: 'documentation', key: 'config' }).get()) as { restrictedAccess?: boolean } | null;
  const protectedByPassword = access?.restrictedAccess === true;
  if (protectedByPassword && !(ctx as Context & DocumentationSession).session?.documentation?.logged) return sendProblem(ctx, restricted());
  const service = documentation(strapi)!;
  const file = path.join(service.getFullDocumentationPath(), service.getDocumentationVersion(), 'full_documentation.json');
  let body: string;
  try {
    body = JSON.stringify(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch {
    return sendProblem(ctx, problems.notFound('DOCUMENTATION_NOT_FOUND'));
  }
  ctx.type = 'application/json';
  ctx.body = body;
  // Behind a password, no shared cache may keep it (global::http-cache leaves an answer with an ETag alone).
  if (protectedByPassword) {
    ctx.set('ETag', etagOf(body));
    ctx.set('Cache-Control', 'private, no-store');
  }
}

type FinishedDocument = {
  info?: Record<string, unknown>;
  security?: unknown;
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

/** What Strapi's generator wrote: every schema and path but those of OPENAPI_OVERRIDE. */
function generatedParts(document: FinishedDocument): unknown[] {
  const handWrittenSchemas = new Set(HAND_WRITTEN_SCHEMAS);
  const handWrittenPaths = new Set(Object.keys(OPENAPI_OVERRIDE.paths));
  return [
    ...Object.entries(document.components?.schemas ?? {})
      .filter(([name]) => !handWrittenSchemas.has(name))
      .map(([, schema]) => schema),
    ...Object.entries(document.paths ?? {})
      .filter(([path]) => !handWrittenPaths.has(path))
      .map(([, item]) => item),
  ];
}

/**
 * The documentation plugin's `mutateDocumentation` hook (config/plugins.ts). It receives only the
 * document, at generation, so it reads the content types from the global `strapi` instance.
 * - the generated schemas name nothing private, even in nested relation schemas, and describe the
 *   answers Strapi really gives (./corrections.ts);
 * - the Edition gets the computed `callForProposals` block that the editions routes attach;
 * - public reads need no token (one, if given, is still accepted); no placeholder contact or terms,
 *   and the project's licence.
 */
export function finishDocument(document: FinishedDocument): void {
  const generated = generatedParts(document);
  removeProperties(generated, privateAttributeNames(strapi));
  correctGeneratedSchemas(generated);
  const edition = document.components?.schemas?.Edition?.properties;
  if (edition) edition.callForProposals = { $ref: '#/components/schemas/CallForProposals' };
  document.security = [{}, { bearerAuth: [] }];
  if (document.info) {
    delete document.info.termsOfService;
    delete document.info.contact;
    document.info.license = { name: 'MIT' }; // package.json
  }
}
