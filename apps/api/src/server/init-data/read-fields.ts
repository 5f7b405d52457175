import type { Static, TObject, TProperties, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export type FieldsResult<S extends TObject<TProperties>> =
  | { ok: true; object: Static<S> }
  | { ok: false; problem: string };

function expected(schema: TSchema): string {
  switch ((schema as { type?: unknown }).type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a value of another shape';
  }
}

/**
 * The fields of one init_data entry that the schema knows, checked and filled with defaults.
 * Unknown fields are dropped (Casdoor versions differ in their fields); a missing or null field
 * takes its default; a field of the wrong type makes the whole entry invalid, named in the problem.
 */
export function readFields<S extends TObject<TProperties>>(schema: S, raw: Record<string, unknown>): FieldsResult<S> {
  const object = Value.Create(schema) as Record<string, unknown>;
  for (const [name, fieldSchema] of Object.entries(schema.properties)) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    const candidate = Value.Clean(fieldSchema, Value.Default(fieldSchema, structuredClone(value)));
    if (!Value.Check(fieldSchema, candidate)) {
      const first = Value.Errors(fieldSchema, candidate).First();
      const where = first?.path ? `${name}${first.path.replace(/\//g, '.')}` : name;
      const what = first?.path ? expected(first.schema) : expected(fieldSchema);
      return { ok: false, problem: `field "${where}" should be ${what}` };
    }
    object[name] = candidate;
  }
  return { ok: true, object: object as Static<S> };
}

/** Names Casdoor could not use in an id: empty, or with a slash. */
export function nameProblem(kind: string, name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return `the ${kind} has no name`;
  if (name.includes('/')) return `the name "${name}" contains "/"`;
  return undefined;
}
