/**
 * The public side of a proposal: submit while the call is open, then read, correct or withdraw it
 * through the private status link. Controllers and the GraphQL mutation both call this service.
 */
import { createHash, randomBytes, randomInt } from 'crypto';
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Core, Modules } from '@strapi/strapi';
import { clock } from '../../../domain/clock';
import { beforeDeadlineEnd, callWindowAt, formatInstantEn, formatInstantFr, zoneOf, type EditionCalendar } from '../../../domain/edition-calendar';
import { PUBLIC_STATUS_LABELS } from '../../../domain/labels';
import { canTransition, publicStatus, type ProposalState } from '../../../domain/proposal-states';
import { windowRefusal } from '../../../domain/call-refusal';
import { rectificationText } from '../../../domain/proposer-rights';
import type { Language } from '../../../domain/language';
import { duplicateKey, statusTokenExpiry } from '../../../domain/proposal-keys';
import { validateSubmission, type FieldError, type SubmissionValue } from '../../../domain/submission-form';
import { CONSENTS, CONSENT_FIELDS, latestEntries, parseConsentVersions } from '../../../domain/consent';
import { validateCoSpeakers, type CoSpeakerValue } from '../../../domain/co-speakers';
import { Problem, problems } from '../../../http/problem';
import { proposalsConfig } from '../../../config-types';
import { inWriteTransaction, withLock } from '../../../persistence/lock';
import { refusingDuplicateKey } from '../../../persistence/unique-duplicate-key';
import { publishedEditions } from '../../../cache/response-cache';
import { getService } from '../../../services';

const notifications = () => getService('proposerMails');

const UID = 'api::proposal.proposal';
const EDITION = 'api::edition.edition';
const SESSION = 'api::session.session';

export interface PublicEdition extends EditionCalendar {
  documentId: string;
  /** Its rows' ids, draft and published, when read through the published editions' cache (see `editionLink`). */
  rowIds?: number[];
  slug: string;
  title: string;
  year: number;
  /** The version read: the default locale's. */
  locale?: string | null;
  contactEmail?: string | null;
}

/**
 * A proposal read through the query engine, which returns untyped rows: the fields this service
 * reads, with its edition populated. Datetimes come back as ISO strings.
 */
interface ProposalRow {
  id: number;
  documentId: string;
  reference: string;
  state: ProposalState;
  edition: PublicEdition | null;
  speakerName: string;
  email: string;
  administrationName: string;
  jobTitle: string | null;
  title: string;
  abstract: string;
  preferredDay: string | null;
  requestedDuration: number;
  consentContact: boolean | null;
  consentPublication: boolean | null;
  consentJobTitle: boolean | null;
  consentRecord: unknown;
  language: Language | null;
  submittedAt: string | null;
  decisionMessage: string | null;
  decisionReleasedAt: string | null;
  communicatedState: ProposalState | null;
  confirmationDeadline: string | null;
  statusTokenExpiresAt: string | null;
}

type ProposalInput = Modules.Documents.Params.Data.Input<typeof UID>;

/** How an editor's form names the edition of a new proposal: a documentId, or a relation input. */
type EditionInput = string | { documentId?: string; connect?: { documentId?: string }[] } | null | undefined;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (length: number) => Array.from({ length }, () => CROCKFORD[randomInt(32)]).join('');

/** "BH26-7KQ4-M9XZ": short enough to read on the phone, 40 random bits. */
export function newReference(year: number): string {
  return `BH${String(year).slice(-2)}-${randomCode(4)}-${randomCode(4)}`;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Each consent as the person gave it: yes or no, the text version they saw, since when. */
function consentsView(row: ProposalRow, edition: PublicEdition | null) {
  const latest = latestEntries(row.consentRecord);
  return CONSENTS.map((consent) => {
    const entry = latest[consent];
    return {
      consent,
      given: row[CONSENT_FIELDS[consent]] === true,
      version: entry?.version ?? null,
      at: entry && edition ? dated(edition, entry.at) : null,
    };
  });
}

function dated(edition: PublicEdition, instant: unknown) {
  if (!instant) return { at: null, fr: null, en: null };
  const zone = zoneOf(edition);
  return { at: new Date(String(instant)).toISOString(), fr: formatInstantFr(String(instant), zone), en: formatInstantEn(String(instant), zone) };
}

/**
 * How a new proposal names its edition. By the ids of the edition's rows, read with the cached
 * edition: Strapi then looks up no ids (two queries a submission), and still checks that the rows
 * exist. Otherwise by documentId, its locale named (Strapi would read the default locale from its store).
 */
function editionLink(edition: PublicEdition, byRowIds: boolean) {
  if (byRowIds && edition.rowIds?.length) return { connect: edition.rowIds.map((id) => ({ id })) };
  return edition.locale ? { connect: [{ documentId: edition.documentId, locale: edition.locale }] } : edition.documentId;
}

/** Strapi's refusal of a link to a row that no longer exists (entity validator, `checkRelationsExist`). */
function isMissingEditionRow(error: unknown): boolean {
  return error instanceof errors.ValidationError && error.message.includes(`of type ${EDITION} associated with this entity do not exist`);
}

export default factories.createCoreService(UID, ({ strapi }: { strapi: Core.Strapi }) => {
  async function findPublishedEdition(ref: unknown): Promise<PublicEdition> {
    if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 100) {
      throw problems.validation([
        { path: ['edition'], code: 'REQUIRED', message: "L'édition visée est obligatoire (son slug).", messageEn: 'The edition (its slug) is required.' },
      ]);
    }
    const edition = await publishedEditions.get(ref, async () => {
      const found = await strapi.documents(EDITION).findFirst({
        filters: { $or: [{ slug: ref }, { documentId: ref }] },
        status: 'published',
        populate: { days: true },
      });
      if (!found) return null;
      const rows: { id: number }[] = await strapi.db
        .query(EDITION)
        .findMany({ where: { documentId: found.documentId, ...(found.locale ? { locale: found.locale } : {}) }, select: ['id'] });
      return { ...found, rowIds: rows.map((row) => row.id) };
    });
    if (!edition) {
      throw problems.editionNotFound(ref);
    }
    return edition as unknown as PublicEdition;
  }

  /** `rectification`: a correction refused once the call is closed says whom to write to instead. */
  function assertOpen(edition: PublicEdition, { rectification = false }: { rectification?: boolean } = {}) {
    const refusal = windowRefusal(edition, clock.now());
    if (refusal) {
      const ask = rectification && refusal.code === 'CFP_CLOSED' ? rectificationText(edition.contactEmail) : null;
      const message = ask ? `${refusal.message} ${ask.fr}` : refusal.message;
      const messageEn = ask ? `${refusal.messageEn} ${ask.en}` : refusal.messageEn;
      throw new Problem(403, 'ForbiddenError', refusal.code, message, messageEn, {
        at: refusal.at,
        timeZone: zoneOf(edition),
      });
    }
  }

  /**
   * A late-submission code counts only once the call has closed by its deadline: before it, the
   * code is neither needed nor counted; before the call opens, or without a call, it admits nothing.
   * Null when no code is to be used; a 403 with the code's own refusal when it cannot be.
   */
  async function admittedLateCode(edition: PublicEdition, typed: unknown) {
    if (typed === undefined || typed === null || typed === '') return null;
    if (windowRefusal(edition, clock.now())?.code !== 'CFP_CLOSED') return null;
    return getService('lateCodes').assertUsable(edition, typed);
  }

  async function findByToken(token: unknown): Promise<ProposalRow> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw problems.notFound();
    const row: ProposalRow | null = await strapi.db.query(UID).findOne({
      where: { statusTokenHash: hashToken(token) },
      populate: { edition: { populate: { days: true } } },
    });
    if (!row || !row.statusTokenExpiresAt || new Date(row.statusTokenExpiresAt).getTime() <= clock.now().getTime()) {
      throw problems.notFound();
    }
    return row;
  }

  /** What the author sees through the status link: a decision only once it is released. */
  function authorView(row: ProposalRow) {
    const edition = row.edition;
    const now = clock.now();
    const status = publicStatus(row.state, row.decisionReleasedAt, row.communicatedState);
    const open = edition ? callWindowAt(edition, now).state === 'open' : false;
    // Not while a changed decision waits for its release: the proposer is about to be told otherwise.
    const awaitingConfirmation =
      status === 'accepted' &&
      row.state === 'accepted' &&
      !!row.decisionReleasedAt &&
      !!row.confirmationDeadline &&
      beforeDeadlineEnd(new Date(row.confirmationDeadline), now, edition ? zoneOf(edition) : undefined);
    const decided = status !== 'under-review' && status !== 'withdrawn';
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
      consentJobTitle: row.consentJobTitle,
      consents: consentsView(row, edition),
      language: row.language,
      submittedAt: row.submittedAt,
      status,
      statusLabel: PUBLIC_STATUS_LABELS[status],
      // While a changed decision waits for its release, its message may already be the new one's.
      decisionMessage: decided && status === row.state ? (row.decisionMessage ?? null) : null,
      // Based on what the author may see only, so that it never hints at an unreleased decision.
      canEdit: open && status === 'under-review',
      canWithdraw: canTransition(row.state, 'withdrawn') && status !== 'withdrawn',
      canConfirm: awaitingConfirmation,
      confirmationDeadline: awaitingConfirmation && edition ? dated(edition, row.confirmationDeadline) : null,
      editableUntil: edition ? dated(edition, edition.cfpClosesAt) : null,
      responseDate: edition ? dated(edition, edition.responseDate) : null,
      programPublicationDate: edition ? dated(edition, edition.programPublicationDate) : null,
    };
  }

  /** The author's view with the people they named and where each invitation stands. */
  async function viewWithCoSpeakers(row: ProposalRow) {
    return { ...authorView(row), coSpeakers: await getService('coSpeakers').namedBy(row.id) };
  }

  /** An accepted, released proposal whose confirmation window is still open. */
  function assertAwaitingConfirmation(row: ProposalRow) {
    if (row.state !== 'accepted' || !row.decisionReleasedAt) {
      throw new Problem(
        409,
        'ConflictError',
        'NOTHING_TO_CONFIRM',
        "Cette proposition n'attend pas de confirmation.",
        'This proposal is not awaiting a confirmation.'
      );
    }
    // A missing deadline reads as the epoch, which has passed: closed.
    const deadline = new Date(row.confirmationDeadline ?? 0);
    const edition = row.edition as PublicEdition;
    // The deadline minute itself is still inside, like the call's deadline.
    if (!beforeDeadlineEnd(deadline, clock.now(), zoneOf(edition))) {
      throw new Problem(
        403,
        'ForbiddenError',
        'CONFIRMATION_CLOSED',
        `Le délai de confirmation a expiré le ${formatInstantFr(deadline.toISOString(), zoneOf(edition))}. Écrivez-nous${edition.contactEmail ? ` à ${edition.contactEmail}` : ''}.`,
        `The confirmation deadline passed on ${formatInstantEn(deadline.toISOString(), zoneOf(edition))}.`,
        { at: deadline.toISOString() }
      );
    }
  }

  /** Goes through the document service, whose middleware checks the transition table and stamps it. */
  async function transition(row: ProposalRow, to: ProposalState) {
    try {
      await strapi.documents(UID).update({ documentId: row.documentId, data: { state: to } });
    } catch (error) {
      // The refusal of the state-change middleware: a ValidationError whose details carry the code.
      const refusal = error as { message: string; details?: { code?: unknown } } | null;
      if (refusal?.details?.code !== 'ILLEGAL_TRANSITION') throw error;
      throw new Problem(409, 'ConflictError', 'ILLEGAL_TRANSITION', refusal.message, `A ${row.state} proposal cannot become ${to}.`, { from: row.state, to });
    }
  }

  return {
    findPublishedEdition,

    /** The proposal of a valid, unexpired status token, as stored; 404 NOT_FOUND otherwise. */
    findByToken,

    /** Proposals entered by editors (e.g. received by e-mail) get a reference and a date too. */
    async completeNewProposal(params: { data?: Record<string, unknown> }) {
      const data = (params.data ??= {});
      if (typeof data.email === 'string') data.email = data.email.trim().toLowerCase();
      data.submittedAt ??= clock.now().toISOString();
      data.state ??= 'submitted';
      const editionRef = data.edition as EditionInput;
      const editionId = typeof editionRef === 'string' ? editionRef : (editionRef?.documentId ?? editionRef?.connect?.[0]?.documentId);
      if (!data.reference) {
        const edition = editionId ? await strapi.documents(EDITION).findOne({ documentId: editionId, fields: ['year'] }) : null;
        data.reference = newReference(edition?.year ?? clock.now().getUTCFullYear());
      }
      if (!data.duplicateKey && data.email && data.title && editionId) {
        // The schema makes both strings; Strapi validates them after this middleware.
        data.duplicateKey = duplicateKey(editionId, data.email as string, data.title as string);
      }
    },

    async submit(input: unknown, { language }: { language: Language }) {
      if (!input || typeof input !== 'object' || Array.isArray(input)) {
        throw problems.validation((validateSubmission(input, {}) as { errors: FieldError[] }).errors);
      }
      const { edition: editionRef, consentVersions, lateCode: typedLateCode, coSpeakers: typedCoSpeakers, ...fields } = input as Record<string, unknown>;
      const edition = await findPublishedEdition(editionRef);
      const lateCode = await admittedLateCode(edition, typedLateCode);
      if (!lateCode) assertOpen(edition);
      const validation = validateSubmission(fields, edition);
      const seen = parseConsentVersions(consentVersions);
      const named = validateCoSpeakers(typedCoSpeakers, validation.ok ? validation.value.email : null);
      const fieldErrors = [...(validation.ok ? [] : validation.errors), ...(named.ok ? [] : named.errors), ...(seen.ok ? [] : seen.errors)];
      if (!validation.ok || !seen.ok || !named.ok) throw problems.validation(fieldErrors);
      const value: SubmissionValue = validation.value;
      const coSpeakers: CoSpeakerValue[] = named.value;
      // The texts the person saw are still the current ones (absent: the current ones were shown).
      await getService('consentTexts').assertSeenCurrent(seen.value, value.language ?? language);
      const now = clock.now();
      const key = duplicateKey(edition.documentId, value.email!, value.title!);
      const token = randomBytes(32).toString('base64url');

      // No lock and no lookup: the unique index refuses a second live proposal with this key, and
      // the transaction then rolls back whole (no mail queued, no late code used, nobody invited).
      const write = (byRowIds: boolean) =>
        refusingDuplicateKey('submission', () =>
          inWriteTransaction(strapi, async () => {
            // In this transaction: a submission that fails gives the use back.
            if (lateCode) await getService('lateCodes').use(lateCode);
            const doc = await strapi.documents(UID).create({
              data: {
                ...value,
                ...(lateCode ? { lateCode: lateCode.documentId } : {}),
                language: value.language ?? language,
                edition: editionLink(edition, byRowIds),
                reference: newReference(edition.year),
                state: 'submitted',
                submittedAt: now.toISOString(),
                duplicateKey: key,
                statusTokenHash: hashToken(token),
                statusTokenExpiresAt: statusTokenExpiry(edition).toISOString(),
                statusTokenEncrypted: strapi.service('admin::encryption').encrypt(token),
                // A full validation has given every required field, which SubmissionValue keeps optional.
              } as ProposalInput,
            });
            await notifications().enqueue(doc, 'submission_received', { isNew: true });
            await getService('coSpeakers').saveForProposal({ id: doc.id, language: doc.language }, edition, coSpeakers, { isNew: true });
            return doc;
          })
        );
      const created = await write(true).catch((error: unknown) => {
        // The edition was published again since it was read (new rows): linked by documentId instead.
        if (isMissingEditionRow(error)) return write(false);
        throw error;
      });

      notifications().deliverSoon();
      // The same public name and values as the status link: never the internal `state`.
      const status = publicStatus(created.state ?? 'submitted', null);
      return {
        reference: created.reference,
        statusToken: token,
        statusUrl: proposalsConfig(strapi).statusUrl.replace('{token}', token),
        status,
        statusLabel: PUBLIC_STATUS_LABELS[status],
        edition: { slug: edition.slug, title: edition.title },
        responseDate: dated(edition, edition.responseDate),
        programPublicationDate: dated(edition, edition.programPublicationDate),
      };
    },

    async viewByToken(token: unknown) {
      return viewWithCoSpeakers(await findByToken(token));
    },

    /** A correction through the status link: until the deadline, under the same validation. */
    async correctByToken(token: unknown, input: unknown) {
      const row = await findByToken(token);
      const edition = row.edition as PublicEdition;
      if (row.state === 'withdrawn') {
        throw new Problem(
          409,
          'ConflictError',
          'PROPOSAL_WITHDRAWN',
          'Cette proposition a été retirée : elle ne peut plus être modifiée.',
          'This proposal was withdrawn: it can no longer be changed.'
        );
      }
      assertOpen(edition, { rectification: true });
      const { coSpeakers: typedCoSpeakers, ...fields } = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
      const validation = validateSubmission(input && typeof input === 'object' && !Array.isArray(input) ? fields : input, edition, { partial: true });
      // Absent: the co-speakers stay as they are; a list (empty too) replaces them.
      const named = validateCoSpeakers(typedCoSpeakers, validation.ok ? (validation.value.email ?? row.email) : row.email);
      if (!validation.ok || !named.ok) throw problems.validation([...(validation.ok ? [] : validation.errors), ...(named.ok ? [] : named.errors)]);
      const value = validation.value;
      const email = value.email ?? row.email;
      const title = value.title ?? row.title;
      const key = duplicateKey(edition.documentId, email, title);
      let invited = 0;
      await refusingDuplicateKey('correction', () =>
        inWriteTransaction(strapi, async () => {
          await strapi.documents(UID).update({
            documentId: row.documentId,
            // Strapi's input type has no null, which clears an optional field.
            data: { ...value, duplicateKey: key } as Partial<ProposalInput>,
          });
          if (typedCoSpeakers !== undefined) invited = await getService('coSpeakers').saveForProposal(row, edition, named.value);
        })
      );
      if (invited > 0) notifications().deliverSoon();
      return viewWithCoSpeakers(await findByToken(token));
    },

    /**
     * The proposer gives or withdraws consents through the status link, at any time (after the
     * deadline and the decisions too: withdrawing must be as easy as giving). Only the three
     * consents; each change is recorded by the proposal's middleware, which applies a withdrawal
     * to what is public. Answers the view, and how many sessions left the published program.
     */
    async changeConsentsByToken(token: unknown, input: unknown, { language }: { language: Language }) {
      const row = await findByToken(token);
      const { consentVersions, ...fields } = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : { _: input };
      const errors: FieldError[] = [];
      const changes: Record<string, boolean> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (!(Object.values(CONSENT_FIELDS) as string[]).includes(key)) {
          errors.push({
            path: key === '_' ? [] : [key],
            code: key === '_' ? 'INVALID_BODY' : 'UNKNOWN_FIELD',
            message: 'Seuls les consentements se changent ici : consentContact, consentPublication, consentJobTitle (vrai ou faux).',
            messageEn: 'Only the consents change here: consentContact, consentPublication, consentJobTitle (true or false).',
          });
        } else if (typeof value !== 'boolean') {
          errors.push({ path: [key], code: 'WRONG_TYPE', message: 'Un consentement vaut true ou false.', messageEn: 'A consent is true or false.' });
        } else changes[key] = value;
      }
      const seen = parseConsentVersions(consentVersions);
      if (!seen.ok) errors.push(...seen.errors);
      if (errors.length === 0 && Object.keys(changes).length === 0) {
        errors.push({
          path: [],
          code: 'REQUIRED',
          message: 'Indiquez au moins un consentement à changer.',
          messageEn: 'Give at least one consent to change.',
        });
      }
      if (errors.length > 0) throw problems.validation(errors);
      if (seen.ok) await getService('consentTexts').assertSeenCurrent(seen.value, language);
      const publishedSessions = () => strapi.db.query(SESSION).count({ where: { proposal: { id: row.id }, publishedAt: { $notNull: true } } });
      const unpublished = await withLock(strapi, `consents:${row.id}`, async () => {
        const before = await publishedSessions();
        await strapi.documents(UID).update({ documentId: row.documentId, data: changes });
        return before > 0 && (await publishedSessions()) === 0;
      });
      return { view: await viewWithCoSpeakers(await findByToken(token)), unpublished };
    },

    /** Withdrawal stays possible after the deadline. Withdrawing twice answers the same. */
    async withdrawByToken(token: unknown) {
      const row = await findByToken(token);
      if (row.state !== 'withdrawn') await transition(row, 'withdrawn');
      return viewWithCoSpeakers(await findByToken(token));
    },

    /** An accepted speaker confirms: the proposal becomes confirmed and gives, once, a draft session. */
    async confirmByToken(token: unknown) {
      const row = await findByToken(token);
      if (row.state !== 'confirmed') {
        assertAwaitingConfirmation(row);
        await withLock(strapi, `confirm:${row.id}`, async () => {
          await transition(row, 'confirmed');
          await getService('sessionsFromProposals').draftSessionFromProposal(row.id);
        });
      }
      return viewWithCoSpeakers(await findByToken(token));
    },

    async declineByToken(token: unknown) {
      const row = await findByToken(token);
      if (row.state !== 'declined') {
        assertAwaitingConfirmation(row);
        await transition(row, 'declined');
      }
      return viewWithCoSpeakers(await findByToken(token));
    },
  };
});
