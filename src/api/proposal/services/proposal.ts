/**
 * The public side of a proposal: submit while the call is open, then read, correct or withdraw it
 * through the private status link. Controllers and the GraphQL mutation both call this service.
 */
import { createHash, randomBytes, randomInt } from 'crypto';
import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { callWindowAt, formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from '../../../domain/edition-calendar';
import { canTransition, type ProposalState } from '../../../domain/proposal-states';
import {
  duplicateKey,
  statusTokenExpiry,
  validateSubmission,
  windowRefusal,
  type FieldError,
  type Language,
  type SubmissionValue,
} from '../../../domain/proposal-submission';
import { Problem, problems } from '../../../http/problem';
import { proposalsConfig } from '../../../config-types';

const UID = 'api::proposal.proposal';
const EDITION = 'api::edition.edition';

export interface PublicEdition extends EditionCalendar {
  documentId: string;
  slug: string;
  title: string;
  year: number;
  contactEmail?: string | null;
}

type ProposalRow = Record<string, any>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (length: number) => Array.from({ length }, () => CROCKFORD[randomInt(32)]).join('');

/** "BH26-7KQ4-M9XZ": short enough to read on the phone, 40 random bits. */
export function newReference(year: number): string {
  return `BH${String(year).slice(-2)}-${randomCode(4)}-${randomCode(4)}`;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function dated(edition: PublicEdition, instant: unknown) {
  if (!instant) return { at: null, fr: null, en: null };
  const zone = zoneOf(edition);
  return { at: new Date(String(instant)).toISOString(), fr: formatInstantFr(String(instant), zone), en: formatInstantEn(String(instant), zone) };
}

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  async function findPublishedEdition(ref: unknown): Promise<PublicEdition> {
    if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 100) {
      throw problems.validation([
        { path: ['edition'], code: 'REQUIRED', message: "L'édition visée est obligatoire (son slug).", messageEn: 'The edition (its slug) is required.' },
      ]);
    }
    const edition = await strapi.documents(EDITION).findFirst({
      filters: { $or: [{ slug: ref }, { documentId: ref }] },
      status: 'published',
      populate: { days: true },
    });
    if (!edition) {
      throw new Problem(404, 'NotFoundError', 'EDITION_NOT_FOUND', `Aucune édition publiée ne correspond à « ${ref} ».`, `No published edition matches "${ref}".`);
    }
    return edition as unknown as PublicEdition;
  }

  function assertOpen(edition: PublicEdition) {
    const refusal = windowRefusal(edition, clock.now());
    if (refusal) {
      throw new Problem(403, 'ForbiddenError', refusal.code, refusal.message, refusal.messageEn, {
        at: refusal.at,
        timeZone: zoneOf(edition),
      });
    }
  }

  async function lockDuplicateKey(key: string, trx: any) {
    // SQLite runs one transaction at a time on its single connection; PostgreSQL needs a lock per key.
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
    }
  }

  async function findByToken(token: unknown): Promise<ProposalRow> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw problems.notFound();
    const row = await strapi.db.query(UID).findOne({
      where: { statusTokenHash: hashToken(token) },
      populate: { edition: { populate: { days: true } } },
    });
    if (!row || !row.statusTokenExpiresAt || new Date(row.statusTokenExpiresAt).getTime() <= clock.now().getTime()) {
      throw problems.notFound();
    }
    return row;
  }

  /** What the author sees through the status link. No decision is shown at this stage. */
  function authorView(row: ProposalRow) {
    const edition = row.edition as PublicEdition;
    const withdrawn = row.state === 'withdrawn';
    const open = edition ? callWindowAt(edition, clock.now()).state === 'open' : false;
    return {
      reference: row.reference,
      edition: edition ? { slug: edition.slug, title: edition.title, timeZone: zoneOf(edition) } : null,
      speakerName: row.speakerName,
      email: row.email,
      administrationName: row.administrationName,
      jobTitle: row.jobTitle,
      title: row.title,
      abstract: row.abstract,
      preferredDay: row.preferredDay,
      requestedDuration: row.requestedDuration,
      consentContact: row.consentContact,
      consentPublication: row.consentPublication,
      language: row.language,
      submittedAt: row.submittedAt,
      status: withdrawn ? 'withdrawn' : 'under-review',
      statusLabel: withdrawn ? { fr: 'Retirée', en: 'Withdrawn' } : { fr: 'Reçue, en cours d’examen', en: 'Received, under review' },
      canEdit: open && !withdrawn,
      canWithdraw: !withdrawn && canTransition(row.state as ProposalState, 'withdrawn'),
      editableUntil: edition ? dated(edition, edition.cfpClosesAt) : null,
      responseDate: edition ? dated(edition, edition.responseDate) : null,
      programPublicationDate: edition ? dated(edition, edition.programPublicationDate) : null,
    };
  }

  return {
    findPublishedEdition,

    /** Proposals entered by editors (e.g. received by e-mail) get a reference and a date too. */
    async completeNewProposal(params: { data?: Record<string, any> }) {
      const data = (params.data ??= {});
      if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase();
      data.submittedAt ??= clock.now().toISOString();
      data.state ??= 'submitted';
      if (!data.reference) {
        const editionId = typeof data.edition === 'string' ? data.edition : data.edition?.documentId ?? data.edition?.connect?.[0]?.documentId;
        const edition = editionId ? await strapi.documents(EDITION).findOne({ documentId: editionId, fields: ['year'] }) : null;
        data.reference = newReference(edition?.year ?? clock.now().getUTCFullYear());
      }
      if (!data.duplicateKey && data.email && data.title && typeof data.edition === 'string') {
        data.duplicateKey = duplicateKey(data.edition, data.email, data.title);
      }
    },

    async submit(input: unknown, { language }: { language: Language }) {
      if (!input || typeof input !== 'object' || Array.isArray(input)) {
        throw problems.validation((validateSubmission(input, {}) as { errors: FieldError[] }).errors);
      }
      const { edition: editionRef, ...fields } = input as Record<string, unknown>;
      const edition = await findPublishedEdition(editionRef);
      assertOpen(edition);
      const validation = validateSubmission(fields, edition);
      if (!validation.ok) throw problems.validation(validation.errors);
      const value: SubmissionValue = validation.value;
      const now = clock.now();
      const key = duplicateKey(edition.documentId, value.email!, value.title!);
      const token = randomBytes(32).toString('base64url');

      const created = await strapi.db.transaction(async ({ trx }) => {
        await lockDuplicateKey(key, trx);
        const duplicate = await strapi.db.query(UID).findOne({
          where: { duplicateKey: key, state: { $ne: 'withdrawn' } },
          select: ['id'],
        });
        if (duplicate) {
          throw new Problem(
            409,
            'ConflictError',
            'PROPOSAL_DUPLICATE',
            'Vous avez déjà proposé une intervention avec ce titre pour cette édition. Utilisez le lien de suivi reçu par courriel pour la modifier.',
            'You have already sent a proposal with this title for this edition. Use the status link you received by e-mail to change it.'
          );
        }
        return strapi.documents(UID).create({
          data: {
            ...value,
            language: value.language ?? language,
            edition: edition.documentId,
            reference: newReference(edition.year),
            state: 'submitted',
            submittedAt: now.toISOString(),
            duplicateKey: key,
            statusTokenHash: hashToken(token),
            statusTokenExpiresAt: statusTokenExpiry(edition).toISOString(),
            confirmationMailState: 'pending',
            confirmationMailAttempts: 0,
            confirmationMailNextAttemptAt: now.toISOString(),
            confirmationMailToken: strapi.service('admin::encryption').encrypt(token),
          } as any,
        });
      });

      strapi.service('api::proposal.confirmation-mail').deliverSoon(created.documentId);
      return {
        reference: created.reference,
        statusToken: token,
        statusUrl: proposalsConfig(strapi).statusUrl.replace('{token}', token),
        state: 'submitted',
        edition: { slug: edition.slug, title: edition.title },
        responseDate: dated(edition, edition.responseDate),
        programPublicationDate: dated(edition, edition.programPublicationDate),
      };
    },

    async viewByToken(token: unknown) {
      return authorView(await findByToken(token));
    },

    /** A correction through the status link: until the deadline, under the same validation. */
    async correctByToken(token: unknown, input: unknown) {
      const row = await findByToken(token);
      const edition = row.edition as PublicEdition;
      if (row.state === 'withdrawn') {
        throw new Problem(409, 'ConflictError', 'PROPOSAL_WITHDRAWN', 'Cette proposition a été retirée : elle ne peut plus être modifiée.', 'This proposal was withdrawn: it can no longer be changed.');
      }
      assertOpen(edition);
      const validation = validateSubmission(input, edition, { partial: true });
      if (!validation.ok) throw problems.validation(validation.errors);
      const value = validation.value;
      const email = value.email ?? row.email;
      const title = value.title ?? row.title;
      const key = duplicateKey(edition.documentId, email, title);
      await strapi.db.transaction(async ({ trx }) => {
        await lockDuplicateKey(key, trx);
        const other = await strapi.db.query(UID).findOne({
          where: { duplicateKey: key, state: { $ne: 'withdrawn' }, id: { $ne: row.id } },
          select: ['id'],
        });
        if (other) {
          throw new Problem(409, 'ConflictError', 'PROPOSAL_DUPLICATE', 'Une autre de vos propositions porte déjà ce titre pour cette édition.', 'Another of your proposals already has this title for this edition.');
        }
        await strapi.documents(UID).update({ documentId: row.documentId, data: { ...value, duplicateKey: key } as any });
      });
      return authorView(await findByToken(token));
    },

    /** Withdrawal stays possible after the deadline. Withdrawing twice answers the same. */
    async withdrawByToken(token: unknown) {
      const row = await findByToken(token);
      if (row.state !== 'withdrawn') {
        await strapi.service('api::proposal.proposal').transition(row, 'withdrawn');
      }
      return authorView(await findByToken(token));
    },

    /** The one way a proposal changes state: checks the table and records when. */
    async transition(row: ProposalRow, to: ProposalState) {
      const from = row.state as ProposalState;
      if (!canTransition(from, to)) {
        throw new Problem(
          409,
          'ConflictError',
          'ILLEGAL_TRANSITION',
          `Une proposition « ${from} » ne peut pas passer à l'état « ${to} ».`,
          `A proposal in state "${from}" cannot become "${to}".`,
          { from, to }
        );
      }
      await strapi.documents(UID).update({ documentId: row.documentId, data: { state: to } as any });
    },
  };
});
