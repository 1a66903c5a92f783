/**
 * The proposer's form as HTML sends it (application/x-www-form-urlencoded: every value a string,
 * a checkbox absent when unticked) turned into the submission the API takes, and back into what
 * the form shows: its values, and each field's error. The rules themselves stay in
 * src/domain/submission-form.ts, for the API and the pages alike. Pure: no Strapi import.
 */
import type { FieldError } from '../../domain/submission-form';
import type { Language } from '../../domain/language';
import { CONSENTS as CONSENT_NAMES, CONSENT_FIELD_NAMES } from '../../domain/consent';

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

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What the person sent, kept as typed (strings only), to show the form again. */
export function formValues(body: unknown): FormValues {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of [...FORM_TEXT_FIELDS, 'preferredDay', 'requestedDuration', ...CONSENT_BOXES, HONEYPOT, LATE_CODE]) {
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
  return submission;
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
  return values;
}

/** One message per field, in the page's language; errors of no field of the form go to the summary alone. */
export function fieldErrors(errors: FieldError[], language: Language): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    const field = error.path[0] ?? '';
    byField[field] ??= language === 'en' ? error.messageEn : error.message;
  }
  return byField;
}
