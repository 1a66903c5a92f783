/**
 * The Public role reads the published program and nothing else. Idempotent: every boot converges
 * on exactly these rows, without duplicating any.
 */
import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from '../content-types';

export const PUBLIC_ACTIONS = [
  ...PUBLIC_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
  // Frontends list the available languages.
  'plugin::i18n.locales.listLocales',
];

const PERMISSION = 'plugin::users-permissions.permission';

export async function grantPublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const existing: Array<{ id: number; action: string }> = await strapi.db.query(PERMISSION).findMany({ where: { role: role.id }, select: ['id', 'action'] });
  const have = new Set(existing.map((p) => p.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
  // Nothing on proposals, ever: remove any grant an editor may have clicked by mistake.
  const leaked = existing.filter((p) => p.action.startsWith('api::proposal.'));
  if (leaked.length > 0) await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: leaked.map((p) => p.id) } } });
}
