import type { Core } from '@strapi/strapi';

/** The program's exports (schedule.json, schedule.xml, iCalendar); their absolute links follow PUBLIC_URL (config/server.ts). */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  /**
   * What follows the `@` of the calendars' UIDs (`session-<documentId>@…`): a fixed name, not the
   * host, so that a UID never changes when PUBLIC_URL is set or moved and calendars keep their events.
   */
  calendarUidDomain: env('CALENDAR_UID_DOMAIN', 'bluehats-events'),
});
