import type { StrapiApp } from '@strapi/strapi/admin';
import { enumerationLabels } from '../domain/labels';
import { strapiFrench } from './translations/fr';

/**
 * Where the admin keeps the language of its interface (Strapi's `LANGUAGE_LOCAL_STORAGE_KEY`): read
 * once at start-up, before anyone logs in, and written when a user's profile language is applied.
 * Strapi falls back to English when it is empty.
 */
const LANGUAGE_KEY = 'strapi-admin-language';
/**
 * Where the admin keeps its guided tour's state (Strapi's `STRAPI_GUIDED_TOUR`). Stored without its
 * tours, Strapi fills them in and keeps `enabled` as stored.
 */
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

// The admin's select translates each option with the value as its message id, so these entries
// label the values of our enumerations, with the names the server uses (src/domain/labels.ts).
export default {
  config: {
    // French is offered (and set for new admins by the server); English stays available.
    locales: ['fr'],
    // No "new release" announcements; no tutorials (Strapi 5.54 reads this switch nowhere: its guided
    // tour is turned off in `register` below).
    tutorials: false,
    notifications: { releases: false },
    translations: {
      fr: {
        ...strapiFrench,
        ...enumerationLabels('fr'),
        'bluehats.dashboard.menu': 'Appel à interventions',
      },
      en: {
        ...enumerationLabels('en'),
        'bluehats.dashboard.menu': 'Call for proposals',
      },
    },
  },
  /**
   * French before login too: a browser that never chose a language starts in French. A choice
   * (the login page's language menu, a profile's language) is stored by Strapi and kept.
   */
  register(app: StrapiApp) {
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    // Strapi's guided tour (in English, about building content types) stays off for editors.
    if (!window.localStorage.getItem(GUIDED_TOUR_KEY)) window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
    // The home page shows the call's essentials (the bluehats plugin's widgets) instead of Strapi's
    // onboarding, statistics and last entries. Plugins have registered theirs by now.
    app.widgets.register((widgets) => widgets.filter((widget) => widget.pluginId === 'bluehats'));
  },
};
