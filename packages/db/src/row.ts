import type { Static, TObject, TProperties } from '@sinclair/typebox';

/** How a JSON field is stored: strings as text, numbers as numbers, booleans as 0/1, the rest as JSON text. */
export type Column<V> = V extends string ? string : V extends number ? number : V extends boolean ? number : string;

/** The stored row of an object schema: every field present, booleans as 0/1, arrays and objects as JSON. */
export type Row<S extends TObject<TProperties>> = { [K in keyof Static<S>]-?: Column<Static<S>[K]> };

export type ColumnKind = 'text' | 'integer' | 'number' | 'boolean' | 'json';

/** The storage kind of each property of an object schema. */
export function columnKinds(schema: TObject<TProperties>): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const type = (property as { type?: unknown }).type;
    kinds[name] =
      type === 'string'
        ? 'text'
        : type === 'integer'
          ? 'integer'
          : type === 'number'
            ? 'number'
            : type === 'boolean'
              ? 'boolean'
              : 'json';
  }
  return kinds;
}
