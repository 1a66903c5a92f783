/**
 * The proposer's rights through the status link: the export of their data, its sending by mail
 * for every proposal at their address, and the erasure, each written to the access log.
 *
 * The status token proves that its holder may see one proposal, not that they own the e-mail
 * address typed in it (anyone can submit with anyone's address). So the download covers the
 * link's proposal only; every proposal at that address goes by mail to that address alone.
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { BY_SPEAKER } from '../../../domain/proposal-states';
import type { ProposalFacts } from './personal-data';
import {
  erasurePreview,
  personalDataExport,
  type ExportContext,
  type PersonalDataExport,
  type StoredCoSpeaker,
  type StoredMail,
  type StoredProposal,
} from '../../../domain/proposer-rights';
import { problems } from '../../../http/problem';
import { personalDataConfig } from '../../../config-types';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';
const MAIL = 'api::notification.notification';
const CO_SPEAKER = 'api::co-speaker.co-speaker';

/** A proposal as the query engine returns it (untyped), with its edition. */
type ProposalRow = Omit<StoredProposal, 'mails' | 'edition'> & {
  id: number;
  edition: { id: number; documentId: string; title: string; slug: string; contactEmail: string | null } | null;
};

type MailRow = StoredMail & { proposal: { id: number } | null };

const OUTCOME_SUMMARY = {
  delete: 'proposition supprimée',
  anonymise: 'proposition anonymisée',
  'keep-published': 'données effacées, session publiée conservée',
} as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const proposals = () => getService('proposals');

  /** The proposals with their mails to the proposer, the co-speakers they named and their reviews, as stored. */
  async function stored(where: Record<string, unknown>): Promise<(ProposalRow & { mails: StoredMail[] })[]> {
    const rows: ProposalRow[] = await strapi.db.query(PROPOSAL).findMany({
      where,
      populate: { edition: { select: ['id', 'documentId', 'title', 'slug', 'contactEmail'] } },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const named: (StoredCoSpeaker & { proposal: { id: number } | null })[] = await strapi.db.query(CO_SPEAKER).findMany({
      where: { proposal: { id: { $in: ids } } },
      select: ['name', 'email', 'administrationName', 'state'],
      populate: { proposal: { select: ['id'] } },
      orderBy: { id: 'asc' },
    });
    // The proposer's own mails: a co-speaker's invitation went to the co-speaker, and is theirs.
    const mails: MailRow[] = await strapi.db.query(MAIL).findMany({
      where: { proposal: { id: { $in: ids } }, coSpeaker: { id: { $null: true } } },
      select: ['kind', 'state', 'sentAt', 'recipient', 'subject', 'body'],
      populate: { proposal: { select: ['id'] } },
      orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
    });
    // The reviewers' sheets, without the reviewers: the export shows them once the decision was said.
    const reviews = await getService('reviews').forExport(rows);
    return rows.map((row) => ({
      ...row,
      mails: mails.filter((m) => m.proposal?.id === row.id),
      reviews: reviews.get(row.id)?.reviews ?? [],
      reviewCriteria: reviews.get(row.id)?.criteria ?? [],
      coSpeakers: named.filter((c) => c.proposal?.id === row.id).map(({ proposal: _proposal, ...c }) => c),
    }));
  }

  function exportOf(rows: (ProposalRow & { mails: StoredMail[] })[], edition: ProposalRow['edition'], scope: ExportContext['scope']): PersonalDataExport {
    return personalDataExport(
      {
        madeAt: clock.now(),
        edition: { title: edition?.title ?? '', contactEmail: edition?.contactEmail },
        registerUrl: personalDataConfig(strapi).registerUrl,
        scope,
      },
      rows
    );
  }

  /** Reads a token's proposal in full; 404 as every status route for a bad, unknown or expired one. */
  async function byToken(token: unknown): Promise<ProposalRow & { mails: StoredMail[] }> {
    const { id } = await proposals().findByToken(token);
    const [row] = await stored({ id });
    if (!row) throw problems.notFound();
    return row;
  }

  const logEdition = (edition: ProposalRow['edition'] | { id: number; title: string } | null) => (edition ? { id: edition.id, title: edition.title } : null);

  return {
    /** « Télécharger mes données »: the link's proposal, as a file; logged. */
    async exportByToken(token: unknown): Promise<{ filename: string; document: PersonalDataExport }> {
      return strapi.db.transaction(async () => {
        const row = await byToken(token);
        await getService('accessLog').record({
          action: 'proposer_data_export',
          by: BY_SPEAKER,
          edition: logEdition(row.edition),
          proposals: 1,
          summary: 'Téléchargement par le lien de suivi',
        });
        return { filename: `mes-donnees-${row.reference}.json`, document: exportOf([row], row.edition, 'link') };
      });
    },

    /**
     * « Recevoir par courriel l'export de toutes mes propositions »: queues the mail to the link's
     * address; the export itself is made when it is sent (`exportAtAddress`). Answers nothing about
     * what the mail will hold.
     */
    async mailExportByToken(token: unknown): Promise<void> {
      await strapi.db.transaction(async () => {
        const row = await byToken(token);
        const count = await strapi.db.query(PROPOSAL).count({ where: { email: row.email, edition: { id: row.edition?.id ?? -1 }, erasedAt: null } });
        // Each request its own mail: the rate limit of the status routes bounds them.
        await getService('proposerMails').enqueue(row, 'personal_data_export', { round: `${clock.now().toISOString()}-${randomBytes(4).toString('hex')}` });
        await getService('accessLog').record({
          action: 'proposer_data_export',
          by: BY_SPEAKER,
          edition: logEdition(row.edition),
          proposals: count,
          summary: 'Envoi par courriel à l’adresse des propositions',
        });
      });
      getService('proposerMails').deliverSoon();
    },

    /** Every proposal at the address of this one, in its edition, not erased: the mail's attachment. */
    async exportAtAddress(proposalId: number): Promise<PersonalDataExport> {
      const [row] = await stored({ id: proposalId });
      if (!row?.email || !row.edition) throw new Error('personal data export: proposal without address or edition');
      return exportOf(await stored({ email: row.email, edition: { id: row.edition.id }, erasedAt: null }), row.edition, 'address');
    },

    /** « Effacer mes données », before confirming: what would go, what would stay and why. */
    async erasurePreviewByToken(token: unknown) {
      const row = (await proposals().findByToken(token)) as ProposalFacts & { reference: string };
      const outcome = (await getService('personalData').outcomesOf([row], 'proposer_request')).get(row.id)!;
      return { reference: row.reference, ...erasurePreview(outcome) };
    },

    /** The erasure, confirmed: done whole with its access-log line, or not at all. */
    async eraseByToken(token: unknown, input: unknown) {
      const { id } = await proposals().findByToken(token);
      if (!input || typeof input !== 'object' || (input as { confirm?: unknown }).confirm !== true) throw problems.linkErasureNotConfirmed();
      return strapi.db.transaction(async () => {
        const result = await getService('personalData').erase(id, 'proposer_request');
        await getService('accessLog').record({
          action: 'proposer_erasure',
          by: BY_SPEAKER,
          edition: logEdition(result.edition),
          proposals: 1,
          summary: `Effacement demandé par l’intervenant : ${OUTCOME_SUMMARY[result.outcome]}`,
        });
        const preview = erasurePreview(result.outcome);
        return { reference: result.reference, outcome: result.outcome, erased: preview.erased, kept: result.kept };
      });
    },
  };
};
