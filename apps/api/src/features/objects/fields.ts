import { ApiError } from '../../core/errors/api-error.ts';
import type { Access, AnyObject } from './kind.ts';

/** Which fields a caller may write. `owner`, `name` and `organization` follow the rename and move rules instead. */
export interface FieldRules<O extends AnyObject> {
  /** Kept from the stored object whatever the body says: set by the server or derived from other fields. */
  readOnly: readonly (keyof O & string)[];
  /** Taken from the body when the object is added, read-only afterwards (a user's UUID). */
  addOnly?: readonly (keyof O & string)[];
  /** Only a global administrator may change these. */
  globalOnly?: readonly (keyof O & string)[];
  /** Secrets shown masked as "***": that value in a body means "keep the stored secret". */
  secrets?: readonly (keyof O & string)[];
  /** What a user may change on their own object, for kinds with self-service. */
  selfWritable?: readonly (keyof O & string)[];
}

/** How a secret is shown to those who may not read it. */
export const MASK = '***';

export const IDENTITY_FIELDS = ['owner', 'name', 'organization'] as const;

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** `columns=a,b,c` (camelCase, or Casdoor's snake_case) → field names; an unknown one is an error. */
export function parseColumns(columns: string | undefined, known: readonly string[]): Set<string> | undefined {
  if (columns === undefined || columns.trim() === '') return undefined;
  const fields = new Set<string>();
  for (const raw of columns.split(',')) {
    const column = raw.trim();
    if (!column) continue;
    const field = known.includes(column) ? column : camelCase(column);
    if (!known.includes(field)) throw new ApiError('object.unknown_column', { column });
    fields.add(field);
  }
  return fields;
}

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((item, index) => sameValue(item, (b as unknown[])[index]));
  const left = Object.entries(a as Record<string, unknown>);
  const right = b as Record<string, unknown>;
  return (
    left.length === Object.keys(right).length &&
    left.every(([key, value]) => Object.hasOwn(right, key) && sameValue(value, right[key]))
  );
}

export interface MergeInput<O extends AnyObject> {
  rules: FieldRules<O>;
  /** Every field of the object, in schema order. */
  known: readonly string[];
  defaults: O;
  stored: O;
  /** The stored object as this caller sees it: a body value equal to it is no change (masked secrets included). */
  presented: O;
  body: Partial<Record<string, unknown>>;
  /** Fields from `columns=`; only these are taken from the body. */
  columns?: Set<string>;
  access: Access;
  isGlobalAdmin: boolean;
}

export interface Merged<O> {
  next: O;
  /** Fields whose value the caller changed (identity fields included). */
  changed: Set<string>;
}

function mayWrite<O extends AnyObject>(field: string, input: MergeInput<O>): boolean {
  if (input.access === 'self') return (input.rules.selfWritable ?? []).includes(field as keyof O & string);
  if (input.access !== 'admin') return false;
  return input.isGlobalAdmin || !(input.rules.globalOnly ?? []).includes(field as keyof O & string);
}

/**
 * The whole new object from the stored one and a body: unknown and read-only fields are ignored,
 * missing fields keep their value, `null` means the field's empty value, and a field the caller may
 * not write is an error when its value changes (so neither a whole object nor `columns=` can raise
 * anyone's rights). Identity fields are taken as given; the caller checks renames and moves.
 */
export function mergeChanges<O extends AnyObject>(input: MergeInput<O>): Merged<O> {
  const next = structuredClone(input.stored) as Record<string, unknown>;
  const changed = new Set<string>();
  for (const field of input.known) {
    if (!Object.hasOwn(input.body, field)) continue;
    if (input.columns && !input.columns.has(field)) continue;
    if ((input.rules.readOnly as readonly string[]).includes(field)) continue;
    const raw = input.body[field];
    if (raw === MASK && (input.rules.secrets as readonly string[] | undefined)?.includes(field)) continue;
    const value = raw === null ? structuredClone((input.defaults as Record<string, unknown>)[field]) : raw;
    if (sameValue(value, (input.presented as Record<string, unknown>)[field])) continue;
    if ((IDENTITY_FIELDS as readonly string[]).includes(field)) {
      if (input.access !== 'admin') throw new ApiError('object.field_not_writable', { field });
    } else if (!mayWrite(field, input)) {
      throw new ApiError('object.field_not_writable', { field });
    }
    next[field] = value;
    changed.add(field);
  }
  return { next: next as O, changed };
}
