/**
 * What one GraphQL request may ask, and how much it may read while it runs. (How often an anonymous
 * address may ask is src/middlewares/graphql-rate-limit.ts; its numbers are here too.)
 *
 * Strapi's `depthLimit` bounds nesting only: one anonymous query of 1,000 aliases of
 * `sessions(pagination: { limit: 100 }) { speakers { … } }` kept the server busy for minutes.
 * - Before anything runs: tokens (graphql-js's own `parseOptions.maxTokens`, which stops the parser
 *   early), then cost, aliases, directives and depth (@escape.tech/graphql-armor validation rules).
 *   Armor's token plugin is not used: with Apollo Server 4 it throws outside the request pipeline
 *   and the refusal comes out as a 500.
 * - While it runs: a budget of relations read. Armor's cost is computed from the document alone and
 *   multiplies only by `first`/`last` arguments, while Strapi's lists take `pagination` and every
 *   relation list returns up to 25 items by default. So a query of 8 levels without any alias
 *   (`editions { sessions { speakers { sessions { … } } } }`, cost 82) fans out 25 × 2 × 10 × …:
 *   about 11,600 relation reads and 30 s on 100 sessions. Each object field resolved (a relation,
 *   a component, a media: in Strapi each may be one database query) counts one; past the budget the
 *   next ones stop before their resolver runs and the whole request is refused.
 *
 * Every refusal is a 400 whose first error carries a stable `extensions.code` (also in
 * `extensions.error.details.code`, Strapi's shape), a French message (English with
 * `Accept-Language: en`) and the limit. Field suggestions ("Did you mean …") are masked for every
 * caller, so that a wrong guess does not reveal field names; introspection stays on.
 *
 * The numbers. `npx jest --selectProjects security tests/security/graphql-cost.test.ts --verbose`
 * prints the tokens, cost and depth of every query the README and the tests document:
 * - cost: the richest documented query (an edition with its days, venue, event and sessions with
 *   speakers) costs 52; a whole edition page in one query (every public field, the call block,
 *   50 sessions with speakers, photos and administrations) costs 244. 500 leaves that page room.
 * - aliases: frontends use a few (two lists side by side); each alias can repeat a whole list.
 * - tokens: the full introspection query of GraphQL tools has 163, the documented queries fewer;
 *   1,000 leaves room for hand-written queries and stops 1,000 aliases at the 1,001st token.
 * - depth: the same bound as the plugin's `depthLimit: 7`, counted differently. graphql-depth-limit
 *   counts the root field as 0 and ignores fragments; armor counts field levels from 1. So 8 levels
 *   of fields pass both and 9 are refused by both (fragments flattened, as graphql-depth-limit does).
 *   Strapi's own depth rule stays in place and reports its (English) error after ours.
 * - directives: `@include`/`@skip` a few times; 10 is plenty.
 * - relations: the edition page of 50 sessions reads about 260 (1 + 50 sessions' speakers + 100
 *   speakers' photos and administrations + a few components); 500 leaves it room and stops the
 *   8-level query above in a second or two instead of 30. The fields of an object already in memory
 *   (the program's days, sessions and speakers, the call block's instants) read nothing and are not
 *   counted (READ_IN_MEMORY): a program query counts one, whatever the number of sessions.
 */
import type { Core } from '@strapi/strapi';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Lexer,
  getNamedType,
  isCompositeType,
  Source,
  TokenKind,
  parse,
  validate,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type ValidationRule,
} from 'graphql';
import { negotiateLanguage } from '../domain/language';

export const GRAPHQL_LIMITS = {
  maxTokens: 1000,
  maxCost: 500,
  maxAliases: 10,
  maxDirectives: 10,
  /** Field levels, root field = 1: the same queries as Strapi's `depthLimit: 7` (see above). */
  maxDepth: 8,
  /** Object fields resolved while the query runs (relations, components, media): see above. */
  maxRelations: 500,
} as const;

/** Anonymous calls to the GraphQL endpoint, per client address (see src/middlewares/graphql-rate-limit.ts). */
export function anonymousGraphqlRateLimit(env: Core.Config.Shared.ConfigParams['env']) {
  return {
    intervalMs: env.int('GRAPHQL_RATE_LIMIT_INTERVAL_MS', 60 * 1000),
    // Two requests a second on average: a site build or a few dozen readers behind one address.
    max: env.int('GRAPHQL_RATE_LIMIT_MAX', 120),
  };
}

/**
 * The `extensions` of an object type whose fields are read from an object already in memory (the
 * program, the call-for-proposals block): resolving them reads nothing, so they are not counted
 * against the relations budget. The field that loads such an object (e.g. `Query.program`) is.
 */
export const READ_IN_MEMORY = { readInMemory: true } as const;

const readsInMemory = (type: GraphQLObjectType) => (type.extensions as { readInMemory?: unknown }).readInMemory === true;

type LimitName = 'tokens' | 'cost' | 'aliases' | 'directives' | 'depth' | 'relations';

const REFUSALS: Record<LimitName, { code: string; fr: (limit: number, found?: number) => string; en: (limit: number, found?: number) => string }> = {
  tokens: {
    code: 'GRAPHQL_TOO_MANY_TOKENS',
    fr: (limit) => `La requête GraphQL est trop longue : elle dépasse ${limit} éléments (noms, arguments, accolades). Scindez-la en plusieurs requêtes.`,
    en: (limit) => `The GraphQL query is too long: it has more than ${limit} tokens (names, arguments, braces). Split it into several queries.`,
  },
  cost: {
    code: 'GRAPHQL_TOO_COSTLY',
    fr: (limit, found) =>
      `La requête GraphQL est trop coûteuse : coût estimé ${found}, au plus ${limit}. Demandez moins de champs ou scindez-la en plusieurs requêtes.`,
    en: (limit, found) => `The GraphQL query is too costly: estimated cost ${found}, at most ${limit}. Ask for fewer fields or split it into several queries.`,
  },
  aliases: {
    code: 'GRAPHQL_TOO_MANY_ALIASES',
    fr: (limit, found) => `La requête GraphQL contient trop d'alias : ${found}, au plus ${limit}.`,
    en: (limit, found) => `The GraphQL query has too many aliases: ${found}, at most ${limit}.`,
  },
  directives: {
    code: 'GRAPHQL_TOO_MANY_DIRECTIVES',
    fr: (limit, found) => `La requête GraphQL contient trop de directives : ${found}, au plus ${limit}.`,
    en: (limit, found) => `The GraphQL query has too many directives: ${found}, at most ${limit}.`,
  },
  relations: {
    code: 'GRAPHQL_TOO_MANY_RELATIONS',
    fr: (limit) =>
      `La requête GraphQL lit trop de relations : plus de ${limit} (chaque liste ou objet lié se lit à part). Demandez moins de niveaux ou paginez les listes (pagination: { limit }).`,
    en: (limit) =>
      `The GraphQL query reads too many relations: more than ${limit} (each linked list or object is read separately). Ask for fewer levels or paginate the lists (pagination: { limit }).`,
  },
  depth: {
    code: 'GRAPHQL_TOO_DEEP',
    fr: (limit, found) => `La requête GraphQL est trop imbriquée : ${found} niveaux, au plus ${limit}.`,
    en: (limit, found) => `The GraphQL query is nested too deeply: ${found} levels, at most ${limit}.`,
  },
};

export const GRAPHQL_LIMIT_CODES: readonly string[] = Object.values(REFUSALS).map((r) => r.code);

function refusal(name: LimitName, limit: number, found?: number) {
  const { code, fr, en } = REFUSALS[name];
  const message = fr(limit, found);
  const messageEn = en(limit, found);
  return {
    message,
    extensions: {
      code,
      error: {
        status: 400,
        name: 'ValidationError',
        message,
        details: { code, limit, ...(found === undefined ? {} : { found }), messageFr: message, messageEn },
      },
    },
  };
}

/** Armor says "… exceeded, found N." (its limits are exposed): keep N for the caller. */
function foundIn(message: string): number | undefined {
  const match = /found (\d+(?:\.\d+)?)/.exec(message);
  return match ? Math.ceil(Number(match[1])) : undefined;
}

const reportAs =
  (name: LimitName, limit: number): GraphQLArmorRejectCallback =>
  (context, error) => {
    const { message, extensions } = refusal(name, limit, foundIn(error.message));
    context?.reportError(new GraphQLError(message, { extensions }));
  };

/** graphql-js's own message when `maxTokens` stops the parser ("more that" in 16.x). */
const TOKENS_ABORT = /Document contains more th(?:an|at) (\d+) tokens/;

type Language = 'fr' | 'en';

/** The refusal in the caller's language; the limit's code first, where clients look. */
function shapeError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  const tokens = error.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKENS_ABORT.exec(error.message) : null;
  const shaped = tokens ? { ...error, ...refusal('tokens', Number(tokens[1])) } : error;
  const details = (shaped.extensions?.error as { details?: { code?: string; messageEn?: string } } | undefined)?.details;
  if (!details?.code || !GRAPHQL_LIMIT_CODES.includes(details.code)) return shaped;
  const message = language === 'en' && details.messageEn ? details.messageEn : shaped.message;
  const inner = shaped.extensions!.error as Record<string, unknown>;
  return { ...shaped, message, extensions: { ...shaped.extensions, code: details.code, error: { ...inner, message } } };
}

const isLimitError = (error: GraphQLFormattedError) => GRAPHQL_LIMIT_CODES.includes(error.extensions?.code as string);

interface ResponseContext {
  request: { http?: { headers: { get(name: string): string | undefined } } };
  // Apollo's single-or-incremental body; only single results carry these errors.
  response: { http: { status?: number }; body?: { kind: string; singleResult?: { data?: unknown; errors?: readonly GraphQLFormattedError[] } } };
}

/**
 * Apollo plugin: stops an execution that has resolved more object fields than the budget (each may be
 * a database query), and gives every limit refusal its code, its language and the first place.
 */
function limitsPlugin(maxRelations: number) {
  return {
    async requestDidStart() {
      let relations = 0;
      let exceeded = false;
      return {
        async executionDidStart() {
          return {
            willResolveField({ info }: { info: GraphQLResolveInfo }) {
              const type = getNamedType(info.returnType);
              // Introspection answers from the schema in memory: never counted.
              if (!isCompositeType(type) || type.name.startsWith('__') || info.parentType.name.startsWith('__') || readsInMemory(info.parentType)) return;
              relations += 1;
              if (relations > maxRelations) {
                exceeded = true;
                // Thrown before the resolver runs: every further object field stops here, cheaply.
                throw new GraphQLError(REFUSALS.relations.code);
              }
            },
          };
        },
        async willSendResponse({ request, response }: ResponseContext) {
          const result = response.body?.kind === 'single' ? response.body.singleResult : undefined;
          if (!result) return;
          const language = negotiateLanguage(request.http?.headers.get('accept-language'));
          if (exceeded) {
            // A partial answer would look like missing content: refuse the whole request.
            delete result.data;
            result.errors = [refusal('relations', maxRelations)];
            response.http.status = 400;
          }
          if (!result.errors?.length) return;
          const errors = result.errors.map((e) => shapeError(e, language));
          result.errors = [...errors.filter(isLimitError), ...errors.filter((e) => !isLimitError(e))];
        },
      };
    },
  };
}

function armorFor(limits: typeof GRAPHQL_LIMITS) {
  const reject = (name: LimitName, limit: number) => ({ propagateOnRejection: false, onReject: [reportAs(name, limit)] });
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: true },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ...reject('cost', limits.maxCost) },
    maxAliases: { n: limits.maxAliases, ...reject('aliases', limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...reject('directives', limits.maxDirectives) },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reject('depth', limits.maxDepth) },
  }).protect();
}

/**
 * Apollo Server options with the limits added: Strapi's GraphQL plugin concatenates these arrays
 * with its own (its depth rule and landing page stay). Armor's other suggestions
 * (`includeStacktraceInErrorResponses`, batching) are left to the rest of the configuration.
 */
export function withGraphqlLimits<T extends { plugins?: unknown[]; validationRules?: ValidationRule[] }>(options: T) {
  const armor = armorFor(GRAPHQL_LIMITS);
  return {
    ...options,
    plugins: [...(options.plugins ?? []), ...armor.plugins, limitsPlugin(GRAPHQL_LIMITS.maxRelations)],
    validationRules: [...(options.validationRules ?? []), ...armor.validationRules],
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
  };
}

// The armor rules only walk the document; any valid schema lets `validate` run them.
const ANY_SCHEMA = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }) });

/** What the limits see in one operation: to measure documented queries against the bounds. */
export function measureOperation(source: string) {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  const seen: Record<string, number> = {};
  const note = (name: string) => [(_ctx: unknown, { n }: { n: number }) => (seen[name] = n)];
  const unbounded = Number.MAX_SAFE_INTEGER;
  const { validationRules } = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { maxCost: unbounded, onAccept: note('cost') },
    maxAliases: { n: unbounded, onAccept: note('aliases') },
    maxDirectives: { n: unbounded, onAccept: note('directives') },
    maxDepth: { n: unbounded, flattenFragments: true, onAccept: note('depth') },
  }).protect();
  validate(ANY_SCHEMA, parse(source), validationRules);
  return { tokens, cost: seen.cost, aliases: seen.aliases, directives: seen.directives, depth: seen.depth };
}
