/**
 * Where the exports send a reader, as absolute addresses made from the app's public address
 * (PUBLIC_URL): the public pages when the app serves them, the API's answers in a headless deployment.
 * Pure: no Strapi import.
 */
import type { ProgramSession } from '../program';

export interface PublicLinks {
  /** The edition's program. */
  program: string;
  /** One session's page. */
  session: (session: Pick<ProgramSession, 'slug' | 'documentId'>) => string;
}

export function publicLinks(baseUrl: string, editionSlug: string, { pages }: { pages: boolean }): PublicLinks {
  const base = baseUrl.replace(/\/+$/, '');
  const edition = encodeURIComponent(editionSlug);
  if (!pages) {
    return {
      program: `${base}/api/editions/${edition}/program`,
      session: (s) => `${base}/api/sessions/${encodeURIComponent(s.documentId)}`,
    };
  }
  return {
    program: `${base}/editions/${edition}/programme`,
    session: (s) => `${base}/editions/${edition}/programme/${encodeURIComponent(s.slug)}`,
  };
}
