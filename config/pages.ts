import type { Core } from '@strapi/strapi';

/**
 * The public pages (src/api/public-space): the call, the form, the status page and the program,
 * served by this app. `PUBLIC_PAGES=false` leaves a purely headless API.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  enabled: env.bool('PUBLIC_PAGES', true),
  /** The name in the header, beside the brand. */
  siteName: env('SITE_NAME', 'Journées #BlueHats'),
  siteTagline: env('SITE_TAGLINE', 'Appels à interventions des journées open source du secteur public'),
  /** Who runs the service, named in the footer. */
  operatorName: env('SITE_OPERATOR_NAME', 'L’équipe d’organisation'),
  /**
   * The State's "bloc marque" (Marianne, « République française ») is reserved to State services:
   * off unless the operator is one. A local authority runs the pages without it.
   */
  stateBrand: env.bool('SITE_STATE_BRAND', false),
});
