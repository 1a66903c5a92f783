/**
 * CORS_ORIGINS: the browser origins allowed to read the API's answers, comma-separated
 * (`https://site.example.org,https://agenda.example.org`). Empty, the default, allows none: the
 * admin is served from the API's own origin and needs no CORS. A wildcard is refused on purpose:
 * an allow-list names its members.
 */
export function parseCorsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error(`CORS_ORIGINS: "${entry}" is not an origin such as https://site.example.org`);
      }
      const isOrigin = (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search && !url.hash && !url.username;
      if (!isOrigin) throw new Error(`CORS_ORIGINS: "${entry}" is not an origin such as https://site.example.org (scheme, host and port only)`);
      return url.origin;
    });
  return [...new Set(origins)];
}
