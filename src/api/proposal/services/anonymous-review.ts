/**
 * Anonymised review, on the server: which editions keep their proposers' identity from the current
 * reader, the reads made blind to it, and the identity emptied from what leaves. The rule itself
 * (which fields, which reader) is src/domain/anonymous-review.ts; the walks over filters, sorts and
 * results are src/access/identity-queries.ts; where it is enforced, src/access/anonymous-review.ts.
 *
 * An edition's setting is read on its draft row, the editors' latest (as the dashboard reads its
 * dates): switching it on or off in the admin takes effect on saving, before any publication.
 */
import type { Core } from '@strapi/strapi';
import { hidesIdentity, maskIdentity, mayBeMasked, type IdentityViewer } from '../../../domain/anonymous-review';
import { identityViewer } from '../../../access/request-origin';
import { blindFilters, blindSort, PROPOSAL, proposalsIn, searchAsFilters } from '../../../access/identity-queries';
import type { ModelOf } from '../../../access/query-filters';
import { Problem } from '../../../http/problem';

const EDITION = 'api::edition.edition';

/** What a read sends that could rank, count or find proposals by who proposed them. */
export interface ReadParams {
  filters?: unknown;
  sort?: unknown;
  populate?: unknown;
  _q?: unknown;
  [key: string]: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const modelOf: ModelOf = (uid) => strapi.db.metadata.get(uid);
  /** The editions hidden from a request's reader, looked up once per request (its Koa context). */
  const hiddenByRequest = new WeakMap<object, string[]>();

  /** Editions whose review is anonymous (their document ids). */
  async function anonymousEditions(): Promise<string[]> {
    const rows: Array<{ documentId: string }> = await strapi.db
      .query(EDITION)
      .findMany({ where: { anonymousReview: true, publishedAt: null }, select: ['documentId'] });
    return [...new Set(rows.map((row) => row.documentId))];
  }

  /** The conditions, on a proposal, that its identity may be seen: no edition, or an edition not hidden. */
  const visible = (hidden: string[]) => ({ $or: [{ edition: { id: { $null: true } } }, { edition: { documentId: { $notIn: hidden } } }] });

  /** A relation's populate (`{ proposal: { filters, sort, populate } }`) blind too: its filters would choose which proposals come back. */
  function blindPopulate(populate: unknown, uid: string, hidden: string[]): unknown {
    if (!isRecord(populate)) return populate;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(populate)) {
      const attribute = modelOf(uid)?.attributes[key];
      const target = attribute?.type === 'relation' ? attribute.target : undefined;
      result[key] = target && isRecord(value) ? blindParams(target, value, hidden) : value;
    }
    return result;
  }

  function blindParams(uid: string, params: ReadParams, hidden: string[]): ReadParams {
    const blind: ReadParams = { ...params };
    let filters = params.filters;
    if (uid === PROPOSAL && typeof params._q === 'string' && params._q !== '') {
      const search = searchAsFilters(params._q, uid, modelOf);
      filters = filters === undefined || filters === null ? search : { $and: [filters, search] };
      delete blind._q;
    }
    if (filters !== undefined) blind.filters = blindFilters(filters, uid, modelOf, visible(hidden));
    if (params.sort !== undefined) blind.sort = blindSort(params.sort, uid, modelOf);
    if (params.populate !== undefined) blind.populate = blindPopulate(params.populate, uid, hidden);
    return blind;
  }

  return {
    /** The current reader (see identityViewer). */
    viewer(): IdentityViewer {
      return identityViewer(strapi);
    },

    /**
     * The editions (document ids) whose proposers' identity the current reader must not receive:
     * none for an Éditeur, a super admin, the app's jobs or a proposer. Looked up once per request.
     */
    async hiddenEditions(): Promise<string[]> {
      if (!mayBeMasked(this.viewer())) return [];
      const request = strapi.requestContext.get();
      const cached = request && hiddenByRequest.get(request);
      if (cached) return cached;
      const hidden = await anonymousEditions();
      if (request) hiddenByRequest.set(request, hidden);
      return hidden;
    },

    /** Whether the current reader must not receive the identity of this edition's proposers. */
    async hidesIdentityIn(editionDocumentId: string): Promise<boolean> {
      const viewer = this.viewer();
      if (!mayBeMasked(viewer)) return false;
      return hidesIdentity(viewer, { anonymousReview: (await anonymousEditions()).includes(editionDocumentId) });
    },

    /**
     * Refuses what answers by a person rather than by a proposal (the erasure by e-mail address, its
     * preview: which proposals an address made) to a reader kept from identity while an edition's
     * review is anonymous: 403 `IDENTITY_NOT_ALLOWED`.
     */
    async refuseIdentityLookup(): Promise<void> {
      if ((await this.hiddenEditions()).length === 0) return;
      throw new Problem(
        403,
        'ForbiddenError',
        'IDENTITY_NOT_ALLOWED',
        "Une relecture anonyme est en cours : chercher ce qu'une personne a proposé demande aussi la permission « Voir qui propose ».",
        'An anonymised review is under way: looking up what a person proposed also needs the permission to see who proposes.'
      );
    },

    /** Read parameters of `uid` made blind to the identity of the hidden editions' proposers (filters, search, sort, populate). */
    blindParams,

    /**
     * Empties, in place, the identity of every proposal of a hidden edition in a result of `uid`
     * (rows, a list, `{ entries }`, proposals nested in other types). A row that carries neither
     * document id nor id cannot be placed in an edition: it is emptied too.
     */
    async maskResult(uid: string, result: unknown, hidden: string[]): Promise<void> {
      if (hidden.length === 0) return;
      const rows = proposalsIn(result, uid, modelOf);
      if (rows.length === 0) return;
      const documentIds = rows.map((row) => row.documentId).filter((id): id is string => typeof id === 'string');
      const ids = rows.map((row) => row.id).filter((id): id is number => typeof id === 'number');
      const inHidden: Array<{ id: number; documentId: string }> = await strapi.db.query(PROPOSAL).findMany({
        where: { $and: [{ $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] }, { edition: { documentId: { $in: hidden } } }] },
        select: ['id', 'documentId'],
      });
      const hiddenDocuments = new Set(inHidden.map((row) => row.documentId));
      const hiddenIds = new Set(inHidden.map((row) => row.id));
      for (const row of rows) {
        const placed = typeof row.documentId === 'string' || typeof row.id === 'number';
        if (!placed || hiddenDocuments.has(row.documentId as string) || hiddenIds.has(row.id as number)) maskIdentity(row);
      }
    },

    /** Whether this proposal (document id) is in a hidden edition. */
    async hidesProposal(documentId: string, hidden: string[]): Promise<boolean> {
      if (hidden.length === 0) return false;
      const row = await strapi.db.query(PROPOSAL).findOne({ where: { documentId, edition: { documentId: { $in: hidden } } }, select: ['id'] });
      return row !== null;
    },
  };
};
