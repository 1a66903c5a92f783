/**
 * A proposal's consents, recorded whoever writes them (the form, the status link, an editor for a
 * proposal received by mail): each consent given or withdrawn is a line of `consentRecord` with the
 * text version then current and the instant, and each version recorded becomes unchangeable.
 * A consent withdrawn takes effect at once on what is public: the job title leaves the speakers'
 * published profiles; without publication consent, the session leaves the published program.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import {
  choicesOf,
  CONSENT_FIELD_NAMES,
  readRecord,
  recordEntries,
  speakerPublicationAllowed,
  type ConsentChoices,
  type ConsentVersions,
} from '../../../domain/consent';
import { contentChanged } from '../../../cache/coherence';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';
const SESSION = 'api::session.session';
const SPEAKER = 'api::speaker.speaker';
const TASK = 'api::privacy-task.privacy-task';

interface ConsentRow {
  id: number;
  documentId: string;
  consentContact: boolean | null;
  consentPublication: boolean | null;
  consentJobTitle: boolean | null;
  consentRecord: unknown;
  edition: { id: number } | null;
}

/** What a write did to the consents: the choices before (null on a creation) and after. */
export interface ConsentWrite {
  documentId?: string;
  before: ConsentChoices | null;
  after: ConsentChoices;
  versions: ConsentVersions;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function rowOf(documentId: string): Promise<ConsentRow | null> {
    return strapi.db.query(PROPOSAL).findOne({
      where: { documentId },
      select: ['id', 'documentId', ...CONSENT_FIELD_NAMES, 'consentRecord'],
      populate: { edition: { select: ['id'] } },
    });
  }

  /** The job title goes from every row (draft and published, every locale) of the proposal's speakers. */
  async function removeJobTitles(proposalId: number) {
    const speakers = new Set((await getService('sessionsFromProposals').sessionsOf(proposalId)).flatMap((s) => s.speakers.map((sp) => sp.documentId)));
    for (const documentId of speakers) {
      const rows: { publishedAt: string | null; jobTitle: string | null }[] = await strapi.db
        .query(SPEAKER)
        .findMany({ where: { documentId }, select: ['publishedAt', 'jobTitle'] });
      if (!rows.some((r) => r.jobTitle)) continue;
      // The published version changes by this field alone: republishing would also publish an editor's pending draft.
      await strapi.db.query(SPEAKER).updateMany({ where: { documentId }, data: { jobTitle: null } });
      if (rows.some((r) => r.publishedAt)) {
        await contentChanged(strapi);
        await getService('rebuildDeliveries').contentChanged(SPEAKER, 'publish', documentId);
      }
    }
  }

  /**
   * Without publication consent, the proposal's sessions leave the program (unpublished, no longer
   * scheduled), and so do their speakers left with no talk they may be published for; editors get
   * a task when something public was taken back.
   */
  async function withdrawFromProgram(row: ConsentRow): Promise<number> {
    const sessions = await getService('sessionsFromProposals').sessionsOf(row.id);
    const embargo = getService('embargo');
    await getService('programVersions').forgetSessions([...new Set(sessions.map((s) => s.documentId))]);
    let unpublished = 0;
    for (const documentId of new Set(sessions.map((s) => s.documentId))) {
      await embargo.schedule(SESSION, documentId, null);
      if (sessions.some((s) => s.documentId === documentId && s.publishedAt)) {
        await strapi.documents(SESSION).unpublish({ documentId, locale: '*' });
        unpublished++;
      }
    }
    const publicationConsent = getService('publicationConsent');
    for (const documentId of new Set(sessions.flatMap((s) => s.speakers.map((sp) => sp.documentId)))) {
      if (speakerPublicationAllowed(await publicationConsent.linksOfSpeaker(documentId))) continue;
      await embargo.schedule(SPEAKER, documentId, null);
      const published = await strapi.db.query(SPEAKER).count({ where: { documentId, publishedAt: { $notNull: true } } });
      if (published > 0) await strapi.documents(SPEAKER).unpublish({ documentId, locale: '*' });
    }
    if (unpublished > 0) {
      const title = sessions.find((s) => s.publishedAt)?.title ?? sessions[0]?.title ?? null;
      await strapi.db.query(TASK).create({
        data: {
          edition: row.edition?.id ?? null,
          kind: 'publication_consent_withdrawn',
          sessionTitle: title?.slice(0, 200) ?? null,
          session: sessions[0]?.id ?? null,
          createdOn: clock.now().toISOString(),
        },
      });
    }
    return unpublished;
  }

  return {
    /**
     * Before a proposal is written: the record gets a line per consent given or withdrawn (every
     * consent on a creation), with the current text versions. A record sent by anyone is ignored.
     */
    async beforeWrite(action: 'create' | 'update', params: { documentId?: string; data?: Record<string, unknown> }, by?: string): Promise<ConsentWrite | null> {
      const data = params.data;
      if (!data) return null;
      delete data.consentRecord;
      const touched = CONSENT_FIELD_NAMES.some((field) => field in data);
      if (action === 'update' && (!touched || !params.documentId)) return null;
      const row = action === 'update' ? await rowOf(params.documentId!) : null;
      if (action === 'update' && !row) return null;
      const before = row ? choicesOf(row) : null;
      const after = choicesOf({ ...(row ?? {}), ...data });
      const versions = await getService('consentTexts').currentVersions();
      const entries = recordEntries(before, after, versions, clock.now(), by);
      if (entries.length === 0) return null;
      data.consentRecord = [...readRecord(row?.consentRecord), ...entries];
      return { documentId: params.documentId, before, after, versions };
    },

    /** After the write: a consent withdrawn takes effect on what is public. Answers how many sessions left the program. */
    async afterWrite(write: ConsentWrite): Promise<number> {
      // Once a proposal holds a version, that text never changes again.
      await getService('consentTexts').stampFirstRecorded(write.versions, clock.now());
      if (!write.before || !write.documentId) return 0;
      const row = await rowOf(write.documentId);
      if (!row) return 0;
      if (write.before.jobTitle && !write.after.jobTitle) await removeJobTitles(row.id);
      if (write.before.publication && !write.after.publication) return withdrawFromProgram(row);
      return 0;
    },
  };
};
