/**
 * The one place where the values of our enumerations get their French and English names: the
 * server (dashboard, CSV, state-change messages) and the admin panel (its select options) read them
 * here. Plain data with no import, so that the admin bundle can import it too.
 */
type Labels<K extends string> = Readonly<Record<K, { fr: string; en: string }>>;

/** A proposal's state, as editors read it. */
export const PROPOSAL_STATE_LABELS: Labels<'submitted' | 'accepted' | 'waitlisted' | 'rejected' | 'withdrawn' | 'confirmed' | 'declined'> = {
  submitted: { fr: 'Reçue', en: 'Submitted' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  waitlisted: { fr: "Sur liste d'attente", en: 'Waitlisted' },
  rejected: { fr: 'Non retenue', en: 'Rejected' },
  withdrawn: { fr: 'Retirée', en: 'Withdrawn' },
  confirmed: { fr: 'Confirmée', en: 'Confirmed' },
  declined: { fr: 'Déclinée', en: 'Declined' },
};

export const SESSION_FORMAT_LABELS: Labels<'talk' | 'lightning_talk' | 'round_table' | 'workshop' | 'welcome' | 'break' | 'closing'> = {
  talk: { fr: 'Conférence', en: 'Talk' },
  lightning_talk: { fr: 'Présentation éclair', en: 'Lightning talk' },
  round_table: { fr: 'Table ronde', en: 'Round table' },
  workshop: { fr: 'Atelier', en: 'Workshop' },
  // Program items without a proposal, added from the program builder.
  welcome: { fr: 'Accueil', en: 'Welcome' },
  break: { fr: 'Pause', en: 'Break' },
  closing: { fr: 'Clôture', en: 'Closing' },
};

/** `unknown` is not a value of the schema: a proposal whose administration is not matched yet. */
export const ADMINISTRATION_KIND_LABELS: Labels<'ministry' | 'local_authority' | 'public_operator' | 'other' | 'unknown'> = {
  ministry: { fr: 'Ministère', en: 'Ministry' },
  local_authority: { fr: 'Collectivité territoriale', en: 'Local authority' },
  public_operator: { fr: 'Opérateur public', en: 'Public operator' },
  other: { fr: 'Autre', en: 'Other' },
  unknown: { fr: 'Non rapprochée', en: 'Not matched' },
};

/** The state of an outgoing mail or rebuild delivery. */
export const DELIVERY_STATE_LABELS: Labels<'pending' | 'sending' | 'sent' | 'failed'> = {
  pending: { fr: 'En attente', en: 'Pending' },
  sending: { fr: "En cours d'envoi", en: 'Sending' },
  sent: { fr: 'Envoyé', en: 'Sent' },
  failed: { fr: 'Échec définitif', en: 'Failed for good' },
};

export const MAIL_KIND_LABELS: Labels<'submission_received' | 'acceptance' | 'waitlist' | 'rejection' | 'confirmation_reminder' | 'personal_data_export'> = {
  submission_received: { fr: 'Accusé de réception', en: 'Acknowledgement' },
  acceptance: { fr: 'Acceptation', en: 'Acceptance' },
  waitlist: { fr: "Liste d'attente", en: 'Waiting list' },
  rejection: { fr: 'Refus', en: 'Rejection' },
  confirmation_reminder: { fr: 'Relance de confirmation', en: 'Confirmation reminder' },
  personal_data_export: { fr: 'Export des données personnelles', en: 'Personal data export' },
};

/** The live state of a call for proposals (see call-state.ts). */
export const CALL_STATE_LABELS: Labels<'upcoming' | 'open' | 'closed' | 'decisions-released' | 'program-published' | 'past' | 'no-call'> = {
  upcoming: { fr: 'À venir', en: 'Upcoming' },
  open: { fr: 'Ouvert', en: 'Open' },
  closed: { fr: 'Clos', en: 'Closed' },
  'decisions-released': { fr: 'Réponses envoyées', en: 'Decisions released' },
  'program-published': { fr: 'Programme publié', en: 'Program published' },
  past: { fr: 'Terminé', en: 'Past' },
  'no-call': { fr: 'Sans appel à interventions', en: 'No call for proposals' },
};

/** The instants at which a call's state changes by itself (names of `boundaries` in call-state.ts). */
export const BOUNDARY_LABELS: Labels<'cfp.opened' | 'cfp.closed' | 'decisions.released' | 'program.published' | 'edition.started' | 'edition.ended'> = {
  'cfp.opened': { fr: "Ouverture de l'appel", en: 'Call opens' },
  'cfp.closed': { fr: "Clôture de l'appel", en: 'Call closes' },
  'decisions.released': { fr: 'Date de réponse', en: 'Response date' },
  'program.published': { fr: 'Publication du programme', en: 'Program publication' },
  'edition.started': { fr: "Début de l'édition", en: 'Edition starts' },
  'edition.ended': { fr: "Fin de l'édition", en: 'Edition ends' },
};

/** What the proposer reads through the status link: a decision only once it is released (see publicStatus). */
export const PUBLIC_STATUS_LABELS: Labels<'under-review' | keyof typeof PROPOSAL_STATE_LABELS> = {
  'under-review': { fr: 'Reçue, en cours d’examen', en: 'Received, under review' },
  submitted: { fr: 'Reçue, en cours d’examen', en: 'Received, under review' },
  accepted: { fr: 'Retenue : merci de confirmer votre venue', en: 'Accepted: please confirm your participation' },
  waitlisted: { fr: "Sur liste d'attente", en: 'On the waiting list' },
  rejected: { fr: 'Non retenue', en: 'Not selected' },
  withdrawn: { fr: 'Retirée', en: 'Withdrawn' },
  confirmed: { fr: 'Confirmée : à bientôt !', en: 'Confirmed: see you soon!' },
  declined: { fr: 'Déclinée', en: 'Declined' },
};

/** One language's names of every enumeration value that the admin shows in a select, keyed by value. */
export function enumerationLabels(language: 'fr' | 'en'): Record<string, string> {
  const tables = [PROPOSAL_STATE_LABELS, SESSION_FORMAT_LABELS, ADMINISTRATION_KIND_LABELS, DELIVERY_STATE_LABELS, MAIL_KIND_LABELS];
  return Object.fromEntries(tables.flatMap((table) => Object.entries(table).map(([value, names]) => [value, names[language]])));
}

/** A label inside a French sentence: « une proposition non retenue ». */
export const inSentence = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);
