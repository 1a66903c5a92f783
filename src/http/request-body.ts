/**
 * Request bodies: the limits every route shares, and the refusals they produce.
 * - Size is bounded by the parsers themselves: strapi::body (config/middlewares.ts) for every route,
 *   GraphQL's own parser for /graphql; the public API's tighter limit is checked on the declared
 *   length before a byte is read (global::body-guard).
 * - Depth is bounded right after parsing (global::body-depth, and the GraphQL plugin below), before
 *   anything recursive (JSON.stringify, validators, GraphQL variable coercion) walks a body.
 * - The parsers' own errors become refusals in Strapi's shape, in French or English (global::body-guard).
 */
import type { Context } from 'koa';
import { GraphQLError } from 'graphql';
import { Problem, languageOf } from './problem';
import { nestsDeeperThan } from './json-depth';

export const BODY_LIMITS = {
  /**
   * Any JSON, form or text body, the admin's included: its largest bodies are whole role permission
   * sets, a few tens of kilobytes. The public API has its own, smaller limit.
   */
  maxBytes: 256 * 1024,
  /** Levels of objects and arrays: a proposal has 2; the admin's bodies (components, permissions) a handful. */
  maxDepth: 32,
  /** One file uploaded to the media library (speaker photos, PDFs). */
  maxFileBytes: 50 * 1024 * 1024,
} as const;

const kilobytes = (bytes: number) => Math.round(bytes / 1024);

export const bodyProblems = {
  tooLarge: (limitBytes: number) =>
    new Problem(
      413,
      'PayloadTooLargeError',
      'PAYLOAD_TOO_LARGE',
      `Le corps de la requête dépasse ${kilobytes(limitBytes)} Ko.`,
      `The request body exceeds ${kilobytes(limitBytes)} KB.`,
      { limitBytes }
    ),
  tooDeep: (maxDepth: number) =>
    new Problem(
      400,
      'ValidationError',
      'BODY_TOO_DEEP',
      `Le corps de la requête est trop imbriqué : ${maxDepth} niveaux d'objets ou de tableaux au plus.`,
      `The request body is nested too deeply: ${maxDepth} levels of objects or arrays at most.`,
      { maxDepth }
    ),
  malformed: () =>
    new Problem(
      400,
      'ValidationError',
      'MALFORMED_BODY',
      "Le corps de la requête est illisible : JSON mal formé, ou autre chose qu'un objet ou un tableau.",
      'The request body cannot be read: malformed JSON, or something other than an object or an array.'
    ),
  unsupportedEncoding: (encoding: string) =>
    new Problem(
      415,
      'UnsupportedMediaTypeError',
      'UNSUPPORTED_CONTENT_ENCODING',
      `Encodage du corps non pris en charge (${encoding}) : envoyez-le tel quel, en gzip ou en deflate.`,
      `Unsupported body encoding (${encoding}): send it as is, gzipped or deflated.`,
      { encoding }
    ),
};

/** A parser's error, carried up to global::body-guard, which answers it in Strapi's shape. */
export class UnreadableBody extends Error {
  constructor(readonly problem: Problem) {
    super(problem.messageEn);
  }
}

/**
 * The parsers' error hook (koa-body's onError, koa-bodyparser's onerror): co-body, raw-body,
 * inflation, zlib and formidable errors become refusals. Both parsers carry on to the route when
 * the hook returns, so it always throws.
 */
export function refuseUnreadableBody(error: unknown, ctx: Context, limitBytes: number): never {
  const { status, statusCode, httpCode } = error as { status?: number; statusCode?: number; httpCode?: number };
  const httpStatus = status ?? statusCode ?? httpCode;
  if (httpStatus === 413) throw new UnreadableBody(bodyProblems.tooLarge(ctx.is('multipart') ? BODY_LIMITS.maxFileBytes : limitBytes));
  if (httpStatus === 415) throw new UnreadableBody(bodyProblems.unsupportedEncoding(ctx.get('content-encoding').slice(0, 40)));
  // A corrupt gzip, deflate or brotli body fails in zlib, whose errors carry no HTTP status.
  const encoding = ctx.get('content-encoding').trim().toLowerCase();
  const corruptCompression = httpStatus === undefined && encoding !== '' && encoding !== 'identity';
  if ((httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) || corruptCompression) throw new UnreadableBody(bodyProblems.malformed());
  throw error;
}

/** A refusal in the shape Strapi gives GraphQL errors: `extensions.code` and `extensions.error`. */
export function graphqlRefusal(problem: Problem, ctx: Context | undefined): GraphQLError {
  const message = ctx && languageOf(ctx) === 'en' ? problem.messageEn : problem.message;
  return new GraphQLError(message, {
    // Apollo's formatError (src/http/error-contract.ts) finds the Problem behind it.
    originalError: problem,
    extensions: {
      code: problem.code,
      error: { name: problem.name, message, details: problem.details },
      http: { status: problem.status },
    },
  });
}

/**
 * Apollo Server plugin: the depth check for GraphQL, whose body is parsed inside its own route.
 * It runs once the operation is resolved, which is before the variables are coerced (recursively)
 * against the schema; nothing before that walks them.
 */
export const graphqlBodyDepthPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, contextValue }: { request: { variables?: unknown; extensions?: unknown }; contextValue: { koaContext?: Context } }) {
        if (nestsDeeperThan({ variables: request.variables, extensions: request.extensions }, BODY_LIMITS.maxDepth)) {
          throw graphqlRefusal(bodyProblems.tooDeep(BODY_LIMITS.maxDepth), contextValue.koaContext);
        }
      },
    };
  },
};
