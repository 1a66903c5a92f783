/** Per-client-IP limit on the public proposal routes, answered as 429 with Retry-After. */
import type { Core } from '@strapi/strapi';
import { proposalsConfig } from '../../../config-types';
import { perAddressRateLimit } from '../../../http/rate-limit';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  perAddressRateLimit(strapi, { name: 'proposals', ...proposalsConfig(strapi).rateLimit });
