/**
 * One error contract for every client of the public API, whoever raised the error.
 *
 * The app's own refusals are Problems (./problem.ts): a stable `details.code`, French and English.
 * Strapi, its router and its plugins raise others: the router's 405 (text/plain), the 404 of an
 * unknown route or document, the query validator's 400 ("Invalid key nope"), the Public role's 403.
 * This module gives those a code and both languages too, from their HTTP status and what Strapi said
 * (kept in `details.reason`), so that every refusal reads the same:
 * - REST: `{ data: null, error: { status, name, message, details: { code, messageFr, messageEn, … } } }`;
 * - GraphQL: each error's `extensions.code` is that code, `extensions.error` the same
 *   `{ status, name, message, details }`.
 * `message` is in the caller's language (Accept-Language, French by default), the other one is in
 * `details`. global::error-contract applies it to REST answers, `formatGraphqlError` to GraphQL's.
 */
import { errors } from '@strapi/utils';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { negotiateLanguage, type Language } from '../domain/language';
import { Problem } from './problem';

/** What a refusal says: its code, its error name and both messages. */
export interface Refusal {
  status: number;
  name: string;
  code: string;
  messageFr: string;
  messageEn: string;
  details: Record<string, unknown>;
}

/** What an uncoded refusal tells about itself, wherever it comes from. */
export interface RawRefusal {
  status: number;
  name?: string;
  message?: string;
  details?: Record<string, unknown>;
  method: string;
  /** A route answered (the refusal is about what was asked of it), or none matched the address. */
  routeMatched: boolean;
  /** The router's `Allow` header, on a 405. */
  allow?: string;
}

const quoteFr = (s: string) => `« ${s} »`;
const quoteEn = (s: string) => `"${s}"`;
/** What Strapi said, added in English after a French sentence: it names the field or the key at fault. */
const withReason = (sentence: string, reason: string | undefined) => (reason ? `${sentence} (${reason})` : sentence);

type Stock = (raw: RawRefusal, reason: string | undefined) => Omit<Refusal, 'status' | 'details'> & { details?: Record<string, unknown> };

/** The stock refusals, by HTTP status. */
const STOCK: Record<number, Stock> = {
  400: (raw, reason) => {
    const param = typeof raw.details?.param === 'string' ? raw.details.param : undefined;
    const key = typeof raw.details?.key === 'string' ? raw.details.key : undefined;
    if (param) {
      // Strapi's query validator: filters, populate, sort, fields, pagination, locale, status…
      return {
        name: 'ValidationError',
        code: 'INVALID_QUERY_PARAMETER',
        messageFr: key
          ? `Paramètre ${quoteFr(param)} non valide : ${quoteFr(key)} n'existe pas ou ne peut pas être demandé.`
          : `Paramètre ${quoteFr(param)} non valide.`,
        messageEn: key ? `Invalid ${quoteEn(param)} parameter: ${quoteEn(key)} does not exist or cannot be asked for.` : `Invalid ${quoteEn(param)} parameter.`,
      };
    }
    return {
      name: raw.name ?? 'BadRequestError',
      code: 'BAD_REQUEST',
      messageFr: withReason("La requête n'est pas valide.", reason),
      messageEn: withReason('The request is not valid.', reason),
    };
  },
  401: () => ({
    name: 'UnauthorizedError',
    code: 'UNAUTHORIZED',
    messageFr: "L'authentification est absente ou n'est pas valide.",
    messageEn: 'Authentication is missing or invalid.',
  }),
  403: () => ({
    name: 'ForbiddenError',
    code: 'FORBIDDEN',
    messageFr: "Cette action n'est pas autorisée.",
    messageEn: 'This action is not allowed.',
  }),
  404: (raw) =>
    raw.routeMatched
      ? {
          name: 'NotFoundError',
          code: 'NOT_FOUND',
          messageFr: "Rien ne correspond à cette adresse : ce contenu n'existe pas ou n'est pas publié.",
          messageEn: 'Nothing matches this address: this content does not exist or is not published.',
        }
      : {
          name: 'NotFoundError',
          code: 'ROUTE_NOT_FOUND',
          messageFr: "Aucune route de l'API ne correspond à cette adresse.",
          messageEn: 'No API route matches this address.',
        },
  405: (raw) => {
    const allow = (raw.allow ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    return {
      name: 'MethodNotAllowedError',
      code: 'METHOD_NOT_ALLOWED',
      messageFr: `La méthode ${raw.method} n'est pas acceptée à cette adresse${allow.length ? ` : ${allow.join(', ')} seulement` : ''}.`,
      messageEn: `Method ${raw.method} is not allowed at this address${allow.length ? `: ${allow.join(', ')} only` : ''}.`,
      details: { allow },
    };
  },
  406: () => ({
    name: 'NotAcceptableError',
    code: 'NOT_ACCEPTABLE',
    messageFr: 'Aucune des représentations demandées (Accept, Accept-Encoding) ne peut être servie.',
    messageEn: 'None of the representations asked for (Accept, Accept-Encoding) can be served.',
  }),
  413: () => ({
    name: 'PayloadTooLargeError',
    code: 'PAYLOAD_TOO_LARGE',
    messageFr: 'Le corps de la requête est trop volumineux.',
    messageEn: 'The request body is too large.',
  }),
  415: () => ({
    name: 'UnsupportedMediaTypeError',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    messageFr: "Le type du corps de la requête n'est pas pris en charge.",
    messageEn: 'The type of the request body is not supported.',
  }),
  429: () => ({
    name: 'RateLimitError',
    code: 'TOO_MANY_REQUESTS',
    messageFr: 'Trop de demandes depuis votre adresse : réessayez plus tard.',
    messageEn: 'Too many requests from your address: try again later.',
  }),
  501: (raw) => ({
    name: 'NotImplementedError',
    code: 'NOT_IMPLEMENTED',
    messageFr: `La méthode ${raw.method} n'est pas prise en charge.`,
    messageEn: `Method ${raw.method} is not supported.`,
  }),
};

const otherRefusal: Stock = (raw) =>
  raw.status >= 500
    ? {
        name: 'InternalServerError',
        code: 'INTERNAL_ERROR',
        messageFr: 'Une erreur interne est survenue : réessayez plus tard.',
        messageEn: 'An internal error occurred: try again later.',
      }
    : {
        name: raw.name ?? 'HttpError',
        code: `HTTP_${raw.status}`,
        messageFr: `La requête a été refusée (HTTP ${raw.status}).`,
        messageEn: `The request was refused (HTTP ${raw.status}).`,
      };

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The refusal in the contract. A coded refusal keeps its code and messages (the missing language,
 * if any, is the other one); an uncoded one gets them from its status. What Strapi said stays in
 * `details.reason` when it is more than the status's name ("Not Found", "Forbidden").
 */
export function refusalOf(raw: RawRefusal): Refusal {
  const details = { ...(raw.details ?? {}) };
  if (isText(details.code)) {
    const messageFr = isText(details.messageFr) ? details.messageFr : (raw.message ?? details.code);
    const messageEn = isText(details.messageEn) ? details.messageEn : messageFr;
    return { status: raw.status, name: raw.name ?? 'ApplicationError', code: details.code, messageFr, messageEn, details };
  }
  const stockMessage = /^(Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Internal Server Error|Too Many Requests|Not Implemented)$/i;
  const reason = isText(raw.message) && !stockMessage.test(raw.message) ? raw.message : undefined;
  const stock = (STOCK[raw.status] ?? otherRefusal)(raw, reason);
  return {
    status: raw.status,
    name: stock.name,
    code: stock.code,
    messageFr: stock.messageFr,
    messageEn: stock.messageEn,
    details: { ...details, ...(stock.details ?? {}), ...(reason ? { reason } : {}) },
  };
}

/** The `error` member of a REST answer, in the caller's language. */
export function errorMember(refusal: Refusal, language: Language) {
  return {
    status: refusal.status,
    name: refusal.name,
    message: language === 'en' ? refusal.messageEn : refusal.messageFr,
    details: { ...refusal.details, code: refusal.code, messageFr: refusal.messageFr, messageEn: refusal.messageEn },
  };
}

/** The refusal a Problem is. */
export const refusalOfProblem = (problem: Problem): Refusal => ({
  status: problem.status,
  name: problem.name,
  code: problem.code,
  messageFr: problem.message,
  messageEn: problem.messageEn,
  details: problem.details as Record<string, unknown>,
});

/** True when a REST body is already in the contract: Strapi's shape, a code, both languages, and the right one first. */
export function conforms(body: unknown, status: number, language: Language): boolean {
  const error = (body as { data?: unknown; error?: { status?: unknown; name?: unknown; message?: unknown; details?: Record<string, unknown> } } | null)?.error;
  if (!error || (body as { data?: unknown }).data !== null || error.status !== status || !isText(error.name) || !error.details) return false;
  const { code, messageFr, messageEn } = error.details;
  return isText(code) && isText(messageFr) && isText(messageEn) && error.message === (language === 'en' ? messageEn : messageFr);
}

// --- GraphQL ---------------------------------------------------------------------------------------

/** Apollo's and graphql-js's own codes, said in both languages; their own (English) text is the reason. */
const GRAPHQL_CODES: Record<string, { status: number; name: string; fr: string; en: string }> = {
  GRAPHQL_PARSE_FAILED: { status: 400, name: 'ValidationError', fr: 'La requête GraphQL est mal écrite.', en: 'The GraphQL query cannot be parsed.' },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    name: 'ValidationError',
    fr: 'La requête GraphQL ne correspond pas au schéma.',
    en: 'The GraphQL query does not match the schema.',
  },
  BAD_USER_INPUT: {
    status: 400,
    name: 'ValidationError',
    fr: 'Un argument ou une variable de la requête GraphQL est invalide.',
    en: 'An argument or variable of the GraphQL query is invalid.',
  },
  BAD_REQUEST: { status: 400, name: 'BadRequestError', fr: "La requête GraphQL n'est pas valide.", en: 'The GraphQL request is not valid.' },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    name: 'ValidationError',
    fr: "L'opération GraphQL demandée est introuvable ou ambiguë.",
    en: 'The GraphQL operation asked for cannot be found or is ambiguous.',
  },
  PERSISTED_QUERY_NOT_FOUND: { status: 400, name: 'BadRequestError', fr: 'Requête persistée inconnue.', en: 'Unknown persisted query.' },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 400,
    name: 'BadRequestError',
    fr: 'Les requêtes persistées ne sont pas prises en charge.',
    en: 'Persisted queries are not supported.',
  },
};

/** The first error of the chain that is not a GraphQL wrapper: what a resolver or plugin threw. */
function originOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

const STRAPI_STATUS: Array<[new (...args: never[]) => Error, number]> = [
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.PolicyError, 403],
  [errors.NotFoundError, 404],
  [errors.PayloadTooLargeError, 413],
  [errors.RateLimitError, 429],
  [errors.NotImplementedError, 501],
];

/** The refusal a GraphQL error is, whatever raised it. Unknown errors are logged and said as internal. */
export function graphqlRefusalOf(formatted: GraphQLFormattedError, error: unknown, log: (error: unknown) => void): Refusal {
  const origin = originOf(error);
  if (origin instanceof Problem) return refusalOfProblem(origin);
  if (origin instanceof errors.ApplicationError || origin instanceof errors.HttpError) {
    const status = origin instanceof errors.HttpError ? origin.status : (STRAPI_STATUS.find(([type]) => origin instanceof type)?.[1] ?? 400);
    const details = (origin.details ?? {}) as Record<string, unknown>;
    const refusal = refusalOf({ status, name: origin.name, message: origin.message, details, method: 'POST', routeMatched: true });
    // Strapi's GraphQL code for an uncoded ValidationError, which clients already read.
    return refusal.code === 'BAD_REQUEST' ? { ...refusal, code: 'BAD_USER_INPUT' } : refusal;
  }
  const extensions = formatted.extensions ?? {};
  const inner = extensions.error as { status?: number; name?: string; details?: Record<string, unknown> } | undefined;
  if (isText(inner?.details?.code)) {
    // Already in the contract (graphqlRefusal, the GraphQL limits): kept as it is.
    return refusalOf({ status: inner.status ?? 400, name: inner.name, message: formatted.message, details: inner.details, method: 'POST', routeMatched: true });
  }
  if (origin instanceof GraphQLError || !(origin instanceof Error)) {
    const code = isText(extensions.code) ? extensions.code : 'GRAPHQL_ERROR';
    const known = GRAPHQL_CODES[code];
    const reason = formatted.message;
    // The HTTP status Apollo answers with (405 for a PUT, 400 for a bad query), when it says one.
    const http = origin instanceof GraphQLError ? (origin.extensions.http as { status?: number } | undefined)?.status : undefined;
    if (known) {
      return {
        status: http ?? known.status,
        name: known.name,
        code,
        messageFr: withReason(known.fr, reason),
        messageEn: withReason(known.en, reason),
        details: { reason },
      };
    }
    if (code === 'INTERNAL_SERVER_ERROR') return internal();
    return { status: 400, name: 'GraphQLError', code, messageFr: withReason('La requête GraphQL a échoué.', reason), messageEn: reason, details: { reason } };
  }
  // Neither Strapi's nor GraphQL's: nothing of it is told (it could name the database or a path).
  log(origin);
  return internal();
}

function internal(): Refusal {
  const stock = otherRefusal({ status: 500, method: 'POST', routeMatched: true }, undefined);
  return { status: 500, details: {}, ...stock };
}

/** A GraphQL error in the contract, in the caller's language. */
export function graphqlErrorInContract(formatted: GraphQLFormattedError, refusal: Refusal, language: Language): GraphQLFormattedError {
  const error = errorMember(refusal, language);
  return { ...formatted, message: error.message, extensions: { ...formatted.extensions, code: refusal.code, error } };
}

/**
 * Apollo's `formatError` (config/plugins.ts), in place of the GraphQL plugin's own, which it does
 * the work of: Strapi's errors keep their name and details, an unknown error is logged and said as
 * internal. The caller's language is read from the request being answered.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const ctx = strapi.requestContext.get();
  const language = negotiateLanguage(ctx?.get('accept-language'));
  return graphqlErrorInContract(
    formatted,
    graphqlRefusalOf(formatted, error, (e) => strapi.log.error(e)),
    language
  );
}
