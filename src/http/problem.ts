/**
 * A refusal the public can read: an HTTP status, Strapi's error name, a stable `details.code`,
 * and the message in French and English. REST answers it in Strapi's error shape, in the language
 * the caller asked for; GraphQL gets it through Strapi's error formatter (an ApplicationError).
 */
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { negotiateLanguage, type Language } from '../domain/language';

export class Problem extends errors.ApplicationError {
  readonly status: number;
  readonly messageEn: string;

  constructor(status: number, name: string, code: string, message: string, messageEn: string, details: Record<string, unknown> = {}) {
    super(message, { code, messageFr: message, messageEn, ...details });
    (this as { name: string }).name = name;
    this.status = status;
    this.messageEn = messageEn;
  }

  get code(): string {
    return (this.details as { code: string }).code;
  }
}

/** A refusal's stable code, or null for any other error. */
export const problemCode = (error: unknown): string | null => (error instanceof Problem ? error.code : null);

const DUPLICATE_MESSAGES = {
  submission: [
    'Vous avez déjà proposé une intervention avec ce titre pour cette édition. Utilisez le lien de suivi reçu par courriel pour la modifier.',
    'You have already sent a proposal with this title for this edition. Use the status link you received by e-mail to change it.',
  ],
  correction: ['Une autre de vos propositions porte déjà ce titre pour cette édition.', 'Another of your proposals already has this title for this edition.'],
  editor: [
    'Une proposition de la même adresse porte déjà ce titre pour cette édition : modifiez celle-ci plutôt que d’en saisir une seconde.',
    'A proposal from the same address already has this title for this edition: change that one rather than entering a second.',
  ],
} as const;

/** The refusals said in more than one place, each built here once. */
export const problems = {
  validation: (errorsList: Array<{ path: string[]; code: string; message: string; messageEn: string }>) =>
    new Problem(
      400,
      'ValidationError',
      'VALIDATION_FAILED',
      errorsList.length === 1 ? errorsList[0].message : `Le formulaire contient ${errorsList.length} erreurs.`,
      errorsList.length === 1 ? errorsList[0].messageEn : `The form has ${errorsList.length} errors.`,
      { errors: errorsList.map((e) => ({ ...e, name: 'ValidationError' })) }
    ),
  /** The public reaches only published editions; editors reach any edition by its documentId. */
  editionNotFound: (ref: string, { published = true }: { published?: boolean } = {}) =>
    published
      ? new Problem(404, 'NotFoundError', 'EDITION_NOT_FOUND', `Aucune édition publiée ne correspond à « ${ref} ».`, `No published edition matches "${ref}".`)
      : new Problem(404, 'NotFoundError', 'EDITION_NOT_FOUND', `Aucune édition ne correspond à « ${ref} ».`, `No edition matches "${ref}".`),
  proposalNotFound: () => new Problem(404, 'NotFoundError', 'PROPOSAL_NOT_FOUND', 'Proposition introuvable.', 'Proposal not found.'),
  /** An erasure through a private link (the proposer's, a co-speaker's) asked without its confirmation. */
  linkErasureNotConfirmed: () =>
    new Problem(
      400,
      'ValidationError',
      'ERASURE_NOT_CONFIRMED',
      'Confirmez l’effacement en envoyant { "data": { "confirm": true } } : il est définitif.',
      'Confirm the erasure by sending { "data": { "confirm": true } }: it cannot be undone.'
    ),
  /**
   * A second live proposal with the same address and title in one edition (the database's unique
   * index refuses it), in the words of the road that tried: the proposer's form, their status link,
   * an editor entering one.
   */
  proposalDuplicate: (road: keyof typeof DUPLICATE_MESSAGES) =>
    new Problem(409, 'ConflictError', 'PROPOSAL_DUPLICATE', DUPLICATE_MESSAGES[road][0], DUPLICATE_MESSAGES[road][1]),
  notFound: (code = 'NOT_FOUND') =>
    new Problem(404, 'NotFoundError', code, "Cette page n'existe pas ou n'est plus valide.", 'This page does not exist or is no longer valid.'),
};

export function languageOf(ctx: Context): Language {
  return negotiateLanguage(ctx.get('accept-language'));
}

/** Writes a Problem in Strapi's error shape; anything else is left to Strapi's error middleware. */
export function sendProblem(ctx: Context, error: unknown): void {
  if (!(error instanceof Problem)) throw error;
  const english = languageOf(ctx) === 'en';
  ctx.status = error.status;
  ctx.body = {
    data: null,
    error: {
      status: error.status,
      name: error.name,
      message: english ? error.messageEn : error.message,
      details: error.details,
    },
  };
}
