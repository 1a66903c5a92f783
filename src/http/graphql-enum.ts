/**
 * GraphQL enum members for a domain value set. A GraphQL name cannot hold a hyphen: each value is
 * named the way Strapi names the values of its own enumerations (`decisions-released` →
 * `decisions_released`), and resolvers keep returning the domain value.
 */
import { strings } from '@strapi/utils';

export function enumMembers(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [strings.toRegressedEnumValue(value), value]));
}
