import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartCircle } from '@strapi/icons';
import { EditionDatesPanel } from './dashboard/EditionDatesPanel';

export default {
  config: {
    // French is offered (and set for new admins by the server); English stays available.
    locales: ['fr'],
    translations: {
      fr: {
        'bluehats.dashboard.menu': 'Appel à interventions',
      },
      en: {
        'bluehats.dashboard.menu': 'Call for proposals',
      },
    },
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'bluehats/dashboard',
      icon: ChartCircle,
      intlLabel: { id: 'bluehats.dashboard.menu', defaultMessage: 'Appel à interventions' },
      Component: () => import('./dashboard/DashboardPage'),
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::proposal.proposal' }],
      position: 2,
    } as any);
  },
  bootstrap(app: StrapiApp) {
    (app.getPlugin('content-manager') as any).apis.addEditViewSidePanel([EditionDatesPanel]);
  },
};
