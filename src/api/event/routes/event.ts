import { factories } from '@strapi/strapi';

/** Public, read-only: writes happen in the admin. */
export default factories.createCoreRouter('api::event.event', { only: ['find', 'findOne'] });
