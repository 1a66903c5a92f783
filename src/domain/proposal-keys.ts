/** What identifies a proposal: its duplicate key, and how long its status link lives. Pure: no Strapi import. */
import { createHash } from 'crypto';
import { DateTime } from 'luxon';
import { zoneOf, type EditionCalendar } from './edition-calendar';

/** Same e-mail, same title (case and spacing aside), same edition: the same proposal. */
export function duplicateKey(editionId: string, email: string, title: string): string {
  const normalizedTitle = title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${editionId}\n${email.toLowerCase().trim()}\n${normalizedTitle}`).digest('hex');
}

/** Days the private status link stays valid after the edition's last day. */
export const STATUS_LINK_VALID_DAYS = 60;

/** The private status link stays valid until 60 days after the edition's last day (or the deadline, with no days). */
export function statusTokenExpiry(edition: EditionCalendar): Date {
  const zone = zoneOf(edition);
  const lastDay = [...(edition.days ?? [])]
    .map((d) => d.date)
    .sort()
    .pop();
  const base = lastDay ? DateTime.fromISO(lastDay, { zone }).endOf('day') : DateTime.fromISO(String(edition.cfpClosesAt), { zone });
  return base.plus({ days: STATUS_LINK_VALID_DAYS }).toJSDate();
}
