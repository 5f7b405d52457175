import type { TestApp } from '../create-test-app.ts';

/** A JSON Schema as the OpenAPI document writes it (the parts the sweep reads). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** One operation of the server's own OpenAPI document, with what the sweep needs to call it. */
export interface SweptRoute {
  method: 'GET' | 'POST';
  /** The path with its path parameters filled in from their examples. */
  path: string;
  /** The template as documented (`/.well-known/{application}/jwks`). */
  template: string;
  queryNames: string[];
  /** Example values of the query parameters that have one. */
  queryExample: Record<string, string>;
  /** Media types the body may have; empty when the route takes no body. */
  bodyTypes: string[];
  bodyExample: unknown;
  /** Property name → JSON type of the JSON body, when the body is an object. */
  bodyFields: Record<string, string>;
  /** Whether the route serves anonymous callers (its security lists no requirement, or an empty one). */
  anonymous: boolean;
}

interface Operation {
  parameters?: { name: string; in: string; example?: unknown; schema?: { examples?: unknown[] } }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
  security?: Record<string, unknown>[];
}

function resolve(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  return components[schema.$ref.replace('#/components/schemas/', '')];
}

function typeOf(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): string {
  const resolved = resolve(schema, components);
  if (!resolved) return 'unknown';
  if (resolved.anyOf) return typeOf(resolved.anyOf[0], components);
  const type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
  return type ?? (resolved.properties ? 'object' : 'unknown');
}

/** Every operation of GET /swagger/openapi.json. */
export async function routesOfOpenApi(t: TestApp): Promise<SweptRoute[]> {
  const document = (await t.request('/swagger/openapi.json')).json as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const components = document.components.schemas;
  const routes: SweptRoute[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'get' && method !== 'post') continue;
      const parameters = operation.parameters ?? [];
      let path = template;
      for (const parameter of parameters.filter((each) => each.in === 'path')) {
        path = path.replace(
          `{${parameter.name}}`,
          encodeURIComponent(String(parameter.example ?? parameter.schema?.examples?.[0] ?? 'x')),
        );
      }
      const query = parameters.filter((each) => each.in === 'query');
      const content = operation.requestBody?.content ?? {};
      const json = content['application/json'] ?? Object.values(content)[0];
      const bodySchema = resolve(json?.schema, components);
      const bodyFields: Record<string, string> = {};
      for (const [name, property] of Object.entries(bodySchema?.properties ?? {}))
        bodyFields[name] = typeOf(property, components);
      routes.push({
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        template,
        queryNames: query.map((each) => each.name),
        queryExample: Object.fromEntries(
          query
            .filter((each) => each.example !== undefined && each.example !== null)
            .map((each) => [each.name, String(each.example)]),
        ),
        bodyTypes: Object.keys(content),
        bodyExample: json?.example,
        bodyFields,
        anonymous:
          !operation.security ||
          operation.security.length === 0 ||
          operation.security.some((requirement) => Object.keys(requirement).length === 0),
      });
    }
  }
  return routes;
}
