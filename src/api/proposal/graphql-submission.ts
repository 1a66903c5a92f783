/**
 * GraphQL: one mutation, `submitProposal`, through the same service as REST. The generated CRUD of
 * proposals is switched off with the other private types (src/access/graphql-private-types.ts).
 */
import type { Core } from '@strapi/strapi';
import type * as Nexus from 'nexus';
import type { Context } from 'koa';
import { negotiateLanguage } from '../../domain/language';
import { PUBLIC_STATUSES } from '../../domain/proposal-states';
import { SUBMISSION_FIELDS, type FieldKind } from '../../domain/submission-form';
import { CONSENTS } from '../../domain/consent';
import { CO_SPEAKER_FIELDS, MAX_CO_SPEAKERS } from '../../domain/co-speakers';
import { enumMembers } from '../../http/graphql-enum';
import { Problem } from '../../http/problem';
import rateLimit from './middlewares/rate-limit';
import { getService } from '../../services';

/** What Strapi's GraphQL plugin puts in a resolver's context: the request's Koa context. */
interface GraphqlContext {
  koaContext: Context;
}
/** The GraphQL scalar of each kind of form field; the service checks the rest (lengths, days, durations). */
const INPUT_SCALARS: Record<FieldKind, 'String' | 'Int' | 'Boolean'> = {
  text: 'String',
  longText: 'String',
  email: 'String',
  integer: 'Int',
  boolean: 'Boolean',
  day: 'String',
  language: 'String',
  honeypot: 'String',
};

type Resolver = (parent: unknown, args: unknown, context: GraphqlContext, info: unknown) => unknown;

export function registerProposalSubmissionGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');

  let limiter: ReturnType<typeof rateLimit> | undefined;

  // The GraphQL plugin hands over its own copy of Nexus (a dependency of @strapi/plugin-graphql).
  extension.use(({ nexus }: { nexus: typeof Nexus }) => ({
    types: [
      nexus.enumType({
        name: 'ProposalStatus',
        description: 'Où en est une proposition, telle que son auteur la voit (jamais une décision non communiquée)',
        members: enumMembers(PUBLIC_STATUSES),
      }),
      nexus.inputObjectType({
        name: 'ConsentVersionsInput',
        description: 'Les versions des textes de consentement que la personne a vues ; absentes : les versions en cours',
        definition(t) {
          for (const consent of CONSENTS) t.int(consent);
        },
      }),
      nexus.inputObjectType({
        name: 'CoSpeakerInput',
        description:
          "Un co-intervenant : il reçoit une invitation à son adresse, avec son propre lien privé (champs vérifiés par le service, comme pour l'API REST)",
        definition(t) {
          for (const [field, spec] of Object.entries(CO_SPEAKER_FIELDS)) t.string(field, { description: spec.label });
        },
      }),
      nexus.inputObjectType({
        name: 'ProposalSubmissionInput',
        description: 'Le formulaire de proposition ; les champs non nuls sont obligatoires (les mêmes que pour POST /api/proposals)',
        definition(t) {
          t.nonNull.string('edition', { description: "Slug (ou documentId) de l'édition" });
          for (const [field, spec] of Object.entries(SUBMISSION_FIELDS)) {
            const scalar = INPUT_SCALARS[spec.kind];
            if (spec.required) t.nonNull.field(field, { type: scalar, description: spec.label });
            else t.field(field, { type: scalar, description: spec.label });
          }
          t.field('consentVersions', { type: 'ConsentVersionsInput', description: 'Versions des textes de consentement vues' });
          t.list.nonNull.field('coSpeakers', { type: 'CoSpeakerInput', description: `Les co-intervenants (${MAX_CO_SPEAKERS} au plus)` });
          t.string('lateCode', { description: "Code de dépôt tardif donné par l'équipe : admet la proposition après la date limite de l'appel" });
        },
      }),
      nexus.objectType({
        name: 'LocalizedInstant',
        definition(t) {
          t.field('at', { type: 'DateTime' });
          t.string('fr');
          t.string('en');
        },
      }),
      nexus.objectType({
        name: 'ProposalStatusLabel',
        definition(t) {
          t.nonNull.string('fr');
          t.nonNull.string('en');
        },
      }),
      nexus.objectType({
        name: 'ProposalReceiptEdition',
        definition(t) {
          t.nonNull.string('slug');
          t.nonNull.string('title');
        },
      }),
      nexus.objectType({
        name: 'ProposalReceipt',
        definition(t) {
          t.nonNull.string('reference');
          t.nonNull.string('statusToken');
          t.nonNull.string('statusUrl');
          // As the status link says it: a PublicStatus value ("under-review" after a submission) and its label.
          t.nonNull.field('status', { type: 'ProposalStatus' });
          t.nonNull.field('statusLabel', { type: 'ProposalStatusLabel' });
          t.nonNull.field('edition', { type: 'ProposalReceiptEdition' });
          t.field('responseDate', { type: 'LocalizedInstant' });
          t.field('programPublicationDate', { type: 'LocalizedInstant' });
        },
      }),
      nexus.extendType({
        type: 'Mutation',
        definition(t) {
          t.nonNull.field('submitProposal', {
            type: 'ProposalReceipt',
            args: { data: nexus.nonNull('ProposalSubmissionInput') },
            resolve: (_parent: unknown, args: { data: Record<string, unknown> }, context: GraphqlContext) => {
              // GraphQL passes absent optional fields as undefined: drop them, as a JSON body would.
              const data = Object.fromEntries(Object.entries({ ...args.data }).filter(([, v]) => v !== undefined));
              const language = negotiateLanguage(context.koaContext?.get('accept-language'));
              return getService('proposals').submit(data, { language });
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Mutation.submitProposal': {
        auth: false,
        middlewares: [
          async (resolve: Resolver, parent: unknown, args: unknown, context: GraphqlContext, info: unknown) => {
            limiter ??= rateLimit(undefined, { strapi });
            let result: unknown;
            await limiter(context.koaContext, async () => {
              result = await resolve(parent, args, context, info);
            });
            if (context.koaContext.status === 429) {
              context.koaContext.status = 200;
              throw new Problem(
                429,
                'RateLimitError',
                'TOO_MANY_REQUESTS',
                'Trop de demandes depuis votre adresse : réessayez plus tard.',
                'Too many requests from your address: try again later.'
              );
            }
            return result;
          },
        ],
      },
    },
  }));
}
