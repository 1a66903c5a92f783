/**
 * Content-API accounts (users-permissions) are closed: no feature needs them. Proposers are
 * authorised by the private token of their status link, editors log in to the admin.
 *
 * Why switch the account routes off rather than only word forgot-password evenly: every reachable
 * account route is a way to tell which addresses have an account (registration answers "already
 * taken", send-email-confirmation "already confirmed", forgot-password differs when the mail fails
 * or by its timing) and a way to send mail to any address. With no grant on the Public role, each of
 * them answers the same 403 to everyone and does nothing. Registration is also switched off in the
 * plugin's settings, in case a grant is given back by hand. Runs at every boot; idempotent.
 */
import type { Core } from '@strapi/strapi';

const PERMISSION = 'plugin::users-permissions.permission';

export async function closeContentApiAccounts(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown> | null;
  if (advanced && advanced.allow_register !== false) {
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  }

  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  await strapi.db.query(PERMISSION).deleteMany({ where: { role: role.id, action: { $startsWith: 'plugin::users-permissions.' } } });
}
