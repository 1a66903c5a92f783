/** Typed access to config/proposals.ts. */
import type { Core } from '@strapi/strapi';

export interface ProposalsConfig {
  statusUrl: string;
  /** A co-speaker's private invitation link, `{token}` replaced. */
  invitationUrl: string;
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

/** Typed access to config/personal-data.ts. */
export interface PersonalDataConfig {
  minimumRetentionMonths: number;
  deliveryLogDays: number;
  /** Responsable du traitement, as the public page names it; empty: the pages' operator. */
  controller: string;
  /** Where to write to exercise one's rights (DPO or organisers); empty: the edition's contact. */
  contact: string;
  registerUrl: string;
}

export function personalDataConfig(strapi: Core.Strapi): PersonalDataConfig {
  return strapi.config.get<PersonalDataConfig>('personal-data');
}
