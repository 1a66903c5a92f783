/**
 * Who may do what in the admin, set at every boot:
 * - Éditeur: everything about events, editions, proposals, sessions, speakers, administrations and
 *   rebuild targets, review criteria and reviewers, the outboxes but their creation, reads the reviews (written by the
 *   app), and every desk action (dashboard, CSV export, release, duplication, rebuild test, review, assignment, program building and publication);
 * - Relecteur: reads proposals, the program and the review criteria, writes the internal notes of
 *   proposals, reads the dashboard, scores proposals (desk routes); exports, assigns and decides nothing;
 *   never reads co-speakers (nor any internal type but proposals and review criteria);
 * - the stock Editor and Author roles lose, once, the content-manager rights Strapi gave them on the
 *   internal types (proposals hold personal data; the outboxes and job marks are machinery).
 *
 * Idempotent, and respectful of deliberate edits: a role's definition is applied when it is created
 * or when this file changes it (its digest is kept in the plugin's store), and each internal type is
 * revoked from a stock role only once, so a right an administrator re-grants afterwards stays.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, INTERNAL_TYPES, PUBLIC_TYPES } from '../../../../content-types';
import { DESK_ACTIONS, PLUGIN, actionId, type DeskAction } from './actions';

const CM = 'plugin::content-manager.explorer';
// Records only the app writes: the job marks, the releases of decisions, the access log of
// personal data, the reviews and the program versions (which editors read, and nobody else).
const WRITTEN_BY_THE_APP: string[] = [
  CONTENT_TYPES.jobMark.uid,
  CONTENT_TYPES.decisionRelease.uid,
  CONTENT_TYPES.accessLog.uid,
  CONTENT_TYPES.review.uid,
  CONTENT_TYPES.programVersion.uid,
];
const EDITED = [...PUBLIC_TYPES, ...INTERNAL_TYPES.filter((uid) => !WRITTEN_BY_THE_APP.includes(uid))];
const READ_BY_EDITORS = [CONTENT_TYPES.decisionRelease.uid, CONTENT_TYPES.accessLog.uid, CONTENT_TYPES.review.uid, CONTENT_TYPES.programVersion.uid];
// Made by the app alone (a document middleware refuses a creation): no « Créer une entrée ». The
// outboxes, the tasks an erasure leaves to editors, and the co-speakers proposers name.
const OUTBOXES: readonly string[] = [CONTENT_TYPES.delivery.uid, CONTENT_TYPES.notification.uid, CONTENT_TYPES.privacyTask.uid, CONTENT_TYPES.coSpeaker.uid];
// Reviews themselves are not read by reviewers in the content manager: the review panel shows
// another reviewer's scores only after one's own (src/domain/review.ts).
const READ_BY_REVIEWERS = [...PUBLIC_TYPES, CONTENT_TYPES.proposal.uid, CONTENT_TYPES.reviewCriterion.uid];
const REVIEWER_DESK_ACTIONS: DeskAction[] = ['readDashboard', 'reviewProposals'];

const STOCK_ROLES = ['strapi-editor', 'strapi-author'];

export const ROLES = {
  editor: { code: 'bluehats-editor', name: 'Éditeur', description: 'Prépare les éditions, décide, communique les décisions, publie le programme.' },
  reviewer: {
    code: 'bluehats-reviewer',
    name: 'Relecteur',
    description: 'Lit et note les propositions, rédige des notes internes ; ne décide pas et ne modifie pas le contenu.',
  },
} as const;

type Permission = { action: string; subject: string | null; properties: Record<string, unknown>; conditions: string[] };
// Attributes and components are read from Strapi's registry, whose schema types are not indexed by our uids here.
type Schema = {
  attributes: Record<string, { type: string; component?: string }>;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
};

const schemaOf = (strapi: Core.Strapi, uid: string) => strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]) as unknown as Schema;

/** Every field path of a type, components expanded ("venue.city"), as admin permissions name them. */
function fieldsOf(strapi: Core.Strapi, model: Schema, prefix = ''): string[] {
  return Object.entries(model.attributes).flatMap(([name, attribute]) => {
    if (attribute.type === 'component') {
      return fieldsOf(strapi, strapi.components[attribute.component as keyof typeof strapi.components], `${prefix}${name}.`);
    }
    return [`${prefix}${name}`];
  });
}

function contentPermission(strapi: Core.Strapi, action: string, uid: string, fields?: string[]): Permission {
  const model = schemaOf(strapi, uid);
  const properties: Record<string, unknown> = {};
  if (action !== `${CM}.delete` && action !== `${CM}.publish`) properties.fields = fields ?? fieldsOf(strapi, model);
  if (model.pluginOptions?.i18n?.localized) properties.locales = ['fr', 'en'];
  return { action, subject: uid, properties, conditions: [] };
}

const deskPermission = (action: DeskAction): Permission => ({ action: actionId(action), subject: null, properties: {}, conditions: [] });

function editorPermissions(strapi: Core.Strapi): Permission[] {
  const content = EDITED.flatMap((uid) => {
    const actions = [
      ...(OUTBOXES.includes(uid) ? [] : ['create']),
      'read',
      'update',
      'delete',
      ...(schemaOf(strapi, uid).options?.draftAndPublish ? ['publish'] : []),
    ];
    return actions.map((a) => contentPermission(strapi, `${CM}.${a}`, uid));
  });
  const records = READ_BY_EDITORS.map((uid) => contentPermission(strapi, `${CM}.read`, uid));
  const media = ['plugin::upload.read', 'plugin::upload.assets.create'].map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
  return [...content, ...records, ...media, ...(Object.keys(DESK_ACTIONS) as DeskAction[]).map(deskPermission)];
}

function reviewerPermissions(strapi: Core.Strapi): Permission[] {
  return [
    ...READ_BY_REVIEWERS.map((uid) => contentPermission(strapi, `${CM}.read`, uid)),
    contentPermission(strapi, `${CM}.update`, CONTENT_TYPES.proposal.uid, ['reviewerNotes']),
    ...REVIEWER_DESK_ACTIONS.map(deskPermission),
  ];
}

type Applied = { definitions: Record<string, string>; revoked: Record<string, string[]> };

const digest = (permissions: Permission[]) => createHash('sha256').update(JSON.stringify(permissions)).digest('hex');

export async function ensureAdminRoles(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: PLUGIN, key: 'admin-roles' });
  const stored = (await store.get({})) as Partial<Applied> | null;
  const applied: Applied = { definitions: stored?.definitions ?? {}, revoked: stored?.revoked ?? {} };
  const roles = strapi.service('admin::role');

  for (const [role, permissions] of [
    [ROLES.editor, editorPermissions(strapi)],
    [ROLES.reviewer, reviewerPermissions(strapi)],
  ] as const) {
    const existing = await roles.findOne({ code: role.code });
    const row = existing ?? (await roles.create({ ...role }));
    const wanted = digest(permissions);
    if (!existing || applied.definitions[role.code] !== wanted) {
      await roles.assignPermissions(row.id, permissions);
      applied.definitions[role.code] = wanted;
    }
  }

  for (const code of STOCK_ROLES) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, select: ['id'] });
    if (!role) continue;
    const done = applied.revoked[code] ?? [];
    const pending = INTERNAL_TYPES.filter((uid) => !done.includes(uid));
    if (pending.length === 0) continue;
    await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: role.id }, subject: { $in: pending } } });
    applied.revoked[code] = [...done, ...pending];
  }

  await store.set({ value: applied });
}
