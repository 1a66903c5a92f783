/**
 * The editors' desk: admin routes with their own permission actions, and the roles that hold them.
 * The content types stay in src/api, so their uids and public routes do not depend on this plugin.
 */
import type { Core } from '@strapi/strapi';
import { registrableActions } from './actions';
import desk from './controllers/desk';
import hasDeskAction from './policies/has-desk-action';
import { ensureAdminRoles } from './roles';
import routes from './routes';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(registrableActions());
    // Stored as plain datetimes and integers (REST, GraphQL, the API description see no difference);
    // the admin gives them their inputs (admin/src/index.tsx).
    strapi.customFields.register([
      { name: 'local-datetime', plugin: 'bluehats', type: 'datetime', inputSize: { default: 6, isResizable: true } },
      { name: 'year', plugin: 'bluehats', type: 'integer', inputSize: { default: 4, isResizable: true } },
    ]);
  },
  controllers: { desk },
  // Called from the app's bootstrap: the admin creates its stock roles in its own bootstrap, after
  // the plugins' ones, and the roles here must come after those.
  services: { roles: ({ strapi }: { strapi: Core.Strapi }) => ({ ensure: () => ensureAdminRoles(strapi) }) },
  policies: { 'has-desk-action': hasDeskAction },
  routes,
};
