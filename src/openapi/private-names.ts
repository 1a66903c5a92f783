/**
 * What the generated document must not name: the private attributes of every content type, which
 * Strapi's generator lists in nested relation schemas although the API never serves them.
 */
import type { Core } from '@strapi/strapi';
import { PUBLIC_TYPES } from '../content-types';

type Attributes = Record<string, { private?: boolean }>;

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
 * Removes the given property names from every schema under `roots` (the generated parts of the
 * document). Iterative: the generated document nests relation schemas many levels deep.
 */
export function removeProperties(roots: unknown[], names: Set<string>): void {
  const pending = [...roots];
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
