import { toOpenAPISchema } from '@elysiajs/openapi/openapi';
import type { AnyElysia } from 'elysia';
import type { OpenAPIV3_1 } from 'openapi-types';
import { isOAuthJsonPath } from '../../http/paths.ts';
import { type Audience, audienceDescriptions, securitySchemes } from '../../http/security-schemes.ts';
import { exampleOf } from './examples.ts';
import { namedSchemas, schemaKey, toJsonSchema } from './named-schemas.ts';
import { referencedNames, referNamedSchemas } from './references.ts';
import { OPENAPI_VERSION } from './version.ts';

// biome-ignore lint/suspicious/noExplicitAny: a node of the OpenAPI document as Elysia and the schemas build it, walked and completed generically.
type Node = Record<string, any>;
type Operation = OpenAPIV3_1.OperationObject & { 'x-latchkey-audience'?: Audience };

/** Methods an `ALL` route is documented with (it answers any; Casdoor's clients use these two). */
const documentedMethodsOfAll = ['get', 'post'];
const allMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface DocumentOptions {
  /** The public origin: the document's server. */
  origin: string;
  version: string;
}

const description = `Latchkey speaks the Casdoor Public API: Casdoor's paths, parameters, JSON fields and \`owner/name\` ids, so that Casdoor's SDKs and OpenID Connect clients work unmodified.

**Answers.** Routes under \`/api/\` answer with Casdoor's envelope \`{status, msg, data, data2}\`. A client error is HTTP 200 with \`status: "error"\` and a message in the caller's language (\`Accept-Language\`, or the \`lang\` parameter); writes answer \`data: "Affected"\` or \`"Unaffected"\`; an object that does not exist is \`status: "ok"\` with \`data: null\`. The token, introspection and revocation endpoints answer as RFC 6749 says (\`{error, error_description}\` with HTTP 400 or 401).

**Credentials.** A request may carry one of: an access token (\`Authorization: Bearer\`, or \`access_token\` in the query), an application's client ID and secret (HTTP Basic, or \`clientId\` + \`clientSecret\`), an access key and secret (\`accessKey\` + \`accessSecret\`), a user's \`username\` (\`organization/name\`) and \`password\`, or the session cookie \`casdoor_session_id\`, read in that order. Credentials that are given but wrong are an error, never a silent fallback to anonymous. Each operation lists the credentials it accepts and who may call it; what a caller may do with one object is then decided by its organization.`;

/** `/api/get-users` → `getUsers`, `/.well-known/{application}/jwks` → `wellKnownApplicationJwks`. */
function operationIdOf(method: string, path: string, taken: Set<string>): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const [first = method, ...rest] = words;
  const startsWithVerb =
    /^(get|add|update|delete|set|check|is|upload|remove|batch|enforce|signup|login|logout|sso)$/.test(
      first.toLowerCase(),
    );
  const camel = (list: string[]) => list.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  let id = startsWithVerb ? first + camel(rest) : method + camel([first, ...rest]);
  if (taken.has(id)) id = method + camel(words);
  while (taken.has(id)) id += '_';
  taken.add(id);
  return id;
}

function mediaExamples(content: Node | undefined, components: Record<string, unknown>): void {
  for (const media of Object.values(content ?? {}) as Node[]) {
    if (media.schema && media.example === undefined) media.example = exampleOf(media.schema, components);
  }
}

/**
 * The OpenAPI 3.1 document of an Elysia app, generated from its routes' schemas by Elysia's OpenAPI
 * generator, then completed: the Casdoor error envelope (or RFC 6749 errors) on every route, the
 * security each route's auth macro declared, a description of who may call it, examples, named
 * schemas for the Casdoor objects, and unique operation ids.
 */
export function buildOpenApiDocument(app: AnyElysia, options: DocumentOptions): OpenAPIV3_1.Document {
  const generated = toOpenAPISchema(app, { staticFile: false, methods: [] }, undefined, undefined, OPENAPI_VERSION);
  const paths = JSON.parse(JSON.stringify(generated.paths)) as Record<string, Node>;
  const named = namedSchemas();
  const byKey = new Map([...named].map(([name, schema]) => [schemaKey(schema), name]));
  const used = new Set<string>(['ErrorEnvelope', 'OAuthError']);
  const operationIds = new Set<string>();
  const tags = new Set<string>();

  const openApiPath = (path: string) => path.replace(/:([^/]+)/g, '{$1}');
  const allRoutes = new Set(
    app.routes.filter((route) => route.method === 'ALL').map((route) => openApiPath(route.path)),
  );
  const bodies = new Map(
    app.routes
      .filter((route) => route.hooks?.body)
      .map((route) => [`${route.method.toLowerCase()} ${openApiPath(route.path)}`, route.hooks.body]),
  );
  // Answers a route describes in its detail besides those of its response schema (a redirect, say); the generator keeps only one kind.
  const describedAnswers = new Map(
    app.routes
      .filter((route) => route.hooks?.detail?.responses)
      .map((route) => [
        `${route.method === 'ALL' ? 'all' : route.method.toLowerCase()} ${openApiPath(route.path)}`,
        route.hooks.detail.responses,
      ]),
  );
  for (const [path, item] of Object.entries(paths)) {
    for (const method of allMethods) {
      if (allRoutes.has(path) && !documentedMethodsOfAll.includes(method)) delete item[method];
    }
    for (const method of allMethods) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      operation.operationId = operationIdOf(method, path, operationIds);
      for (const tag of operation.tags ?? []) tags.add(tag);
      const audience = operation['x-latchkey-audience'];
      const callers = audience
        ? `**Who may call:** ${audienceDescriptions[audience]}`
        : operation.security
          ? undefined
          : '**Who may call:** anyone; no credentials are read.';
      operation.description = [
        operation.description,
        allRoutes.has(path) ? 'Any HTTP method is accepted.' : undefined,
        callers,
      ]
        .filter(Boolean)
        .join('\n\n');
      if (!operation.security) operation.security = [];
      // The generator leaves out the bodies that a parser of our own reads: they are JSON.
      if (
        operation.requestBody &&
        'content' in operation.requestBody &&
        Object.keys(operation.requestBody.content).length === 0
      ) {
        const body = bodies.get(`${method} ${path}`);
        (operation.requestBody as Node).content = { 'application/json': { schema: body ? toJsonSchema(body) : {} } };
      }
      const described = describedAnswers.get(`${method} ${path}`) ?? describedAnswers.get(`all ${path}`);
      if (described) operation.responses = { ...described, ...operation.responses };
      completeResponses(operation, path);
    }
  }

  const documentPaths = referNamedSchemas(paths, byKey, used) as Record<string, Node>;
  // Named schemas may themselves contain named ones (Application holds ProviderItem …).
  const components: Record<string, unknown> = {};
  const pending = [...used];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in components) continue;
    components[name] = referNamedSchemas(named.get(name), byKey, used, true);
    for (const inner of referencedNames(components[name])) if (!(inner in components)) pending.push(inner);
  }
  for (const item of Object.values(documentPaths)) {
    for (const method of allMethods) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      mediaExamples(operation.requestBody?.content, components);
      for (const response of Object.values(operation.responses ?? {}) as Node[])
        mediaExamples(response.content, components);
      for (const parameter of (operation.parameters ?? []) as Node[]) {
        // Swagger UI shows a parameter's own description, not its schema's.
        if (!parameter.description && parameter.schema?.description)
          parameter.description = parameter.schema.description;
        if (parameter.example !== undefined) continue;
        const example = exampleOf(parameter.schema, components, parameter.name);
        if (example !== '' && example !== null) parameter.example = example;
      }
    }
  }

  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'Latchkey API', version: options.version, description },
    servers: [{ url: options.origin }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: documentPaths as OpenAPIV3_1.PathsObject,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))) as Record<
        string,
        OpenAPIV3_1.SchemaObject
      >,
      securitySchemes,
    },
  };
}

/** Descriptions for answers the generator only numbered. */
const statusDescriptions: Record<string, string> = {
  '200': 'Success',
  '400': 'A malformed request or a grant that is invalid, expired or used (RFC 6749 §5.2).',
  '401': 'Not authenticated: the client (invalid_client, with WWW-Authenticate) or the bearer token (invalid_token).',
  '404': 'There is no such application.',
};

/** The error answers every route shares, next to the success answer its schema describes. */
function completeResponses(operation: Operation, path: string): void {
  operation.responses ??= {};
  const responses = operation.responses as Node;
  for (const [status, response] of Object.entries(responses) as [string, Node][]) {
    if (/^Response for status/.test(response.description ?? '') && statusDescriptions[status])
      response.description = statusDescriptions[status];
  }
  if (isOAuthJsonPath(path)) {
    const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' } } } };
    responses['400'] ??= { description: statusDescriptions['400'], ...error };
    responses['401'] ??= { description: statusDescriptions['401'], ...error };
    return;
  }
  if (!path.startsWith('/api/')) return;
  const success = responses['200'] as Node | undefined;
  const json = success?.content?.['application/json'];
  if (json?.schema) {
    // Client errors come back with HTTP 200 too, in the error envelope.
    json.schema = { anyOf: [json.schema, { $ref: '#/components/schemas/ErrorEnvelope' }] };
    success!.description =
      'The Casdoor envelope: status "ok" with the data, or status "error" with a message (also HTTP 200).';
  }
  responses['500'] ??= {
    description: 'An unexpected failure; the message names the request id of the server log line.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
  };
}
