/**
 * The filters a public reader sends (REST `filters[…]`, GraphQL `filters:`) are checked before the
 * database sees them. Strapi's query validator checks the keys (an unknown field is a 400), not the
 * shape or the values: `filters[$or]=1`, `filters[year][$eq]=abc` or `filters[id][$eq]=abc`, a
 * `$between` of one value, `$contains` on a number, any filter on a JSON field reached the database
 * layer or the database itself and came back as 500 (some on PostgreSQL only). Here they are 400
 * `INVALID_QUERY_PARAMETER`, with the path of the offending filter.
 *
 * The walk follows the database layer's own (`@strapi/database`, query/helpers/where): `$and`/`$or`
 * take a list of conditions, `$not` conditions, a relation an id or conditions on its target
 * (components and media are relations too), a field a value, a list of values or operators. What
 * it accepts is what that layer and both databases accept; the rest is refused, the same way on
 * SQLite and PostgreSQL.
 *
 * Through the admin API (the content manager's lists), a filter on an internal field
 * (src/domain/internal-fields.ts: the token's fingerprint, the anti-duplicate key…) is refused
 * with 400 `FILTER_NOT_ALLOWED`, at any depth (`proposal.statusTokenHash` from a session): an editor
 * may read a proposal, but must not be able to ask which one holds a given fingerprint.
 */
import type { Core, Modules } from '@strapi/strapi';
import { isInternalField } from '../domain/internal-fields';
import { Problem } from '../http/problem';
import { isContentApiRequest } from './published-only';

/** What the walk needs of a model: its database attributes (`strapi.db.metadata`). */
export interface FilterableModel {
  attributes: Record<string, { type: string; target?: string }>;
}
export type ModelOf = (uid: string) => FilterableModel | undefined;

const GROUP = new Set(['$and', '$or']);
const TEXT_OPERATORS = new Set([
  '$startsWith',
  '$endsWith',
  '$startsWithi',
  '$endsWithi',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$eqi',
  '$nei',
]);
const ATTRIBUTE_OPERATORS = new Set(['$not', '$in', '$notIn', '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$null', '$notNull', '$between', ...TEXT_OPERATORS]);
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'uid', 'email', 'enumeration', 'password', 'blocks']);
/** PostgreSQL's `integer` (and `serial`, ids): larger values fail there instead of matching nothing. */
const INT32 = 2 ** 31;
const INT64 = BigInt('9223372036854775808');

type Refusal = { path: string; fr: string; en: string };

const shown = (value: unknown) => String(value).slice(0, 40);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a value does not fit a field of this type, or null. */
function valueRefusal(type: string, value: unknown, path: string): Refusal | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (type === 'integer' || type === 'increments' || type === 'biginteger') {
    const whole = text !== null && /^[+-]?\d+$/.test(text);
    const inRange = whole && (type === 'biginteger' ? BigInt(text) < INT64 && BigInt(text) >= -INT64 : Math.abs(Number(text)) < INT32);
    if (!inRange)
      return { path, fr: `« ${path} » attend un nombre entier, pas « ${shown(value)} ».`, en: `"${path}" expects a whole number, not "${shown(value)}".` };
  }
  if ((type === 'float' || type === 'decimal') && (text === null || text === '' || !Number.isFinite(Number(text)))) {
    return { path, fr: `« ${path} » attend un nombre, pas « ${shown(value)} ».`, en: `"${path}" expects a number, not "${shown(value)}".` };
  }
  return null;
}

/**
 * A field's value, list of values, or operators (`processAttributeWhere`). `operator` is the one the
 * value is the operand of; none for the field's own value, which may hold operators.
 */
function fieldRefusal(type: string, value: unknown, path: string, operator?: string): Refusal | null {
  if (type === 'json') return { path, fr: `« ${path} » ne peut pas servir de filtre.`, en: `"${path}" cannot be used as a filter.` };
  if (Array.isArray(value)) {
    for (const item of value) {
      const refusal = fieldRefusal(type, item, path, operator);
      if (refusal) return refusal;
    }
    return null;
  }
  if (!isRecord(value)) {
    // The database casts the operands of comparisons to the field's type; text operators and $null take them as they are.
    const cast = operator === undefined || !(TEXT_OPERATORS.has(operator) || operator === '$null' || operator === '$notNull');
    return cast ? valueRefusal(type, value, path) : null;
  }
  if (operator !== undefined && operator !== '$not') {
    // `$in: { … }`, `$eq: { $eq: … }`: conditions where a value is expected.
    return { path, fr: `« ${path} » attend une valeur, pas des conditions.`, en: `"${path}" expects a value, not conditions.` };
  }
  for (const [key, operand] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!ATTRIBUTE_OPERATORS.has(key) || (TEXT_OPERATORS.has(key) && !TEXT_TYPES.has(type))) {
      return { path: at, fr: `l'opérateur « ${key} » ne s'applique pas à « ${path} ».`, en: `operator "${key}" does not apply to "${path}".` };
    }
    if (key === '$between' && (!Array.isArray(operand) || operand.length !== 2)) {
      return { path: at, fr: `« ${at} » attend deux valeurs.`, en: `"${at}" expects two values.` };
    }
    const refusal = fieldRefusal(type, operand, at, key);
    if (refusal) return refusal;
  }
  return null;
}

/** An id, list of ids, one operator on ids, or conditions on the target (`processRelationWhere`). */
function relationRefusal(value: unknown, target: string, path: string, modelOf: ModelOf): Refusal | null {
  if (!isRecord(value)) return fieldRefusal('increments', value, `${path}.id`);
  const operators = Object.keys(value).filter((key) => key.startsWith('$'));
  if (operators.length === 0) return conditionsRefusal(value, target, path, modelOf);
  if (operators.length > 1 || operators.length !== Object.keys(value).length) {
    return {
      path,
      fr: `« ${path} » mêle plusieurs opérateurs ou des opérateurs et des champs.`,
      en: `"${path}" mixes several operators, or operators and fields.`,
    };
  }
  const [operator] = operators;
  if (GROUP.has(operator)) return conditionsRefusal(value, target, path, modelOf);
  return fieldRefusal('increments', { [operator]: value[operator] }, `${path}.id`);
}

/** Conditions on a model: `$and`, `$or`, `$not` and its fields (`processWhere`). */
function conditionsRefusal(conditions: unknown, uid: string, path: string, modelOf: ModelOf): Refusal | null {
  if (Array.isArray(conditions)) {
    for (const [index, item] of conditions.entries()) {
      const refusal = conditionsRefusal(item, uid, `${path}[${index}]`, modelOf);
      if (refusal) return refusal;
    }
    return null;
  }
  if (!isRecord(conditions)) return { path, fr: `« ${path} » attend des conditions.`, en: `"${path}" expects conditions.` };
  for (const [key, value] of Object.entries(conditions)) {
    const refusal = conditionRefusal(key, value, path ? `${path}.${key}` : key, uid, modelOf);
    if (refusal) return refusal;
  }
  return null;
}

/** One condition: a group, a negation, or a field of the model. */
function conditionRefusal(key: string, value: unknown, at: string, uid: string, modelOf: ModelOf): Refusal | null {
  if (GROUP.has(key)) {
    return Array.isArray(value)
      ? conditionsRefusal(value, uid, at, modelOf)
      : { path: at, fr: `« ${at} » attend une liste de conditions.`, en: `"${at}" expects a list of conditions.` };
  }
  if (key === '$not') return conditionsRefusal(value, uid, at, modelOf);
  if (key.startsWith('$')) return { path: at, fr: `l'opérateur « ${key} » s'applique à un champ.`, en: `operator "${key}" applies to a field.` };
  const attribute = modelOf(uid)?.attributes[key];
  // An unknown key is for Strapi's own validator to refuse (or for the column of that name).
  if (!attribute) return null;
  if (attribute.type !== 'relation') return fieldRefusal(attribute.type, value, at);
  return attribute.target
    ? relationRefusal(value, attribute.target, at, modelOf)
    : { path: at, fr: `« ${at} » ne peut pas servir de filtre.`, en: `"${at}" cannot be used as a filter.` };
}

/** The refusal of malformed filters on a model, or null. */
export function malformedFilters(filters: unknown, uid: string, modelOf: ModelOf): Problem | null {
  if (filters === undefined || filters === null) return null;
  const refusal = conditionsRefusal(filters, uid, '', modelOf);
  if (!refusal) return null;
  return new Problem(
    400,
    'ValidationError',
    'INVALID_QUERY_PARAMETER',
    `Paramètre « filters » non valide : ${refusal.fr}`,
    `Invalid "filters" parameter: ${refusal.en}`,
    { param: 'filters', key: refusal.path || 'filters' }
  );
}

/**
 * The field path of the first filter on an internal field (`proposal.statusTokenHash`), or null:
 * groups and negations (the content manager wraps every list's filters in one) and relations are followed.
 */
export function internalFieldFilter(conditions: unknown, uid: string, modelOf: ModelOf, path = ''): string | null {
  if (Array.isArray(conditions)) {
    for (const item of conditions) {
      const found = internalFieldFilter(item, uid, modelOf, path);
      if (found) return found;
    }
    return null;
  }
  if (!isRecord(conditions)) return null;
  for (const [key, value] of Object.entries(conditions)) {
    if (GROUP.has(key) || key === '$not') {
      const found = internalFieldFilter(value, uid, modelOf, path);
      if (found) return found;
      continue;
    }
    const at = path ? `${path}.${key}` : key;
    if (isInternalField(uid, key)) return at;
    const attribute = key.startsWith('$') ? undefined : modelOf(uid)?.attributes[key];
    const found = attribute?.type === 'relation' && attribute.target ? internalFieldFilter(value, attribute.target, modelOf, at) : null;
    if (found) return found;
  }
  return null;
}

export const internalFilterRefused = (key: string) =>
  new Problem(
    400,
    'ValidationError',
    'FILTER_NOT_ALLOWED',
    `Le champ « ${key} » est interne à l'application : il ne peut pas servir de filtre.`,
    `Field "${key}" is internal to the application: it cannot be used as a filter.`,
    { param: 'filters', key }
  );

/** A request of the admin panel (its routes are of type `admin`: content manager, desk). */
function isAdminRequest(strapi: Core.Strapi): boolean {
  return strapi.requestContext.get()?.state?.route?.info?.type === 'admin';
}

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/**
 * Document middleware: a content-API read with malformed filters, or an admin read filtering on an
 * internal field, is refused before the database sees it.
 */
export const refuseMalformedFilters: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (READ_ACTIONS.has(context.action)) {
    const filters = (context.params as { filters?: unknown }).filters;
    const modelOf: ModelOf = (uid) => strapi.db.metadata.get(uid);
    if (isContentApiRequest(strapi)) {
      const problem = malformedFilters(filters, context.uid, modelOf);
      if (problem) throw problem;
    } else if (isAdminRequest(strapi)) {
      const key = internalFieldFilter(filters, context.uid, modelOf);
      if (key) throw internalFilterRefused(key);
    }
  }
  return next();
};
