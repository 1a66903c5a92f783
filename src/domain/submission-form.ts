/**
 * The proposer's form: its fields, and their validation. Pure: no Strapi import.
 * Every message exists in French (first) and English.
 */
import { allowedDurations, isDurationAllowed, type EditionCalendar } from './edition-calendar';
import { containsMarkup } from './exports/encode';
import { LANGUAGES, type Language } from './language';
import { describeDurations } from './phrases';

/** Every `code` the validation gives a field error (the API's `details.errors[].code`). */
export const FIELD_ERROR_CODES = [
  'INVALID_BODY',
  'UNKNOWN_FIELD',
  'HONEYPOT_FILLED',
  'REQUIRED',
  'WRONG_TYPE',
  'HTML_NOT_ALLOWED',
  'TOO_LONG',
  'TOO_SHORT',
  'INVALID_EMAIL',
  'DURATION_NOT_ALLOWED',
  'INVALID_LANGUAGE',
  'UNKNOWN_DAY',
  'TOO_MANY_CO_SPEAKERS',
  'CO_SPEAKER_IS_PROPOSER',
  'CO_SPEAKER_DUPLICATE',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  path: string[];
  code: string;
  message: string;
  messageEn: string;
}

export type FieldKind = 'text' | 'longText' | 'email' | 'integer' | 'boolean' | 'day' | 'language' | 'honeypot';

export interface FieldSpec {
  kind: FieldKind;
  required?: boolean;
  min?: number;
  max?: number;
  label: string;
  labelEn: string;
}

/** The form. `website` is a honeypot: hidden from people, filled by robots. */
export const SUBMISSION_FIELDS: Record<string, FieldSpec> = {
  speakerName: { kind: 'text', required: true, min: 2, max: 120, label: 'Votre nom', labelEn: 'Your name' },
  email: { kind: 'email', required: true, max: 254, label: 'Votre adresse électronique', labelEn: 'Your e-mail address' },
  administrationName: { kind: 'text', required: true, min: 2, max: 200, label: 'Votre administration', labelEn: 'Your administration' },
  jobTitle: { kind: 'text', max: 150, label: 'Votre fonction', labelEn: 'Your job title' },
  title: { kind: 'text', required: true, min: 5, max: 200, label: "Le titre de l'intervention", labelEn: 'The title of the talk' },
  abstract: { kind: 'longText', required: true, min: 20, max: 5000, label: 'Le résumé', labelEn: 'The abstract' },
  preferredDay: { kind: 'day', label: 'Le jour préféré', labelEn: 'The preferred day' },
  requestedDuration: { kind: 'integer', required: true, label: 'La durée souhaitée', labelEn: 'The requested duration' },
  consentContact: { kind: 'boolean', label: 'Le consentement à être recontacté', labelEn: 'The consent to be contacted' },
  consentPublication: { kind: 'boolean', label: 'Le consentement à la publication', labelEn: 'The consent to publication' },
  consentJobTitle: { kind: 'boolean', label: 'Le consentement à la publication de la fonction', labelEn: 'The consent to publishing the job title' },
  language: { kind: 'language', label: 'La langue des messages', labelEn: 'The language of messages' },
  website: { kind: 'honeypot', label: 'Site web', labelEn: 'Website' },
};

export type SubmissionValue = {
  speakerName?: string;
  email?: string;
  administrationName?: string;
  jobTitle?: string | null;
  title?: string;
  abstract?: string;
  preferredDay?: string | null;
  requestedDuration?: number;
  consentContact?: boolean;
  consentPublication?: boolean;
  consentJobTitle?: boolean;
  language?: Language;
};

export type Validation = { ok: true; value: SubmissionValue } | { ok: false; errors: FieldError[] };

export const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// Control characters other than tab and line breaks: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanText(raw: string, multiline: boolean): string {
  const text = raw.replace(CONTROL, '').replace(/\r\n?/g, '\n');
  return multiline ? text.replace(/[ \t]+\n/g, '\n').trim() : text.replace(/\s+/g, ' ').trim();
}

/**
 * A text, long text or e-mail field checked against its spec (not its presence: the caller says
 * whether an empty one is allowed): its cleaned value (an address in lower case), or its error on `path`.
 */
export function checkText(path: string[], spec: FieldSpec, v: unknown): { value: string } | { error: FieldError } {
  const fail = (code: FieldErrorCode, message: string, messageEn: string) => ({ error: { path, code, message, messageEn } });
  if (typeof v !== 'string') return fail('WRONG_TYPE', `${spec.label} doit être un texte.`, `${spec.labelEn} must be text.`);
  const text = cleanText(v, spec.kind === 'longText');
  // Any `<` that could open markup, closed or not, with or without a space after the name
  // (`<svg/onload=…>`); "a < b" and "x<3" are text. The message names the rule, never the input.
  if (containsMarkup(text)) {
    return fail(
      'HTML_NOT_ALLOWED',
      `${spec.label} ne doit pas contenir de HTML : un « < » suivi d'une lettre, de « / », de « ! » ou de « ? » est refusé (écrivez « a < b » avec une espace, et une adresse électronique sans chevrons).`,
      `${spec.labelEn} must not contain HTML: a "<" followed by a letter, "/", "!" or "?" is refused (write "a < b" with a space, and an e-mail address without angle brackets).`
    );
  }
  if (spec.max && text.length > spec.max)
    return fail('TOO_LONG', `${spec.label} dépasse ${spec.max} caractères (${text.length}).`, `${spec.labelEn} exceeds ${spec.max} characters.`);
  if (spec.min && text.length < spec.min) {
    return fail('TOO_SHORT', `${spec.label} doit compter au moins ${spec.min} caractères.`, `${spec.labelEn} needs at least ${spec.min} characters.`);
  }
  if (spec.kind === 'email' && !EMAIL.test(text))
    return fail('INVALID_EMAIL', `« ${text} » n'est pas une adresse électronique valide.`, `"${text}" is not a valid e-mail address.`);
  return { value: spec.kind === 'email' ? text.toLowerCase() : text };
}

/**
 * Validates a proposer's form. `partial` (a correction through the status link) accepts a subset of
 * fields, but never lets a required one be emptied.
 */
export function validateSubmission(raw: unknown, edition: EditionCalendar, { partial = false } = {}): Validation {
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = {};
  const fail = (field: string, code: FieldErrorCode, message: string, messageEn: string) => errors.push({ path: [field], code, message, messageEn });

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: [],
          code: 'INVALID_BODY',
          message: 'Le corps de la requête doit être un objet { data: { … } }.',
          messageEn: 'The request body must be an object { data: { … } }.',
        },
      ],
    };
  }
  const input = raw as Record<string, unknown>;

  for (const key of Object.keys(input)) {
    if (!(key in SUBMISSION_FIELDS)) {
      fail(key, 'UNKNOWN_FIELD', `Le champ « ${key} » n'existe pas dans le formulaire.`, `The field "${key}" is not part of the form.`);
    }
  }

  for (const [field, spec] of Object.entries(SUBMISSION_FIELDS)) {
    const present = Object.prototype.hasOwnProperty.call(input, field);
    const v = input[field];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
    if (spec.kind === 'honeypot') {
      if (!empty) fail(field, 'HONEYPOT_FILLED', 'Ce champ doit rester vide.', 'This field must be left empty.');
      continue;
    }
    if (empty) {
      if (spec.required && (!partial || present)) {
        fail(field, 'REQUIRED', `${spec.label} est obligatoire.`, `${spec.labelEn} is required.`);
      } else if (present) {
        value[field] = null;
      }
      continue;
    }
    switch (spec.kind) {
      case 'text':
      case 'longText':
      case 'email': {
        const checked = checkText([field], spec, v);
        if ('error' in checked) errors.push(checked.error);
        else value[field] = checked.value;
        break;
      }
      case 'integer': {
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          fail(field, 'WRONG_TYPE', `${spec.label} doit être un nombre entier de minutes.`, `${spec.labelEn} must be a whole number of minutes.`);
        } else if (!isDurationAllowed(edition, v)) {
          fail(
            field,
            'DURATION_NOT_ALLOWED',
            `${v} minutes : ${describeDurations(allowedDurations(edition), 'fr')}.`,
            `${v} minutes: ${describeDurations(allowedDurations(edition), 'en')}.`
          );
        } else {
          value[field] = v;
        }
        break;
      }
      case 'boolean':
        if (typeof v !== 'boolean') fail(field, 'WRONG_TYPE', `${spec.label} doit valoir true ou false.`, `${spec.labelEn} must be true or false.`);
        else value[field] = v;
        break;
      case 'language':
        if (!LANGUAGES.includes(v as Language)) fail(field, 'INVALID_LANGUAGE', 'La langue doit être « fr » ou « en ».', 'The language must be "fr" or "en".');
        else value[field] = v;
        break;
      case 'day': {
        const days = (edition.days ?? []).map((d) => d.date);
        if (typeof v !== 'string' || !days.includes(v)) {
          fail(
            field,
            'UNKNOWN_DAY',
            `Le jour préféré doit être l'un des jours de l'édition (${days.join(', ') || 'aucun'}), ou vide.`,
            `The preferred day must be one of the edition's days (${days.join(', ') || 'none'}), or empty.`
          );
        } else {
          value[field] = v;
        }
        break;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: value };
}
