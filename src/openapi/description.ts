/**
 * The OpenAPI description of the app's own routes (the call for proposals, the program and its
 * exports, the description itself), merged by @strapi/plugin-documentation into the generated
 * document. The stock routes are described by the plugin; src/openapi/index.ts finishes the whole.
 *
 * Every operation has an `operationId`, the schema of what it takes and answers, and its refusals:
 * Strapi's error shape with the `details.code`s that status can carry. The value sets come from the
 * domain (call states, public statuses, the form's fields and error codes), not from copies.
 */
import administrationSchema from '../api/administration/content-types/administration/schema.json';
import sessionSchema from '../api/session/content-types/session/schema.json';
import { CALL_STATE_LABELS } from '../domain/labels';
import { PUBLIC_STATUSES } from '../domain/proposal-states';
import { LANGUAGES } from '../domain/language';
import { PROGRAM_CHANGE_KINDS } from '../domain/program-versions';
import { FIELD_ERROR_CODES, SUBMISSION_FIELDS, type FieldKind } from '../domain/submission-form';
import { CONSENTS, CONSENT_FIELDS } from '../domain/consent';
import { CO_SPEAKER_FIELDS, CO_SPEAKER_STATES, MAX_CO_SPEAKERS } from '../domain/co-speakers';

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** Null only: how OpenAPI 3.0 says "null" (`nullable` adds null to a type; the enum keeps null alone). */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };
const nullable = (schema: Schema) => ({ ...schema, nullable: true });
/** An enumeration that may be null: OpenAPI 3.0 wants null in the enum too. */
const nullableEnum = (values: readonly string[]) => ({ type: 'string', nullable: true, enum: [...values, null] });
const string = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const instant = { type: 'string', format: 'date-time' };
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});
/** Strapi's answer envelope. */
const envelope = (data: Schema) => object({ data, meta: { type: 'object' } });
/** A text in French and in English. */
const texts = (description: string) => ({ ...object({ fr: string(), en: string() }), description });

/** A program version as the program route gives it (src/api/program-version). */
const programVersion = object({
  number: { type: 'integer', minimum: 1 },
  label: texts('« Version 1 — programme stabilisé », « Version 2 »…'),
  releasedAt: instant,
  updated: texts('« Mis à jour le … », dans le fuseau de l’édition'),
  changes: {
    type: 'array',
    description: 'Depuis la version précédente, triées par heure de début',
    items: object(
      {
        kind: { type: 'string', enum: [...PROGRAM_CHANGE_KINDS] },
        id: { type: 'integer', description: 'Le numéro stable de la session (l’id de schedule.json)' },
        title: string(),
        text: texts('Ce qui a changé, en phrase'),
      },
      ['kind', 'id', 'title', 'text']
    ),
  },
});

// ---------------------------------------------------------------------------------------------
// Refusals: Strapi's error shape, one stable `details.code` each.

interface Refusal {
  status: number;
  name: string;
  /** When it happens, in French like every text a person reads. */
  when: string;
}

const REFUSALS = {
  VALIDATION_FAILED: {
    status: 400,
    name: 'ValidationError',
    when: 'champ manquant, vide, trop long ou de mauvais type, durée ou jour hors de l’édition, HTML, champ inconnu, pot de miel rempli : une entrée par champ dans details.errors',
  },
  MALFORMED_BODY: { status: 400, name: 'ValidationError', when: 'JSON mal formé, ou autre chose qu’un objet ou un tableau' },
  BODY_TOO_DEEP: { status: 400, name: 'ValidationError', when: 'objets ou tableaux imbriqués sur plus de 32 niveaux' },
  DRAFTS_NOT_PUBLIC: { status: 400, name: 'ValidationError', when: '?status=draft (ou toute autre valeur que published) : les brouillons ne sont pas publics' },
  DOCUMENTATION_RESTRICTED: {
    status: 401,
    name: 'UnauthorizedError',
    when: 'la documentation est protégée par un mot de passe (Réglages › Documentation) : se connecter sur /documentation/login',
  },
  CFP_NOT_OPEN_YET: { status: 403, name: 'ForbiddenError', when: "avant l'ouverture de l'appel (details.at, details.timeZone)" },
  CFP_CLOSED: { status: 403, name: 'ForbiddenError', when: "après la date limite de l'appel, sa dernière minute comprise (details.at, details.timeZone)" },
  CFP_NONE: { status: 403, name: 'ForbiddenError', when: "l'édition est marquée « Sans appel à interventions » (withoutCall)" },
  LATE_CODE_UNKNOWN: {
    status: 403,
    name: 'ForbiddenError',
    when: "après la date limite, lateCode n'est pas un code de dépôt tardif de cette édition",
  },
  LATE_CODE_EXPIRED: {
    status: 403,
    name: 'ForbiddenError',
    when: "après la date limite, lateCode n'est plus valable (sa dernière minute comprise, à l'heure de l'édition)",
  },
  LATE_CODE_EXHAUSTED: { status: 403, name: 'ForbiddenError', when: 'après la date limite, lateCode a déjà servi autant de fois que permis' },
  CONFIRMATION_CLOSED: { status: 403, name: 'ForbiddenError', when: 'après la date limite de confirmation (details.at)' },
  EDITION_NOT_FOUND: { status: 404, name: 'NotFoundError', when: 'aucune édition publiée ne porte ce slug ou ce documentId' },
  SESSION_NOT_FOUND: { status: 404, name: 'NotFoundError', when: "aucune session publiée n'a ce documentId" },
  NOT_FOUND: { status: 404, name: 'NotFoundError', when: 'jeton inconnu, mal formé ou expiré (la même réponse dans tous les cas)' },
  DOCUMENTATION_NOT_FOUND: { status: 404, name: 'NotFoundError', when: "le document n'a pas encore été généré" },
  PROPOSAL_DUPLICATE: { status: 409, name: 'ConflictError', when: 'même adresse électronique et même titre dans la même édition' },
  PROPOSAL_WITHDRAWN: { status: 409, name: 'ConflictError', when: 'la proposition a été retirée' },
  NOTHING_TO_CONFIRM: {
    status: 409,
    name: 'ConflictError',
    when: "la proposition n'attend pas de confirmation (non retenue, ou décision pas encore communiquée)",
  },
  CONSENT_TEXT_CHANGED: {
    status: 409,
    name: 'ConflictError',
    when: 'consentVersions ne sont plus les versions en cours : le texte a changé pendant la saisie (details.changed, details.current : les textes en cours)',
  },
  ILLEGAL_TRANSITION: { status: 409, name: 'ConflictError', when: "l'état de la proposition ne le permet plus (details.from, details.to)" },
  ILLEGAL_ANSWER: {
    status: 409,
    name: 'ConflictError',
    when: "l'invitation n'en est plus là (déclinée, retirée, ou pas encore acceptée pour une confirmation)",
  },
  INVITATION_CLOSED: { status: 409, name: 'ConflictError', when: "la proposition n'est plus en lice (retirée, déclinée, ou non retenue et communiquée)" },
  ERASURE_NOT_CONFIRMED: { status: 400, name: 'ValidationError', when: 'effacement sans { "data": { "confirm": true } } : rien n’est effacé' },
  ALREADY_ERASED: { status: 409, name: 'ConflictError', when: 'les données de la proposition viennent d’être effacées (deux demandes simultanées)' },
  PROPOSAL_NOT_FOUND: { status: 404, name: 'NotFoundError', when: 'la proposition vient d’être supprimée (deux demandes simultanées)' },
  PAYLOAD_TOO_LARGE: { status: 413, name: 'PayloadTooLargeError', when: 'corps de plus de 32 Ko (PROPOSAL_MAX_BODY_BYTES)' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, name: 'UnsupportedMediaTypeError', when: 'corps compressé autrement qu’en gzip ou deflate' },
  TOO_MANY_REQUESTS: {
    status: 429,
    name: 'RateLimitError',
    when: 'plus de 30 écritures en 15 minutes depuis la même adresse (Retry-After, details.retryAfterSeconds)',
  },
} as const satisfies Record<string, Refusal>;

type RefusalCode = keyof typeof REFUSALS;

/** The refusals of a route that takes a body, and of every public GET (`?status=draft`). */
const BODY_REFUSALS: RefusalCode[] = ['MALFORMED_BODY', 'BODY_TOO_DEEP', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_CONTENT_ENCODING'];
const READ_REFUSALS: RefusalCode[] = ['DRAFTS_NOT_PUBLIC'];

const retryAfter = { 'Retry-After': { description: 'Secondes avant de réessayer', schema: { type: 'integer' } } };

/** One response per status: the error shape, its `name`, and the `details.code`s it may carry. */
function refusals(codes: RefusalCode[]) {
  const byStatus = new Map<number, RefusalCode[]>();
  for (const code of codes) byStatus.set(REFUSALS[code].status, [...(byStatus.get(REFUSALS[code].status) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const names = [...new Set(list.map((code) => REFUSALS[code].name))];
    const details: Schema = object({ code: { type: 'string', enum: list } }, ['code']);
    if (list.includes('VALIDATION_FAILED')) (details.properties as Schema).errors = { type: 'array', items: ref('FieldError') };
    responses[String(status)] = {
      description: list.map((code) => `${code} : ${REFUSALS[code].when}`).join(' ; '),
      ...(status === 429 ? { headers: retryAfter } : {}),
      content: {
        'application/json': {
          schema: {
            allOf: [
              ref('Error'),
              {
                type: 'object',
                properties: { error: object({ status: { type: 'integer', enum: [status] }, name: { type: 'string', enum: names }, details }) },
              },
            ],
          },
        },
      },
    };
  }
  return responses;
}

// ---------------------------------------------------------------------------------------------
// What the routes take and answer.

const FIELD_TYPES: Record<FieldKind, Schema> = {
  text: { type: 'string' },
  longText: { type: 'string' },
  email: { type: 'string', format: 'email' },
  integer: { type: 'integer', description: "En minutes : l'une des durées de l'édition (callForProposals.durations)" },
  boolean: { type: 'boolean' },
  day: { type: 'string', format: 'date', description: "L'un des jours de l'édition, ou null : pas de préférence" },
  language: { type: 'string', enum: [...LANGUAGES], description: 'Langue des messages' },
  honeypot: { type: 'string', description: 'Pot de miel : doit rester vide' },
};

/** The form, from its one definition (src/domain/submission-form.ts). An optional field may be null (or empty): no value. */
function formFields(): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(SUBMISSION_FIELDS).map(([name, spec]) => {
      const type = FIELD_TYPES[spec.kind];
      const optional = spec.required ? {} : { nullable: true, ...(Array.isArray(type.enum) ? { enum: [...type.enum, null] } : {}) };
      return [name, { ...type, ...optional, ...(spec.min ? { minLength: spec.min } : {}), ...(spec.max ? { maxLength: spec.max } : {}), title: spec.label }];
    })
  );
}
const requiredFields = Object.entries(SUBMISSION_FIELDS)
  .filter(([, spec]) => spec.required)
  .map(([name]) => name);

const publicStatus = { type: 'string', enum: [...PUBLIC_STATUSES], description: 'Statut public ; jamais une décision non communiquée' };
const statusLabel = object({ fr: string(), en: string() });
const localizedInstant = nullable(object({ at: nullable(instant), fr: nullable(string()), en: nullable(string()) }));
const callInstant = nullable(object({ at: instant, text: string('En français, ou en anglais avec locale=en') }));

const speaker = object(
  {
    documentId: string(),
    name: string(),
    jobTitle: nullable(string("Fonction, seulement si l'intervenant a accepté sa publication")),
    bio: nullable(string()),
    administration: nullable(
      object({
        name: string(),
        acronym: nullable(string()),
        kind: nullableEnum(administrationSchema.attributes.kind.enum),
      })
    ),
  },
  ['documentId', 'name', 'administration']
);

const coSpeakerForm = {
  ...object(
    Object.fromEntries(
      Object.entries(CO_SPEAKER_FIELDS).map(([name, spec]) => [
        name,
        { ...FIELD_TYPES[spec.kind], ...('min' in spec ? { minLength: spec.min } : {}), maxLength: spec.max, title: spec.label },
      ])
    )
  ),
  additionalProperties: false,
};
const coSpeakersField = {
  type: 'array',
  nullable: true,
  maxItems: MAX_CO_SPEAKERS,
  items: ref('CoSpeakerForm'),
  description: `Les co-intervenants (${MAX_CO_SPEAKERS} au plus, ni l'adresse de l'auteur, ni deux fois la même) : chacun reçoit une invitation à son adresse, avec son propre lien. Dans une correction, la liste remplace la précédente (par adresse : une personne gardée garde ses réponses) ; absente, rien ne change.`,
};
const invitationStatus = { type: 'string', enum: [...CO_SPEAKER_STATES], description: "Où en est l'invitation du co-intervenant" };

const SCHEMAS = {
  CoSpeakerForm: coSpeakerForm,
  FieldError: object({
    path: { type: 'array', items: { type: 'string' } },
    code: { type: 'string', enum: [...FIELD_ERROR_CODES] },
    message: string('En français'),
    messageEn: string('In English'),
    name: { type: 'string', enum: ['ValidationError'] },
  }),
  SubmissionForm: {
    ...object(
      {
        edition: string("Slug (ou documentId) de l'édition"),
        ...formFields(),
        consentVersions: ref('ConsentVersions'),
        coSpeakers: coSpeakersField,
        lateCode: {
          type: 'string',
          maxLength: 40,
          description:
            "Code de dépôt tardif donné par l'équipe (10 caractères ; espaces, tirets et casse ignorés). Après la date limite seulement, un code valable admet la proposition et compte une utilisation ; avant, il n'est ni demandé ni compté.",
        },
      },
      ['edition', ...requiredFields]
    ),
    additionalProperties: false,
  },
  ConsentVersions: {
    type: 'object',
    description:
      'Les versions des textes de consentement que la personne a vues (GET /consent-texts/current) ; absentes : les versions en cours. Une version dépassée répond 409 CONSENT_TEXT_CHANGED.',
    properties: Object.fromEntries(CONSENTS.map((c) => [c, { type: 'integer', minimum: 1, nullable: true }])),
    additionalProperties: false,
  },
  ConsentChange: {
    type: 'object',
    description: 'Les consentements à donner (true) ou retirer (false), à tout moment ; au moins un.',
    properties: {
      ...Object.fromEntries(Object.values(CONSENT_FIELDS).map((field) => [field, { type: 'boolean' }])),
      consentVersions: ref('ConsentVersions'),
    },
    additionalProperties: false,
  },
  ConsentText: object({
    consent: { type: 'string', enum: [...CONSENTS] },
    version: { type: 'integer', minimum: 1 },
    text: string('Dans la langue demandée (Accept-Language), français par défaut'),
    textFr: string(),
    textEn: string(),
  }),
  SubmissionCorrection: {
    type: 'object',
    description: "Les champs à corriger seulement ; un champ obligatoire ne peut pas être vidé. L'édition ne change pas.",
    properties: { ...formFields(), coSpeakers: coSpeakersField },
    additionalProperties: false,
  },
  SubmissionReceipt: object({
    reference: string('Référence courte, ex. BH23-7KQ4-M9XZ'),
    statusToken: string('Jeton privé du lien de suivi : le seul moyen de relire la proposition'),
    statusUrl: string('Lien de suivi (PROPOSAL_STATUS_URL)'),
    status: publicStatus,
    statusLabel,
    edition: object({ slug: string(), title: string() }),
    responseDate: localizedInstant,
    programPublicationDate: localizedInstant,
  }),
  StatusLinkView: object({
    reference: string(),
    edition: nullable(object({ slug: string(), title: string(), timeZone: string() })),
    speakerName: string(),
    email: { type: 'string', format: 'email' },
    administrationName: string(),
    jobTitle: nullable(string()),
    title: string(),
    abstract: string(),
    preferredDay: nullable({ type: 'string', format: 'date' }),
    requestedDuration: { type: 'integer' },
    consentContact: nullable({ type: 'boolean' }),
    consentPublication: nullable({ type: 'boolean' }),
    consentJobTitle: nullable({ type: 'boolean' }),
    consents: {
      type: 'array',
      description: 'Chaque consentement : donné ou non, la version du texte vue, depuis quand',
      items: object({
        consent: { type: 'string', enum: [...CONSENTS] },
        given: { type: 'boolean' },
        version: nullable({ type: 'integer' }),
        at: localizedInstant,
      }),
    },
    language: nullableEnum(LANGUAGES),
    submittedAt: nullable(instant),
    status: publicStatus,
    statusLabel,
    decisionMessage: nullable(string('Le message de la décision, une fois communiquée')),
    canEdit: { type: 'boolean' },
    canWithdraw: { type: 'boolean' },
    canConfirm: { type: 'boolean' },
    confirmationDeadline: localizedInstant,
    editableUntil: localizedInstant,
    responseDate: localizedInstant,
    programPublicationDate: localizedInstant,
    coSpeakers: {
      type: 'array',
      description: "Les co-intervenants nommés, et où en est l'invitation de chacun (leur adresse n'est montrée qu'à l'auteur, qui l'a saisie)",
      items: object({ name: string(), email: string(), administrationName: string(), invitationStatus, invitationStatusLabel: statusLabel }),
    },
  }),
  InvitationView: object({
    name: string('Le nom du co-intervenant, tel que saisi par l’auteur'),
    administrationName: string(),
    invitationStatus,
    invitationStatusLabel: statusLabel,
    publicationConsent: { type: 'boolean', description: 'Accord à la publication de son nom et de son administration (donné en acceptant)' },
    talk: object({
      reference: string(),
      title: nullable(string()),
      speakerName: nullable(string('L’auteur de la proposition')),
      edition: nullable(object({ slug: string(), title: string(), timeZone: string() })),
      publicStatus,
      publicStatusLabel: statusLabel,
    }),
    canAccept: { type: 'boolean' },
    canDecline: { type: 'boolean' },
    canConfirm: { type: 'boolean' },
    canWithdraw: { type: 'boolean' },
    confirmationDeadline: localizedInstant,
    responseDate: localizedInstant,
    linkValidUntil: localizedInstant,
  }),
  PersonalDataExport: object({
    madeAt: instant,
    scope: {
      type: 'string',
      enum: ['link', 'address'],
      description: 'link : la proposition du lien ; address : toutes celles de l’adresse, dans l’édition (courriel seulement)',
    },
    controller: object({ name: string('L’édition, dont l’équipe est responsable du traitement'), contactEmail: nullable(string()) }),
    register: string('Où lire le registre des traitements'),
    about: statusLabel,
    proposals: {
      type: 'array',
      items: object({
        reference: string(),
        edition: nullable(object({ title: string(), slug: nullable(string()) })),
        speakerName: nullable(string()),
        email: nullable(string()),
        administrationName: nullable(string()),
        jobTitle: nullable(string()),
        title: nullable(string()),
        abstract: nullable(string()),
        preferredDay: nullable({ type: 'string', format: 'date' }),
        requestedDuration: nullable({ type: 'integer' }),
        language: nullable(string()),
        consents: object({
          contact: { type: 'boolean' },
          publication: { type: 'boolean' },
          jobTitle: { type: 'boolean' },
          record: { nullable: true, description: 'Les consentements tels que donnés : version du texte vu, instant' },
        }),
        submittedAt: nullable(instant),
        status: publicStatus,
        statusLabel,
        decisionMessage: nullable(string('Une fois la décision communiquée')),
        reviewerNotes: nullable(string('Notes de l’équipe à votre sujet, une fois la décision communiquée')),
        reviewerNotesWhen: nullable(statusLabel),
        reviews: {
          type: 'array',
          description: 'Les relectures notées, une fois la décision communiquée : jamais le nom du relecteur',
          items: object({
            scoredAt: instant,
            scores: { type: 'array', items: object({ criterion: statusLabel, weight: { type: 'number' }, score: { type: 'integer' } }) },
            weightedMean: nullable({ type: 'number' }),
            comment: nullable(string()),
          }),
        },
        reviewsWhen: nullable(statusLabel),
        confirmationDeadline: nullable(instant),
        statusLinkValidUntil: nullable(instant),
        history: { type: 'array', items: object({ status: publicStatus, at: instant }) },
        coSpeakers: {
          type: 'array',
          items: object({ name: string(), email: string(), administrationName: string(), invitationStatus, invitationStatusLabel: statusLabel }),
        },
        mails: {
          type: 'array',
          items: object({
            kind: string(),
            sentAt: nullable(instant),
            recipient: nullable(string()),
            subject: nullable(string()),
            body: nullable(string('Le texte tel qu’envoyé, le lien de suivi masqué')),
          }),
        },
      }),
    },
  }),
  ErasurePreview: object({
    reference: string(),
    outcome: { type: 'string', enum: ['delete', 'anonymise', 'keep-published'] },
    erased: { type: 'array', items: statusLabel, description: 'Ce qui sera effacé, en français et en anglais' },
    kept: { type: 'array', items: statusLabel, description: 'Ce qui restera, et pourquoi' },
  }),
  CallForProposals: {
    ...object({
      state: { type: 'string', enum: Object.keys(CALL_STATE_LABELS) },
      timeZone: string('Fuseau IANA de l’édition'),
      opensAt: callInstant,
      closesAt: callInstant,
      responseDate: callInstant,
      programPublicationDate: callInstant,
      durations: object({
        min: nullable({ type: 'integer' }),
        max: nullable({ type: 'integer' }),
        choices: nullable({ type: 'array', items: { type: 'integer' } }),
        text: string(),
      }),
      timeLeft: nullable(object({ milliseconds: { type: 'number' }, text: string() })),
      nextChangeAt: nullable({ ...instant, description: 'Quand ce bloc change de lui-même' }),
    }),
    description: "Calculé à chaque lecture (jamais enregistré), selon l'horloge du serveur et le fuseau de l'édition",
    readOnly: true,
  },
  ProgramSession: object(
    {
      id: { type: 'integer' },
      documentId: string(),
      slug: string(),
      title: string(),
      abstract: nullable(string()),
      startsAt: nullable(instant),
      endsAt: nullable({ ...instant, description: 'startsAt + durationMinutes' }),
      durationMinutes: nullable({ type: 'integer' }),
      room: nullable(string()),
      format: nullableEnum(sessionSchema.attributes.format.enum),
      slidesUrl: nullable(string()),
      videoUrl: nullable(string()),
      speakers: { type: 'array', items: speaker },
    },
    ['id', 'documentId', 'slug', 'title', 'startsAt', 'endsAt', 'durationMinutes', 'speakers']
  ),
  Program: object({
    edition: object(
      {
        documentId: string(),
        slug: string(),
        title: string(),
        year: { type: 'integer' },
        timeZone: string(),
        venue: nullable({ type: 'object', properties: { name: string(), hostShow: string(), address: string(), city: string() } }),
        locale: string(),
      },
      ['documentId', 'slug', 'title', 'year', 'timeZone']
    ),
    days: {
      type: 'array',
      items: object({
        index: { type: 'integer', minimum: 1 },
        date: { type: 'string', format: 'date', description: "Date locale, dans le fuseau de l'édition" },
        label: nullable(string()),
        start: nullable(instant),
        end: nullable(instant),
        sessions: { type: 'array', items: ref('ProgramSession') },
      }),
    },
    unscheduled: { type: 'array', items: ref('ProgramSession'), description: 'Sessions publiées sans heure de début' },
    version: nullable({ ...programVersion, description: 'La version en cours et ses modifications ; null avant la date de publication du programme' }),
  }),
  SessionPage: object({ path: string('Chemin du fichier dans le site, ex. src/sessions/slug.md'), content: string('Markdown avec front matter YAML') }),
  Error: object(
    {
      data: NULL_ONLY,
      error: object(
        {
          status: { type: 'integer' },
          name: string(),
          message: string('En français, ou en anglais avec Accept-Language: en'),
          details: {
            type: 'object',
            properties: { code: string('Stable : à tester plutôt que le message'), messageFr: string(), messageEn: string() },
          },
        },
        ['status', 'name', 'message']
      ),
    },
    ['data', 'error']
  ),
};

/** Names of the schemas written here, which the finishing pass leaves as they are. */
export const HAND_WRITTEN_SCHEMAS: readonly string[] = Object.keys(SCHEMAS);

// ---------------------------------------------------------------------------------------------
// The routes.

const parameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const editionParam = parameter('edition', "Slug ou documentId de l'édition publiée");
const sessionParam = parameter('session', 'documentId de la session publiée');
const tokenParam = parameter('token', 'Jeton privé du lien de suivi');
const acceptLanguage = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  description: 'Langue des messages d’erreur : français par défaut, anglais avec en',
  schema: { type: 'string' },
};
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, description: 'ETag d’une réponse précédente', schema: { type: 'string' } };
const cacheHeaders = {
  ETag: { schema: { type: 'string' } },
  'Cache-Control': { schema: { type: 'string', example: 'public, max-age=0, must-revalidate' } },
};

const answer = (description: string, schema: Schema) => ({ description, content: { 'application/json': { schema: envelope(schema) } } });

function callForProposals(operationId: string, summary: string, extra: Record<string, unknown>) {
  return { tags: ['Call for proposals'], operationId, summary, security: [], ...extra };
}

/** A public read of the program or an export: cached, 304 on If-None-Match. */
function read(operationId: string, summary: string, param: Schema, ok: Record<string, unknown>, notFound: RefusalCode) {
  return {
    get: {
      tags: ['Program'],
      operationId,
      summary,
      security: [],
      parameters: [param, ifNoneMatch, acceptLanguage],
      responses: {
        '200': { ...ok, headers: cacheHeaders },
        '304': { description: 'Inchangé depuis If-None-Match', headers: { ETag: cacheHeaders.ETag } },
        ...refusals([...READ_REFUSALS, notFound]),
      },
    },
  };
}
const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });

/** What a co-speaker does through their invitation link, once the token is known. */
function invitationAction(operationId: string, summary: string, codes: RefusalCode[]) {
  return {
    post: callForProposals(operationId, summary, {
      parameters: [tokenParam, acceptLanguage],
      responses: {
        '200': answer("L'invitation, telle que le co-intervenant la voit", ref('InvitationView')),
        ...refusals([...codes, 'NOT_FOUND', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
      },
    }),
  };
}

/** What a proposer does through the status link, once the token is known. */
function statusLinkAction(operationId: string, summary: string, codes: RefusalCode[]) {
  return {
    post: callForProposals(operationId, summary, {
      parameters: [tokenParam, acceptLanguage],
      responses: {
        '200': answer('La proposition, telle que son auteur la voit', ref('StatusLinkView')),
        ...refusals([...codes, 'NOT_FOUND', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
      },
    }),
  };
}

const PATHS = {
  '/proposals': {
    post: callForProposals('submitProposal', 'Soumettre une proposition (appel ouvert uniquement)', {
      parameters: [acceptLanguage],
      requestBody: { required: true, content: { 'application/json': { schema: object({ data: ref('SubmissionForm') }) } } },
      responses: {
        '201': answer(
          'Référence, jeton et lien de suivi, status (under-review après l’envoi) et statusLabel comme le lien de suivi, dates de réponse et de programme',
          ref('SubmissionReceipt')
        ),
        ...refusals([
          'VALIDATION_FAILED',
          'CFP_NOT_OPEN_YET',
          'CFP_CLOSED',
          'CFP_NONE',
          'LATE_CODE_UNKNOWN',
          'LATE_CODE_EXPIRED',
          'LATE_CODE_EXHAUSTED',
          'EDITION_NOT_FOUND',
          'PROPOSAL_DUPLICATE',
          'CONSENT_TEXT_CHANGED',
          ...BODY_REFUSALS,
          'TOO_MANY_REQUESTS',
        ]),
      },
    }),
  },
  '/proposals/mine/{token}': {
    get: callForProposals('getMyProposal', 'Relire sa proposition par le lien de suivi', {
      parameters: [tokenParam, acceptLanguage],
      responses: { '200': answer('La proposition, telle que son auteur la voit', ref('StatusLinkView')), ...refusals([...READ_REFUSALS, 'NOT_FOUND']) },
    }),
    put: callForProposals('correctMyProposal', "Corriger sa proposition jusqu'à la date limite", {
      parameters: [tokenParam, acceptLanguage],
      requestBody: { required: true, content: { 'application/json': { schema: object({ data: ref('SubmissionCorrection') }) } } },
      responses: {
        '200': answer('La proposition corrigée', ref('StatusLinkView')),
        ...refusals([
          'VALIDATION_FAILED',
          'CFP_NOT_OPEN_YET',
          'CFP_CLOSED',
          'NOT_FOUND',
          'PROPOSAL_WITHDRAWN',
          'PROPOSAL_DUPLICATE',
          ...BODY_REFUSALS,
          'TOO_MANY_REQUESTS',
        ]),
      },
    }),
  },
  '/proposals/mine/{token}/consents': {
    put: callForProposals('changeMyConsents', 'Donner ou retirer ses consentements, à tout moment (même après la date limite)', {
      parameters: [tokenParam, acceptLanguage],
      requestBody: { required: true, content: { 'application/json': { schema: object({ data: ref('ConsentChange') }) } } },
      responses: {
        '200': {
          description:
            'La proposition, telle que son auteur la voit ; meta.unpublished : la session publiée a été retirée du programme (accord de publication retiré)',
          content: { 'application/json': { schema: object({ data: ref('StatusLinkView'), meta: object({ unpublished: { type: 'boolean' } }) }) } },
        },
        ...refusals(['VALIDATION_FAILED', 'NOT_FOUND', 'CONSENT_TEXT_CHANGED', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
      },
    }),
  },
  '/consent-texts/current': {
    get: callForProposals('getCurrentConsentTexts', 'Les textes en cours des consentements du formulaire, avec leur version', {
      parameters: [acceptLanguage],
      responses: {
        '200': answer('La dernière version de chaque consentement', { type: 'array', items: ref('ConsentText') }),
        ...refusals(READ_REFUSALS),
      },
    }),
  },
  '/proposals/mine/{token}/withdraw': statusLinkAction('withdrawMyProposal', 'Retirer sa proposition (même après la date limite ; deux fois répond pareil)', [
    'ILLEGAL_TRANSITION',
  ]),
  '/proposals/mine/{token}/confirm': statusLinkAction('confirmMyProposal', 'Confirmer sa venue (proposition retenue et communiquée)', [
    'CONFIRMATION_CLOSED',
    'NOTHING_TO_CONFIRM',
  ]),
  '/proposals/mine/{token}/decline': statusLinkAction('declineMyProposal', 'Décliner (proposition retenue et communiquée)', [
    'CONFIRMATION_CLOSED',
    'NOTHING_TO_CONFIRM',
  ]),
  '/proposals/invitations/{token}': {
    get: callForProposals('getMyInvitation', 'Lire son invitation de co-intervenant par son lien privé (sans compte)', {
      parameters: [tokenParam, acceptLanguage],
      responses: { '200': answer("L'invitation, telle que le co-intervenant la voit", ref('InvitationView')), ...refusals([...READ_REFUSALS, 'NOT_FOUND']) },
    }),
  },
  '/proposals/invitations/{token}/accept': {
    post: callForProposals(
      'acceptMyInvitation',
      "Accepter l'invitation : c'est accepter la publication de son nom et de son administration si l'intervention est retenue (deux fois répond pareil)",
      {
        parameters: [tokenParam, acceptLanguage],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: {
                    type: 'object',
                    properties: { consentVersion: { type: 'integer', minimum: 1, description: 'La version du texte de consentement « publication » vue' } },
                    additionalProperties: false,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': answer("L'invitation, telle que le co-intervenant la voit", ref('InvitationView')),
          ...refusals(['ILLEGAL_ANSWER', 'INVITATION_CLOSED', 'CONSENT_TEXT_CHANGED', 'NOT_FOUND', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
        },
      }
    ),
  },
  '/proposals/invitations/{token}/decline': invitationAction(
    'declineMyInvitation',
    "Décliner l'invitation (la proposition continue sans soi ; deux fois répond pareil)",
    ['ILLEGAL_ANSWER']
  ),
  '/proposals/invitations/{token}/confirm': invitationAction(
    'confirmMyParticipation',
    "Confirmer sa participation, une fois l'invitation acceptée et la proposition retenue et communiquée, dans le délai de confirmation de l'auteur",
    ['ILLEGAL_ANSWER', 'NOTHING_TO_CONFIRM', 'CONFIRMATION_CLOSED']
  ),
  '/proposals/invitations/{token}/withdraw': invitationAction(
    'withdrawMyParticipation',
    'Retirer sa participation (acceptée ou confirmée) : son nom quitte la session',
    ['ILLEGAL_ANSWER']
  ),
  '/proposals/invitations/{token}/erasure': {
    post: callForProposals(
      'eraseMyInvitation',
      'Effacer ses données de co-intervenant (définitif ; le lien cesse de fonctionner ; la proposition continue sans soi)',
      {
        parameters: [tokenParam, acceptLanguage],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: object({ data: object({ confirm: { type: 'boolean', enum: [true] } }) }) } },
        },
        responses: {
          '200': answer('Effacé', object({ erased: { type: 'boolean', enum: [true] } })),
          ...refusals(['ERASURE_NOT_CONFIRMED', 'NOT_FOUND', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
        },
      }
    ),
  },
  '/proposals/mine/{token}/personal-data': {
    get: callForProposals('exportMyPersonalData', 'Télécharger ses données (la proposition du lien seulement), en fichier JSON jamais mis en cache', {
      parameters: [tokenParam, acceptLanguage],
      responses: {
        '200': {
          description: 'Le fichier, sans enveloppe (Content-Disposition: attachment; filename="mes-donnees-<référence>.json")',
          headers: { 'Content-Disposition': { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string', example: 'no-store' } } },
          content: { 'application/json': { schema: ref('PersonalDataExport') } },
        },
        ...refusals([...READ_REFUSALS, 'NOT_FOUND']),
      },
    }),
  },
  '/proposals/mine/{token}/personal-data/mail': {
    post: callForProposals(
      'mailMyPersonalData',
      "Recevoir par courriel, à l'adresse de la proposition et à elle seule, l'export de toutes les propositions de cette adresse dans l'édition",
      {
        parameters: [tokenParam, acceptLanguage],
        responses: {
          '202': answer('Demande prise en compte ; la réponse ne dit rien du nombre de propositions', object({ queued: { type: 'boolean' } })),
          ...refusals(['NOT_FOUND', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
        },
      }
    ),
  },
  '/proposals/mine/{token}/erasure': {
    get: callForProposals('previewMyErasure', 'Ce que l’effacement de ses données effacerait, et ce qui resterait (et pourquoi)', {
      parameters: [tokenParam, acceptLanguage],
      responses: { '200': answer('L’aperçu', ref('ErasurePreview')), ...refusals([...READ_REFUSALS, 'NOT_FOUND']) },
    }),
    post: callForProposals('eraseMyPersonalData', 'Effacer ses données (définitif ; le lien de suivi cesse de fonctionner)', {
      parameters: [tokenParam, acceptLanguage],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: object({ data: object({ confirm: { type: 'boolean', enum: [true] } }) }) } },
      },
      responses: {
        '200': answer('Ce qui a été effacé, ce qui reste et pourquoi', ref('ErasurePreview')),
        ...refusals(['ERASURE_NOT_CONFIRMED', 'NOT_FOUND', 'PROPOSAL_NOT_FOUND', 'ALREADY_ERASED', ...BODY_REFUSALS, 'TOO_MANY_REQUESTS']),
      },
    }),
  },
  '/editions/{edition}/program': (() => {
    const route = read(
      'getEditionProgram',
      'Programme publié, par jour, trié par heure de début (rien avant la date de publication du programme)',
      editionParam,
      answer('Le programme', ref('Program')),
      'EDITION_NOT_FOUND'
    );
    route.get.parameters.splice(1, 0, {
      name: 'locale',
      in: 'query',
      required: false,
      description: 'Langue du contenu',
      schema: { type: 'string', enum: [...LANGUAGES] },
    });
    return route;
  })(),
  '/editions/{edition}/schedule.json': read(
    'getEditionScheduleJson',
    'Programme au format C3VOC schedule.json (Giggity, ConfClerk, EventFahrplan)',
    editionParam,
    {
      description: 'Valide selon le schéma C3VOC https://c3voc.de/schedule/schema.json',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['schedule'],
            properties: {
              $schema: string(),
              generator: { type: 'object' },
              schedule: object({ version: string(), base_url: string(), conference: { type: 'object' } }),
            },
            externalDocs: { url: 'https://c3voc.de/schedule/schema.json' },
          },
        },
      },
    },
    'EDITION_NOT_FOUND'
  ),
  '/editions/{edition}/schedule.xml': read(
    'getEditionScheduleXml',
    'Programme au format C3VOC schedule.xml',
    editionParam,
    text('application/xml', 'Valide selon https://c3voc.de/schedule/schema.xsd'),
    'EDITION_NOT_FOUND'
  ),
  '/editions/{edition}/calendar.ics': read(
    'getEditionCalendar',
    "Programme en iCalendar, dans le fuseau de l'édition, UID stables",
    editionParam,
    text('text/calendar', 'iCalendar (RFC 5545)'),
    'EDITION_NOT_FOUND'
  ),
  '/editions/{edition}/announcement.md': read(
    'getEditionAnnouncement',
    "Annonce de l'appel, en Markdown avec front matter YAML",
    editionParam,
    text('text/markdown', 'Markdown'),
    'EDITION_NOT_FOUND'
  ),
  '/editions/{edition}/session-pages': read(
    'getEditionSessionPages',
    'Une page Markdown par session publiée, pour un site statique',
    editionParam,
    answer('Les pages', { type: 'array', items: ref('SessionPage') }),
    'EDITION_NOT_FOUND'
  ),
  '/sessions/{session}/calendar.ics': read(
    'getSessionCalendar',
    'Une session en iCalendar',
    sessionParam,
    text('text/calendar', 'iCalendar (RFC 5545)'),
    'SESSION_NOT_FOUND'
  ),
  '/sessions/{session}/page.md': read(
    'getSessionPage',
    'Une session en Markdown avec front matter YAML',
    sessionParam,
    text('text/markdown', 'Markdown'),
    'SESSION_NOT_FOUND'
  ),
  '/openapi.json': {
    get: {
      tags: ['API description'],
      operationId: 'getOpenApiDocument',
      summary: 'Ce document, en JSON (OpenAPI 3.0) ; Swagger UI le montre sur /documentation',
      security: [],
      parameters: [ifNoneMatch, acceptLanguage],
      responses: {
        '200': {
          description: 'Le document OpenAPI',
          headers: cacheHeaders,
          content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'] } } },
        },
        '304': { description: 'Inchangé depuis If-None-Match', headers: { ETag: cacheHeaders.ETag } },
        ...refusals(['DOCUMENTATION_RESTRICTED', 'DOCUMENTATION_NOT_FOUND']),
      },
    },
  },
};

export const OPENAPI_OVERRIDE = {
  tags: [
    { name: 'Call for proposals', description: 'Proposer une intervention, puis la suivre par le lien privé (aucun compte)' },
    { name: 'Program', description: 'Le programme publié et ses exports : contenu publié seulement, ETag et 304' },
    { name: 'API description', description: 'Ce document' },
  ],
  components: { schemas: SCHEMAS },
  paths: PATHS,
};
