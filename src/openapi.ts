/**
 * OpenAPI descriptions of the custom routes, merged by @strapi/plugin-documentation into the
 * generated document (GET /documentation). The stock routes are described by the plugin itself;
 * `withoutPrivateNames` then removes what the generator shows but the API never serves.
 */
import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from './content-types';

const error = { $ref: '#/components/schemas/Error' };
const problem = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
const text = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });
const editionParam = { name: 'edition', in: 'path', required: true, description: "Slug ou documentId de l'édition", schema: { type: 'string' } };
const sessionParam = { name: 'session', in: 'path', required: true, description: 'documentId de la session', schema: { type: 'string' } };
const tokenParam = { name: 'token', in: 'path', required: true, description: 'Jeton privé du lien de suivi', schema: { type: 'string' } };
const cached = { '304': { description: 'Inchangé depuis If-None-Match' } };

const submission = {
  type: 'object',
  required: ['edition', 'speakerName', 'email', 'administrationName', 'title', 'abstract', 'requestedDuration'],
  properties: {
    edition: { type: 'string', description: "Slug de l'édition" },
    speakerName: { type: 'string', maxLength: 120 },
    email: { type: 'string', format: 'email' },
    administrationName: { type: 'string', maxLength: 200 },
    jobTitle: { type: 'string', maxLength: 150 },
    title: { type: 'string', minLength: 5, maxLength: 200 },
    abstract: { type: 'string', minLength: 20, maxLength: 5000 },
    preferredDay: { type: 'string', format: 'date', nullable: true },
    requestedDuration: { type: 'integer' },
    consentContact: { type: 'boolean' },
    consentPublication: { type: 'boolean' },
    language: { type: 'string', enum: ['fr', 'en'] },
    website: { type: 'string', description: 'Pot de miel : doit rester vide' },
  },
  additionalProperties: false,
};

const authorView = { type: 'object', description: 'La proposition telle que son auteur la voit ; la décision seulement une fois communiquée' };

function op(summary: string, extra: Record<string, unknown>) {
  return { tags: ['Call for proposals'], summary, security: [], ...extra };
}

export const OPENAPI_OVERRIDE = {
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          data: { nullable: true },
          error: {
            type: 'object',
            properties: {
              status: { type: 'integer' },
              name: { type: 'string' },
              message: { type: 'string', description: 'En français, ou en anglais avec Accept-Language: en' },
              details: { type: 'object', properties: { code: { type: 'string' }, messageFr: { type: 'string' }, messageEn: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
  paths: {
    '/proposals': {
      post: op('Soumettre une proposition (appel ouvert uniquement)', {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { data: submission } } } } },
        responses: {
          '201': {
            description: 'Référence, jeton et lien de suivi, status (under-review) et statusLabel comme le lien de suivi, dates de réponse et de programme',
          },
          '400': problem('VALIDATION_FAILED : une entrée par champ dans details.errors'),
          '403': problem('CFP_NOT_OPEN_YET ou CFP_CLOSED'),
          '404': problem('EDITION_NOT_FOUND'),
          '409': problem('PROPOSAL_DUPLICATE'),
          '413': problem('PAYLOAD_TOO_LARGE'),
          '429': problem('TOO_MANY_REQUESTS, avec Retry-After'),
        },
      }),
    },
    '/proposals/mine/{token}': {
      get: op('Voir sa proposition', {
        parameters: [tokenParam],
        responses: { '200': { description: 'Vue auteur', content: { 'application/json': { schema: authorView } } }, '404': problem('NOT_FOUND') },
      }),
      put: op("Corriger sa proposition jusqu'à la date limite", {
        parameters: [tokenParam],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { data: { ...submission, required: [] } } } } } },
        responses: {
          '200': { description: 'Vue auteur' },
          '400': problem('VALIDATION_FAILED'),
          '403': problem('CFP_CLOSED'),
          '404': problem('NOT_FOUND'),
          '409': problem('PROPOSAL_WITHDRAWN'),
        },
      }),
    },
    '/proposals/mine/{token}/withdraw': {
      post: op('Retirer sa proposition', { parameters: [tokenParam], responses: { '200': { description: 'Vue auteur' }, '404': problem('NOT_FOUND') } }),
    },
    '/proposals/mine/{token}/confirm': {
      post: op('Confirmer sa venue (proposition retenue)', {
        parameters: [tokenParam],
        responses: { '200': { description: 'Vue auteur' }, '403': problem('CONFIRMATION_CLOSED'), '409': problem('NOTHING_TO_CONFIRM') },
      }),
    },
    '/proposals/mine/{token}/decline': {
      post: op('Décliner (proposition retenue)', {
        parameters: [tokenParam],
        responses: { '200': { description: 'Vue auteur' }, '409': problem('NOTHING_TO_CONFIRM') },
      }),
    },
    '/editions/{edition}/program': {
      get: {
        tags: ['Program'],
        summary: 'Programme publié, par jour, trié par heure de début (respecte la date de publication)',
        parameters: [editionParam, { name: 'locale', in: 'query', schema: { type: 'string', enum: ['fr', 'en'] } }],
        responses: { '200': { description: '{ data: { edition, days[], unscheduled[] } }' }, ...cached, '404': problem('EDITION_NOT_FOUND') },
      },
    },
    '/editions/{edition}/schedule.json': {
      get: {
        tags: ['Program'],
        summary: 'Programme au format C3VOC schedule.json',
        parameters: [editionParam],
        responses: { '200': { description: 'schedule.json' }, ...cached },
      },
    },
    '/editions/{edition}/schedule.xml': {
      get: {
        tags: ['Program'],
        summary: 'Programme au format C3VOC schedule.xml',
        parameters: [editionParam],
        responses: { '200': text('application/xml', 'schedule.xml'), ...cached },
      },
    },
    '/editions/{edition}/calendar.ics': {
      get: {
        tags: ['Program'],
        summary: 'Programme en iCalendar',
        parameters: [editionParam],
        responses: { '200': text('text/calendar', 'iCalendar'), ...cached },
      },
    },
    '/editions/{edition}/announcement.md': {
      get: {
        tags: ['Program'],
        summary: "Annonce de l'appel, Markdown + front matter",
        parameters: [editionParam],
        responses: { '200': text('text/markdown', 'Markdown'), ...cached },
      },
    },
    '/editions/{edition}/session-pages': {
      get: {
        tags: ['Program'],
        summary: 'Une page Markdown par session publiée',
        parameters: [editionParam],
        responses: { '200': { description: '{ data: [{ path, content }] }' }, ...cached },
      },
    },
    '/sessions/{session}/calendar.ics': {
      get: {
        tags: ['Program'],
        summary: 'Une session en iCalendar',
        parameters: [sessionParam],
        responses: { '200': text('text/calendar', 'iCalendar'), ...cached, '404': problem('SESSION_NOT_FOUND') },
      },
    },
    '/sessions/{session}/page.md': {
      get: {
        tags: ['Program'],
        summary: 'Une session en Markdown',
        parameters: [sessionParam],
        responses: { '200': text('text/markdown', 'Markdown'), ...cached, '404': problem('SESSION_NOT_FOUND') },
      },
    },
  },
};

export function registerOpenApi(strapi: Core.Strapi): void {
  strapi
    .plugin('documentation')
    ?.service('override')
    .registerOverride(OPENAPI_OVERRIDE, { excludeFromGeneration: ['proposal', 'notification', 'job-mark'] });
}

type Attributes = Record<string, { private?: boolean }>;
type OpenApiDocument = { components?: unknown; paths?: Record<string, unknown> };

/**
 * Attribute names marked private in any content type: the proposal's (reviewerNotes, statusTokenHash…),
 * the rebuild target's secret, createdBy/updatedBy and, through them, the admin users' tokens. A name
 * that a public type shows (e.g. `locale` on localized types) stays.
 */
export function privateAttributeNames(strapi: Core.Strapi): Set<string> {
  const contentTypes = strapi.contentTypes as unknown as Record<string, { attributes: Attributes }>;
  const components = strapi.components as unknown as Record<string, { attributes: Attributes }>;
  const shown = new Set<string>();
  for (const uid of PUBLIC_TYPES) {
    for (const [name, attribute] of Object.entries(contentTypes[uid].attributes)) if (!attribute.private) shown.add(name);
  }
  for (const component of Object.values(components)) for (const name of Object.keys(component.attributes)) shown.add(name);
  const hidden = new Set<string>();
  for (const { attributes } of Object.values(contentTypes)) {
    for (const [name, attribute] of Object.entries(attributes)) if (attribute.private && !shown.has(name)) hidden.add(name);
  }
  return hidden;
}

/**
 * Removes the given property names from every schema of an OpenAPI document, except in the paths
 * written here by hand (OPENAPI_OVERRIDE), which describe what a proposer sends (their e-mail).
 * Iterative: the generated document nests relation schemas many levels deep.
 */
export function removeProperties(document: OpenApiDocument, names: Set<string>): void {
  const handWritten = new Set(Object.keys(OPENAPI_OVERRIDE.paths));
  const pending: unknown[] = [document.components];
  for (const [path, item] of Object.entries(document.paths ?? {})) if (!handWritten.has(path)) pending.push(item);
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || typeof node !== 'object') continue;
    const schema = node as { properties?: Record<string, unknown>; required?: unknown };
    if (schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties)) {
      for (const name of Object.keys(schema.properties)) if (names.has(name)) delete schema.properties[name];
      if (Array.isArray(schema.required)) schema.required = schema.required.filter((name) => !names.has(name as string));
    }
    pending.push(...Object.values(node));
  }
}

/**
 * The documentation plugin's `mutateDocumentation` hook (config/plugins.ts). It receives only the
 * document, at bootstrap, so it reads the content types from the global `strapi` instance.
 */
export function withoutPrivateNames(document: OpenApiDocument): void {
  removeProperties(document, privateAttributeNames(strapi));
}
