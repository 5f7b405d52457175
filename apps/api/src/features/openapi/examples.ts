type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Example values by field name, for text fields whose schema has none of its own: one consistent
 * story (user alice of organization acme, signing in to app-acme) across the whole document.
 */
const textByName: Record<string, string> = {
  owner: 'acme',
  organization: 'acme',
  name: 'alice',
  id: 'acme/alice',
  displayName: 'Alice Liddell',
  application: 'app-acme',
  email: 'alice@example.com',
  username: 'alice',
  user: 'alice',
  password: '***',
  type: 'normal-user',
  createdTime: '2026-01-31T09:30:00Z',
  updatedTime: '2026-01-31T09:30:00Z',
  expireTime: '2026-02-01T09:30:00Z',
  clientId: '3b4a6c2d91e84f0a7c15',
  clientSecret: '***',
  redirectUri: 'https://app.example.com/callback',
  redirect_uri: 'https://app.example.com/callback',
  client_id: '3b4a6c2d91e84f0a7c15',
  scope: 'openid profile email',
  state: 'af0ifjsldkj',
  grant_type: 'authorization_code',
  response_type: 'code',
  code_challenge_method: 'S256',
  language: 'en',
  lang: 'en',
  p: '1',
  pageSize: '20',
  field: 'name',
  value: 'ali',
  sortField: 'createdTime',
  sortOrder: 'descend',
  region: 'US',
  countryCode: 'US',
  phone: '',
  avatar: 'https://cdn.example.com/avatars/alice.png',
  logo: 'https://cdn.example.com/logos/acme.png',
  homepageUrl: 'https://www.example.com',
  sub: '9f2c3e0a-5b1d-4c7e-8a66-0d4f2b7c1e93',
};

/** Where a field of an object means something else than the parameter of the same name. */
const propertyTextByName: Record<string, string> = {
  id: '9f2c3e0a-5b1d-4c7e-8a66-0d4f2b7c1e93',
};

const MAX_DEPTH = 6;

/**
 * An example value of a JSON schema of the document: its own `examples`, `const`, `enum` or non-empty
 * default when it has one, else a value by field name or type. References are followed; lists get one
 * item; deep nesting stops at empty values.
 */
export function exampleOf(
  schema: unknown,
  components: Record<string, unknown>,
  fieldName?: string,
  depth = 0,
): unknown {
  if (!isNode(schema)) return null;
  if (typeof schema.$ref === 'string') {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    return depth > MAX_DEPTH ? null : exampleOf(target, components, fieldName, depth + 1);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members)) {
      const first = members.find((member) => !(isNode(member) && member.type === 'null')) ?? members[0];
      return exampleOf(first, components, fieldName, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...schema.allOf.map((member) => exampleOf(member, components, fieldName, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  const meaningfulDefault = 'default' in schema && !isEmpty(schema.default);
  switch (type) {
    case 'object': {
      if (meaningfulDefault) return schema.default;
      if (depth > MAX_DEPTH) return {};
      const properties = isNode(schema.properties) ? schema.properties : {};
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          exampleOf(property, components, `.${name}`, depth + 1),
        ]),
      );
    }
    case 'array':
      if (meaningfulDefault) return schema.default;
      return depth > MAX_DEPTH - 2 || !isNode(schema.items)
        ? []
        : [exampleOf(schema.items, components, fieldName, depth + 1)];
    case 'string':
      if (meaningfulDefault) return schema.default;
      return textFor(fieldName) ?? (schema.format === 'date-time' ? '2026-01-31T09:30:00Z' : '');
    case 'integer':
    case 'number':
      return 'default' in schema ? schema.default : 0;
    case 'boolean':
      return 'default' in schema ? schema.default : false;
    case 'null':
      return null;
    default:
      return 'default' in schema ? schema.default : null;
  }
}

/** `.name` is a field of an object, `name` a parameter. */
function textFor(fieldName: string | undefined): string | undefined {
  if (!fieldName) return undefined;
  if (fieldName.startsWith('.')) return propertyTextByName[fieldName.slice(1)] ?? textByName[fieldName.slice(1)];
  return textByName[fieldName];
}

function isEmpty(value: unknown): boolean {
  return (
    value === '' ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (isNode(value) && Object.keys(value).length === 0)
  );
}
