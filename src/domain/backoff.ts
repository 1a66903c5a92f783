/** Retry delays for every outbox (mails, rebuild deliveries). Pure: no Strapi import. */

/** Exponential backoff with jitter: base × 2^(attempt−1), capped at six hours, ±20 %. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 6 * 3600 * 1000);
  return Math.round(raw * (0.8 + 0.4 * random()));
}
