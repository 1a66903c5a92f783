/**
 * An instant typed as the editors write it, in the edition's time zone: « 20/11/2027 23:59 »,
 * « 20/11/2027 23h59 », or a date alone with the field's default time. Pure: no Strapi import.
 */
import { DateTime } from 'luxon';

export type LocalDateTimeParse =
  | { ok: true; iso: string; text: string }
  | { ok: false; code: 'LOCAL_DATETIME_UNREADABLE' | 'LOCAL_DATETIME_INVALID' | 'LOCAL_DATETIME_MISSING_TIME' | 'LOCAL_DATETIME_DST_GAP'; message: string };

const PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(?:à\s+)?(\d{1,2})\s*(?::|h|H)\s*(\d{2})?)?$/;
const TIME = /^(\d{1,2}):(\d{2})$/;

/** « jeudi 20 novembre 2027 à 23 h 59 », in the zone. */
export function describeLocal(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone }).setLocale('fr');
  return dt.isValid ? dt.toFormat("cccc d MMMM yyyy 'à' H 'h' mm") : '';
}

/** « 20/11/2027 23:59 », what the input shows for a stored instant. */
export function formatLocalInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const dt = DateTime.fromISO(iso, { zone });
  return dt.isValid ? dt.toFormat('dd/LL/yyyy HH:mm') : '';
}

/**
 * Reads `text` as a wall-clock time in `zone`. `defaultTime` ("23:59", "09:00") completes a date
 * typed alone; without one, a time is required.
 */
export function parseLocalDateTime(text: string, zone: string, defaultTime?: string | null): LocalDateTimeParse {
  const match = PATTERN.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) {
    return { ok: false, code: 'LOCAL_DATETIME_UNREADABLE', message: 'Date illisible : écrivez-la jj/mm/aaaa hh:mm, par exemple 20/11/2027 23:59.' };
  }
  const [, d, m, y, h, min] = match;
  let hour = h === undefined ? null : Number(h);
  let minute = h === undefined ? null : Number(min ?? '0');
  if (hour === null) {
    const fallback = defaultTime ? TIME.exec(defaultTime) : null;
    if (!fallback) return { ok: false, code: 'LOCAL_DATETIME_MISSING_TIME', message: "Indiquez aussi l'heure, par exemple 20/11/2027 23:59." };
    hour = Number(fallback[1]);
    minute = Number(fallback[2]);
  }
  const wanted = { year: Number(y), month: Number(m), day: Number(d), hour, minute: minute ?? 0 };
  const dt = DateTime.fromObject(wanted, { zone });
  const dayExists = DateTime.fromObject({ year: wanted.year, month: wanted.month, day: wanted.day }, { zone: 'UTC' }).isValid;
  if (!dt.isValid || !dayExists || hour > 23 || wanted.minute > 59) {
    return { ok: false, code: 'LOCAL_DATETIME_INVALID', message: `Cette date n'existe pas : ${text.trim()}.` };
  }
  // Luxon moves a time inside the spring-forward gap to after it: the wall clock read back differs.
  if (dt.hour !== wanted.hour || dt.minute !== wanted.minute || dt.day !== wanted.day) {
    return {
      ok: false,
      code: 'LOCAL_DATETIME_DST_GAP',
      message: `${String(wanted.hour).padStart(2, '0')}:${String(wanted.minute).padStart(2, '0')} n'existe pas cette nuit-là dans le fuseau ${zone} (changement d'heure) : choisissez une autre heure.`,
    };
  }
  const iso = dt.toUTC().toISO();
  return { ok: true, iso, text: describeLocal(iso, zone) };
}
