import { CloneType, Type as T, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ApiError } from '../../core/errors/api-error.ts';

function withoutDefault(schema: TSchema): TSchema {
  const copy = CloneType(schema) as TSchema & { default?: unknown; anyOf?: TSchema[] };
  delete copy.default;
  // A union's members would otherwise lend it their defaults.
  if (copy.anyOf) copy.anyOf = copy.anyOf.map((member) => withoutDefault(member));
  return copy;
}

/**
 * The body of add-<object> and update-<object>: every field optional and nullable (other Casdoor
 * versions send fewer fields, and Go's empty lists arrive as null), with no top-level defaults, so
 * that a missing field means "unchanged" rather than "empty". Types are still checked; unknown
 * fields are dropped.
 */
export function writeSchema(schema: TObject): TObject {
  const properties: Record<string, TSchema> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    properties[name] = T.Optional(T.Union([withoutDefault(property), T.Null()]));
  }
  return T.Object(properties);
}

/**
 * What type validation lets through but a field cannot hold: an array where the schema wants an
 * object (a map such as `properties`), which the validator accepts as an object with numbered keys.
 */
export function checkFieldShapes(schema: TObject, body: Record<string, unknown>): void {
  for (const [field, property] of Object.entries(schema.properties)) {
    const wantsObject = (property as { type?: unknown }).type === 'object';
    if (wantsObject && Array.isArray(body[field])) throw new ApiError('general.invalid_field', { field });
  }
}

/**
 * Fields left out of nested items — an application's `providers` item without `owner` or `rule`, as
 * Casdoor's own init_data.json.template writes it — take their empty value, as Go gives a missing
 * field its zero value in Casdoor; null items of such lists are dropped. Top-level fields stay absent
 * (an update keeps what they hold).
 */
export function fillNestedDefaults(schema: TObject, body: Record<string, unknown>): void {
  for (const [field, property] of Object.entries(schema.properties)) {
    const value = body[field];
    if (Array.isArray(value) && isListOfObjects(property)) body[field] = value.filter((item) => item !== null);
    if (value !== null && typeof value === 'object') body[field] = Value.Default(property, body[field]);
  }
}

/**
 * A list of objects (a syncer's `tableColumns`, an application's `providers`): its null items are
 * dropped, as Casdoor's Python SDK sends `[null]` for an empty list and Go finds nothing in a nil item.
 */
function isListOfObjects(property: TSchema): boolean {
  const items = (property as { type?: unknown; items?: { type?: unknown } }).items;
  return (property as { type?: unknown }).type === 'array' && items?.type === 'object';
}
