/**
 * The proposer's rights through the status link: what their export holds, what their history looks
 * like from their side, and what an erasure would take and keep. Pure: no Strapi import.
 *
 * The export shows what is stored about the person, with the same reserve as the status page: a
 * decision, its message, the reviewers' notes and their scored sheets appear once the decision was
 * communicated, never before (the export must not tell what the status page does not tell yet).
 *
 * A sheet comes without its reviewer's name: the right of access is to what is stored about the
 * person, and who reviewed is the reviewer's own data, which the export must not hand over (GDPR
 * art. 15(4)); named, a reviewer could be pressed about a score, and the review loses what keeps it
 * frank. Each sheet is « un relecteur »'s, the team's as a whole.
 */
import { PUBLIC_STATUS_LABELS } from './labels';
import { DECIDED_STATES, publicStatus, SPEAKER_STATES, type ProposalState, type PublicStatus, type StateChange } from './proposal-states';
import type { ErasureOutcome } from './personal-data';
import type { ConsentRecordEntry } from './consent';
import { CO_SPEAKER_STATE_LABELS, type CoSpeakerState } from './co-speakers';
import { sheetWeightedMean, sortedCriteria, type ReviewCriterion, type ScoreSheet } from './review';

type Text = { fr: string; en: string };

/** After the deadline, a correction of one's data goes through the edition's team. */
export function rectificationText(contactEmail: string | null | undefined): { fr: string; en: string } {
  return contactEmail
    ? {
        fr: `Pour faire rectifier vos données, écrivez à ${contactEmail}.`,
        en: `To have your data corrected, write to ${contactEmail}.`,
      }
    : {
        fr: "Pour faire rectifier vos données, écrivez à l'équipe de l'édition.",
        en: "To have your data corrected, write to the edition's team.",
      };
}

/** A proposal's facts that decide what its author may see of its history. */
export interface HistoryFacts {
  state: ProposalState;
  submittedAt?: string | Date | null;
  stateHistory?: StateChange[] | null;
  decisionReleasedAt?: string | Date | null;
  communicatedState?: ProposalState | null;
  communicatedAt?: string | Date | null;
}

export interface VisibleStep {
  status: PublicStatus;
  at: string;
}

const iso = (instant: string | Date) => new Date(instant).toISOString();

/**
 * The history as its author may see it: sent (under review), each decision at the instant it was
 * communicated (not when an editor took it), and their own answers (withdrawn, confirmed, declined).
 * Never who changed a state, never a decision waiting for its release. A decision communicated and
 * later replaced by another communicated one shows through its mail, which the export also holds.
 */
export function visibleHistory(facts: HistoryFacts): VisibleStep[] {
  const steps: VisibleStep[] = [];
  if (facts.submittedAt) steps.push({ status: 'under-review', at: iso(facts.submittedAt) });
  for (const change of facts.stateHistory ?? []) {
    if (SPEAKER_STATES.includes(change.to) && change.at) steps.push({ status: change.to, at: iso(change.at) });
  }
  if (facts.communicatedState && DECIDED_STATES.includes(facts.communicatedState) && facts.communicatedAt) {
    steps.push({ status: facts.communicatedState, at: iso(facts.communicatedAt) });
  }
  if (DECIDED_STATES.includes(facts.state) && facts.decisionReleasedAt) {
    steps.push({ status: facts.state, at: iso(facts.decisionReleasedAt) });
  }
  steps.sort((a, b) => a.at.localeCompare(b.at));
  // A release sets the communicated decision and the released one to the same step: one line.
  return steps.filter((step, i) => i === 0 || step.status !== steps[i - 1].status || step.at !== steps[i - 1].at);
}

/** A proposal as stored, with its mails: what the export reads. */
export interface StoredProposal extends HistoryFacts {
  reference: string;
  speakerName: string | null;
  email: string | null;
  administrationName: string | null;
  jobTitle: string | null;
  title: string | null;
  abstract: string | null;
  preferredDay: string | null;
  requestedDuration: number | null;
  language: string | null;
  consentContact: boolean | null;
  consentPublication: boolean | null;
  consentJobTitle: boolean | null;
  consentRecord: ConsentRecordEntry[] | null;
  decisionMessage: string | null;
  reviewerNotes: string | null;
  confirmationDeadline: string | Date | null;
  statusTokenExpiresAt: string | Date | null;
  edition: { title: string; slug?: string | null } | null;
  mails: StoredMail[];
  /** The people the proposal names as co-speakers (none when absent). */
  coSpeakers?: StoredCoSpeaker[];
  /** The reviews of the proposal (never who wrote them), and its edition's criteria to read their scores. */
  reviews?: StoredReview[];
  reviewCriteria?: ReviewCriterion[];
}

/** A review of the proposal as stored, without its reviewer: an assignment not yet scored has no `scoredAt`. */
export interface StoredReview {
  scores: ScoreSheet | null;
  comment: string | null;
  scoredAt: string | Date | null;
}

const roundedMean = (criteria: ReviewCriterion[], scores: ScoreSheet | null) => {
  const mean = sheetWeightedMean(criteria, scores);
  return mean === null ? null : Math.round(mean * 100) / 100;
};

/**
 * The scored sheets as their subject reads them, oldest first: each criterion by its label (French
 * and English) and weight with its score, the weighted mean, the comment (null when none, or erased).
 * An assignment not scored says nothing about the person and is not a sheet.
 */
export function exportedReviews(criteria: ReviewCriterion[], reviews: StoredReview[]) {
  const ordered = sortedCriteria(criteria);
  return reviews
    .filter((r): r is StoredReview & { scoredAt: string | Date } => !!r.scoredAt)
    .map((r) => ({
      scoredAt: iso(r.scoredAt),
      scores: ordered
        .filter((c) => typeof r.scores?.[c.documentId] === 'number')
        .map((c) => ({ criterion: { fr: c.label, en: c.labelEn || c.label }, weight: c.weight, score: r.scores![c.documentId] })),
      weightedMean: roundedMean(ordered, r.scores),
      comment: r.comment || null,
    }))
    .sort((a, b) => a.scoredAt.localeCompare(b.scoredAt));
}

/** A co-speaker as the proposal that named them stores them. */
export interface StoredCoSpeaker {
  name: string;
  email: string;
  administrationName: string;
  state: CoSpeakerState;
}

export interface StoredMail {
  kind: string;
  state: string;
  sentAt: string | Date | null;
  recipient: string | null;
  subject: string | null;
  body: string | null;
}

const NOT_YET_SAID: Text = {
  fr: 'Communiqué avec la décision, une fois celle-ci communiquée.',
  en: 'Given with the decision, once it is communicated.',
};

/** One proposal in the export: every field stored about its author, as they may see it. */
export function exportedProposal(p: StoredProposal) {
  const status = publicStatus(p.state, p.decisionReleasedAt, p.communicatedState);
  // What the status page shows of a decision: once communicated, and the message of that decision only.
  const decided = status !== 'under-review' && status !== 'withdrawn';
  // While a changed decision waits for its release, its message may already be the new one's.
  const toldDecision = decided && status === p.state;
  // The notes led to the decision the person was told, and to no other: not while a changed one
  // waits for its release, nor for a proposal withdrawn before any decision reached its author.
  const said = toldDecision;
  return {
    reference: p.reference,
    edition: p.edition ? { title: p.edition.title, slug: p.edition.slug ?? null } : null,
    speakerName: p.speakerName,
    email: p.email,
    administrationName: p.administrationName,
    jobTitle: p.jobTitle,
    title: p.title,
    abstract: p.abstract,
    preferredDay: p.preferredDay,
    requestedDuration: p.requestedDuration,
    language: p.language,
    consents: {
      contact: !!p.consentContact,
      publication: !!p.consentPublication,
      jobTitle: !!p.consentJobTitle,
      // Each change as the person made it or was told of it: whether the team made it, never who.
      record: (Array.isArray(p.consentRecord) ? p.consentRecord : []).map(({ by, ...line }) => ({ ...line, byTeam: !!by })),
    },
    submittedAt: p.submittedAt ? iso(p.submittedAt) : null,
    status,
    statusLabel: PUBLIC_STATUS_LABELS[status],
    decisionMessage: toldDecision ? (p.decisionMessage ?? null) : null,
    // Notes about a person are theirs to read (right of access), once the decision they led to was said.
    reviewerNotes: said ? (p.reviewerNotes ?? null) : null,
    reviewerNotesWhen: said ? null : NOT_YET_SAID,
    // The reviewers' sheets, under the rule of their notes; « un relecteur » each, never named.
    reviews: said ? exportedReviews(p.reviewCriteria ?? [], p.reviews ?? []) : [],
    reviewsWhen: said ? null : NOT_YET_SAID,
    confirmationDeadline: toldDecision && p.confirmationDeadline ? iso(p.confirmationDeadline) : null,
    statusLinkValidUntil: p.statusTokenExpiresAt ? iso(p.statusTokenExpiresAt) : null,
    history: visibleHistory(p),
    // What the proposer typed about the people they named, and where each invitation stands.
    coSpeakers: (p.coSpeakers ?? []).map((c) => ({
      name: c.name,
      email: c.email,
      administrationName: c.administrationName,
      invitationStatus: c.state,
      invitationStatusLabel: CO_SPEAKER_STATE_LABELS[c.state],
    })),
    mails: p.mails
      .filter((m) => m.state === 'sent')
      .map((m) => ({ kind: m.kind, sentAt: m.sentAt ? iso(m.sentAt) : null, recipient: m.recipient, subject: m.subject, body: m.body })),
  };
}

export interface ExportContext {
  madeAt: Date;
  /** The edition whose team decides on the proposals: the controller the person writes to. */
  edition: { title: string; contactEmail?: string | null };
  registerUrl: string;
  /** `link`: the proposal of the status link; `address`: every proposal at its address in its edition. */
  scope: 'link' | 'address';
}

/** The whole export: when, who is responsible and where to read more, then the proposals. */
export function personalDataExport(context: ExportContext, proposals: StoredProposal[]) {
  return {
    madeAt: context.madeAt.toISOString(),
    scope: context.scope,
    controller: { name: context.edition.title, contactEmail: context.edition.contactEmail ?? null },
    register: context.registerUrl,
    about: {
      fr: 'Tout ce que l’application conserve sur vous pour ces propositions : ce que vous avez envoyé, vos consentements (avec la version du texte que vous avez vue), les notes de l’équipe et les relectures (notes par critère et commentaires, sans le nom des relecteurs) une fois la décision communiquée, les courriels tels qu’envoyés (le lien de suivi y est masqué) et l’historique tel que vous pouvez le voir. Le jeton du lien de suivi n’est conservé que sous forme d’empreinte, et n’y figure donc pas.',
      en: 'Everything the application stores about you for these proposals: what you sent, your consents (with the version of the text you saw), the team’s notes and the reviews (scores by criterion and comments, without the reviewers’ names) once the decision was communicated, the mails as sent (the status link masked) and the history as you may see it. The status link’s token is stored only as a hash, and is therefore not in it.',
    },
    proposals: proposals.map(exportedProposal),
  };
}

export type PersonalDataExport = ReturnType<typeof personalDataExport>;

/** What stays after an erasure, and why. */
export const KEPT_PUBLISHED: Text = {
  fr: 'La session publiée au programme reste telle qu’elle a été publiée (titre, résumé, nom et administration affichés) : le programme publié est un document public de l’événement. Tout le reste est effacé : adresse électronique, fonction non publiée, textes non publiés, courriels, lien de suivi.',
  en: 'The session published in the program stays as it was published (title, abstract, displayed name and administration): the published program is a public record of the event. Everything else is erased: e-mail address, unpublished job title, unpublished texts, mails, status link.',
};
export const KEPT_STATISTICS: Text = {
  fr: 'Une ligne anonyme reste pour les statistiques de l’édition (état, jour de dépôt, durée demandée, type d’administration) : elle ne contient ni nom, ni adresse, ni titre, ni texte.',
  en: "An anonymous line stays for the edition's statistics (state, day of submission, requested duration, kind of administration): it holds no name, address, title or text.",
};

export function keptAfterErasure(outcome: ErasureOutcome): Text[] {
  if (outcome === 'delete') return [];
  if (outcome === 'anonymise') return [KEPT_STATISTICS];
  return [KEPT_PUBLISHED, KEPT_STATISTICS];
}

const ERASED: Record<ErasureOutcome, Text[]> = {
  delete: [
    {
      fr: 'Votre proposition entière : nom, adresse électronique, administration, fonction, titre, résumé, consentements.',
      en: 'Your whole proposal: name, e-mail address, administration, job title, title, abstract, consents.',
    },
    { fr: 'Les courriels que nous vous avons envoyés à son sujet.', en: 'The mails we sent you about it.' },
    { fr: 'Son lien de suivi, qui cessera de fonctionner.', en: 'Its status link, which will stop working.' },
    {
      fr: 'Les co-intervenants que vous avez nommés : leurs invitations, leurs réponses et leurs liens.',
      en: 'The co-speakers you named: their invitations, answers and links.',
    },
  ],
  anonymise: [
    {
      fr: 'Votre nom, votre adresse électronique, votre administration telle que saisie, votre fonction, le titre et le résumé, vos consentements.',
      en: 'Your name, e-mail address, administration as you typed it, job title, the title and abstract, your consents.',
    },
    { fr: 'Le message de la décision et les notes de l’équipe.', en: 'The decision’s message and the team’s notes.' },
    { fr: 'Une session en préparation tirée de votre proposition, si elle existe.', en: 'A session in preparation made from your proposal, if any.' },
    { fr: 'Les courriels que nous vous avons envoyés à son sujet.', en: 'The mails we sent you about it.' },
    { fr: 'Son lien de suivi, qui cessera de fonctionner.', en: 'Its status link, which will stop working.' },
    {
      fr: 'Les co-intervenants que vous avez nommés : leurs invitations, leurs réponses et leurs liens.',
      en: 'The co-speakers you named: their invitations, answers and links.',
    },
  ],
  'keep-published': [
    {
      fr: 'Votre adresse électronique, votre fonction si elle n’a pas été publiée, le texte de votre proposition, vos consentements.',
      en: 'Your e-mail address, your job title unless it was published, the text of your proposal, your consents.',
    },
    { fr: 'Les modifications non publiées de votre session.', en: 'Unpublished changes to your session.' },
    { fr: 'Les courriels que nous vous avons envoyés à son sujet.', en: 'The mails we sent you about it.' },
    { fr: 'Son lien de suivi, qui cessera de fonctionner.', en: 'Its status link, which will stop working.' },
    {
      fr: 'Les co-intervenants que vous avez nommés : leurs invitations, leurs réponses et leurs liens.',
      en: 'The co-speakers you named: their invitations, answers and links.',
    },
  ],
};

/** What an erasure would do, before the person confirms it: what goes, what stays and why. */
export function erasurePreview(outcome: ErasureOutcome): { outcome: ErasureOutcome; erased: Text[]; kept: Text[] } {
  return { outcome, erased: ERASED[outcome], kept: keptAfterErasure(outcome) };
}
