
/**
 * Readable labels for enumerations: the admin's select translates each option with the value as
 * its message id, so these entries label the values of our enumerations.
 */
const ENUM_LABELS_FR: Record<string, string> = {
  submitted: 'Reçue',
  accepted: 'Acceptée',
  waitlisted: "Sur liste d'attente",
  rejected: 'Non retenue',
  withdrawn: 'Retirée',
  confirmed: 'Confirmée',
  declined: 'Déclinée',
  talk: 'Conférence',
  lightning_talk: 'Présentation éclair',
  round_table: 'Table ronde',
  workshop: 'Atelier',
  ministry: 'Ministère',
  local_authority: 'Collectivité territoriale',
  public_operator: 'Opérateur public',
  other: 'Autre',
  pending: 'En attente',
  sending: "En cours d'envoi",
  sent: 'Envoyé',
  failed: 'Échec définitif',
  submission_received: 'Accusé de réception',
  acceptance: 'Acceptation',
  waitlist: "Liste d'attente",
  rejection: 'Refus',
  confirmation_reminder: 'Relance de confirmation',
};
const ENUM_LABELS_EN: Record<string, string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  waitlisted: 'Waitlisted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  confirmed: 'Confirmed',
  declined: 'Declined',
  talk: 'Talk',
  lightning_talk: 'Lightning talk',
  round_table: 'Round table',
  workshop: 'Workshop',
  ministry: 'Ministry',
  local_authority: 'Local authority',
  public_operator: 'Public operator',
  other: 'Other',
};

export default {
  config: {
    // French is offered (and set for new admins by the server); English stays available.
    locales: ['fr'],
    translations: {
      fr: {
        ...ENUM_LABELS_FR,
        'bluehats.dashboard.menu': 'Appel à interventions',
      },
      en: {
        ...ENUM_LABELS_EN,
        'bluehats.dashboard.menu': 'Call for proposals',
      },
    },
  },
};
