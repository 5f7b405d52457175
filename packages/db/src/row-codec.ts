import type { Static, TObject, TProperties } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type ColumnKind, columnKinds, type Row } from './row.ts';

function encodeValue(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'boolean':
      return value ? 1 : 0;
    case 'json':
      return JSON.stringify(value ?? null);
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : 0;
    default:
      return value == null ? '' : String(value);
  }
}

function decodeValue(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'boolean':
      return value === 1 || value === true || value === '1';
    case 'json':
      if (typeof value !== 'string' || value === '') return null;
      try {
        return JSON.parse(value);
      } catch {
        return null;
      }
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : Number(value ?? 0) || 0;
    default:
      return value ?? '';
  }
}

/**
 * Turns objects of a schema into rows and back. Every field gets its default when missing, so a
 * row always has every column and an object read back always has every field.
 */
export function createCodec<S extends TObject<TProperties>>(schema: S) {
  const kinds = Object.entries(columnKinds(schema));
  const defaults = Value.Create(schema) as Record<string, unknown>;

  return {
    /** Every column, from a full or partial object (missing fields take their defaults). */
    encode(object: Partial<Static<S>>): Row<S> {
      const row: Record<string, unknown> = {};
      const source = object as Record<string, unknown>;
      for (const [name, kind] of kinds) {
        const value = source[name] === undefined || source[name] === null ? defaults[name] : source[name];
        row[name] = encodeValue(kind, value);
      }
      return row as Row<S>;
    },
    /** Only the columns for the given fields, for partial updates. */
    encodePartial(object: Partial<Static<S>>): Partial<Row<S>> {
      const row: Record<string, unknown> = {};
      const source = object as Record<string, unknown>;
      for (const [name, kind] of kinds) {
        if (!(name in source)) continue;
        const value = source[name] === null ? defaults[name] : source[name];
        row[name] = encodeValue(kind, value);
      }
      return row as Partial<Row<S>>;
    },
    decode(row: Record<string, unknown>): Static<S> {
      const object: Record<string, unknown> = {};
      for (const [name, kind] of kinds) {
        const value = decodeValue(kind, row[name]);
        object[name] = value === null && kind === 'json' ? structuredClone(defaults[name]) : value;
      }
      return object as Static<S>;
    },
    defaults(): Static<S> {
      return structuredClone(defaults) as Static<S>;
    },
  };
}

export type Codec<S extends TObject<TProperties>> = ReturnType<typeof createCodec<S>>;
