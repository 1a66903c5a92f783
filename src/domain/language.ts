/** The two languages the app speaks, and how a request picks one. Pure: no Strapi import. */
export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** Picks fr or en from an Accept-Language header; French first. */
export function negotiateLanguage(header: string | undefined | null): Language {
  if (!header) return 'fr';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.q > 0 && (LANGUAGES as readonly string[]).includes(r.lang))
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Language) ?? 'fr';
}
