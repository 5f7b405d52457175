import type { FieldSpec } from './resources';

/** The values a form starts from: only its own fields, never the rest of the object. */
export function formValues(fields: readonly FieldSpec[], object: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = object[field.name];
    values[field.name] =
      field.kind === 'select' && typeof value === 'number'
        ? String(value)
        : (value ??
          (field.kind === 'switch' ? false : field.kind === 'tags' || field.kind === 'multiselect' ? [] : ''));
  }
  return values;
}
