/**
 * What an erasure leaves editors to do (check a published speaker's page, fill a freed slot): the
 * open tasks, worded in French for the dashboard, and « Fait », which stamps who did it and when.
 * Tasks are made by the app alone (an erasure, a consent withdrawn, a co-speaker who left or joined a published session; a document middleware refuses one by hand).
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { formatInstantFr } from '../../../domain/edition-calendar';
import { privacyTaskText, type PrivacyTaskKind, type PrivacyTaskView } from '../../../domain/editor-erasure';
import { Problem } from '../../../http/problem';

const UID = 'api::privacy-task.privacy-task';

interface TaskRow {
  id: number;
  documentId: string;
  kind: PrivacyTaskKind;
  sessionTitle: string | null;
  createdOn: string | Date;
  doneAt: string | Date | null;
  doneBy: string | null;
  edition: { documentId: string; title: string; timeZone: string | null } | null;
}

const taskNotFound = () => new Problem(404, 'NotFoundError', 'PRIVACY_TASK_NOT_FOUND', 'Cette tâche n’existe pas.', 'This task does not exist.');

function view(row: TaskRow): PrivacyTaskView {
  const createdOn = new Date(row.createdOn).toISOString();
  return {
    documentId: row.documentId,
    kind: row.kind,
    text: privacyTaskText(row.kind, row.sessionTitle),
    edition: row.edition ? { documentId: row.edition.documentId, title: row.edition.title } : null,
    createdOn,
    createdOnText: formatInstantFr(createdOn, row.edition?.timeZone || 'Europe/Paris'),
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A new task for editors, about a session (its public title, never a person's data). */
  async record(
    kind: PrivacyTaskKind,
    { editionId, session }: { editionId: number | null; session: { id: number; title: string | null } | null }
  ): Promise<void> {
    await strapi.db.query(UID).create({
      data: {
        edition: editionId,
        kind,
        sessionTitle: session?.title?.slice(0, 200) ?? null,
        session: session?.id ?? null,
        createdOn: clock.now().toISOString(),
      },
    });
  },

  /** The tasks not done yet, oldest first: of one edition (by its documentId), or of every edition. */
  async open(editionDocumentId?: string): Promise<PrivacyTaskView[]> {
    const rows: TaskRow[] = await strapi.db.query(UID).findMany({
      where: { doneAt: null, ...(editionDocumentId ? { edition: { documentId: editionDocumentId } } : {}) },
      populate: { edition: { select: ['documentId', 'title', 'timeZone'] } },
      orderBy: [{ createdOn: 'asc' }, { id: 'asc' }],
    });
    return rows.map(view);
  },

  /** « Fait »: stamped once; a second click answers the task as it was done, unchanged. */
  async done(documentId: unknown, by: string): Promise<{ documentId: string; doneAt: string; doneBy: string }> {
    if (typeof documentId !== 'string' || documentId.length > 64) throw taskNotFound();
    const row: TaskRow | null = await strapi.db.query(UID).findOne({ where: { documentId }, select: ['id', 'documentId', 'doneAt', 'doneBy'] });
    if (!row) throw taskNotFound();
    if (row.doneAt) return { documentId, doneAt: new Date(row.doneAt).toISOString(), doneBy: row.doneBy ?? '' };
    const doneAt = clock.now().toISOString();
    await strapi.db.query(UID).updateMany({ where: { id: row.id, doneAt: null }, data: { doneAt, doneBy: by.slice(0, 300) } });
    return { documentId, doneAt, doneBy: by.slice(0, 300) };
  },
});
