/**
 * The proposer's form as HTML sends it (application/x-www-form-urlencoded: every value a string,
 * a checkbox absent when unticked) turned into the submission the API takes, and back into what
 * the form shows: its values, and each field's error. The rules themselves stay in
 * src/domain/submission-form.ts, for the API and the pages alike. Pure: no Strapi import.
 */
import type { FieldError } from '../../domain/submission-form';
import type { Language } from '../../domain/language';
import { CONSENTS as CONSENT_NAMES, CONSENT_FIELD_NAMES } from '../../domain/consent';
import { CO_SPEAKER_FIELD_NAMES, MAX_CO_SPEAKERS, type CoSpeakerField } from '../../domain/co-speakers';

/** The fields a person types or picks, in the order of the form. */
export const FORM_TEXT_FIELDS = ['speakerName', 'email', 'administrationName', 'jobTitle', 'title', 'abstract'] as const;
/** The consents' boxes, named as the proposal's fields. */
export const CONSENT_BOXES = CONSENT_FIELD_NAMES;
/** The hidden input that carries the version of a consent's text the form showed: `consentVersion-contact`… */
export const consentVersionInput = (consent: string) => `consentVersion-${consent}`;
const HONEYPOT = 'website';
/** The hidden input that carries a late-submission code from `?code=…` to the form's POST. */
export const LATE_CODE = 'lateCode';
/** The value of « pas de préférence » among the afternoons. */
export const NO_PREFERENCE = 'none';
const TICKED = 'oui';

export type FormValues = Record<string, string>;

/** The input of a co-speaker's field in the form (flat names, as HTML sends them): `coSpeaker1-email`. */
export const coSpeakerInput = (index: number, field: CoSpeakerField) => `coSpeaker${index + 1}-${field}`;
/** The form's co-speaker slots, each with its three inputs' names. */
export const CO_SPEAKER_SLOTS = Array.from({ length: MAX_CO_SPEAKERS }, (_, index) =>
  Object.fromEntries(CO_SPEAKER_FIELD_NAMES.map((field) => [field, coSpeakerInput(index, field)]))
) as Record<CoSpeakerField, string>[];
const CO_SPEAKER_INPUTS = CO_SPEAKER_SLOTS.flatMap((slot) => Object.values(slot));

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What the person sent, kept as typed (strings only), to show the form again. */
export function formValues(body: unknown): FormValues {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of [...FORM_TEXT_FIELDS, 'preferredDay', 'requestedDuration', ...CONSENT_BOXES, HONEYPOT, LATE_CODE, ...CO_SPEAKER_INPUTS]) {
    const text = asText(input[name]);
    if (text !== undefined) values[name] = text;
  }
  return values;
}

/**
 * The submission the service validates. A field sent twice (an array) or as anything but text is
 * passed on as it came, for the validator to refuse by name.
 */
export function submissionFromForm(body: unknown, language: Language): Record<string, unknown> {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const submission: Record<string, unknown> = { language };
  for (const name of FORM_TEXT_FIELDS) if (name in input) submission[name] = input[name];
  const day = input.preferredDay;
  submission.preferredDay = day === undefined || day === '' || day === NO_PREFERENCE ? null : day;
  const duration = input.requestedDuration;
  submission.requestedDuration = typeof duration === 'string' && /^\d{1,4}$/.test(duration.trim()) ? Number(duration.trim()) : (duration ?? null);
  for (const name of CONSENT_BOXES) submission[name] = input[name] === TICKED;
  if (input[HONEYPOT] !== undefined && input[HONEYPOT] !== '') submission[HONEYPOT] = input[HONEYPOT];
  const versions = consentVersionsFromForm(input);
  if (versions) submission.consentVersions = versions;
  if (input[LATE_CODE] !== undefined && input[LATE_CODE] !== '') submission.lateCode = input[LATE_CODE];
  submission.coSpeakers = coSpeakersFromForm(input);
  return submission;
}

/**
 * The co-speakers of the form's slots, in order: a slot left empty is no one; a slot partly filled
 * is passed on for the validator to say what is missing. The whole list: a correction replaces it.
 */
export function coSpeakersFromForm(input: Record<string, unknown>): Record<string, unknown>[] {
  return CO_SPEAKER_SLOTS.map(
    (slot) => Object.fromEntries(CO_SPEAKER_FIELD_NAMES.map((field) => [field, input[slot[field]] ?? ''])) as Record<string, unknown>
  ).filter((person) => Object.values(person).some((v) => typeof v !== 'string' || v.trim() !== ''));
}

/**
 * The versions of the consents' texts the form showed (its hidden inputs), or undefined when it
 * sent none. A value that is not a whole number is passed on for the validator to refuse.
 */
export function consentVersionsFromForm(input: Record<string, unknown>): Record<string, unknown> | undefined {
  const versions: Record<string, unknown> = {};
  for (const consent of CONSENT_NAMES) {
    const raw = input[consentVersionInput(consent)];
    if (raw === undefined || raw === '') continue;
    versions[consent] = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
  }
  return Object.keys(versions).length > 0 ? versions : undefined;
}

/** The values of a stored proposal, as the correction form shows them. */
export function valuesOfProposal(proposal: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of FORM_TEXT_FIELDS) {
    const value = proposal[name];
    values[name] = typeof value === 'string' ? value : '';
  }
  values.preferredDay = typeof proposal.preferredDay === 'string' ? proposal.preferredDay : NO_PREFERENCE;
  values.requestedDuration = proposal.requestedDuration ? String(proposal.requestedDuration) : '';
  for (const name of CONSENT_BOXES) if (proposal[name] === true) values[name] = TICKED;
  const named = Array.isArray(proposal.coSpeakers) ? (proposal.coSpeakers as Record<string, unknown>[]) : [];
  named.slice(0, MAX_CO_SPEAKERS).forEach((person, index) => {
    for (const field of CO_SPEAKER_FIELD_NAMES) {
      const value = person[field];
      values[coSpeakerInput(index, field)] = typeof value === 'string' ? value : '';
    }
  });
  return values;
}

/** One message per field, in the page's language; errors of no field of the form go to the summary alone. */
export function fieldErrors(errors: FieldError[], language: Language): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    // A co-speaker's field is its slot's input: ['coSpeakers', '1', 'email'] is `coSpeaker2-email`.
    const [first, index, name] = error.path;
    const slot = first === 'coSpeakers' && /^\d$/.test(index ?? '') ? CO_SPEAKER_SLOTS[Number(index)] : undefined;
    const field = slot && name && name in slot ? slot[name as CoSpeakerField] : (first ?? '');
    byField[field] ??= language === 'en' ? error.messageEn : error.message;
  }
  return byField;
}
