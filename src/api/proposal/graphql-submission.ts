/**
 * GraphQL: one mutation, `submitProposal`, through the same service as REST. The generated CRUD of
 * proposals is switched off with the other private types (src/access/graphql-private-types.ts).
 */
import type { Core } from '@strapi/strapi';
import type * as Nexus from 'nexus';
import type { Context } from 'koa';
import { negotiateLanguage } from '../../domain/language';
import { Problem } from '../../http/problem';
import rateLimit from './middlewares/rate-limit';
import { getService } from '../../services';

/** What Strapi's GraphQL plugin puts in a resolver's context: the request's Koa context. */
interface GraphqlContext {
  koaContext: Context;
}
type Resolver = (parent: unknown, args: unknown, context: GraphqlContext, info: unknown) => unknown;

export function registerProposalSubmissionGraphql(strapi: Core.Strapi): void {
  const extension = strapi.plugin('graphql').service('extension');

  let limiter: ReturnType<typeof rateLimit> | undefined;

  // The GraphQL plugin hands over its own copy of Nexus (a dependency of @strapi/plugin-graphql).
  extension.use(({ nexus }: { nexus: typeof Nexus }) => ({
    types: [
      nexus.inputObjectType({
        name: 'ProposalSubmissionInput',
        definition(t) {
          t.nonNull.string('edition', { description: "Slug (ou documentId) de l'édition" });
          for (const field of ['speakerName', 'email', 'administrationName', 'jobTitle', 'title', 'abstract', 'preferredDay', 'language', 'website']) {
            t.string(field);
          }
          t.int('requestedDuration');
          t.boolean('consentContact');
          t.boolean('consentPublication');
        },
      }),
      nexus.objectType({
        name: 'LocalizedInstant',
        definition(t) {
          t.string('at');
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
          t.nonNull.string('status');
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
