/**
 * The access log of personal data: each CSV export and each erasure, with who, when, what and for
 * which edition. It holds no proposer data: counts and a summary only. Written through the query
 * engine (the document service refuses a creation by hand), inside the transaction of the act it
 * records, so an act and its line are kept or lost together.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { formatInstantFr } from '../../../domain/edition-calendar';
import { ACCESS_ACTION_LABELS, type AccessLogLine } from '../../../domain/editor-erasure';

const UID = 'api::access-log.access-log';

export type AccessAction = 'proposals_csv_export' | 'proposer_data_export' | 'proposer_erasure' | 'editor_erasure' | 'retention_purge';

export interface AccessEntry {
  action: AccessAction;
  /** An editor's name and address, « l'intervenant » or « automatique » (see request-origin.ts). */
  by: string;
  edition: { id: number; title?: string | null } | null;
  proposals: number;
  /** What was done, without any personal data: counts and outcomes. */
  summary?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(entry: AccessEntry): Promise<void> {
    await strapi.db.query(UID).create({
      data: {
        at: clock.now().toISOString(),
        by: entry.by.slice(0, 300),
        action: entry.action,
        edition: entry.edition?.id ?? null,
        editionTitle: entry.edition?.title?.slice(0, 250) ?? null,
        proposals: entry.proposals,
        summary: entry.summary?.slice(0, 500) ?? null,
      },
    });
  },

  /** The last lines, newest first, worded for the editors' personal-data page (Paris time). */
  async latest(limit = 20): Promise<AccessLogLine[]> {
    const rows: Array<{ at: string | Date; by: string; action: string; editionTitle: string | null; proposals: number | null; summary: string | null }> =
      await strapi.db.query(UID).findMany({ orderBy: [{ at: 'desc' }, { id: 'desc' }], limit });
    return rows.map((row) => {
      const at = new Date(row.at).toISOString();
      return {
        at,
        atText: formatInstantFr(at, 'Europe/Paris'),
        by: row.by,
        action: row.action,
        actionLabel: ACCESS_ACTION_LABELS[row.action] ?? row.action,
        editionTitle: row.editionTitle,
        proposals: row.proposals ?? 0,
        summary: row.summary,
      };
    });
  },
});
