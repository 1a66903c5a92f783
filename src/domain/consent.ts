/**
 * The proposer's consents: which there are, how the version a person saw is checked, how each
 * consent given or withdrawn is recorded, and what a consent allows to be public. Pure: no Strapi
 * import; instants come in as parameters.
 *
 * Three consents, each with its own versioned text (content type `consent-text`):
 * - `contact`: to be contacted again by the organising team;
 * - `publication`: if accepted, the name, administration, title and abstract are published;
 * - `jobTitle`: the job title is published too.
 */
import type { FieldError } from './submission-form';

export const CONSENTS = ['contact', 'publication', 'jobTitle'] as const;
export type Consent = (typeof CONSENTS)[number];

/** The proposal's boolean field of each consent. */
export const CONSENT_FIELDS = {
  contact: 'consentContact',
  publication: 'consentPublication',
  jobTitle: 'consentJobTitle',
} as const satisfies Record<Consent, string>;
export type ConsentField = (typeof CONSENT_FIELDS)[Consent];
/** The same fields, as a list: the form's boxes, the columns a consent write reads. */
export const CONSENT_FIELD_NAMES: readonly ConsentField[] = CONSENTS.map((consent) => CONSENT_FIELDS[consent]);

/** What each consent is about, in a few words (the texts themselves are settings, versioned). */
export const CONSENT_LABELS: Record<Consent, { fr: string; en: string }> = {
  contact: { fr: 'Être recontacté·e', en: 'Being contacted' },
  publication: { fr: 'Publication au programme', en: 'Publication in the program' },
  jobTitle: { fr: 'Publication de la fonction', en: 'Publication of the job title' },
};

export type ConsentChoices = Record<Consent, boolean>;
/** A version number per consent; null when a consent has no text yet. */
export type ConsentVersions = Record<Consent, number | null>;

/** One line of a proposal's `consentRecord`: a consent given or withdrawn, the text version shown, the instant. */
export interface ConsentRecordEntry {
  consent: Consent;
  given: boolean;
  version: number | null;
  at: string;
  /** Who changed it when it was not the proposer: an editor's name. Absent: the proposer. */
  by?: string;
}

/** The choices a proposal holds (a missing boolean is no consent). */
export function choicesOf(row: Partial<Record<ConsentField, unknown>> | null | undefined): ConsentChoices {
  return {
    contact: row?.consentContact === true,
    publication: row?.consentPublication === true,
    jobTitle: row?.consentJobTitle === true,
  };
}

/**
 * The lines to append to a record: every consent when there is no previous choice (a new
 * proposal), otherwise only those that changed.
 */
export function recordEntries(previous: ConsentChoices | null, next: ConsentChoices, versions: ConsentVersions, at: Date, by?: string): ConsentRecordEntry[] {
  return CONSENTS.filter((consent) => !previous || previous[consent] !== next[consent]).map((consent) => ({
    consent,
    given: next[consent],
    version: versions[consent],
    at: at.toISOString(),
    ...(by ? { by } : {}),
  }));
}

/** The record as stored (json): its well-formed lines only. */
export function readRecord(raw: unknown): ConsentRecordEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (e): e is ConsentRecordEntry =>
      !!e && typeof e === 'object' && CONSENTS.includes((e as ConsentRecordEntry).consent) && typeof (e as ConsentRecordEntry).given === 'boolean'
  );
}

/** The last line of each consent: what the person agreed to now, to which text version, since when. */
export function latestEntries(raw: unknown): Partial<Record<Consent, ConsentRecordEntry>> {
  const latest: Partial<Record<Consent, ConsentRecordEntry>> = {};
  for (const entry of readRecord(raw)) latest[entry.consent] = entry;
  return latest;
}

/**
 * The `consentVersions` a client sends with a submission: `{ contact?, publication?, jobTitle? }`,
 * each a whole number ≥ 1. Absent: the current versions are the ones the person saw.
 */
export function parseConsentVersions(raw: unknown): { ok: true; value: Partial<Record<Consent, number>> } | { ok: false; errors: FieldError[] } {
  if (raw === undefined || raw === null) return { ok: true, value: {} };
  const wrongType: FieldError = {
    path: ['consentVersions'],
    code: 'WRONG_TYPE',
    message: 'Les versions des consentements doivent être un objet { contact, publication, jobTitle } de numéros de version.',
    messageEn: 'The consent versions must be an object { contact, publication, jobTitle } of version numbers.',
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [wrongType] };
  const errors: FieldError[] = [];
  const value: Partial<Record<Consent, number>> = {};
  for (const [key, version] of Object.entries(raw as Record<string, unknown>)) {
    if (!(CONSENTS as readonly string[]).includes(key)) {
      errors.push({
        path: ['consentVersions', key],
        code: 'UNKNOWN_FIELD',
        message: `Le consentement « ${key} » n'existe pas (contact, publication, jobTitle).`,
        messageEn: `There is no consent "${key}" (contact, publication, jobTitle).`,
      });
    } else if (version === null || version === undefined) {
      continue;
    } else if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      errors.push({ ...wrongType, path: ['consentVersions', key] });
    } else {
      value[key as Consent] = version;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The consents whose text the person saw is no longer the current one. */
export function changedSince(seen: Partial<Record<Consent, number>>, current: ConsentVersions): Consent[] {
  return CONSENTS.filter((consent) => seen[consent] !== undefined && seen[consent] !== current[consent]);
}

/** The version a new text of a consent gets: one more than the last. */
export function nextVersion(existing: Array<number | null | undefined>): number {
  return existing.reduce<number>((max, v) => (typeof v === 'number' && v > max ? v : max), 0) + 1;
}

/**
 * A talk's link to its proposal, as the publication rules read it: a session an editor made by
 * hand (a keynote, a break) has no proposal, and no consent to respect.
 */
export interface ConsentLink {
  /** The session comes from a proposal (whose consents then govern it). */
  fromProposal: boolean;
  consentPublication: boolean;
  consentJobTitle: boolean;
}

/** A speaker may show a job title only if every proposal behind its sessions agreed to it. */
export function jobTitleAllowed(links: ConsentLink[]): boolean {
  return links.every((link) => !link.fromProposal || link.consentJobTitle);
}

/** A session may be published unless its proposal refused publication. */
export function sessionPublicationAllowed(link: ConsentLink): boolean {
  return !link.fromProposal || link.consentPublication;
}

/**
 * A speaker known only through talks whose authors refused publication may not be published:
 * their name would be public. One talk published with consent, or one made by hand, is enough.
 */
export function speakerPublicationAllowed(links: ConsentLink[]): boolean {
  return links.length === 0 || links.some((link) => !link.fromProposal || link.consentPublication);
}
