/** French is the default content locale; English is available. Idempotent. */
import type { Core } from '@strapi/strapi';

/** Named in French: the admin shows these names in its language menu and lists (« Langues »). */
export const CONTENT_LOCALES = [
  { code: 'fr', name: 'Français (fr)', stockName: 'French (fr)' },
  { code: 'en', name: 'Anglais (en)', stockName: 'English (en)' },
] as const;

export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const { code, name, stockName } of CONTENT_LOCALES) {
    const found = await locales.findByCode(code);
    if (!found) await locales.create({ code, name });
    // An install made before the names were French; a name an administrator chose is kept.
    else if (found.name === stockName) await strapi.db.query('plugin::i18n.locale').update({ where: { id: found.id }, data: { name } });
  }
  if ((await locales.getDefaultLocale()) !== 'fr') await locales.setDefaultLocale({ code: 'fr' });
}
