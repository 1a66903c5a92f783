/** Rebuild webhooks: event matching, payload, body templates and signatures. Pure: no Strapi import. */
import { createHmac, timingSafeEqual } from 'crypto';

export interface WebhookEvent {
  type: string;
  at: string;
  [key: string]: unknown;
}

/** "content.*" matches "content.published"; an empty list matches everything. */
export function wantsEvent(filters: unknown, type: string): boolean {
  if (!Array.isArray(filters) || filters.length === 0) return true;
  return filters.some((f) => typeof f === 'string' && (f === type || f === '*' || (f.endsWith('.*') && type.startsWith(f.slice(0, -1)))));
}

/**
 * Debounce: a delivery waits for `quietMs` after its last event, but never more than ten quiet
 * periods after its first, so that a steady stream of edits still rebuilds.
 */
export function debouncedDueAt(firstEventAt: Date, now: Date, quietMs: number): Date {
  return new Date(Math.min(now.getTime() + quietMs, firstEventAt.getTime() + 10 * Math.max(quietMs, 1000)));
}

export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(payload|eventTypes|secret)\s*\}\}/g, (_, key: string) => values[key] ?? '');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe and others do, so receivers can refuse replays. */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, refuse if older than `toleranceSeconds`. */
export function verifySignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
