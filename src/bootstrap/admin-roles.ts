/**
 * The two admin roles of the job, set idempotently at every boot (assignPermissions computes a diff):
 * - Éditeur: everything about events, editions, proposals, sessions, speakers, administrations and
 *   rebuild targets, including decisions, releases, CSV export and duplication;
 * - Relecteur: reads proposals and the program, and writes the internal notes of proposals only.
 */
import type { Core } from '@strapi/strapi';

const CM = 'plugin::content-manager.explorer';
const EDITED = [
  'api::event.event',
  'api::edition.edition',
  'api::proposal.proposal',
  'api::session.session',
  'api::speaker.speaker',
  'api::administration.administration',
  'api::rebuild-target.rebuild-target',
  'api::delivery.delivery',
  'api::notification.notification',
];
const READ_BY_REVIEWERS = ['api::event.event', 'api::edition.edition', 'api::proposal.proposal', 'api::session.session', 'api::speaker.speaker', 'api::administration.administration'];

export const ROLES = {
  editor: { code: 'bluehats-editor', name: 'Éditeur', description: "Prépare les éditions, décide, communique les décisions, publie le programme." },
  reviewer: { code: 'bluehats-reviewer', name: 'Relecteur', description: 'Lit les propositions et rédige des notes internes ; ne décide pas et ne modifie pas le contenu.' },
} as const;

/** Every field path of a type, components expanded ("venue.city"), as admin permissions name them. */
function fieldsOf(strapi: Core.Strapi, uid: string, model: any = strapi.contentType(uid as any), prefix = ''): string[] {
  return Object.entries(model.attributes as Record<string, any>).flatMap(([name, attribute]) => {
    if (attribute.type === 'component') return fieldsOf(strapi, uid, strapi.components[attribute.component as keyof typeof strapi.components], `${prefix}${name}.`);
    return [`${prefix}${name}`];
  });
}

function permission(strapi: Core.Strapi, action: string, uid: string, fields?: string[]) {
  const model = strapi.contentType(uid as any) as any;
  const properties: Record<string, unknown> = {};
  if (action !== `${CM}.delete` && action !== `${CM}.publish`) properties.fields = fields ?? fieldsOf(strapi, uid);
  if (model?.pluginOptions?.i18n?.localized) properties.locales = ['fr', 'en'];
  return { action, subject: uid, properties, conditions: [] };
}

async function ensureRole(strapi: Core.Strapi, role: { code: string; name: string; description: string }) {
  const roles = strapi.service('admin::role');
  return (await roles.findOne({ code: role.code })) ?? (await roles.create({ ...role }));
}

export async function ensureAdminRoles(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role');
  const editor = await ensureRole(strapi, ROLES.editor);
  const editorPermissions = EDITED.flatMap((uid) => {
    const model = strapi.contentType(uid as any) as any;
    const actions = ['create', 'read', 'update', 'delete', ...(model?.options?.draftAndPublish ? ['publish'] : [])];
    return actions.map((a) => permission(strapi, `${CM}.${a}`, uid));
  });
  await roles.assignPermissions(editor.id, [...editorPermissions, { action: 'plugin::upload.read', subject: null, properties: {}, conditions: [] }, { action: 'plugin::upload.assets.create', subject: null, properties: {}, conditions: [] }]);

  const reviewer = await ensureRole(strapi, ROLES.reviewer);
  await roles.assignPermissions(reviewer.id, [
    ...READ_BY_REVIEWERS.map((uid) => permission(strapi, `${CM}.read`, uid)),
    permission(strapi, `${CM}.update`, 'api::proposal.proposal', ['reviewerNotes']),
  ]);
}

/** New admins see the admin in French unless they choose otherwise. */
export function frenchByDefault(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    beforeCreate(event: any) {
      event.params.data.preferedLanguage ??= 'fr';
    },
  });
}
