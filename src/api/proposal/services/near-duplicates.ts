/**
 * Near-duplicate proposals of an edition, for editors (the pairs tell that two proposals come from
 * one person): the rule is src/domain/near-duplicates.ts. On PostgreSQL with pg_trgm (present, or
 * created here when the database allows it) the abstracts' trigrams are the database's own
 * (`show_trgm`, the sets its `similarity` compares); elsewhere the same trigrams are made in
 * JavaScript. Nothing is refused: the editors decide.
 */
import type { Core } from '@strapi/strapi';
import {
  ABSTRACT_SIMILARITY_MIN,
  ABSTRACT_PAIRS_MAX,
  nearDuplicatePairs,
  NEAR_DUPLICATE_REASON_LABELS,
  similarAbstractPairs,
  TITLE_SIMILARITY_MIN,
  trigrams,
  type AbstractTrigrams,
  type ComparedProposal,
} from '../../../domain/near-duplicates';
import type { NearDuplicates, NearDuplicateProposal } from '../../../domain/dashboard';
import { PROPOSAL_STATE_LABELS } from '../../../domain/labels';
import type { ProposalState } from '../../../domain/proposal-states';
import { problems } from '../../../http/problem';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';
const EDITION = 'api::edition.edition';

/** How the abstracts' trigrams are made: by PostgreSQL's pg_trgm, or here. */
export type TrigramSource = NearDuplicates['method'];

interface Row extends ComparedProposal {
  id: number;
  reference: string;
  state: ProposalState;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let pgTrgm: Promise<boolean> | null = null;

  /** Whether pg_trgm is there (or could be created now); asked once per process. */
  function trigramsInDatabase(): Promise<boolean> {
    if (strapi.db.dialect.client !== 'postgres') return Promise.resolve(false);
    pgTrgm ??= (async () => {
      try {
        const found = await strapi.db.connection.raw("select 1 from pg_extension where extname = 'pg_trgm'");
        if (found.rows.length === 0) await strapi.db.connection.raw('create extension if not exists pg_trgm');
        return true;
      } catch (error) {
        strapi.log.info(`pg_trgm indisponible (${(error as Error).message}) : les résumés sont comparés par l'application.`);
        return false;
      }
    })();
    return pgTrgm;
  }

  /** Each proposal's abstract as the database's trigrams (pg_trgm's `show_trgm`). */
  async function databaseTrigrams(rows: readonly Row[]): Promise<AbstractTrigrams[]> {
    if (rows.length === 0) return [];
    const table = strapi.db.metadata.get(PROPOSAL).tableName;
    const result: { rows: Array<{ id: number; trigrams: string[] }> } = await strapi.db.connection.raw(
      "select id, show_trgm(coalesce(abstract, '')) as trigrams from ?? where id = any(?::int[])",
      [table, rows.map((row) => row.id)]
    );
    const byId = new Map(result.rows.map((row) => [Number(row.id), row.trigrams]));
    return rows.map((row) => ({ documentId: row.documentId, trigrams: byId.get(row.id) ?? [] }));
  }

  return {
    trigramsInDatabase,

    /**
     * The near-duplicate pairs of an edition's proposals (withdrawn and anonymised ones left out),
     * oldest first; without the same-person pairs, nor names, for a reader kept from identity. `source: 'library'` compares the abstracts in JavaScript even where pg_trgm is.
     */
    async nearDuplicates(editionDocumentId: string, { source }: { source?: TrigramSource } = {}): Promise<NearDuplicates> {
      const edition = await strapi.db.query(EDITION).findOne({ where: { documentId: editionDocumentId }, select: ['id'] });
      if (!edition) throw problems.editionNotFound(editionDocumentId, { published: false });
      const rows: Row[] = await strapi.db.query(PROPOSAL).findMany({
        where: { edition: { documentId: editionDocumentId }, state: { $ne: 'withdrawn' }, erasedAt: null },
        select: ['id', 'documentId', 'reference', 'title', 'speakerName', 'email', 'abstract', 'state'],
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      });
      // A reader kept from identity by the edition's anonymised review learns nothing of who proposed:
      // the same-person pairs are left out (they would tell that two proposals share an author), and
      // no name is given. What the abstracts alone show stays.
      const identityHidden = await getService('anonymousReview').hidesIdentityIn(editionDocumentId);
      const compared: ComparedProposal[] = identityHidden ? rows.map((row) => ({ ...row, speakerName: null, email: null })) : rows;
      const method: TrigramSource = source !== 'library' && (await trigramsInDatabase()) ? 'pg_trgm' : 'library';
      const items = method === 'pg_trgm' ? await databaseTrigrams(rows) : rows.map((row) => ({ documentId: row.documentId, trigrams: trigrams(row.abstract) }));
      const abstractPairs = similarAbstractPairs(items, ABSTRACT_PAIRS_MAX);
      const byDocumentId = new Map(rows.map((row) => [row.documentId, row]));
      const side = (documentId: string): NearDuplicateProposal => {
        const row = byDocumentId.get(documentId)!;
        return {
          documentId,
          reference: row.reference,
          title: row.title ?? '',
          speakerName: identityHidden ? '' : (row.speakerName ?? ''),
          stateLabel: PROPOSAL_STATE_LABELS[row.state]?.fr ?? row.state,
        };
      };
      return {
        method,
        titleSimilarityMin: TITLE_SIMILARITY_MIN,
        abstractSimilarityMin: ABSTRACT_SIMILARITY_MIN,
        samePersonLeftOut: identityHidden,
        abstractPairsCapped: abstractPairs.length >= ABSTRACT_PAIRS_MAX,
        pairs: nearDuplicatePairs(compared, abstractPairs).map((pair) => ({
          proposals: [side(pair.a), side(pair.b)],
          reasons: pair.reasons.map((code) => ({ code, label: NEAR_DUPLICATE_REASON_LABELS[code] })),
          titleSimilarity: pair.titleSimilarity,
          abstractSimilarity: pair.abstractSimilarity,
        })),
      };
    },
  };
};
