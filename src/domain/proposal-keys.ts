/** What identifies a proposal: its duplicate key, and how long its status link lives. Pure: no Strapi import. */
import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { zoneOf, type EditionCalendar } from './edition-calendar';
import { memoised } from './memo';

/** Same e-mail, same title (case and spacing aside), same edition: the same proposal. */
export function duplicateKey(editionId: string, email: string, title: string): string {
  const normalizedTitle = title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${editionId}\n${email.toLowerCase().trim()}\n${normalizedTitle}`).digest('hex');
}

/** Days the private status link stays valid after the edition's last day. */
export const STATUS_LINK_VALID_DAYS = 60;

/** When a status link ends, from the edition's zone and its last day (or its deadline): asked on every submission. */
const linkEnd = memoised(
  (zone: string, lastDay: string | undefined, cfpClosesAt: string): number => {
    const base = lastDay ? DateTime.fromISO(lastDay, { zone }).endOf('day') : DateTime.fromISO(cfpClosesAt, { zone });
    return base.plus({ days: STATUS_LINK_VALID_DAYS }).toMillis();
  },
  (zone, lastDay, cfpClosesAt) => `${zone} ${lastDay ?? ''} ${cfpClosesAt}`
);

/** The private status link stays valid until 60 days after the edition's last day (or the deadline, with no days). */
export function statusTokenExpiry(edition: EditionCalendar): Date {
  const lastDay = [...(edition.days ?? [])]
    .map((d) => d.date)
    .sort()
    .pop();
  // A Date as its ISO string (null when invalid, as Luxon would find it).
  const closes = String(edition.cfpClosesAt instanceof Date ? edition.cfpClosesAt.toJSON() : edition.cfpClosesAt);
  return new Date(linkEnd(zoneOf(edition), lastDay, closes));
}
