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
  const names = kinds.map(([name]) => name);
  const columnKindList = kinds.map(([, kind]) => kind);
  const count = names.length;
  /** The column value of field `i`, its default when missing. */
  const encodeField = (source: Record<string, unknown>, i: number) => {
    const name = names[i]!;
    const given = source[name];
    return encodeValue(columnKindList[i]!, given === undefined || given === null ? defaults[name] : given);
  };

  return {
    /** The table's columns, in the order of `encodeValues`. */
    columns: names as readonly string[],
    /** Every column, from a full or partial object (missing fields take their defaults). */
    encode(object: Partial<Static<S>>): Row<S> {
      const row: Record<string, unknown> = {};
      const source = object as Record<string, unknown>;
      for (let i = 0; i < count; i++) row[names[i]!] = encodeField(source, i);
      return row as Row<S>;
    },
    /** The values of `encode`, as a list in the order of `columns` (the parameters of an INSERT). */
    encodeValues(object: Partial<Static<S>>): unknown[] {
      const values = new Array<unknown>(count);
      const source = object as Record<string, unknown>;
      for (let i = 0; i < count; i++) values[i] = encodeField(source, i);
      return values;
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
