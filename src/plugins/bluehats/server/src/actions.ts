/**
 * The editors' desk has its own admin permission actions, shown in Settings › Roles under this
 * plugin. A content-type ability ("may read proposals") cannot guard these routes: checked without
 * a record it ignores conditions, so a stock Author, limited to the proposals it created, would
 * pass it and get every proposer's e-mail address.
 */
export const PLUGIN = 'bluehats';

export const DESK_ACTIONS = {
  readDashboard: { uid: 'dashboard.read', displayName: "Lire le tableau de bord de l'appel" },
  exportProposals: { uid: 'proposals.export', displayName: 'Exporter les propositions (CSV avec les courriels)' },
  releaseDecisions: { uid: 'decisions.release', displayName: 'Communiquer les décisions aux intervenants' },
  decideProposals: { uid: 'proposals.decide', displayName: "Décider d'une proposition (acceptée, liste d'attente, non retenue)" },
  reviewProposals: { uid: 'reviews.score', displayName: 'Relire et noter les propositions (critères de 1 à 5, commentaire)' },
  assignReviewers: { uid: 'reviews.assign', displayName: 'Répartir les propositions entre les relecteurs' },
  buildProgram: { uid: 'program.build', displayName: 'Construire le programme' },
  // Its own right: placing talks is preparation, publishing makes a public version and tells the sites.
  publishProgram: { uid: 'program.publish', displayName: 'Publier le programme' },
  duplicateEdition: { uid: 'editions.duplicate', displayName: "Dupliquer une édition pour l'année suivante" },
  testRebuildTarget: { uid: 'rebuild-targets.test', displayName: 'Tester une reconstruction de site' },
  readProposerIdentity: {
    uid: 'proposers.identity.read',
    displayName: 'Voir qui propose (nom, courriel, administration, fonction) dans une édition en relecture anonyme',
  },
  erasePersonalData: {
    uid: 'personal-data.erase',
    displayName: "Effacer les données personnelles d'une personne (demande reçue par courriel), lire le journal et les tâches",
  },
} as const;

export type DeskAction = keyof typeof DESK_ACTIONS;

/** The id a role's permission carries, e.g. `plugin::bluehats.dashboard.read`. */
export const actionId = (action: DeskAction): string => `plugin::${PLUGIN}.${DESK_ACTIONS[action].uid}`;

/** What the admin's action provider takes. */
export const registrableActions = () =>
  Object.values(DESK_ACTIONS).map(({ uid, displayName }) => ({ section: 'plugins', pluginName: PLUGIN, uid, displayName }));
