import { schemaKey } from './named-schemas.ts';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);
const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Replaces every schema in `root` that is one of the named ones by a `$ref` to it (a nullable one by
 * `anyOf: [$ref, null]`), and answers the names it used.
 */
export function referNamedSchemas(
  root: unknown,
  byKey: ReadonlyMap<string, string>,
  used: Set<string>,
  skipRoot = false,
): unknown {
  const visit = (value: unknown, isRoot: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => visit(item, false));
    if (!isNode(value)) return value;
    if (!isRoot) {
      const name = byKey.get(schemaKey(value));
      if (name) {
        used.add(name);
        return refTo(name);
      }
      const type = value.type;
      if (Array.isArray(type) && type.length === 2 && type[1] === 'null') {
        const nullableOf = byKey.get(schemaKey({ ...value, type: type[0] }));
        if (nullableOf) {
          used.add(nullableOf);
          return { anyOf: [refTo(nullableOf), { type: 'null' }] };
        }
      }
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        key === 'example' || key === 'examples' || key === 'default' ? child : visit(child, false),
      ]),
    );
  };
  return visit(root, skipRoot);
}

/** Names a schema refers to ($ref), directly. */
export function referencedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedNames(item, found);
  else if (isNode(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/'))
        found.add(child.slice('#/components/schemas/'.length));
      else referencedNames(child, found);
    }
  }
  return found;
}
