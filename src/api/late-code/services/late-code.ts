/**
 * Late-submission codes at submission: whether a code admits a proposal to an edition whose call
 * has closed, and the counting of its uses, atomic across requests and instances.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { zoneOf, type EditionCalendar } from '../../../domain/edition-calendar';
import { lateCodeRefusal, lateCodeRefusals, normaliseLateCode, type LateCodeRefusal } from '../../../domain/late-code';
import { Problem } from '../../../http/problem';

const UID = 'api::late-code.late-code';

interface LateCodeRecord {
  id: number;
  documentId: string;
  validUntil: string | null;
  maxUses: number | null;
  uses: number | null;
}

const refused = (refusal: LateCodeRefusal) => new Problem(403, 'ForbiddenError', refusal.code, refusal.message, refusal.messageEn);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The edition's code as typed, or null: a code of another edition is unknown here. */
  async function find(editionDocumentId: string, typed: unknown): Promise<LateCodeRecord | null> {
    const code = normaliseLateCode(typed);
    if (!code) return null;
    return strapi.db.query(UID).findOne({
      where: { code, edition: { documentId: editionDocumentId } },
      select: ['id', 'documentId', 'validUntil', 'maxUses', 'uses'],
    });
  }

  return {
    /**
     * The code that admits a proposal now, read without counting it: a 403 with its own code
     * (LATE_CODE_UNKNOWN, LATE_CODE_EXPIRED, LATE_CODE_EXHAUSTED) otherwise.
     */
    async assertUsable(edition: EditionCalendar & { documentId: string }, typed: unknown): Promise<LateCodeRecord> {
      const row = await find(edition.documentId, typed);
      const refusal = lateCodeRefusal(row, clock.now(), zoneOf(edition));
      if (refusal) throw refused(refusal);
      return row!;
    },

    /**
     * Counts one use, inside the caller's transaction: one conditional update whose affected-row
     * count decides, so that of many concurrent uses of the last one, exactly one gets it; the
     * others are LATE_CODE_EXHAUSTED. A rollback of the submission gives the use back.
     */
    async use(code: LateCodeRecord): Promise<void> {
      const meta = strapi.db.metadata.get(UID);
      const column = (name: string) => (meta.attributes[name] as { columnName?: string }).columnName ?? name;
      const counted = await strapi.db.transaction(async ({ trx }) =>
        trx(meta.tableName)
          .where('id', code.id)
          .andWhere(column('uses'), '<', strapi.db.connection.ref(column('maxUses')))
          .increment(column('uses'), 1)
      );
      if (Number(counted) !== 1) throw refused(lateCodeRefusals.exhausted());
    },
  };
};
