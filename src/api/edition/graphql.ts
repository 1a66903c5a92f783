/**
 * GraphQL: each Edition carries its computed callForProposals block; `program` answers what the REST
 * program route answers, typed (days, sessions, speakers and their administration, instants as
 * DateTime); each Session has its computed `endsAt`.
 */
import type { Core } from '@strapi/strapi';
// Types only, from the builder the GraphQL plugin hands over (the plugin's own types import it too).
import type * as Nexus from 'nexus';
import { READ_IN_MEMORY } from '../../access/graphql-limits';
import { CALL_STATE_LABELS } from '../../domain/labels';
import { sessionEnd } from '../../domain/program';
import { PROGRAM_CHANGE_KINDS } from '../../domain/program-versions';
import { enumMembers } from '../../http/graphql-enum';
import { getService } from '../../services';

/** Strapi's own enums for these attributes: the program gives the stored values, as REST does. */
const SESSION_FORMAT = 'ENUM_SESSION_FORMAT';
const ADMINISTRATION_KIND = 'ENUM_ADMINISTRATION_KIND';

export function registerEditionGraphql(strapi: Core.Strapi): void {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ nexus }: { nexus: typeof Nexus }) => ({
      types: [
        nexus.enumType({
          name: 'CallState',
          description: "État de l'appel à interventions, selon l'horloge du serveur et le fuseau de l'édition",
          members: enumMembers(Object.keys(CALL_STATE_LABELS)),
        }),
        nexus.objectType({
          name: 'CallInstant',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.field('at', { type: 'DateTime' });
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallDurations',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.int('min');
            t.int('max');
            t.list.nonNull.int('choices');
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallTimeLeft',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.float('milliseconds');
            t.nonNull.string('text');
          },
        }),
        nexus.objectType({
          name: 'CallForProposals',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.field('state', { type: 'CallState' });
            t.nonNull.string('timeZone');
            for (const field of ['opensAt', 'closesAt', 'responseDate', 'programPublicationDate']) t.field(field, { type: 'CallInstant' });
            t.nonNull.field('durations', { type: 'CallDurations' });
            t.field('timeLeft', { type: 'CallTimeLeft' });
            t.field('nextChangeAt', { type: 'DateTime' });
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
          type: 'Session',
          definition(t) {
            t.field('endsAt', {
              type: 'DateTime',
              description: 'Début plus durée ; vide sans l’un des deux',
              resolve: (parent: { startsAt?: unknown; durationMinutes?: number | null }) => sessionEnd(parent.startsAt, parent.durationMinutes),
            });
          },
        }),
        nexus.objectType({
          name: 'ProgramVenue',
          extensions: READ_IN_MEMORY,
          definition(t) {
            for (const field of ['name', 'hostShow', 'address', 'city']) t.string(field);
          },
        }),
        nexus.objectType({
          name: 'ProgramEdition',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.id('documentId');
            t.nonNull.string('slug');
            t.nonNull.string('title');
            t.nonNull.int('year');
            t.nonNull.string('timeZone');
            t.field('venue', { type: 'ProgramVenue' });
            t.string('locale');
          },
        }),
        nexus.objectType({
          name: 'ProgramAdministration',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.string('name');
            t.string('acronym');
            t.field('kind', { type: ADMINISTRATION_KIND });
          },
        }),
        nexus.objectType({
          name: 'ProgramSpeaker',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.id('documentId');
            t.nonNull.string('name');
            t.string('jobTitle', { description: "Fonction, seulement si l'intervenant a accepté sa publication" });
            t.string('bio');
            t.field('administration', { type: 'ProgramAdministration' });
          },
        }),
        nexus.objectType({
          name: 'ProgramSession',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.id('documentId');
            t.int('number', { description: "Numéro stable de la session, l'identifiant des événements du programme C3VOC" });
            t.nonNull.string('slug');
            t.nonNull.string('title');
            t.nonNull.boolean('cancelled', { description: 'Annulée après la publication du programme' });
            t.nonNull.int('scheduleSequence', { description: "Séquence iCalendar : augmente quand l'heure, la durée ou la salle change" });
            t.string('abstract');
            t.field('startsAt', { type: 'DateTime' });
            t.field('endsAt', { type: 'DateTime' });
            t.int('durationMinutes');
            t.string('room');
            t.field('format', { type: SESSION_FORMAT });
            t.string('slidesUrl');
            t.string('videoUrl');
            t.field('updatedAt', { type: 'DateTime', description: 'Dernière modification publiée (le DTSTAMP iCalendar)' });
            t.nonNull.list.nonNull.field('speakers', { type: 'ProgramSpeaker' });
          },
        }),
        nexus.objectType({
          name: 'ProgramDay',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.int('index', { description: 'Rang du jour, à partir de 1' });
            t.nonNull.field('date', { type: 'Date', description: "Date locale, dans le fuseau de l'édition" });
            t.string('label');
            t.field('start', { type: 'DateTime' });
            t.field('end', { type: 'DateTime' });
            t.nonNull.list.nonNull.field('sessions', { type: 'ProgramSession' });
          },
        }),
        nexus.objectType({
          name: 'ProgramTexts',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.string('fr');
            t.nonNull.string('en');
          },
        }),
        nexus.enumType({ name: 'ProgramChangeKind', members: enumMembers([...PROGRAM_CHANGE_KINDS]) }),
        nexus.objectType({
          name: 'ProgramChange',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.field('kind', { type: 'ProgramChangeKind' });
            t.nonNull.int('id', { description: 'Numéro stable de la session concernée (l’id de schedule.json)' });
            t.nonNull.string('title');
            t.nonNull.field('text', { type: 'ProgramTexts', description: 'Ce qui a changé, en phrase, dans le fuseau de l’édition' });
          },
        }),
        nexus.objectType({
          name: 'ProgramVersion',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.int('number');
            t.nonNull.field('label', { type: 'ProgramTexts', description: '« Version 1 — programme stabilisé », « Version 2 »…' });
            t.nonNull.field('releasedAt', { type: 'DateTime' });
            t.nonNull.field('updated', { type: 'ProgramTexts', description: '« Mis à jour le … », dans le fuseau de l’édition' });
            t.nonNull.list.nonNull.field('changes', { type: 'ProgramChange', description: 'Depuis la version précédente' });
          },
        }),
        nexus.objectType({
          name: 'Program',
          extensions: READ_IN_MEMORY,
          definition(t) {
            t.nonNull.field('edition', { type: 'ProgramEdition' });
            t.field('version', { type: 'ProgramVersion', description: 'Version en cours du programme ; vide avant la date de publication du programme' });
            t.nonNull.list.nonNull.field('days', { type: 'ProgramDay' });
            t.nonNull.list.nonNull.field('unscheduled', { type: 'ProgramSession', description: 'Sessions publiées sans heure de début' });
          },
        }),
        nexus.extendType({
          type: 'Query',
          definition(t) {
            t.field('program', {
              type: 'Program',
              description: "Programme publié d'une édition (slug ou documentId), groupé par jour : ce que répond GET /api/editions/{edition}/program",
              args: { edition: nexus.nonNull(nexus.stringArg()), locale: nexus.stringArg() },
              resolve: (_parent: unknown, args: { edition: string; locale?: string | null }) =>
                getService('outputs').programData(args.edition, args.locale ?? undefined),
            });
          },
        }),
      ],
      resolversConfig: {
        'Edition.callForProposals': { auth: false },
        'Session.endsAt': { auth: false },
        'Query.program': { auth: false },
      },
    }));
}
