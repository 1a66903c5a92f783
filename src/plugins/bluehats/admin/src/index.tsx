import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartCircle } from '@strapi/icons';
import { EditionDatesPanel } from './components/EditionDatesPanel';
import { ProposalDecisionPanel } from './components/ProposalDecisionPanel';
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
  },
  bootstrap(app: StrapiApp) {
    // The content-manager's public API for side panels is not in its published types.
    (app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel: (panels: unknown[]) => void } }).apis.addEditViewSidePanel([
      EditionDatesPanel,
      ProposalDecisionPanel,
    ]);
  },
};
