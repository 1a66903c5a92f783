/**
 * The public pages: what each one shows, read from published content, the clock and the edition's
 * time zone, and what the proposer's forms do. Every rule comes from the services the API uses
 * (submission, status link, program); this service only words them for a page. It returns a
 * `Page` (a template and its data) or a redirection; the controller renders it.
 */
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { clock } from '../../../domain/clock';
import { callForProposalsBlock, type CallForProposalsBlock, type LocalizedInstant } from '../../../domain/call-state';
import { beforeDeadlineEnd, formatInstantEn, formatInstantFr, sortedDays, zoneOf, type EditionDay } from '../../../domain/edition-calendar';
import { ERASURE_OUTCOMES, type ErasureOutcome } from '../../../domain/personal-data';
import { keptAfterErasure, rectificationText } from '../../../domain/proposer-rights';
import { allowedDurations, durationSpans } from '../../../domain/edition-calendar';
import { safeUrl } from '../../../domain/exports/encode';
import { PUBLIC_STATUS_LABELS } from '../../../domain/labels';
import type { Language } from '../../../domain/language';
import { frenchDayOfMonth } from '../../../domain/phrases';
import type { Program, ProgramEdition, ProgramSession } from '../../../domain/program';
import { SUBMISSION_FIELDS, type FieldError } from '../../../domain/submission-form';
import { pagesConfig, personalDataConfig, proposalsConfig } from '../../../config-types';
import { DEFAULT_RETENTION_MONTHS } from '../../../domain/personal-data';
import { STATUS_LINK_VALID_DAYS } from '../../../domain/proposal-keys';
import { translator } from '../messages';
import { Problem, problemCode } from '../../../http/problem';
import { getService } from '../../../services';
import { windowRefusal } from '../../../domain/call-refusal';
import {
  consentVersionInput,
  consentVersionsFromForm,
  CO_SPEAKER_SLOTS,
  CONSENT_BOXES,
  fieldErrors,
  formValues,
  LATE_CODE,
  NO_PREFERENCE,
  submissionFromForm,
  valuesOfProposal,
  type FormValues,
} from '../form';
import { CONSENT_FIELDS } from '../../../domain/consent';
import type { CurrentText } from '../../consent-text/services/consent-text';

const EDITION = 'api::edition.edition';

/** A page to render: its template, its data, its HTTP status, and until when it may be cached. */
export interface Page {
  template: string;
  status?: number;
  data: Record<string, unknown>;
  /** Public pages only: the instant the page changes by itself (a date boundary), or null. */
  cacheUntil?: Date | null;
  /** Pages that show a private status link: never cached, never sent as Referer. */
  private?: boolean;
}

export type Outcome = Page | { redirect: string };

/** What the status link's actions are told back, as the `fait` query parameter. */
export const DONE = {
  updated: 'modifiee',
  withdrawn: 'retiree',
  confirmed: 'confirmee',
  declined: 'declinee',
  consentsChanged: 'accords',
  unpublished: 'accords-retrait-publication',
  exportSent: 'export-envoye',
} as const;
type Done = (typeof DONE)[keyof typeof DONE];

/** A co-speaker's answers through their page: the address's last word, and what the page is told back (`fait`). */
export const INVITATION_ANSWERS = { accepter: 'accept', decliner: 'decline', confirmer: 'confirm', retirer: 'withdraw' } as const;
const INVITATION_DONE = { accept: 'accepted', decline: 'declined', confirm: 'confirmed', withdraw: 'withdrawn' } as const;
type InvitationDone = (typeof INVITATION_DONE)[keyof typeof INVITATION_DONE];

type Edition = ProgramEdition & { documentId: string };

const instantText = (instant: unknown, zone: string, language: Language): string | null =>
  instant ? (language === 'en' ? formatInstantEn(String(instant), zone) : formatInstantFr(String(instant), zone)) : null;

function dayText(date: string, zone: string, language: Language): string {
  const dt = DateTime.fromISO(date, { zone }).setLocale(language);
  return language === 'en' ? dt.toFormat('cccc d LLLL yyyy') : `${dt.toFormat('cccc')} ${frenchDayOfMonth(dt.day)} ${dt.toFormat('LLLL yyyy')}`;
}

function timeText(time: string, language: Language): string {
  const [h, m] = time.split(':');
  return language === 'en' ? `${h.padStart(2, '0')}:${m}` : m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

function clockTime(instant: string, zone: string, language: Language): string {
  const dt = DateTime.fromISO(instant, { zone });
  return timeText(dt.toFormat('HH:mm'), language);
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const proposals = () => getService('proposals');
  const rights = () => getService('proposerRights');

  async function findEditions(): Promise<Edition[]> {
    const rows = await strapi.documents(EDITION).findMany({
      status: 'published',
      populate: { days: true, venue: true },
      sort: ['year:desc', 'cfpOpensAt:desc'],
      limit: 200,
    });
    return rows as unknown as Edition[];
  }

  async function findEdition(slug: string): Promise<Edition | null> {
    if (typeof slug !== 'string' || slug.length > 200) return null;
    const row = await strapi.documents(EDITION).findFirst({ filters: { slug }, status: 'published', populate: { days: true, venue: true } });
    return (row as unknown as Edition) ?? null;
  }

  /** The published program of the edition at this address (its slug, not its documentId), or null. */
  async function programOf(slug: string): Promise<Program | null> {
    if (typeof slug !== 'string' || slug.length > 200) return null;
    try {
      const program = await getService('outputs').loadProgram(slug);
      return program.edition.slug === slug ? program : null;
    } catch (error) {
      if (problemCode(error) === 'EDITION_NOT_FOUND') return null;
      throw error;
    }
  }

  /** An edition as every page shows it: its facts, worded in the page's language, and its live state. */
  function describe(edition: Edition, language: Language) {
    const zone = zoneOf(edition);
    const block: CallForProposalsBlock = callForProposalsBlock(edition, clock.now(), language);
    const text = (instant: LocalizedInstant | null) => instant?.text ?? null;
    const days = sortedDays(edition.days).map((day: EditionDay) => ({
      date: day.date,
      label: day.label ?? null,
      text: dayText(day.date, zone, language),
      start: timeText(day.startTime, language),
      end: timeText(day.endTime, language),
    }));
    const stateDate =
      block.state === 'no-call'
        ? null
        : block.state === 'upcoming'
          ? text(block.opensAt)
          : block.state === 'open' || block.state === 'closed'
            ? text(block.closesAt)
            : text(block.programPublicationDate);
    return {
      slug: edition.slug,
      title: edition.title,
      year: edition.year,
      description: edition.description ?? null,
      venue: edition.venue ?? null,
      registrationUrl: safeUrl(edition.registrationUrl),
      contactEmail: edition.contactEmail ?? null,
      timeZone: zone,
      state: block.state,
      stateDate,
      opensAt: text(block.opensAt),
      closesAt: text(block.closesAt),
      responseDate: text(block.responseDate),
      programPublicationDate: text(block.programPublicationDate),
      durations: block.durations.text,
      recommendedMaxDuration: durationSpans(edition).recommendedMax,
      timeLeft: block.timeLeft?.text ?? null,
      programPublic: block.state === 'program-published' || block.state === 'past',
      days,
      nextChangeAt: block.nextChangeAt ? new Date(block.nextChangeAt) : null,
    };
  }

  const earliest = (dates: Array<Date | null>): Date | null =>
    dates.reduce<Date | null>((min, d) => (d && (!min || d.getTime() < min.getTime()) ? d : min), null);

  const notFound = (): Page => ({ template: 'not-found', status: 404, data: {}, cacheUntil: null });

  /** The form's choices for an edition: its afternoons (or none), and its durations. */
  function formChoices(edition: Edition, language: Language) {
    const { min, max, choices } = allowedDurations(edition);
    const listed = choices ?? (min !== null && max !== null ? [5, 10, 15, 20, 30, 45, 60].filter((n) => n >= min && n <= max) : []);
    const durations = listed.length > 0 ? listed : [min ?? 5];
    const zone = zoneOf(edition);
    const t = translator(language);
    return {
      days: [
        ...sortedDays(edition.days).map((d) => ({ value: d.date, text: d.label || dayText(d.date, zone, language) })),
        { value: NO_PREFERENCE, text: t('form.preferredDay.none') },
      ],
      durations: durations.map((n) => ({ value: String(n), text: t('form.minutes', { n }) })),
    };
  }

  /** The fields' names and lengths, as the validator knows them. */
  const fieldLabels = (language: Language) =>
    Object.fromEntries(Object.entries(SUBMISSION_FIELDS).map(([name, spec]) => [name, language === 'en' ? spec.labelEn : spec.label]));
  const fieldLimits = Object.fromEntries(Object.entries(SUBMISSION_FIELDS).map(([name, spec]) => [name, spec.max ?? '']));

  /** The consents' current texts, as the form shows them: its checkbox, its text, the version shown. */
  const consentTexts = async (language: Language) =>
    (await getService('consentTexts').current(language)).map((text: CurrentText) => ({
      ...text,
      field: CONSENT_FIELDS[text.consent],
      versionInput: consentVersionInput(text.consent),
    }));
  type ShownTexts = Awaited<ReturnType<typeof consentTexts>>;

  function formPage(edition: Edition, language: Language, values: FormValues, errors: FieldError[], status: number, texts: ShownTexts): Page {
    return {
      template: 'form',
      status,
      data: {
        consentTexts: texts,
        edition: describe(edition, language),
        choices: formChoices(edition, language),
        labels: fieldLabels(language),
        limits: fieldLimits,
        values,
        errors: fieldErrors(errors, language),
        errorList: errors,
        coSpeakerSlots: CO_SPEAKER_SLOTS,
      },
      cacheUntil: null,
    };
  }

  /** The refusals a form can meet, as the form shown again (with each field's error) or another page. */
  function refusedForm(error: unknown, edition: Edition | null, language: Language, formOf: (errors: FieldError[], status: number) => Page): Page {
    if (!(error instanceof Problem)) throw error;
    const message = language === 'en' ? error.messageEn : error.message;
    switch (error.code) {
      case 'VALIDATION_FAILED':
        return formOf((error.details as { errors: FieldError[] }).errors, 400);
      case 'PROPOSAL_DUPLICATE':
        return formOf([{ path: ['title'], code: error.code, message: error.message, messageEn: error.messageEn }], 409);
      case 'CONSENT_TEXT_CHANGED':
        return formOf([{ path: ['consents'], code: error.code, message: error.message, messageEn: error.messageEn }], 409);
      case 'CFP_CLOSED':
      case 'CFP_NOT_OPEN_YET':
      case 'CFP_NONE':
        return edition ? { template: 'edition', status: 403, data: { edition: describe(edition, language), refusal: message }, cacheUntil: null } : notFound();
      case 'NOT_FOUND':
      case 'EDITION_NOT_FOUND':
        return notFound();
      default:
        return { template: 'refused', status: error.status, data: { message, status: error.status }, cacheUntil: null };
    }
  }

  /** The status page's data: what the author sees through the link, worded. */
  type AuthorView = Awaited<ReturnType<ReturnType<typeof proposals>['viewByToken']>>;

  const statusData = async (token: string, language: Language) => withRights(statusWording(await proposals().viewByToken(token), token, language), language);

  /**
   * The status page's « Vos données personnelles » part: where the register is, and, once the
   * deadline has passed, whom to write to for a rectification.
   */
  async function withRights<T extends ReturnType<typeof statusWording>>(data: T, language: Language) {
    const { proposal } = data;
    const closesAt = proposal.editableUntilAt;
    const passed = !!closesAt && !beforeDeadlineEnd(new Date(closesAt), clock.now(), proposal.edition?.timeZone ?? undefined);
    const edition = passed && proposal.edition ? await findEdition(proposal.edition.slug) : null;
    const rectification = passed && proposal.status !== 'withdrawn' ? rectificationText(edition?.contactEmail)[language] : null;
    return { ...data, rectification, registerUrl: personalDataConfig(strapi).registerUrl };
  }

  function statusWording(view: AuthorView, token: string, language: Language) {
    const zone = view.edition?.timeZone ?? 'Europe/Paris';
    const say = (dated: { fr: string | null; en: string | null } | null) => (dated ? (language === 'en' ? dated.en : dated.fr) : null);
    return {
      token,
      statusUrl: proposalsConfig(strapi).statusUrl.replace('{token}', token),
      labels: fieldLabels(language),
      proposal: {
        ...view,
        statusLabel: PUBLIC_STATUS_LABELS[view.status][language],
        submittedAt: instantText(view.submittedAt, zone, language),
        preferredDay: view.preferredDay ? dayText(view.preferredDay, zone, language) : null,
        confirmationDeadline: say(view.confirmationDeadline),
        editableUntil: say(view.editableUntil),
        editableUntilAt: view.editableUntil?.at ?? null,
        responseDate: say(view.responseDate),
        programPublicationDate: say(view.programPublicationDate),
        consents: view.consents.map((c) => ({ ...c, at: say(c.at) })),
      },
    };
  }

  /** The consents' page: the status data, the current texts, each box as the person last left it. */
  async function consentsPageData(token: string, language: Language) {
    const status = await statusData(token, language);
    const values = valuesOfProposal(status.proposal);
    return { ...status, consentTexts: await consentTexts(language), values, errors: {} };
  }

  /** Runs an action of the status link, then shows the status page again, or the refusal on it. */
  async function statusAction(token: string, language: Language, act: () => Promise<unknown>, done: Done): Promise<Outcome> {
    try {
      await act();
      return { redirect: `/suivi/${encodeURIComponent(token)}?fait=${done}` };
    } catch (error) {
      if (!(error instanceof Problem) || problemCode(error) === 'NOT_FOUND') return notFound();
      return {
        template: 'status',
        status: error.status,
        data: { ...(await statusData(token, language)), refusal: language === 'en' ? error.messageEn : error.message },
        private: true,
      };
    }
  }

  /** « Effacer mes données »: what would go and what would stay, before the person confirms. */
  async function eraseStep(token: string, language: Language, refusal: string | null = null): Promise<Page> {
    return withToken(async () => ({
      template: 'erase-step',
      status: refusal ? 400 : 200,
      data: { ...(await statusData(token, language)), preview: await rights().erasurePreviewByToken(token), refusal },
      private: true,
    }));
  }

  const withToken = async (render: () => Promise<Page>): Promise<Page> => {
    try {
      return await render();
    } catch (error) {
      if (problemCode(error) === 'NOT_FOUND') return notFound();
      throw error;
    }
  };

  const coSpeakers = () => getService('coSpeakers');

  /** A co-speaker's page: their invitation, the talk as its author may see it, what they may answer now. */
  async function invitationPage(
    token: string,
    language: Language,
    extra: { notice?: InvitationDone | null; refusal?: string | null; status?: number } = {}
  ): Promise<Page> {
    const invitation = await coSpeakers().viewByToken(token);
    const publication = (await getService('consentTexts').current(language)).find((text: CurrentText) => text.consent === 'publication');
    return {
      template: 'invitation',
      status: extra.status ?? 200,
      data: {
        token,
        invitation,
        consentVersion: publication?.version ?? null,
        notice: extra.notice ?? null,
        refusal: extra.refusal ?? null,
        registerUrl: personalDataConfig(strapi).registerUrl,
      },
      private: true,
    };
  }

  return {
    async invitation(token: string, language: Language, done?: unknown): Promise<Page> {
      const notice = Object.values(INVITATION_DONE).includes(done as InvitationDone) ? (done as InvitationDone) : null;
      return withToken(() => invitationPage(token, language, { notice }));
    },

    /** An answer of the co-speaker's page, then the page again (POST-redirect-GET), or the refusal on it. */
    async answerInvitation(token: string, word: unknown, body: unknown, language: Language): Promise<Outcome> {
      const answer = INVITATION_ANSWERS[word as keyof typeof INVITATION_ANSWERS];
      if (!answer) return notFound();
      const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const version = typeof input.consentVersion === 'string' && /^\d{1,9}$/.test(input.consentVersion) ? Number(input.consentVersion) : undefined;
      try {
        const service = coSpeakers();
        if (answer === 'accept') await service.acceptByToken(token, { consentVersion: version });
        else if (answer === 'decline') await service.declineByToken(token);
        else if (answer === 'confirm') await service.confirmByToken(token);
        else await service.withdrawByToken(token);
        return { redirect: `/invitation/${encodeURIComponent(token)}?fait=${INVITATION_DONE[answer]}` };
      } catch (error) {
        if (!(error instanceof Problem) || problemCode(error) === 'NOT_FOUND') return notFound();
        return withToken(() => invitationPage(token, language, { refusal: language === 'en' ? error.messageEn : error.message, status: error.status }));
      }
    },

    /** « Effacer mes données » of a co-speaker: confirmed by its box; then a page at an address without the token, which is gone. */
    async eraseInvitation(token: string, body: unknown, language: Language): Promise<Outcome> {
      if ((body as { confirmer?: unknown } | null)?.confirmer !== 'oui') {
        return withToken(() => invitationPage(token, language, { refusal: translator(language)('erase.notConfirmed'), status: 400 }));
      }
      try {
        await coSpeakers().eraseByToken(token, { confirm: true });
        return { redirect: '/invitation-effacee' };
      } catch (error) {
        if (!(error instanceof Problem) || problemCode(error) === 'NOT_FOUND') return notFound();
        throw error;
      }
    },

    invitationErased: (): Page => ({ template: 'invitation-erased', data: {}, private: true }),

    /**
     * The essentials of the record of processing (docs/personal-data.md), where the form and the
     * acknowledgement mail send a reader: who, why, on what basis, how long, which rights and how.
     */
    privacy(language: Language): Page {
      const config = personalDataConfig(strapi);
      const t = translator(language);
      return {
        template: 'personal-data',
        data: {
          controller: config.controller || pagesConfig(strapi).operatorName,
          contact: config.contact || t('privacy.contactDefault'),
          months: DEFAULT_RETENTION_MONTHS,
          minimum: config.minimumRetentionMonths,
          linkDays: STATUS_LINK_VALID_DAYS,
          logDays: config.deliveryLogDays,
        },
        cacheUntil: null,
      };
    },

    async home(language: Language): Promise<Page> {
      const editions = (await findEditions()).map((e) => describe(e, language));
      const current = editions.filter((e) => e.state !== 'past');
      const past = editions.filter((e) => e.state === 'past');
      return { template: 'home', data: { current, past }, cacheUntil: earliest(current.map((e) => e.nextChangeAt)) };
    },

    async edition(slug: string, language: Language): Promise<Page> {
      const edition = await findEdition(slug);
      if (!edition) return notFound();
      const view = describe(edition, language);
      return { template: 'edition', data: { edition: view }, cacheUntil: view.nextChangeAt };
    },

    /** The empty form while the call is open; after its deadline, with a valid late-submission code only (`?code=…`). */
    async form(slug: string, language: Language, lateCode?: unknown): Promise<Page> {
      const edition = await findEdition(slug);
      if (!edition) return notFound();
      const view = describe(edition, language);
      if (view.state === 'open') return { ...formPage(edition, language, {}, [], 200, await consentTexts(language)), cacheUntil: view.nextChangeAt };
      if (typeof lateCode !== 'string' || lateCode === '' || windowRefusal(edition, clock.now())?.code !== 'CFP_CLOSED') {
        return { template: 'edition', status: 403, data: { edition: view, refusal: null }, cacheUntil: view.nextChangeAt };
      }
      try {
        await getService('lateCodes').assertUsable(edition, lateCode);
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        const refusal = language === 'en' ? error.messageEn : error.message;
        return { template: 'edition', status: 403, data: { edition: view, refusal, lateCodeRefused: true }, cacheUntil: null, private: true };
      }
      // The code is a secret: the page is never cached, nor its address sent as Referer.
      const page = formPage(edition, language, { [LATE_CODE]: lateCode }, [], 200, await consentTexts(language));
      return { ...page, private: true };
    },

    /** The form posted: the same service as POST /api/proposals, then POST-redirect-GET to the receipt. */
    async submit(slug: string, body: unknown, language: Language): Promise<Outcome> {
      const values = formValues(body);
      const edition = await findEdition(slug);
      if (!edition) return notFound();
      try {
        const receipt = await proposals().submit({ ...submissionFromForm(body, language), edition: edition.documentId }, { language });
        return { redirect: `/suivi/${encodeURIComponent(receipt.statusToken)}/recu` };
      } catch (error) {
        // The texts as they are now: after CONSENT_TEXT_CHANGED, the new ones, to read again.
        const texts = await consentTexts(language);
        return refusedForm(error, edition, language, (errors, status) => formPage(edition, language, values, errors, status, texts));
      }
    },

    async receipt(token: string, language: Language): Promise<Page> {
      return withToken(async () => ({ template: 'receipt', data: await statusData(token, language), private: true }));
    },

    async status(token: string, language: Language, done?: unknown): Promise<Page> {
      const notice = Object.values(DONE).includes(done as Done) ? (done as Done) : null;
      return withToken(async () => ({ template: 'status', data: { ...(await statusData(token, language)), notice }, private: true }));
    },

    /** The correction form, filled with what was sent; refused (on the status page) once the call is closed. */
    async correction(token: string, language: Language): Promise<Page> {
      return withToken(async () => {
        const view = await proposals().viewByToken(token);
        const data = statusWording(view, token, language);
        if (!data.proposal.canEdit) return { template: 'status', status: 403, data: await withRights(data, language), private: true };
        const edition = await findEdition(data.proposal.edition!.slug);
        if (!edition) return notFound();
        const page = formPage(edition, language, valuesOfProposal(view), [], 200, await consentTexts(language));
        return { ...page, data: { ...page.data, token }, private: true };
      });
    },

    async correct(token: string, body: unknown, language: Language): Promise<Outcome> {
      const values = formValues(body);
      let edition: Edition | null = null;
      try {
        const view = await proposals().viewByToken(token);
        edition = view.edition ? await findEdition(view.edition.slug) : null;
        // The form sends every field; the service takes them as a correction of each (the consents recorded with the current texts).
        const { language: _language, consentVersions: _versions, ...fields } = submissionFromForm(body, language);
        await proposals().correctByToken(token, fields);
        return { redirect: `/suivi/${encodeURIComponent(token)}?fait=${DONE.updated}` };
      } catch (error) {
        if (problemCode(error) === 'PROPOSAL_WITHDRAWN' || problemCode(error) === 'CFP_CLOSED') {
          return {
            template: 'status',
            status: (error as Problem).status,
            data: { ...(await statusData(token, language)), refusal: language === 'en' ? (error as Problem).messageEn : (error as Problem).message },
            private: true,
          };
        }
        const shown = edition;
        const texts = await consentTexts(language);
        return {
          ...refusedForm(error, shown, language, (errors, status) => {
            const page = formPage(shown!, language, values, errors, status, texts);
            return { ...page, data: { ...page.data, token } };
          }),
          private: true,
        };
      }
    },

    /** A confirmation step before what cannot be undone: withdrawing, declining. */
    async confirmStep(token: string, language: Language, action: 'withdraw' | 'decline'): Promise<Page> {
      return withToken(async () => ({ template: 'confirm-step', data: { ...(await statusData(token, language)), action }, private: true }));
    },

    eraseStep,

    /** The erasure confirmed by the form; then the result, at an address without the token, which is gone. */
    async erase(token: string, body: unknown, language: Language): Promise<Outcome> {
      if ((body as { confirmer?: unknown } | null)?.confirmer !== 'oui') return eraseStep(token, language, translator(language)('erase.notConfirmed'));
      try {
        const result = await rights().eraseByToken(token, { confirm: true });
        return { redirect: `/donnees-effacees?resultat=${result.outcome}` };
      } catch (error) {
        if (!(error instanceof Problem) || problemCode(error) === 'NOT_FOUND') return notFound();
        const message = language === 'en' ? error.messageEn : error.message;
        return { template: 'refused', status: error.status, data: { message, status: error.status }, private: true };
      }
    },

    /** What an erasure kept, and why: the same for everyone whose erasure had that outcome. */
    async erased(outcome: unknown): Promise<Page> {
      if (!ERASURE_OUTCOMES.includes(outcome as ErasureOutcome)) return notFound();
      return { template: 'erased', data: { kept: keptAfterErasure(outcome as ErasureOutcome) }, private: true };
    },

    mailExport: (token: string, language: Language) => statusAction(token, language, () => rights().mailExportByToken(token), DONE.exportSent),

    /** The consents' form of the status link: the current texts, each box as the person last left it. */
    async consentsForm(token: string, language: Language): Promise<Page> {
      return withToken(async () => ({
        template: 'consents',
        data: await consentsPageData(token, language),
        private: true,
      }));
    },

    /** The consents sent: all three (an unticked box is a consent withdrawn), at any time. */
    async changeConsents(token: string, body: unknown, language: Language): Promise<Outcome> {
      const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const changes: Record<string, unknown> = Object.fromEntries(CONSENT_BOXES.map((field) => [field, input[field] === 'oui']));
      const versions = consentVersionsFromForm(input);
      if (versions) changes.consentVersions = versions;
      try {
        const { unpublished } = await proposals().changeConsentsByToken(token, changes, { language });
        return { redirect: `/suivi/${encodeURIComponent(token)}?fait=${unpublished ? DONE.unpublished : DONE.consentsChanged}` };
      } catch (error) {
        if (!(error instanceof Problem) || problemCode(error) === 'NOT_FOUND') return notFound();
        return {
          template: 'consents',
          status: error.status,
          data: { ...(await consentsPageData(token, language)), refusal: language === 'en' ? error.messageEn : error.message },
          private: true,
        };
      }
    },

    withdraw: (token: string, language: Language) => statusAction(token, language, () => proposals().withdrawByToken(token), DONE.withdrawn),
    confirm: (token: string, language: Language) => statusAction(token, language, () => proposals().confirmByToken(token), DONE.confirmed),
    decline: (token: string, language: Language) => statusAction(token, language, () => proposals().declineByToken(token), DONE.declined),

    async program(slug: string, language: Language): Promise<Page> {
      const program = await programOf(slug);
      if (!program) return notFound();
      const view = describe(program.edition, language);
      const days = programDays(program, language);
      const unscheduled = program.unscheduled.map((s) => sessionView(program, s, language));
      const sessionCount = days.reduce((n, d) => n + d.sessions.length, 0) + unscheduled.length;
      // The versions, newest first, worded in the page's language (none before the program date).
      const versions = (await getService('outputs').versionsOf(program)).map((v) => ({
        number: v.number,
        label: v.label[language],
        updated: v.updated[language],
        changes: v.changes.map((c) => ({ kind: c.kind, text: c.text[language] })),
      }));
      return { template: 'program', data: { edition: view, days, unscheduled, sessionCount, versions }, cacheUntil: view.nextChangeAt };
    },

    async session(slug: string, sessionSlug: string, language: Language): Promise<Page> {
      const program = await programOf(slug);
      const session = program && [...program.days.flatMap((d) => d.sessions), ...program.unscheduled].find((s) => s.slug === sessionSlug);
      if (!program || !session) return notFound();
      const view = describe(program.edition, language);
      return { template: 'session', data: { edition: view, session: sessionView(program, session, language) }, cacheUntil: view.nextChangeAt };
    },

    notFound,
  };
};

function sessionView(program: Program, session: ProgramSession, language: Language) {
  const zone = zoneOf(program.edition);
  return {
    ...session,
    day: session.startsAt ? dayText(DateTime.fromISO(session.startsAt, { zone }).toISODate()!, zone, language) : null,
    start: session.startsAt ? clockTime(session.startsAt, zone, language) : null,
    end: session.endsAt ? clockTime(session.endsAt, zone, language) : null,
    slidesUrl: safeUrl(session.slidesUrl),
    videoUrl: safeUrl(session.videoUrl),
  };
}

function programDays(program: Program, language: Language) {
  const zone = zoneOf(program.edition);
  return program.days.map((day) => ({
    date: day.date,
    text: dayText(day.date, zone, language),
    label: day.label,
    sessions: day.sessions.map((s) => sessionView(program, s, language)),
  }));
}
