import { factories } from '@strapi/strapi';

/** Public, read-only: writes happen in the admin. */
export default factories.createCoreRouter('api::edition.edition', { only: ['find', 'findOne'] });
