import { unwrapSchema } from '@elysiajs/openapi/openapi';
import * as types from '@latchkey/types';
import { Kind, Type as T, type TObject, type TSchema } from '@sinclair/typebox';
import { writeSchema } from '../objects/write-schema.ts';
import { OPENAPI_VERSION } from './version.ts';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema the OpenAPI generator makes of a TypeBox schema (enums and nullables in OpenAPI's way). */
export function toJsonSchema(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(unwrapSchema(schema, undefined, 'input', OPENAPI_VERSION))) as JsonSchema;
}

/** Casdoor's error envelope: HTTP 200 (or 500 for an internal error), `status: "error"` and a translated message. */
export const ErrorEnvelope = T.Object(
  {
    status: T.Literal('error'),
    msg: T.String({ description: 'What went wrong, in the language of Accept-Language (or the lang parameter)' }),
    data: T.Unknown({ description: 'Usually null' }),
    data2: T.Unknown({ description: 'Usually null' }),
  },
  { description: 'Every /api/* route answers a client error this way, with HTTP 200, as Casdoor does.' },
);

/** RFC 6749 error body of the token, introspection and revocation endpoints. */
export const OAuthErrorBody = T.Object({
  error: T.String({
    description:
      'invalid_request, invalid_client, invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope, …',
    examples: ['invalid_grant'],
  }),
  error_description: T.String({ examples: ['The authorization code is invalid, expired or already used.'] }),
});

const isObjectSchema = (value: unknown): value is TObject =>
  !!value && typeof value === 'object' && (value as TSchema)[Kind] === 'Object';

/**
 * The schemas worth a name in `components.schemas`: every Casdoor object of `@latchkey/types` (User,
 * Application, …) and its write form (`UserWrite`: every field optional, as add-/update- read
 * them), and the two error bodies. A route's schema that is one of them is shown as a reference.
 */
export function namedSchemas(): Map<string, JsonSchema> {
  const named = new Map<string, JsonSchema>();
  for (const [name, value] of Object.entries(types).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/^[A-Z]/.test(name) || !isObjectSchema(value)) continue;
    named.set(name, toJsonSchema(value));
    named.set(`${name}Write`, toJsonSchema(writeSchema(value)));
  }
  named.set('ErrorEnvelope', toJsonSchema(ErrorEnvelope));
  named.set('OAuthError', toJsonSchema(OAuthErrorBody));
  return named;
}

/** A stable text of a schema, for finding the same schema written out in several places. */
export function schemaKey(schema: unknown): string {
  return JSON.stringify(schema, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
