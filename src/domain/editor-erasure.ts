/**
 * An editor erases a person on request (a request received by mail): the address that identifies
 * them, the preview of what each of their proposals becomes, the access log's summary of it, and
 * the French words of the tasks an erasure leaves to editors. Pure: no Strapi import.
 */
import type { ErasureOutcome } from './personal-data';
import { frenchCount } from './phrases';
import { EMAIL } from './submission-form';

/** The longest address a proposal stores (RFC 5321's path limit, the form's maximum). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The address as proposals store it (trimmed, lower-case), or null when the input is not one
 * address: not a string, empty, too long, or not shaped like an address.
 */
export function erasureAddress(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const address = input.trim().toLowerCase();
  if (address.length === 0 || address.length > MAX_EMAIL_LENGTH) return null;
  return EMAIL.test(address) ? address : null;
}

/** What an outcome means to the editor who previews the erasure. */
export const OUTCOME_LABELS: Record<ErasureOutcome, string> = {
  delete: 'supprimée',
  anonymise: 'anonymisée (statistiques gardées)',
  'keep-published': 'publication gardée, données personnelles effacées',
};

export type OutcomeCounts = Record<ErasureOutcome, number>;

export function countOutcomes(outcomes: readonly ErasureOutcome[]): OutcomeCounts {
  const counts: OutcomeCounts = { delete: 0, anonymise: 0, 'keep-published': 0 };
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

/**
 * The access log's summary of one edition's erasure: counts only, never a name, address, title or
 * reference, e.g. « 2 supprimées, 1 anonymisée, 1 publication gardée ».
 */
export function erasureSummary(counts: OutcomeCounts): string {
  const parts = [
    counts.delete > 0 ? frenchCount(counts.delete, 'supprimée', 'supprimées') : null,
    counts.anonymise > 0 ? frenchCount(counts.anonymise, 'anonymisée', 'anonymisées') : null,
    counts['keep-published'] > 0 ? frenchCount(counts['keep-published'], 'publication gardée', 'publications gardées') : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'rien à effacer';
}

export type PrivacyTaskKind =
  'published_speaker_erased' | 'confirmed_speaker_erased' | 'publication_consent_withdrawn' | 'co_speaker_left' | 'co_speaker_joined';

/** What a privacy task asks of editors, in French, on the dashboard. */
export function privacyTaskText(kind: PrivacyTaskKind, sessionTitle: string | null): string {
  const talk = sessionTitle ? `de « ${sessionTitle} »` : "d'une session";
  switch (kind) {
    case 'published_speaker_erased':
      return `Un intervenant ${talk} a effacé ses données : vérifiez sa photo et sa biographie publiées.`;
    case 'confirmed_speaker_erased':
      return `Un intervenant confirmé ${talk} a effacé ses données : sa session en brouillon est supprimée, son créneau est libre.`;
    case 'publication_consent_withdrawn':
      return `Un intervenant ${talk} a retiré son accord à la publication : sa session est retirée du programme publié, son créneau est libre.`;
    case 'co_speaker_left':
      return `Un co-intervenant ${talk} a retiré sa participation ou effacé ses données : il est retiré du brouillon, republiez la session pour que le programme ne le nomme plus.`;
    case 'co_speaker_joined':
      return `Un co-intervenant ${talk} a confirmé sa participation après la publication : il est ajouté au brouillon, publiez son profil d'intervenant puis republiez la session pour que le programme le nomme.`;
  }
}

/** One proposal at the address, as the editor previews it (they hold the rights to see its title). */
export interface PreviewedProposal {
  reference: string;
  title: string | null;
  state: string;
  stateLabel: string;
  outcome: ErasureOutcome;
  outcomeLabel: string;
}

/** GET /bluehats/erasures/preview: per edition, what erasing this address does; `total` is what POST expects. */
export interface ErasurePreview {
  email: string;
  total: number;
  editions: Array<{ documentId: string | null; title: string; count: number; proposals: PreviewedProposal[] }>;
}

/** POST /bluehats/erasures: what was done, per edition, and what stays and why. */
export interface ErasureDone {
  total: number;
  editions: Array<{ documentId: string | null; title: string; count: number; summary: string }>;
  kept: Array<{ fr: string; en: string }>;
}

/** An open privacy task, as the dashboard and the personal-data page list it. */
export interface PrivacyTaskView {
  documentId: string;
  kind: PrivacyTaskKind;
  text: string;
  edition: { documentId: string; title: string } | null;
  createdOn: string;
  createdOnText: string;
}

/** A line of the access log, as the personal-data page shows it. */
export interface AccessLogLine {
  at: string;
  atText: string;
  by: string;
  action: string;
  actionLabel: string;
  editionTitle: string | null;
  proposals: number;
  summary: string | null;
}

export const ACCESS_ACTION_LABELS: Record<string, string> = {
  proposals_csv_export: 'Export CSV des propositions',
  proposer_data_export: 'Export de ses données par un intervenant',
  proposer_erasure: "Effacement à la demande de l'intervenant",
  editor_erasure: 'Effacement sur demande reçue par un éditeur',
  retention_purge: 'Anonymisation à la fin de la conservation',
};

/** GET /bluehats/personal-data: the open tasks of every edition and the last lines of the access log. */
export interface PersonalDataDesk {
  tasks: PrivacyTaskView[];
  log: AccessLogLine[];
}
