/**
 * An editor erases a person on request (a request received by mail), identified by their address,
 * across editions: a preview first (what each proposal becomes), then the erasure the editor
 * confirmed with the preview's count. Each proposal goes through the one erasure rule
 * (personal-data.ts); each edition gets one line in the access log; everything runs in one
 * transaction: the person is erased everywhere, with the log, or nowhere.
 */
import type { Core } from '@strapi/strapi';
import {
  countOutcomes,
  erasureAddress,
  erasureSummary,
  OUTCOME_LABELS,
  type ErasureDone,
  type ErasurePreview,
  type PreviewedProposal,
} from '../../../domain/editor-erasure';
import { PROPOSAL_STATE_LABELS } from '../../../domain/labels';
import type { ErasureOutcome } from '../../../domain/personal-data';
import type { ProposalState } from '../../../domain/proposal-states';
import { Problem } from '../../../http/problem';
import { CO_SPEAKER_STATE_LABELS, type CoSpeakerState } from '../../../domain/co-speakers';
import { frenchCount } from '../../../domain/phrases';
import { getService } from '../../../services';

const PROPOSAL = 'api::proposal.proposal';

interface AddressRow {
  id: number;
  reference: string;
  title: string | null;
  state: ProposalState;
  decisionReleasedAt: string | null;
  communicatedAt: string | null;
  edition: { id: number; documentId: string; title: string } | null;
}

/** A proposal at the address, or an invitation of a co-speaker at the address (whose proposal is someone else's). */
type Found =
  | { row: AddressRow; outcome: ErasureOutcome; coSpeakerId?: undefined }
  | { row: AddressRow; outcome: 'delete'; coSpeakerId: number; coSpeakerState: CoSpeakerState };

/** What erasing a co-speaker does, as the editor previews it. */
const CO_SPEAKER_OUTCOME = 'co-intervenant retiré de la proposition, ses données effacées';

export const invalidEmail = () =>
  new Problem(
    400,
    'ValidationError',
    'INVALID_EMAIL',
    'Indiquez une seule adresse électronique valide (254 caractères au plus).',
    'Give one valid e-mail address (254 characters at most).'
  );

export const erasureNotConfirmed = () =>
  new Problem(
    400,
    'ValidationError',
    'ERASURE_NOT_CONFIRMED',
    'Un effacement ne se défait pas : confirmez avec {"email": …, "confirm": true, "expected": <total de l\'aperçu>} (GET /bluehats/erasures/preview?email=…).',
    'An erasure cannot be undone: confirm with {"email": …, "confirm": true, "expected": <the preview\'s total>} (GET /bluehats/erasures/preview?email=…).'
  );

const nothingToErase = () =>
  new Problem(
    404,
    'NotFoundError',
    'NOTHING_TO_ERASE',
    'Aucune proposition ne porte cette adresse (ou ses données sont déjà effacées).',
    'No proposal holds this address (or its data is already erased).'
  );

const NO_EDITION = 'Sans édition';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  function addressOf(input: unknown): string {
    const address = erasureAddress(input);
    if (!address) throw invalidEmail();
    return address;
  }

  /** The proposals at this address not erased yet, and what the one rule does to each; then the invitations at it. */
  async function find(address: string): Promise<Found[]> {
    return [...(await findProposals(address)), ...(await findInvitations(address))];
  }

  async function findInvitations(address: string): Promise<Found[]> {
    const rows = await getService('coSpeakers').atAddress(address);
    return rows.map((r) => ({
      row: {
        id: r.proposal?.id ?? 0,
        reference: r.proposal?.reference ?? '',
        title: r.proposal?.title ?? null,
        state: 'submitted',
        decisionReleasedAt: null,
        communicatedAt: null,
        edition: r.proposal?.edition ?? null,
      },
      outcome: 'delete',
      coSpeakerId: r.id,
      coSpeakerState: r.state,
    }));
  }

  async function findProposals(address: string): Promise<Found[]> {
    const rows: AddressRow[] = await strapi.db.query(PROPOSAL).findMany({
      where: { email: { $eqi: address }, erasedAt: null },
      select: ['id', 'reference', 'title', 'state', 'decisionReleasedAt', 'communicatedAt'],
      populate: { edition: { select: ['id', 'documentId', 'title'] } },
      orderBy: [{ id: 'asc' }],
    });
    const outcomes = await getService('personalData').outcomesOf(rows, 'editor_request');
    return rows.map((row) => ({ row, outcome: outcomes.get(row.id)! }));
  }

  /** Grouped by edition (by its documentId: a proposal may point at its draft or published row). */
  function byEdition(found: Found[]) {
    const groups = new Map<string, { documentId: string | null; id: number | null; title: string; found: Found[] }>();
    for (const f of found) {
      const key = f.row.edition?.documentId ?? '';
      const group = groups.get(key) ?? {
        documentId: f.row.edition?.documentId ?? null,
        id: f.row.edition?.id ?? null,
        title: f.row.edition?.title ?? NO_EDITION,
        found: [],
      };
      group.found.push(f);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  function previewOf(address: string, found: Found[]): ErasurePreview {
    const proposal = (found: Found): PreviewedProposal => {
      const { row, outcome } = found;
      if (found.coSpeakerId !== undefined) {
        return {
          reference: row.reference,
          title: row.title,
          state: 'co-speaker',
          stateLabel: `Co-intervenant : ${CO_SPEAKER_STATE_LABELS[found.coSpeakerState].fr.toLowerCase()}`,
          outcome,
          outcomeLabel: CO_SPEAKER_OUTCOME,
        };
      }
      return {
        reference: row.reference,
        title: row.title,
        state: row.state,
        stateLabel: PROPOSAL_STATE_LABELS[row.state]?.fr ?? row.state,
        outcome,
        outcomeLabel: OUTCOME_LABELS[outcome],
      };
    };
    return {
      email: address,
      total: found.length,
      editions: byEdition(found).map((g) => ({ documentId: g.documentId, title: g.title, count: g.found.length, proposals: g.found.map(proposal) })),
    };
  }

  return {
    /** What erasing this address would do, per edition; `total` is the count the erasure expects. */
    async preview(input: unknown): Promise<ErasurePreview> {
      const address = addressOf(input);
      return previewOf(address, await find(address));
    },

    /**
     * Erases every proposal at this address, in every edition, once the editor confirmed the
     * preview's `total`: 404 when there is nothing to erase, 409 with the fresh preview when the
     * count changed since. One access-log line per edition, by the editor; no proposer data in it.
     */
    async erase(request: { email?: unknown; confirm?: unknown; expected?: unknown }, by: string): Promise<ErasureDone> {
      // A bad address is said first (400 INVALID_EMAIL), then a missing confirmation.
      const address = addressOf(request.email);
      if (request.confirm !== true || typeof request.expected !== 'number') throw erasureNotConfirmed();
      const expected = request.expected;
      return strapi.db.transaction(async () => {
        const found = await find(address);
        if (found.length === 0) throw nothingToErase();
        if (found.length !== expected) {
          const preview = previewOf(address, found);
          throw new Problem(
            409,
            'ConflictError',
            'ERASURE_PREVIEW_STALE',
            `Les propositions à cette adresse ont changé depuis l'aperçu : ${preview.total} seraient effacées maintenant, pas ${expected}. Vérifiez puis confirmez à nouveau.`,
            `The proposals at this address changed since the preview: ${preview.total} would be erased now, not ${expected}. Check and confirm again.`,
            { expected, preview }
          );
        }
        const personalData = getService('personalData');
        const kept = new Map<string, { fr: string; en: string }>();
        const editions: ErasureDone['editions'] = [];
        for (const group of byEdition(found)) {
          const outcomes: ErasureOutcome[] = [];
          let invitations = 0;
          for (const found of group.found) {
            if (found.coSpeakerId !== undefined) {
              await getService('coSpeakers').erase(found.coSpeakerId);
              invitations += 1;
              continue;
            }
            const result = await personalData.erase(found.row.id, 'editor_request');
            outcomes.push(result.outcome);
            for (const k of result.kept) kept.set(k.fr, k);
          }
          const ofProposals = outcomes.length > 0 || invitations === 0 ? [erasureSummary(countOutcomes(outcomes))] : [];
          const ofInvitations = invitations > 0 ? [frenchCount(invitations, 'co-intervenant effacé', 'co-intervenants effacés')] : [];
          const summary = [...ofProposals, ...ofInvitations].join(', ');
          await getService('accessLog').record({
            action: 'editor_erasure',
            by,
            edition: group.id === null ? null : { id: group.id, title: group.title },
            proposals: outcomes.length,
            summary,
          });
          editions.push({ documentId: group.documentId, title: group.title, count: group.found.length, summary });
        }
        return { total: found.length, editions, kept: [...kept.values()] };
      });
    },
  };
};
