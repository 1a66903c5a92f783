/**
 * What Strapi's generator gets wrong about the answers Strapi really gives, corrected in the
 * generated schemas (never in the hand-written ones) so that a client validating against the
 * document accepts them:
 * - an optional field without a value is `null` in the answer, but is described as a plain type;
 * - `format: time` is JSON Schema's RFC 3339 time, with an offset, while Strapi sends "14:00:00.000";
 * - list answers' pagination bounds: `pageSize` ≥ 25 and `pageCount` ≤ 1 are false past 25 items.
 */
type Schema = { [key: string]: unknown; properties?: Record<string, Schema>; required?: string[]; type?: unknown; enum?: unknown[]; $ref?: string };

/** Null only, in OpenAPI 3.0 words. */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };
const STRAPI_TIME = { type: 'string', pattern: '^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$', example: '14:00:00.000' };

const isObject = (value: unknown): value is Schema => !!value && typeof value === 'object' && !Array.isArray(value);

/** An optional property as Strapi answers it: its value, or null (an empty list stays a list). */
function orNull(property: Schema): Schema {
  if (typeof property.$ref === 'string') return { anyOf: [{ $ref: property.$ref }, NULL_ONLY] };
  if (typeof property.type !== 'string' || property.type === 'array' || property.nullable) return property;
  return { ...property, nullable: true, ...(Array.isArray(property.enum) ? { enum: [...property.enum, null] } : {}) };
}

/** Applies the corrections to every schema under `roots`, however deeply the generator nested them. */
export function correctGeneratedSchemas(roots: unknown[]): void {
  const pending = [...roots];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isObject(node)) {
      if (Array.isArray(node)) pending.push(...node);
      continue;
    }
    if (isObject(node.properties)) {
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      for (const [name, property] of Object.entries(node.properties)) {
        if (!isObject(property)) continue;
        const timed = property.format === 'time' ? { ...STRAPI_TIME, ...(property.description ? { description: property.description } : {}) } : property;
        node.properties[name] = required.has(name) ? timed : orNull(timed);
      }
      const pagination = node.properties.meta?.properties?.pagination?.properties;
      if (pagination?.pageSize) delete pagination.pageSize.minimum;
      if (pagination?.pageCount) delete pagination.pageCount.maximum;
    }
    pending.push(...Object.values(node));
  }
}
