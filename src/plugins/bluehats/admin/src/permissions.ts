/** The desk's permission actions as the admin checks them (the server registers the same ids). */
const action = (uid: string) => [{ action: `plugin::bluehats.${uid}`, subject: null }];

export const PERMISSIONS = {
  read: action('dashboard.read'),
  export: action('proposals.export'),
  release: action('decisions.release'),
  decide: action('proposals.decide'),
  duplicate: action('editions.duplicate'),
  review: action('reviews.score'),
  assign: action('reviews.assign'),
  testRebuild: action('rebuild-targets.test'),
  erase: action('personal-data.erase'),
  buildProgram: action('program.build'),
  publishProgram: action('program.publish'),
};

/** The program builder's page (menu « Programme »), relative to /admin; `?edition=<documentId>` chooses the edition. */
export const PROGRAM_BUILDER_PATH = 'plugins/bluehats-programme';
