/** GraphQL: each Edition carries its computed callForProposals block; `program` mirrors the REST program route. */
import type { Core } from '@strapi/strapi';
import { getService } from '../../services';

export function registerEditionGraphql(strapi: Core.Strapi): void {
  strapi.plugin('graphql').service('extension').use(({ nexus }: { nexus: any }) => ({
    types: [
      nexus.objectType({
        name: 'CallInstant',
        definition(t: any) {
          t.nonNull.string('at');
          t.nonNull.string('text');
        },
      }),
      nexus.objectType({
        name: 'CallDurations',
        definition(t: any) {
          t.int('min');
          t.int('max');
          t.list.int('choices');
          t.nonNull.string('text');
        },
      }),
      nexus.objectType({
        name: 'CallTimeLeft',
        definition(t: any) {
          t.nonNull.float('milliseconds');
          t.nonNull.string('text');
        },
      }),
      nexus.objectType({
        name: 'CallForProposals',
        definition(t: any) {
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
        definition(t: any) {
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
        definition(t: any) {
          t.field('program', {
            type: 'JSON',
            description: "Programme publié d'une édition (slug ou documentId), groupé par jour",
            args: { edition: nexus.nonNull(nexus.stringArg()), locale: nexus.stringArg() },
            resolve: async (_parent: unknown, args: { edition: string; locale?: string }) => {
              const program = await getService('outputs').loadProgram(args.edition, args.locale ?? undefined);
              return { edition: { slug: program.edition.slug, title: program.edition.title, timeZone: program.edition.timeZone }, days: program.days, unscheduled: program.unscheduled };
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
