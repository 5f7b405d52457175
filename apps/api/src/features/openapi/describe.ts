import type { TObject, TSchema } from '@sinclair/typebox';
import type { SecurityRequirement } from '../../http/security-schemes.ts';
import { toJsonSchema } from './named-schemas.ts';

/**
 * OpenAPI for routes that read their request themselves (the OAuth endpoints refuse repeated
 * parameters, which a validator would have merged or turned into lists first) or answer something
 * other than JSON: the same TypeBox schemas, written into the route's `detail` instead of its
 * validators.
 */

/** `parameters` of the query string a route reads itself. */
export function queryParameters(schema: TObject) {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query' as const,
    required: required.has(name),
    description: (property as TSchema).description,
    schema: toJsonSchema(property as TSchema),
  }));
}

/** A form (or JSON) body a route reads itself. */
export function formBody(schema: TObject, description?: string) {
  const json = toJsonSchema(schema);
  return {
    description,
    required: false,
    content: { 'application/x-www-form-urlencoded': { schema: json }, 'application/json': { schema: json } },
  };
}

/** An answer that is not JSON: a page, a redirect, an empty body, text. */
export function answer(description: string, mediaType?: string, headers?: Record<string, string>) {
  return {
    description,
    ...(headers
      ? {
          headers: Object.fromEntries(
            Object.entries(headers).map(([name, text]) => [
              name,
              { description: text, schema: { type: 'string' as const } },
            ]),
          ),
        }
      : {}),
    ...(mediaType ? { content: { [mediaType]: { schema: { type: 'string' as const } } } } : {}),
  };
}

/** Security of a route that authenticates its caller itself (no auth macro). */
export const security = (...requirements: SecurityRequirement[]) => ({ security: requirements });
