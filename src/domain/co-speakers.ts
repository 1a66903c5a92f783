/**
 * Co-speakers: the people a proposer names to speak with them (three at most), who have no account.
 * What the proposer may type for them, the states of an invitation and the answers that move it,
 * and what each answer needs from the proposal. Pure: no Strapi import; instants come in as parameters.
 *
 * An invitation goes: invited → accepted (their consent to the publication of their name and
 * administration) or declined; once the proposal is accepted and the decision released, an accepted
 * co-speaker confirms their own participation in the proposer's confirmation window; an accepted or
 * confirmed co-speaker may withdraw. No answer of a co-speaker changes the proposal itself.
 */
import { createHash } from 'crypto';
import { checkText, type FieldError, type FieldSpec } from './submission-form';
import type { ProposalState } from './proposal-states';

/** How many co-speakers a proposal may name. */
export const MAX_CO_SPEAKERS = 3;

/** What the proposer types for each co-speaker. */
export const CO_SPEAKER_FIELDS = {
  name: { kind: 'text', required: true, min: 2, max: 120, label: 'Le nom du co-intervenant', labelEn: "The co-speaker's name" },
  email: { kind: 'email', required: true, max: 254, label: "L'adresse électronique du co-intervenant", labelEn: "The co-speaker's e-mail address" },
  administrationName: {
    kind: 'text',
    required: true,
    min: 2,
    max: 200,
    label: "L'administration du co-intervenant",
    labelEn: "The co-speaker's administration",
  },
} as const satisfies Record<string, FieldSpec>;
export type CoSpeakerField = keyof typeof CO_SPEAKER_FIELDS;
export const CO_SPEAKER_FIELD_NAMES = Object.keys(CO_SPEAKER_FIELDS) as CoSpeakerField[];

export type CoSpeakerValue = Record<CoSpeakerField, string>;

export type CoSpeakersValidation = { ok: true; value: CoSpeakerValue[] } | { ok: false; errors: FieldError[] };

/**
 * The list a proposer sends as `coSpeakers` (absent or null: none): at most three, each with a name,
 * an address and an administration, no address twice, never the proposer's own (`proposerEmail`,
 * lower case). Every error is on its path: ['coSpeakers', '1', 'email'].
 */
export function validateCoSpeakers(raw: unknown, proposerEmail: string | null | undefined): CoSpeakersValidation {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  const at = (...path: string[]) => ['coSpeakers', ...path];
  if (!Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: at(),
          code: 'WRONG_TYPE',
          message: 'Les co-intervenants sont une liste de { name, email, administrationName }.',
          messageEn: 'The co-speakers are a list of { name, email, administrationName }.',
        },
      ],
    };
  }
  if (raw.length > MAX_CO_SPEAKERS) {
    return {
      ok: false,
      errors: [
        {
          path: at(),
          code: 'TOO_MANY_CO_SPEAKERS',
          message: `Une proposition nomme au plus ${MAX_CO_SPEAKERS} co-intervenants (${raw.length} indiqués).`,
          messageEn: `A proposal names at most ${MAX_CO_SPEAKERS} co-speakers (${raw.length} given).`,
        },
      ],
    };
  }
  const errors: FieldError[] = [];
  const value: CoSpeakerValue[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const i = String(index);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({
        path: at(i),
        code: 'WRONG_TYPE',
        message: `Le co-intervenant n° ${index + 1} doit être un objet { name, email, administrationName }.`,
        messageEn: `Co-speaker #${index + 1} must be an object { name, email, administrationName }.`,
      });
      return;
    }
    const input = item as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!(key in CO_SPEAKER_FIELDS)) {
        errors.push({
          path: at(i, key),
          code: 'UNKNOWN_FIELD',
          message: `Le champ « ${key} » n'existe pas pour un co-intervenant (name, email, administrationName).`,
          messageEn: `A co-speaker has no field "${key}" (name, email, administrationName).`,
        });
      }
    }
    const person: Partial<CoSpeakerValue> = {};
    let complete = true;
    for (const field of CO_SPEAKER_FIELD_NAMES) {
      const spec: FieldSpec = CO_SPEAKER_FIELDS[field];
      const v = input[field];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
        errors.push({ path: at(i, field), code: 'REQUIRED', message: `${spec.label} est obligatoire.`, messageEn: `${spec.labelEn} is required.` });
        complete = false;
        continue;
      }
      const checked = checkText(at(i, field), spec, v);
      if ('error' in checked) {
        errors.push(checked.error);
        complete = false;
      } else person[field] = checked.value;
    }
    if (!complete) return;
    const email = person.email!;
    if (proposerEmail && email === proposerEmail.trim().toLowerCase()) {
      errors.push({
        path: at(i, 'email'),
        code: 'CO_SPEAKER_IS_PROPOSER',
        message: "Un co-intervenant ne peut pas avoir l'adresse électronique de l'auteur de la proposition.",
        messageEn: "A co-speaker cannot have the proposer's own e-mail address.",
      });
    } else if (seen.has(email)) {
      errors.push({
        path: at(i, 'email'),
        code: 'CO_SPEAKER_DUPLICATE',
        message: `Le co-intervenant n° ${index + 1} est déjà dans la liste (même adresse électronique).`,
        messageEn: `Co-speaker #${index + 1} is already in the list (same e-mail address).`,
      });
    }
    seen.add(email);
    value.push(person as CoSpeakerValue);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

export const CO_SPEAKER_STATES = ['invited', 'accepted', 'declined', 'confirmed', 'withdrawn'] as const;
export type CoSpeakerState = (typeof CO_SPEAKER_STATES)[number];

/** An invitation's state, as the co-speaker and the proposer read it. */
export const CO_SPEAKER_STATE_LABELS: Readonly<Record<CoSpeakerState, { fr: string; en: string }>> = {
  invited: { fr: 'Invitation envoyée, sans réponse', en: 'Invitation sent, no answer yet' },
  accepted: { fr: 'Invitation acceptée', en: 'Invitation accepted' },
  declined: { fr: 'Invitation déclinée', en: 'Invitation declined' },
  confirmed: { fr: 'Participation confirmée', en: 'Participation confirmed' },
  withdrawn: { fr: 'Participation retirée', en: 'Participation withdrawn' },
};

/** What a co-speaker may answer through their link. */
export const CO_SPEAKER_ANSWERS = ['accept', 'decline', 'confirm', 'withdraw'] as const;
export type CoSpeakerAnswer = (typeof CO_SPEAKER_ANSWERS)[number];

/** Each answer: the states it moves from, and the one it moves to. Answering the same twice is answered the same. */
export const CO_SPEAKER_TRANSITIONS: Readonly<Record<CoSpeakerAnswer, { from: readonly CoSpeakerState[]; to: CoSpeakerState }>> = {
  accept: { from: ['invited'], to: 'accepted' },
  decline: { from: ['invited'], to: 'declined' },
  confirm: { from: ['accepted'], to: 'confirmed' },
  withdraw: { from: ['accepted', 'confirmed'], to: 'withdrawn' },
};

/** A co-speaker counts as a speaker of the talk, and is published with it: confirmed, with their consent. */
export function speaksInSession(row: { state: CoSpeakerState; consentPublication?: boolean | null }): boolean {
  return row.state === 'confirmed' && row.consentPublication === true;
}

/** What an answer needs of the proposal, as its author may see it. */
export interface InvitationFacts {
  /** The co-speaker's state now. */
  state: CoSpeakerState;
  /** The proposal's state (internal), and whether its current decision was released. */
  proposalState: ProposalState;
  decisionReleased: boolean;
  /** The proposal's confirmation window is open now (its deadline minute included). */
  confirmationOpen: boolean;
}

export interface AnswerRefusal {
  status: number;
  name: string;
  code: string;
  message: string;
  messageEn: string;
}

/** The proposal states in which nobody will speak: the proposer withdrew or declined, or it was not kept (once said). */
const CLOSED: readonly ProposalState[] = ['withdrawn', 'declined'];

/**
 * Null when the answer may be given now (or was already given: the same answer twice is answered
 * the same, with nothing changed), else why not. Confirming needs an accepted, released proposal
 * and its confirmation window open, like the proposer's own confirmation.
 */
export function answerRefusal(answer: CoSpeakerAnswer, facts: InvitationFacts): AnswerRefusal | null {
  const { from, to } = CO_SPEAKER_TRANSITIONS[answer];
  if (facts.state === to) return null;
  if (!from.includes(facts.state)) {
    return {
      status: 409,
      name: 'ConflictError',
      code: 'ILLEGAL_ANSWER',
      message: `Cette réponse n'est plus possible : ${CO_SPEAKER_STATE_LABELS[facts.state].fr.toLowerCase()}.`,
      messageEn: `This answer is no longer possible: ${CO_SPEAKER_STATE_LABELS[facts.state].en.toLowerCase()}.`,
    };
  }
  const rejectedAndSaid = facts.proposalState === 'rejected' && facts.decisionReleased;
  if (answer === 'accept' && (CLOSED.includes(facts.proposalState) || rejectedAndSaid)) {
    return {
      status: 409,
      name: 'ConflictError',
      code: 'INVITATION_CLOSED',
      message: "Cette proposition n'est plus en lice : l'invitation ne peut plus être acceptée.",
      messageEn: 'This proposal is no longer in the running: the invitation can no longer be accepted.',
    };
  }
  if (answer === 'confirm') {
    const awaiting = (facts.proposalState === 'accepted' || facts.proposalState === 'confirmed') && facts.decisionReleased;
    if (!awaiting) {
      return {
        status: 409,
        name: 'ConflictError',
        code: 'NOTHING_TO_CONFIRM',
        message: "Cette proposition n'attend pas de confirmation.",
        messageEn: 'This proposal is not awaiting a confirmation.',
      };
    }
    if (!facts.confirmationOpen) {
      return {
        status: 403,
        name: 'ForbiddenError',
        code: 'CONFIRMATION_CLOSED',
        message: 'Le délai de confirmation de cette proposition a expiré.',
        messageEn: "This proposal's confirmation deadline has passed.",
      };
    }
  }
  return null;
}

/** The answers the co-speaker's page offers now: those `answerRefusal` would let through and that change something. */
export function possibleAnswers(facts: InvitationFacts): CoSpeakerAnswer[] {
  return CO_SPEAKER_ANSWERS.filter((answer) => facts.state !== CO_SPEAKER_TRANSITIONS[answer].to && answerRefusal(answer, facts) === null);
}

/**
 * An address a proposal once invited, as the proposal keeps it so that each address gets one
 * invitation mail, ever: the address's SHA-256 (never the address), and the encrypted token of the
 * link that mail gave, so that an address named again gets that link back; `null` once the person
 * erased themselves, who is then never named again.
 */
export interface InvitedAddress {
  address: string;
  link: string | null;
}

/** The SHA-256 of an address, as an invitation was sent to it (addresses are kept in lower case). */
export const addressHash = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** The stored list, as the JSON field holds it (null before the first invitation). */
export function invitedAddresses(stored: unknown): InvitedAddress[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (entry): entry is InvitedAddress =>
      !!entry && typeof entry === 'object' && typeof entry.address === 'string' && (entry.link === null || typeof entry.link === 'string')
  );
}

/** The list with `address` marked as erased: never invited again, its link gone. */
export function withErased(list: InvitedAddress[], email: string): InvitedAddress[] {
  const address = addressHash(email);
  return [...list.filter((entry) => entry.address !== address), { address, link: null }];
}

/**
 * What an editor does not write in the admin: the co-speaker's own (address, answers, consent, link)
 * and the app's (proposal, profile). They correct a name or an administration, or match it.
 */
export const CO_SPEAKER_SYSTEM_FIELDS = [
  'proposal',
  'email',
  'state',
  'language',
  'consentPublication',
  'consentRecord',
  'tokenHash',
  'tokenEncrypted',
  'tokenExpiresAt',
  'invitedAt',
  'answeredAt',
  'confirmedAt',
  'speakerDocumentId',
] as const;
