import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import { securityOf } from '../../http/security-schemes.ts';
import { createTestApp } from '../../test/create-test-app.ts';

type Node = Record<string, any>;
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let t: Awaited<ReturnType<typeof createTestApp>>;
let document: Node;

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.request('/swagger/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  document = response.json;
});
afterAll(() => t.dispose());

function operations(): { path: string; method: string; operation: Node }[] {
  return Object.entries(document.paths as Record<string, Node>).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] as Node })),
  );
}

const pointer = (...segments: string[]) =>
  `#/${segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
  });

  test('has every route the app registered, with its method', () => {
    const routes = t.app.routes;
    expect(routes.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:([^/]+)/g, '{$1}');
      const item = document.paths[path] as Node | undefined;
      const wanted = route.method === 'ALL' ? ['get', 'post'] : [route.method.toLowerCase()];
      for (const method of wanted) if (!item?.[method]) missing.push(`${method.toUpperCase()} ${route.path}`);
    }
    expect(missing).toEqual([]);
    // …and nothing the app does not have.
    const registered = new Set(routes.map((route) => route.path.replace(/:([^/]+)/g, '{$1}')));
    expect(Object.keys(document.paths).filter((path) => !registered.has(path))).toEqual([]);
  });

  test('every operation has a summary, a tag, a unique id, its security, a success answer and examples', () => {
    const ids = new Set<string>();
    const incomplete: string[] = [];
    for (const { path, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) incomplete.push(`${name}: no summary`);
      if (!operation.tags?.length) incomplete.push(`${name}: no tag`);
      if (ids.has(operation.operationId)) incomplete.push(`${name}: operationId ${operation.operationId} used twice`);
      ids.add(operation.operationId);
      if (!Array.isArray(operation.security)) incomplete.push(`${name}: no security`);
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((status) => /^[23]\d\d$/.test(status))) incomplete.push(`${name}: no success answer`);
      const contents = [
        operation.requestBody?.content,
        ...Object.values(operation.responses ?? {}).map((response: any) => response.content),
      ].filter(Boolean);
      for (const content of contents) {
        for (const [type, media] of Object.entries(content as Record<string, Node>)) {
          if (type.includes('json') && media.example === undefined) incomplete.push(`${name}: no example for ${type}`);
        }
      }
      if (path.startsWith('/api/') && !/\/login\/oauth\//.test(path) && path !== '/api/metrics') {
        const ok = operation.responses?.['200']?.content?.['application/json']?.schema;
        if (!ok?.anyOf?.some((member: Node) => member.$ref === '#/components/schemas/ErrorEnvelope'))
          incomplete.push(`${name}: the error envelope is not among its answers`);
      }
    }
    expect(incomplete).toEqual([]);
  });

  test('every schema is valid JSON Schema 2020-12, and every example matches its schema', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema({ ...document, $id: 'latchkey:openapi' });
    const mismatches: string[] = [];
    const check = (example: unknown, schemaPointer: string, where: string) => {
      const validateExample = ajv.compile({ $ref: `latchkey:openapi${schemaPointer}` });
      if (!validateExample(example)) mismatches.push(`${where}: ${ajv.errorsText(validateExample.errors)}`);
    };
    for (const { path, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      for (const [type, media] of Object.entries((operation.requestBody?.content ?? {}) as Record<string, Node>)) {
        if (media.example !== undefined)
          check(
            media.example,
            pointer('paths', path, method, 'requestBody', 'content', type, 'schema'),
            `${name} request ${type}`,
          );
      }
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Node>)) {
        for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, Node>)) {
          if (media.example !== undefined)
            check(
              media.example,
              pointer('paths', path, method, 'responses', status, 'content', type, 'schema'),
              `${name} ${status} ${type}`,
            );
        }
      }
      (operation.parameters ?? []).forEach((parameter: Node, index: number) => {
        if (parameter.example !== undefined)
          check(
            parameter.example,
            pointer('paths', path, method, 'parameters', String(index), 'schema'),
            `${name} parameter ${parameter.name}`,
          );
      });
    }
    for (const name of Object.keys(document.components.schemas))
      ajv.compile({ $ref: `latchkey:openapi${pointer('components', 'schemas', name)}` });
    expect(mismatches).toEqual([]);
  }, 300_000);

  test("each route's security comes from the auth macro it uses", () => {
    const operation = (path: string, method = 'get') => document.paths[path][method] as Node;
    expect(operation('/api/get-users').security).toEqual(securityOf('admin'));
    expect(operation('/api/get-users')['x-latchkey-audience']).toBe('admin');
    expect(operation('/api/get-global-users').security).toEqual(securityOf('globalAdmin'));
    expect(operation('/api/get-account').security).toEqual(securityOf('user'));
    expect(operation('/api/login', 'post').security).toEqual(securityOf('anyone'));
    expect(operation('/api/health').security).toEqual([]);
    // A user-only route does not offer an application's credentials; an admin route does.
    const schemes = (path: string) =>
      new Set(operation(path).security.flatMap((requirement: Node) => Object.keys(requirement)));
    expect(schemes('/api/get-account').has('clientSecretBasic')).toBe(false);
    expect(schemes('/api/get-account').has('session')).toBe(true);
    expect(schemes('/api/get-users').has('clientSecretBasic')).toBe(true);
    for (const scheme of [
      'session',
      'accessToken',
      'accessTokenQuery',
      'clientSecretBasic',
      'clientId',
      'clientSecret',
      'accessKey',
      'accessSecret',
      'username',
      'password',
    ]) {
      expect(document.components.securitySchemes[scheme]).toBeDefined();
    }
    expect(document.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'casdoor_session_id',
    });
  });

  test('the Casdoor objects are named schemas, and the envelope wraps them', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['User', 'Application', 'Organization', 'ErrorEnvelope', 'AffectedEnvelope']),
    );
    const getUser = document.paths['/api/get-user'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(getUser)).toContain('#/components/schemas/User');
    expect(getUser.anyOf[1]).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
  });
});

describe('the reference page', () => {
  test('is served with its script and style from this server, asking for nothing elsewhere', async () => {
    const page = await t.request('/swagger');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const references = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references).toEqual(['/swagger/swagger-ui.css', '/swagger/swagger-ui-bundle.js', '/swagger/reference.js']);
    const css = await t.request('/swagger/swagger-ui.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.text).toContain('.swagger-ui');
    const bundle = await t.request('/swagger/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(bundle.text).toContain('SwaggerUIBundle');
    const script = await t.request('/swagger/reference.js');
    expect(script.text).toContain("url: '/swagger/openapi.json'");
    // The validator badge would call a server on the internet.
    expect(script.text).toContain('validatorUrl: null');
  });

  test('cannot be framed and runs only scripts from this server (no inline script to allow)', async () => {
    const page = await t.request('/swagger');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy.split(';').find((directive) => directive.trim().startsWith('script-src'))).not.toContain(
      "'unsafe-inline'",
    );
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
  });
});
