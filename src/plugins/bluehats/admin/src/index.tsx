import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Calendar, ChartCircle, Clock, Cross, Message, Shield } from '@strapi/icons';
import { EditionDatesPanel } from './components/EditionDatesPanel';
import { RebuildTestPanel } from './components/RebuildTestPanel';
import { EditionFilter } from './list-view/EditionFilter';
import { formatColumns, formatFilters, LIST_HOOKS } from './list-view/hooks';
import { ProposalDecisionPanel } from './components/ProposalDecisionPanel';
import { ProposalReviewPanel } from './components/ProposalReviewPanel';
import { PERMISSIONS, PROGRAM_BUILDER_PATH } from './permissions';

/** The content-manager's public APIs for side panels and injection zones are not in its published types. */
interface ContentManagerApis {
  apis: { addEditViewSidePanel: (panels: unknown[]) => void };
  injectComponent: (view: 'listView', zone: 'actions', component: { name: string; Component: React.ComponentType }) => void;
}

const homeWidget = (id: string, title: string, icon: typeof Clock, name: 'EditionsWidget' | 'UndecidedWidget' | 'RebuildFailuresWidget') => ({
  id,
  pluginId: 'bluehats',
  icon,
  title: { id: `bluehats.home.${id}`, defaultMessage: title },
  component: async () => (await import('./home/Widgets'))[name],
  permissions: PERMISSIONS.read,
});

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
    // « Construire le programme »: the afternoons' grids, the placement rules live, the versions.
    app.addMenuLink({
      to: PROGRAM_BUILDER_PATH,
      icon: Calendar,
      intlLabel: { id: 'bluehats.program.menu', defaultMessage: 'Programme' },
      Component: () => import('./pages/ProgramBuilderPage'),
      permissions: PERMISSIONS.buildProgram,
      position: 3,
    });
    // Éditeur alone: erase a person on request, the privacy tasks, the access log.
    app.addMenuLink({
      to: 'plugins/bluehats-donnees-personnelles',
      icon: Shield,
      intlLabel: { id: 'bluehats.personal-data.menu', defaultMessage: 'Données personnelles' },
      Component: () => import('./pages/PersonalDataPage'),
      permissions: PERMISSIONS.erase,
      position: 4,
    });
    // The home page: the call's essentials (src/admin/app.tsx removes Strapi's own widgets).
    app.widgets.register([
      homeWidget('editions', 'Éditions en cours', Clock, 'EditionsWidget'),
      homeWidget('undecided', 'Propositions sans décision', Message, 'UndecidedWidget'),
      homeWidget('rebuild-failures', 'Échecs de reconstruction', Cross, 'RebuildFailuresWidget'),
    ]);
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
    const contentManager = app.getPlugin('content-manager') as unknown as ContentManagerApis;
    contentManager.apis.addEditViewSidePanel([EditionDatesPanel, ProposalDecisionPanel, ProposalReviewPanel, RebuildTestPanel]);
    contentManager.injectComponent('listView', 'actions', { name: 'bluehats-edition-filter', Component: EditionFilter });
    app.registerHook(LIST_HOOKS.columns, formatColumns);
    app.registerHook(LIST_HOOKS.filters, formatFilters);
  },
};
