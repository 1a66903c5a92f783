import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartCircle } from '@strapi/icons';
import { EditionDatesPanel } from './components/EditionDatesPanel';
import { PERMISSIONS } from './permissions';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: 'bluehats', name: 'Appel à interventions' });
    app.addMenuLink({
      to: 'plugins/bluehats',
      icon: ChartCircle,
      intlLabel: { id: 'bluehats.dashboard.menu', defaultMessage: 'Appel à interventions' },
      Component: () => import('./pages/DashboardPage'),
      permissions: PERMISSIONS.read,
      position: 2,
    });
    // The inputs take the content manager's props; the registry types them as taking none.
    const input = (load: () => Promise<{ default: unknown }>) => load as () => Promise<{ default?: ComponentType }>;
    app.customFields.register([
      {
        name: 'local-datetime',
        pluginId: 'bluehats',
        type: 'datetime',
        intlLabel: { id: 'bluehats.local-datetime.label', defaultMessage: "Date et heure dans le fuseau de l'édition" },
        intlDescription: {
          id: 'bluehats.local-datetime.description',
          defaultMessage: "Saisie libre « 20/11/2027 23:59 », lue dans le fuseau horaire de l'édition, enregistrée en UTC.",
        },
        components: { Input: input(() => import('./components/LocalDateTimeInput')) },
      },
      {
        name: 'year',
        pluginId: 'bluehats',
        type: 'integer',
        intlLabel: { id: 'bluehats.year.label', defaultMessage: 'Année' },
        intlDescription: { id: 'bluehats.year.description', defaultMessage: 'Une année écrite sans espace : « 2027 ».' },
        components: { Input: input(() => import('./components/YearInput')) },
      },
    ]);
  },
  bootstrap(app: StrapiApp) {
    // The content-manager's public API for side panels is not in its published types.
    (app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } }).apis.addEditViewSidePanel([
      EditionDatesPanel,
    ]);
  },
};
