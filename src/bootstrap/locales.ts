/** French is the default content locale; English is available. Idempotent. */
import type { Core } from '@strapi/strapi';

export const CONTENT_LOCALES = [
  { code: 'fr', name: 'French (fr)' },
  { code: 'en', name: 'English (en)' },
] as const;

export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of CONTENT_LOCALES) {
    const found = await locales.findByCode(locale.code);
    if (!found) await locales.create({ ...locale });
  }
  if ((await locales.getDefaultLocale()) !== 'fr') await locales.setDefaultLocale({ code: 'fr' });
}
