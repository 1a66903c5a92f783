import type { Core } from '@strapi/strapi';

/** New admins see the admin in French unless they choose otherwise. */
export function frenchByDefault(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    beforeCreate(event) {
      const data = event.params.data as { preferedLanguage?: string };
      data.preferedLanguage ??= 'fr';
    },
  });
}
