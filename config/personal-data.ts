import type { Core } from '@strapi/strapi';

/** Personal data of proposers: the retention floor, the log purge, where the register is read. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // No edition keeps personal data for less: two months is the time to appeal a decision before the
  // administrative court (délai de recours contentieux). An operator with a longer legal duty raises it.
  minimumRetentionMonths: env.int('PERSONAL_DATA_MIN_RETENTION_MONTHS', 2),
  // Mail and rebuild delivery logs older than this are purged.
  deliveryLogDays: env.int('PERSONAL_DATA_DELIVERY_LOG_DAYS', 90),
  // Who answers for the processing (responsable du traitement), named on the public page; by
  // default the operator of the pages (SITE_OPERATOR_NAME).
  controller: env('PERSONAL_DATA_CONTROLLER', ''),
  // Where a person writes to exercise their rights: the data protection officer (DPO) or the
  // organisers' address; by default the page sends readers to each edition's contact address.
  contact: env('PERSONAL_DATA_CONTACT', ''),
  // Where the form, the status page and the acknowledgement mail send a reader for the full record
  // of processing; by default the app's own page.
  registerUrl: env('PERSONAL_DATA_REGISTER_URL', `${env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`)}/donnees-personnelles`),
});
