/**
 * The editors' admin, set by the project (not clicked by hand), so that it survives a fresh
 * install: French labels and help texts on every field, list columns, default sorts, and the
 * edition's edit view laid out section by section. Applied when LAYOUT_VERSION changes, so that an
 * editor's later adjustments are kept between boots.
 */
import type { Core, Struct, UID } from '@strapi/strapi';
import { CO_SPEAKER_SYSTEM_FIELDS } from '../domain/co-speakers';
import { PROPOSAL_SYSTEM_FIELDS } from '../domain/proposal-states';

const LAYOUT_VERSION = 14;

const LABELS: Record<string, Record<string, string>> = {
  'api::event.event': { name: 'Nom', slug: 'Identifiant (URL)', description: 'Présentation', organizer: 'Organisateur', editions: 'Éditions' },
  'api::edition.edition': {
    title: 'Titre',
    slug: 'Identifiant (URL)',
    year: 'Année',
    event: 'Événement',
    description: 'Présentation',
    venue: 'Lieu',
    registrationUrl: "Page d'inscription au salon",
    timeZone: 'Fuseau horaire',
    days: 'Jours',
    rooms: 'Salles',
    changeoverMinutes: 'Battement entre deux sessions (min)',
    withoutCall: 'Sans appel à interventions',
    cfpOpensAt: "Ouverture de l'appel",
    cfpClosesAt: "Clôture de l'appel (minute incluse)",
    responseDate: 'Date de réponse',
    programPublicationDate: 'Publication du programme',
    confirmationWindowDays: 'Délai de confirmation (jours)',
    minDurationMinutes: 'Durée minimale (min)',
    maxDurationMinutes: 'Durée maximale (min)',
    recommendedMaxDurationMinutes: 'Durée maximale conseillée (min)',
    durationChoices: 'Durées proposées (min)',
    contactEmail: 'Adresse de contact',
    retentionMonths: 'Conservation des données personnelles (mois)',
    anonymousReview: 'Relecture anonyme',
    sessions: 'Sessions',
  },
  'api::proposal.proposal': {
    reference: 'Référence',
    edition: 'Édition',
    speakerName: 'Intervenant',
    email: 'Courriel',
    administrationName: 'Administration (saisie)',
    administration: 'Administration (rapprochée)',
    jobTitle: 'Fonction',
    title: 'Titre',
    abstract: 'Résumé',
    preferredDay: 'Jour préféré',
    requestedDuration: 'Durée souhaitée (min)',
    state: 'État',
    decisionMessage: "Message à l'intervenant",
    reviewerNotes: 'Notes internes',
    submittedAt: 'Reçue le',
    decidedAt: 'Décidée le',
    notifiedAt: 'Décision envoyée le',
    consentContact: 'Accepte d’être recontacté',
    consentPublication: 'Accepte la publication',
    consentJobTitle: 'Accepte la publication de sa fonction',
    consentRecord: 'Consentements enregistrés (version du texte, date)',
    language: 'Langue',
    statusTokenHash: 'Empreinte du lien de suivi',
    statusTokenExpiresAt: 'Lien de suivi valable jusqu’au',
    statusTokenEncrypted: 'Lien de suivi (chiffré)',
    duplicateKey: 'Clé anti-doublon',
    decisionReleasedAt: 'Décision communiquée le',
    confirmationDeadline: 'À confirmer avant le',
    stateHistory: 'Historique des états',
    communicatedState: 'Décision communiquée',
    communicatedAt: 'Dernière communication le',
    lateCode: 'Code de dépôt tardif',
    promotedInPlaceOf: "Promue à la place de (liste d'attente)",
  },
  'api::decision-release.decision-release': {
    edition: 'Édition',
    releasedAt: 'Communiquées le',
    releasedBy: 'Par',
    acceptances: 'Acceptations',
    waitlists: "Listes d'attente",
    rejections: 'Refus',
    changedDecisions: 'Dont décisions modifiées',
    mailsSent: 'Courriels',
  },
  'api::access-log.access-log': {
    at: 'Le',
    by: 'Par',
    action: 'Action',
    edition: 'Édition',
    editionTitle: "Titre de l'édition",
    proposals: 'Propositions',
    summary: 'Ce qui a été fait',
  },
  'api::late-code.late-code': {
    edition: 'Édition',
    label: 'Libellé',
    code: 'Code',
    validUntil: "Valide jusqu'au",
    maxUses: "Nombre d'utilisations permis",
    uses: 'Utilisations',
    proposals: 'Propositions déposées avec ce code',
  },
  'api::review-criterion.review-criterion': {
    edition: 'Édition',
    label: 'Critère',
    labelEn: 'Critère (anglais)',
    description: 'Ce que le critère regarde',
    weight: 'Poids',
    position: 'Ordre',
  },
  'api::reviewer.reviewer': {
    user: 'Compte',
    administrationName: 'Administration de rattachement',
    active: 'Reçoit des propositions à relire',
  },
  'api::review.review': {
    proposal: 'Proposition',
    reviewer: 'Relecteur',
    scores: 'Notes (par critère, de 1 à 5)',
    comment: 'Commentaire',
    scoredAt: 'Notée le',
    assignedAt: 'Confiée le',
    assignedBy: 'Répartition lancée par',
  },
  'api::privacy-task.privacy-task': {
    edition: 'Édition',
    kind: 'Nature',
    sessionTitle: 'Session',
    session: 'Session (si elle existe encore)',
    createdOn: 'Créée le',
    doneAt: 'Faite le',
    doneBy: 'Faite par',
  },
  'api::session.session': {
    edition: 'Édition',
    title: 'Titre',
    slug: 'Identifiant (URL)',
    abstract: 'Résumé',
    speakers: 'Intervenants',
    startsAt: 'Début',
    durationMinutes: 'Durée (min)',
    room: 'Salle',
    format: 'Format',
    proposal: "Proposition d'origine",
    slidesUrl: 'Supports',
    videoUrl: 'Vidéo',
    scheduledPublishAt: 'Publication programmée le',
    number: 'Numéro (programmes exportés)',
    cancelled: 'Annulée',
    scheduleSequence: "Révision de l'horaire",
  },
  'api::speaker.speaker': {
    name: 'Nom',
    administration: 'Administration',
    jobTitle: 'Fonction (si consentie)',
    bio: 'Biographie',
    photo: 'Photo',
    sessions: 'Sessions',
    scheduledPublishAt: 'Publication programmée le',
  },
  'api::administration.administration': { name: 'Nom', acronym: 'Sigle', kind: 'Nature' },
  'api::consent-text.consent-text': {
    consent: 'Consentement',
    version: 'Version (attribuée à la création)',
    textFr: 'Texte en français',
    textEn: 'Texte en anglais',
    firstRecordedAt: 'Vue pour la première fois le',
  },
  'api::rebuild-target.rebuild-target': {
    name: 'Nom',
    url: 'Adresse',
    method: 'Méthode',
    headers: 'En-têtes',
    bodyTemplate: 'Modèle de corps',
    secret: 'Secret',
    events: 'Événements',
    enabled: 'Actif',
    quietPeriodSeconds: 'Regroupement (s)',
    maxAttempts: 'Essais au plus',
  },
  'api::delivery.delivery': {
    target: 'Cible (si elle existe encore)',
    targetName: 'Site',
    events: 'Événements',
    state: 'État',
    attempts: 'Essais',
    firstEventAt: 'Premier événement',
    dueAt: 'Prévu à',
    sentAt: 'Envoyé le',
    lastStatus: 'Statut HTTP',
    lastError: 'Dernière erreur',
    claimedBy: 'En cours par',
  },
  'api::notification.notification': {
    kind: 'Nature',
    proposal: 'Proposition',
    onceKey: "Clé d'unicité",
    state: 'État',
    attempts: 'Essais',
    nextAttemptAt: 'Prochain essai',
    sentAt: 'Envoyé le',
    lastError: 'Dernière erreur',
    claimedBy: 'En cours par',
    coSpeaker: 'Co-intervenant',
  },
  'api::co-speaker.co-speaker': {
    proposal: 'Proposition',
    name: 'Nom',
    email: 'Courriel',
    administrationName: 'Administration (saisie)',
    administration: 'Administration (rapprochée)',
    state: 'Invitation',
    language: 'Langue',
    consentPublication: 'Accepte la publication',
    consentRecord: 'Consentement enregistré (version du texte, date)',
    invitedAt: 'Invité le',
    answeredAt: 'A répondu le',
    confirmedAt: 'A confirmé le',
    tokenExpiresAt: 'Lien valable jusqu’au',
    speakerDocumentId: "Profil d'intervenant",
  },
};

/** A co-speaker link's hash and encrypted token: of no use to an editor, out of the edit view. */
const CO_SPEAKER_HIDDEN_IN_EDIT: readonly string[] = ['tokenHash', 'tokenEncrypted'];

/** Fields the app writes itself: shown in the edit view, not editable (the document middlewares ignore a written value too). */
const READ_ONLY: Record<string, string[]> = {
  // The co-speaker's own answers and the app's links: keepCoSpeakersMadeByProposers ignores an editor's value.
  'api::co-speaker.co-speaker': CO_SPEAKER_SYSTEM_FIELDS.filter((field) => !CO_SPEAKER_HIDDEN_IN_EDIT.includes(field)),
  'api::session.session': ['number', 'scheduleSequence'],
  // Written by the app: the record of what the proposer agreed to, and the texts' numbering.
  'api::proposal.proposal': ['consentRecord'],
  'api::consent-text.consent-text': ['version', 'firstRecordedAt'],
};

/**
 * Fields out of the edit view. A proposal's system fields are the app's (limitAdminProposalWrites
 * ignores an editor's value); its state is set from the « Décision » side panel, which offers only
 * an editor's states and shows the history, so that the form never sends back a stale state.
 */
const HIDDEN_IN_EDIT: Record<string, readonly string[]> = {
  'api::co-speaker.co-speaker': CO_SPEAKER_HIDDEN_IN_EDIT,
  'api::proposal.proposal': [...PROPOSAL_SYSTEM_FIELDS, 'state'],
  // Counted by the app (keepLateCodesMadeByApp ignores an editor's value); the list view shows it.
  'api::late-code.late-code': ['uses'],
};

const COMPONENT_LABELS: Record<string, Record<string, string>> = {
  'edition.room': { name: 'Nom de la salle' },
  'edition.day': { date: 'Date', startTime: 'Début (heure locale)', endTime: 'Fin (heure locale)', label: 'Libellé' },
  'edition.venue': { name: 'Nom du lieu', hostShow: 'Salon hôte', address: 'Adresse', city: 'Ville' },
  'event.organizer': { name: 'Nom', website: 'Site web', email: 'Courriel de contact' },
};

/** Shorter column titles than the edit view's labels, so that a list keeps all its columns at 1440 px. */
const LIST_LABELS: Record<string, Record<string, string>> = {
  'api::proposal.proposal': {
    reference: 'Réf.',
    administrationName: 'Administration',
    requestedDuration: 'Durée (min)',
  },
};

const LIST: Record<string, { columns: string[]; sort: [string, 'ASC' | 'DESC']; mainField?: string }> = {
  'api::proposal.proposal': {
    columns: ['reference', 'title', 'edition', 'administrationName', 'requestedDuration', 'state', 'submittedAt'],
    sort: ['submittedAt', 'DESC'],
    mainField: 'title',
  },
  'api::session.session': { columns: ['title', 'startsAt', 'durationMinutes', 'room', 'format', 'edition'], sort: ['startsAt', 'ASC'], mainField: 'title' },
  'api::edition.edition': { columns: ['title', 'year', 'cfpClosesAt', 'programPublicationDate'], sort: ['year', 'DESC'], mainField: 'title' },
  'api::delivery.delivery': { columns: ['targetName', 'state', 'attempts', 'lastStatus', 'sentAt', 'dueAt'], sort: ['id', 'DESC'] },
  'api::notification.notification': { columns: ['kind', 'proposal', 'state', 'attempts', 'sentAt'], sort: ['id', 'DESC'] },
  'api::co-speaker.co-speaker': { columns: ['name', 'administrationName', 'proposal', 'state', 'invitedAt'], sort: ['id', 'DESC'], mainField: 'name' },
  'api::access-log.access-log': { columns: ['at', 'action', 'by', 'editionTitle', 'proposals'], sort: ['at', 'DESC'] },
  'api::late-code.late-code': { columns: ['label', 'code', 'edition', 'validUntil', 'uses', 'maxUses'], sort: ['validUntil', 'DESC'], mainField: 'label' },
  'api::review-criterion.review-criterion': { columns: ['label', 'weight', 'position', 'edition'], sort: ['position', 'ASC'], mainField: 'label' },
  'api::reviewer.reviewer': { columns: ['user', 'administrationName', 'active'], sort: ['id', 'ASC'], mainField: 'administrationName' },
  'api::review.review': { columns: ['proposal', 'reviewer', 'scoredAt', 'assignedAt'], sort: ['id', 'DESC'] },
  'api::privacy-task.privacy-task': { columns: ['kind', 'sessionTitle', 'edition', 'createdOn', 'doneAt'], sort: ['createdOn', 'DESC'] },
  'api::consent-text.consent-text': { columns: ['consent', 'version', 'textFr', 'firstRecordedAt'], sort: ['version', 'DESC'] },
  'api::decision-release.decision-release': {
    columns: ['edition', 'releasedAt', 'releasedBy', 'acceptances', 'waitlists', 'rejections', 'mailsSent'],
    sort: ['releasedAt', 'DESC'],
  },
};

/** The edition's edit view, section by section: general, venue, days, rooms and changeover, call for proposals, durations, personal data, review. */
const EDITION_SECTIONS = [
  ['title', 'slug', 'year', 'event', 'timeZone', 'contactEmail', 'description'],
  ['venue', 'registrationUrl'],
  ['days'],
  ['rooms', 'changeoverMinutes'],
  ['withoutCall', 'cfpOpensAt', 'cfpClosesAt', 'responseDate', 'programPublicationDate', 'confirmationWindowDays'],
  ['minDurationMinutes', 'recommendedMaxDurationMinutes', 'maxDurationMinutes', 'durationChoices'],
  ['retentionMonths'],
  ['anonymousReview'],
  ['sessions'],
];

const WIDE = new Set(['text', 'richtext', 'blocks', 'json', 'component', 'dynamiczone', 'media']);

function sectionRows(model: Pick<Struct.Schema, 'attributes'>, sections: string[][], present: string[]) {
  const rows: Array<Array<{ name: string; size: number }>> = [];
  const placed = new Set<string>();
  const pack = (names: string[]) => {
    let row: Array<{ name: string; size: number }> = [];
    let used = 0;
    for (const name of names.filter((n) => present.includes(n))) {
      const size = WIDE.has(model.attributes[name]?.type) ? 12 : 6;
      if (used + size > 12) {
        rows.push(row);
        row = [];
        used = 0;
      }
      row.push({ name, size });
      used += size;
      placed.add(name);
    }
    if (row.length) rows.push(row);
  };
  for (const section of sections) pack(section);
  pack(present.filter((n) => !placed.has(n)));
  return rows;
}

/** One field's entry in the content manager's configuration; its service hands them back untyped. */
interface FieldMetadata {
  edit?: { description?: string; [key: string]: unknown };
  list?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The content manager's metadatas with our French labels, and the schema's descriptions as help texts. */
function labelled(
  metadatas: Record<string, FieldMetadata>,
  labels: Record<string, string>,
  attributes: Struct.Schema['attributes'],
  listLabels: Record<string, string> = {}
) {
  const result = { ...metadatas };
  for (const [field, label] of Object.entries(labels)) {
    if (!result[field]) continue;
    result[field] = {
      ...result[field],
      // Our schemas give most attributes a description, which Strapi's attribute types do not declare.
      edit: {
        ...result[field].edit,
        label,
        description: (attributes[field] as { description?: string } | undefined)?.description ?? result[field].edit?.description ?? '',
      },
      list: { ...result[field].list, label: listLabels[field] ?? label },
    };
  }
  return result;
}

export async function applyAdminLayouts(strapi: Core.Strapi): Promise<boolean> {
  const store = strapi.store({ type: 'plugin', name: 'bluehats', key: 'admin-layout-version' });
  if ((await store.get({})) === LAYOUT_VERSION) return false;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, labels] of Object.entries(LABELS)) {
    const model = strapi.contentType(uid as UID.ContentType);
    if (!model) continue;
    const config = await contentTypes.findConfiguration(model);
    const metadatas = labelled(config.metadatas, labels, model.attributes, LIST_LABELS[uid]);
    for (const field of READ_ONLY[uid] ?? []) {
      if (metadatas[field]) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, editable: false } };
    }
    const hidden = HIDDEN_IN_EDIT[uid] ?? [];
    for (const field of hidden) {
      if (metadatas[field]) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, visible: false } };
    }
    const list = LIST[uid];
    const settings = {
      ...config.settings,
      ...(list ? { defaultSortBy: list.sort[0], defaultSortOrder: list.sort[1], ...(list.mainField ? { mainField: list.mainField } : {}) } : {}),
    };
    const layouts = { ...config.layouts };
    if (list) layouts.list = list.columns.filter((c) => metadatas[c]);
    if (uid === 'api::edition.edition') {
      const present = (config.layouts.edit as Array<Array<{ name: string }>>).flat().map((f) => f.name);
      layouts.edit = sectionRows(model, EDITION_SECTIONS, present);
    }
    if (hidden.length > 0) {
      layouts.edit = (layouts.edit as Array<Array<{ name: string }>>).map((row) => row.filter((f) => !hidden.includes(f.name))).filter((row) => row.length > 0);
    }
    await contentTypes.updateConfiguration(model, { settings, metadatas, layouts });
  }
  const components = strapi.plugin('content-manager').service('components');
  for (const [uid, labels] of Object.entries(COMPONENT_LABELS)) {
    const component = strapi.components[uid as UID.Component];
    if (!component) continue;
    const config = await components.findConfiguration(component);
    const metadatas = labelled(config.metadatas, labels, component.attributes);
    await components.updateConfiguration(component, { settings: config.settings, metadatas, layouts: config.layouts });
  }
  await store.set({ value: LAYOUT_VERSION });
  return true;
}
