/**
 * The computed `callForProposals` block of editions (src/domain/call-state.ts): never stored,
 * always from the edition's dates, the clock and its time zone. One query for any number of editions.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { callForProposalsBlock, type CallForProposalsBlock } from '../../../domain/call-state';
import type { EditionCalendar } from '../../../domain/edition-calendar';
import type { Language } from '../../../domain/language';

const EDITION = 'api::edition.edition';
/** An edition as the content API hands it over, before and after its block is attached. */
export interface EditionWithCallBlock {
  documentId?: string;
  callForProposals?: CallForProposalsBlock | null;
}

const CALENDAR_FIELDS = [
  'timeZone',
  'withoutCall',
  'cfpOpensAt',
  'cfpClosesAt',
  'responseDate',
  'programPublicationDate',
  'minDurationMinutes',
  'maxDurationMinutes',
  'durationChoices',
];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async blocksFor(documentIds: string[], locale: Language): Promise<Map<string, CallForProposalsBlock>> {
    if (documentIds.length === 0) return new Map();
    // `strapi.db.query` rows are untyped: the selected fields, with the days populated.
    const rows: Array<EditionCalendar & { documentId: string }> = await strapi.db.query(EDITION).findMany({
      where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
      select: ['documentId', ...CALENDAR_FIELDS],
      populate: { days: true },
    });
    const now = clock.now();
    return new Map(rows.map((row) => [row.documentId, callForProposalsBlock(row, now, locale)]));
  },

  async attach<T extends EditionWithCallBlock | EditionWithCallBlock[]>(data: T, locale: Language): Promise<T> {
    const list: EditionWithCallBlock[] = Array.isArray(data) ? data : [data];
    const blocks = await this.blocksFor(list.map((e) => e.documentId!).filter(Boolean), locale);
    for (const edition of list) edition.callForProposals = blocks.get(edition.documentId!) ?? null;
    return data;
  },
});
