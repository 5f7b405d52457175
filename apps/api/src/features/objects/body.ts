import type { TObject } from '@sinclair/typebox';
import { ApiError } from '../../core/errors/api-error.ts';
import { parseJsonText } from '../../http/json-text.ts';
import { checkFieldShapes, fillNestedDefaults } from './write-schema.ts';

/**
 * Reads a JSON object body whatever its Content-Type says (Casdoor's clients are not consistent).
 * An empty body is {}; malformed JSON, or JSON that is not an object, is a clear error rather than
 * a silently empty object. Bodies with too many values or too deep a nesting are refused before parsing.
 */
export async function parseObjectBody({ request }: { request: Request }): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const value = parseJsonText(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError('object.body_not_object');
  return value as Record<string, unknown>;
}

/**
 * The same, checked against an object's schema for what type validation lets through (see
 * checkFieldShapes), with the fields nested items leave out filled in (see fillNestedDefaults).
 */
export const objectBodyOf =
  (schema: TObject) =>
  async (context: { request: Request }): Promise<Record<string, unknown>> => {
    const body = await parseObjectBody(context);
    checkFieldShapes(schema, body);
    fillNestedDefaults(schema, body);
    return body;
  };

/** The same for bodies that must be a JSON array (enforce, batch-enforce, update-policy). */
export async function parseArrayBody({ request }: { request: Request }): Promise<unknown[]> {
  const value = parseJsonText(await request.text());
  if (!Array.isArray(value)) throw new ApiError('object.body_not_array');
  return value;
}
