/**
 * Anonymised review: what in a proposal says who proposed it, and who must not receive it. Pure: no
 * Strapi import.
 *
 * An edition whose review is anonymous (`anonymousReview`) keeps its proposers' identity from every
 * admin who does not hold the desk permission « Voir qui propose » (`readProposerIdentity`): the
 * Relecteur role as the app sets it up, and any role an administrator makes without that
 * permission. Éditeur and super admins hold it, and see everything, always.
 */

/**
 * The fields of a proposal that identify its proposer: name, e-mail, administration (as typed and
 * as matched), kind of administration, job title, and the anti-duplicate key, a hash of the e-mail
 * address anyone can recompute to confirm a guessed one.
 */
export const IDENTIFYING_PROPOSAL_FIELDS = [
  'speakerName',
  'email',
  'administrationName',
  'administration',
  'administrationKind',
  'jobTitle',
  'duplicateKey',
] as const;
export type IdentifyingProposalField = (typeof IDENTIFYING_PROPOSAL_FIELDS)[number];

/** The relation among them: emptied rather than set to null. */
const IDENTIFYING_RELATIONS: ReadonlySet<string> = new Set<IdentifyingProposalField>(['administration']);

const normalised = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase();
const NORMALISED_FIELDS: ReadonlySet<string> = new Set(IDENTIFYING_PROPOSAL_FIELDS.map(normalised));

/**
 * Whether a key of a proposal's filter, sort or row names an identifying field, however it is
 * spelt: as the attribute (`speakerName`), as its column (`speaker_name`, which the database layer
 * takes too), or as a path through it (`administration.name`).
 */
export function isIdentifyingField(key: string): boolean {
  return NORMALISED_FIELDS.has(normalised(key.split('.')[0]));
}

/** Who reads: an admin (session or admin token) with or without « Voir qui propose », or no admin at all. */
export interface IdentityViewer {
  admin: boolean;
  /** Holds the desk permission « Voir qui propose » (Éditeur, super admin). */
  mayIdentify: boolean;
}

/**
 * Whether this viewer must not receive the identity of a proposal of this edition: an admin without
 * « Voir qui propose », in an edition whose review is anonymous. The app's own jobs and the proposer
 * (through their status link) are not concerned; the public never reads proposals.
 */
export function hidesIdentity(viewer: IdentityViewer, edition: { anonymousReview?: boolean | null } | null | undefined): boolean {
  return viewer.admin && !viewer.mayIdentify && edition?.anonymousReview === true;
}

/** Whether a viewer may be kept from some identity at all (so that nothing is looked up for the others). */
export const mayBeMasked = (viewer: IdentityViewer): boolean => viewer.admin && !viewer.mayIdentify;

/**
 * Empties, in place, the identifying fields a proposal row carries: a value becomes null, the
 * administration relation nothing (`[]` for a list, `{ count: 0 }` for a count). Fields the row
 * does not carry stay absent.
 */
export function maskIdentity(row: Record<string, unknown>): void {
  for (const field of IDENTIFYING_PROPOSAL_FIELDS) {
    if (!(field in row)) continue;
    const value = row[field];
    if (!IDENTIFYING_RELATIONS.has(field)) row[field] = null;
    else if (Array.isArray(value)) row[field] = [];
    else if (value && typeof value === 'object' && 'count' in value) row[field] = { count: 0 };
    else row[field] = null;
  }
}
