/** Typed access to config/proposals.ts. */
import type { Core } from '@strapi/strapi';

export interface ProposalsConfig {
  statusUrl: string;
  rateLimit: { intervalMs: number; max: number };
  maxBodyBytes: number;
  mail: { maxAttempts: number; baseDelayMs: number; leaseMs: number };
}

export function proposalsConfig(strapi: Core.Strapi): ProposalsConfig {
  return strapi.config.get<ProposalsConfig>('proposals');
}

/** Typed access to config/pages.ts. */
export interface PagesConfig {
  enabled: boolean;
  siteName: string;
  siteTagline: string;
  operatorName: string;
  stateBrand: boolean;
}

export function pagesConfig(strapi: Core.Strapi): PagesConfig {
  return strapi.config.get<PagesConfig>('pages');
}
