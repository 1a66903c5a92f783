/**
 * Late-submission codes: an editor gives one to a person so that a proposal is received after the
 * call's deadline. Pure: no Strapi import. The code's validity ends like the deadline does: the
 * minute written is inside, the first millisecond of the next minute is out, in the edition's zone.
 */
import { randomInt } from 'crypto';
import { beforeDeadlineEnd, deadlineEnd, formatInstantEn, formatInstantFr, type Instant } from './edition-calendar';

export type LateCodeRefusalCode = 'LATE_CODE_UNKNOWN' | 'LATE_CODE_EXPIRED' | 'LATE_CODE_EXHAUSTED';

export interface LateCodeRefusal {
  code: LateCodeRefusalCode;
  message: string;
  messageEn: string;
}

export interface LateCodeRow {
  validUntil: Instant | null;
  maxUses: number | null;
  uses: number | null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LATE_CODE_LENGTH = 10;

/** Ten Crockford base-32 characters (50 random bits): read aloud or typed without ambiguity. */
export function newLateCode(): string {
  return Array.from({ length: LATE_CODE_LENGTH }, () => CROCKFORD[randomInt(32)]).join('');
}

/**
 * The code as typed, in the form it is stored: upper case, without spaces or dashes, and the
 * letters Crockford reads as digits (O → 0, I and L → 1). Null when it cannot be a code.
 */
export function normaliseLateCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return new RegExp(`^[${CROCKFORD}]{${LATE_CODE_LENGTH}}$`).test(code) ? code : null;
}

export const lateCodeRefusals = {
  unknown: (): LateCodeRefusal => ({
    code: 'LATE_CODE_UNKNOWN',
    message: "Ce code de dépôt tardif n'existe pas pour cette édition. Vérifiez le code reçu de l'équipe.",
    messageEn: 'This late-submission code does not exist for this edition. Check the code the team sent you.',
  }),
  expired: (validUntil: Instant, zone: string): LateCodeRefusal => ({
    code: 'LATE_CODE_EXPIRED',
    message: `Ce code de dépôt tardif n'est plus valable : il l'était jusqu'au ${formatInstantFr(validUntil, zone)}.`,
    messageEn: `This late-submission code is no longer valid: it was valid until ${formatInstantEn(validUntil, zone)}.`,
  }),
  exhausted: (): LateCodeRefusal => ({
    code: 'LATE_CODE_EXHAUSTED',
    message: 'Ce code de dépôt tardif a déjà servi autant de fois que permis.',
    messageEn: 'This late-submission code has already been used as many times as allowed.',
  }),
};

/** The first instant at which a code is expired (the end of its last minute), or null without a date. */
export function lateCodeExpiresAt(validUntil: Instant | null | undefined, zone: string): Date | null {
  return validUntil ? (deadlineEnd(validUntil, zone)?.toJSDate() ?? null) : null;
}

/**
 * Why a code found for the edition cannot admit a proposal at `now`, or null when it can. A code
 * not found is `lateCodeRefusals.unknown()`. The count read here is a hint: the use itself is
 * counted by one conditional update, which alone decides under concurrency.
 */
export function lateCodeRefusal(row: LateCodeRow | null, now: Date, zone: string): LateCodeRefusal | null {
  if (!row) return lateCodeRefusals.unknown();
  if (!beforeDeadlineEnd(row.validUntil, now, zone)) return lateCodeRefusals.expired(row.validUntil ?? now, zone);
  if ((row.uses ?? 0) >= (row.maxUses ?? 0)) return lateCodeRefusals.exhausted();
  return null;
}
