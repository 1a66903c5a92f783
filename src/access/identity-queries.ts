/**
 * Reads that could tell an admin who proposed what, made blind to it (anonymised review, see
 * src/domain/anonymous-review.ts). Pure: the models come from a lookup (`strapi.db.metadata` in the
 * app), so these walks are tested without Strapi.
 *
 * - Filters: a condition on an identifying field of a proposal, at any depth (`speakerName` on the
 *   proposals list, `proposal.speakerName` from a session, `administration.name`), only holds for a
 *   proposal whose identity the reader may see: it becomes `(condition AND visible)`. For a proposal
 *   whose identity is hidden every such condition is false, whatever its value, so no combination
 *   (`$or`, `$not`, counts) tells anything about it.
 * - Search (`_q`): the database searches every text column, identity included; it becomes the same
 *   search spelt as filters, the identifying columns under the rule above.
 * - Sort: an order on an identifying field would rank hidden names; it is dropped.
 * - Results: every proposal in a result (the list's rows, a session's `proposal`, …) is found, so
 *   that the caller can empty the identity of the hidden ones.
 */
import { isIdentifyingField } from '../domain/anonymous-review';
import type { ModelOf } from './query-filters';

export const PROPOSAL = 'api::proposal.proposal';

type Conditions = Record<string, unknown>;

const GROUP = new Set(['$and', '$or']);
// @strapi/database's STRING_TYPES and NUMBER_TYPES (utils/types): what its search reads.
const SEARCHED_TEXT = new Set(['string', 'text', 'uid', 'email', 'enumeration', 'richtext']);
const SEARCHED_NUMBER = new Set(['biginteger', 'integer', 'decimal', 'float']);

const isRecord = (value: unknown): value is Conditions => typeof value === 'object' && value !== null && !Array.isArray(value);

function relationTarget(uid: string, key: string, modelOf: ModelOf): string | undefined {
  const attribute = modelOf(uid)?.attributes[key];
  return attribute?.type === 'relation' ? attribute.target : undefined;
}

/**
 * The filters with each condition on an identifying field of a proposal joined to `visible` (the
 * conditions, on a proposal, that its identity may be seen). A new object: the one given is not
 * changed (the content manager hands the same one to its list and to its count).
 */
export function blindFilters(conditions: unknown, uid: string, modelOf: ModelOf, visible: Conditions): unknown {
  if (Array.isArray(conditions)) return conditions.map((item) => blindFilters(item, uid, modelOf, visible));
  if (!isRecord(conditions)) return conditions;
  const kept: Conditions = {};
  const guarded: Conditions[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    if (GROUP.has(key) || key === '$not') {
      kept[key] = blindFilters(value, uid, modelOf, visible);
    } else if (key.startsWith('$')) {
      kept[key] = value;
    } else if (uid === PROPOSAL && isIdentifyingField(key)) {
      guarded.push({ [key]: value });
    } else {
      const target = relationTarget(uid, key, modelOf);
      kept[key] = target && isRecord(value) ? blindFilters(value, target, modelOf, visible) : value;
    }
  }
  return guarded.length === 0 ? kept : { $and: [kept, ...guarded, visible] };
}

/** Whether a sort path (`speakerName`, `proposal.speakerName`) ends on an identifying field of a proposal. */
function identifyingPath(path: string[], uid: string, modelOf: ModelOf): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (uid === PROPOSAL && isIdentifyingField(head)) return true;
  const target = relationTarget(uid, head, modelOf);
  return target !== undefined && identifyingPath(rest, target, modelOf);
}

/**
 * The sort without its orders on identifying fields of proposals, in the shape it came in
 * (`'a:asc,b:desc'`, a list, `{ a: 'asc', proposal: { speakerName: 'asc' } }`); undefined when
 * nothing is left.
 */
export function blindSort(sort: unknown, uid: string, modelOf: ModelOf): unknown {
  if (typeof sort === 'string') {
    const kept = sort
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '' && !identifyingPath(part.split(':')[0].split('.'), uid, modelOf));
    return kept.length > 0 ? kept.join(',') : undefined;
  }
  if (Array.isArray(sort)) {
    const kept = sort.map((item) => blindSort(item, uid, modelOf)).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (isRecord(sort)) {
    const kept: Conditions = {};
    for (const [key, value] of Object.entries(sort)) {
      if (identifyingPath([key], uid, modelOf)) continue;
      const target = relationTarget(uid, key, modelOf);
      if (target && isRecord(value)) {
        const inner = blindSort(value, target, modelOf);
        if (inner !== undefined) kept[key] = inner;
      } else kept[key] = value;
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  return sort;
}

/**
 * The database's search (`_q`) spelt as filters: the text columns it searches contain the words
 * (case aside), or, for a number, the number columns and the id equal it. Attributes marked
 * `searchable: false` are not searched, as there.
 */
export function searchAsFilters(q: string, uid: string, modelOf: ModelOf): Conditions {
  const attributes = Object.entries(modelOf(uid)?.attributes ?? {}) as Array<[string, { type: string; searchable?: boolean }]>;
  const searched = attributes.filter(([, attribute]) => attribute.searchable !== false);
  const number = q.trim() !== '' && Number.isFinite(Number(q)) ? Number(q) : null;
  const text = searched.filter(([, attribute]) => SEARCHED_TEXT.has(attribute.type)).map(([name]) => ({ [name]: { $containsi: q } }));
  const numbers =
    number === null
      ? []
      : [{ id: { $eq: number } }, ...searched.filter(([, attribute]) => SEARCHED_NUMBER.has(attribute.type)).map(([name]) => ({ [name]: { $eq: number } }))];
  return { $or: [...text, ...numbers] };
}

/** Every proposal row in a document-service result of `uid` (a row, a list, `{ entries }`), at any depth. */
export function proposalsIn(result: unknown, uid: string, modelOf: ModelOf): Conditions[] {
  const found: Conditions[] = [];
  const visit = (value: unknown, model: string) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, model);
      return;
    }
    if (!isRecord(value)) return;
    if (model === PROPOSAL) found.push(value);
    for (const [key, nested] of Object.entries(value)) {
      const target = relationTarget(model, key, modelOf);
      if (target && (isRecord(nested) || Array.isArray(nested))) visit(nested, target);
    }
  };
  // `delete`, `publish`, `unpublish` and `discardDraft` answer `{ documentId, entries }`.
  const entries = isRecord(result) && Array.isArray(result.entries) && !modelOf(uid)?.attributes.entries;
  visit(entries ? result.entries : result, uid);
  return found;
}
