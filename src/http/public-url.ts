/**
 * The app's public address, `PUBLIC_URL` (config/server.ts `url`): every absolute link the app hands
 * out is made from it (the exports' `base_url` and `url`, the calendars' `URL`, the mails' links).
 * Unset, links point to `http://localhost:<PORT>`, which is right for the demo and wrong for anyone
 * else: in production the boot says so, once.
 */
import type { Core } from '@strapi/strapi';

export const DEFAULT_CALENDAR_UID_DOMAIN = 'bluehats-events';

/** `PUBLIC_URL` without its trailing slashes, or the local address when it is unset. */
export function publicBaseUrl(strapi: Core.Strapi): string {
  const url = strapi.config.get<string>('server.url') || `http://localhost:${strapi.config.get<number>('server.port') ?? 1337}`;
  return url.replace(/\/+$/, '');
}

/** What follows the `@` of the calendars' UIDs (CALENDAR_UID_DOMAIN): never the host. */
export function calendarUidDomain(strapi: Core.Strapi): string {
  return strapi.config.get<string>('exports.calendarUidDomain') || DEFAULT_CALENDAR_UID_DOMAIN;
}

/** The boot's warning, in French then English on one line, when a production server has no PUBLIC_URL; null otherwise. */
export function missingPublicUrlWarning(publicUrl: string | undefined, nodeEnv: string | undefined, fallback: string): string | null {
  if (nodeEnv !== 'production' || (publicUrl ?? '').trim() !== '') return null;
  return (
    `PUBLIC_URL n'est pas défini : les liens absolus (schedule.json, schedule.xml, agendas iCalendar, courriels) pointent vers ${fallback}. ` +
    `Donnez l'adresse publique du site, par exemple PUBLIC_URL=https://evenements.example.gouv.fr. / ` +
    `PUBLIC_URL is not set: absolute links (schedule.json, schedule.xml, iCalendar feeds, mails) point to ${fallback}. ` +
    `Set it to the site's public address, e.g. PUBLIC_URL=https://events.example.org.`
  );
}

/** Called once, at boot. Answers whether it warned. */
export function warnWithoutPublicUrl(strapi: Core.Strapi): boolean {
  const warning = missingPublicUrlWarning(strapi.config.get<string>('server.url'), process.env.NODE_ENV, publicBaseUrl(strapi));
  if (warning) strapi.log.warn(warning);
  return warning !== null;
}
