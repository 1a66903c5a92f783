/**
 * Nesting depth of a parsed body, measured without recursion: the check exists because recursive
 * code (JSON.stringify, validators, GraphQL variable coercion) overflows the stack on a few
 * thousand levels, so it must not recurse itself.
 */

/** True when `value` nests objects or arrays more than `maxDepth` levels deep (`{}` and `[]` are 1). */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
