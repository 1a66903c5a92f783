/** GraphQL: each Edition carries its computed callForProposals block; `program` mirrors the REST program route. */
import type { Core } from '@strapi/strapi';
// Types only, from the builder the GraphQL plugin hands over (the plugin's own types import it too).
import type * as Nexus from 'nexus';
import { getService } from '../../services';

export function registerEditionGraphql(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ nexus }: { nexus: typeof Nexus }) => ({
      types: [
        nexus.objectType({
          name: 'CallInstant',
          definition(t) {
            t.nonNull.string('at');
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallDurations',
          definition(t) {
            t.int('min');
            t.int('max');
            t.list.int('choices');
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallTimeLeft',
          definition(t) {
            t.nonNull.float('milliseconds');
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallForProposals',
          definition(t) {
            t.nonNull.string('state', { description: 'upcoming | open | closed | decisions-released | program-published | past' });
            t.nonNull.string('timeZone');
            for (const field of ['opensAt', 'closesAt', 'responseDate', 'programPublicationDate']) t.field(field, { type: 'CallInstant' });
            t.nonNull.field('durations', { type: 'CallDurations' });
            t.field('timeLeft', { type: 'CallTimeLeft' });
            t.string('nextChangeAt');
          },
        }),
        nexus.extendType({
          type: 'Edition',
          definition(t) {
            t.field('callForProposals', {
              type: 'CallForProposals',
              resolve: async (parent: { documentId: string; locale?: string }) => {
                const blocks = await getService('callState').blocksFor([parent.documentId], parent.locale === 'en' ? 'en' : 'fr');
                return blocks.get(parent.documentId) ?? null;
              },
            });
          },
        }),
        nexus.extendType({
          type: 'Query',
          definition(t) {
            t.field('program', {
              type: 'JSON',
              description: "Programme publié d'une édition (slug ou documentId), groupé par jour",
              args: { edition: nexus.nonNull(nexus.stringArg()), locale: nexus.stringArg() },
              resolve: async (_parent: unknown, args: { edition: string; locale?: string }) => {
                const program = await getService('outputs').loadProgram(args.edition, args.locale ?? undefined);
                return {
                  edition: { slug: program.edition.slug, title: program.edition.title, timeZone: program.edition.timeZone },
                  days: program.days,
                  unscheduled: program.unscheduled,
                };
              },
            });
          },
        }),
      ],
      resolversConfig: {
        'Edition.callForProposals': { auth: false },
        'Query.program': { auth: false },
      },
    }));
}
