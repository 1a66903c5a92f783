import { enumerationLabels } from '../domain/labels';

// The admin's select translates each option with the value as its message id, so these entries
// label the values of our enumerations, with the names the server uses (src/domain/labels.ts).
export default {
  config: {
    // French is offered (and set for new admins by the server); English stays available.
    locales: ['fr'],
    translations: {
      fr: {
        ...enumerationLabels('fr'),
        'bluehats.dashboard.menu': 'Appel à interventions',
      },
      en: {
        ...enumerationLabels('en'),
        'bluehats.dashboard.menu': 'Call for proposals',
      },
    },
  },
};
