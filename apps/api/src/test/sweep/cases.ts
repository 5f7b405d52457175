import { createHash } from 'node:crypto';
import type { SweptRoute } from './routes.ts';

/** One bad request to send to a route: what replaces the query, the body or the headers. */
export interface BadInput {
  label: string;
  /** Another method or path than the route's. */
  method?: string;
  path?: string;
  /** Query parameters to send (replacing the example query), or the query string as it goes. */
  query?: Record<string, string> | { raw: string };
  /** A raw body with its content type, or a value to send as JSON. */
  body?: { raw: string | FormData | URLSearchParams; contentType?: string } | { json: unknown };
  headers?: Record<string, string>;
}

/** 100 kB of text that does not compress, so that a database cannot shrink it under an index's limit. */
const LONG = Array.from({ length: 1200 }, (_, index) => createHash('sha512').update(String(index)).digest('base64'))
  .join('')
  .slice(0, 100 * 1024);
const STRANGE = 'ünï\u0000cødé\u202e😀\ufeff\ud800"\'\\%_<script>';

const jsonText = (raw: string) => ({ raw, contentType: 'application/json' });

/** The example body, or an object with at least owner and name. */
function baseBody(route: SweptRoute): Record<string, unknown> {
  const example = route.bodyExample;
  return example && typeof example === 'object' && !Array.isArray(example)
    ? (example as Record<string, unknown>)
    : { owner: 'acme', name: 'alice' };
}

/** A value of a type other than the field's. */
function wrongValueFor(type: string): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'boolean':
      return 'yes';
    case 'integer':
    case 'number':
      return 'many';
    case 'array':
      return { nested: { deeper: [1, 2] } };
    case 'object':
      return 'flat';
    default:
      return { nested: { deeper: [null] } };
  }
}

/** The body with its string fields (but its owner and name, when `keepId`) replaced, up to `limit` of them. */
const mapStrings = (
  body: Record<string, unknown>,
  fields: Record<string, string>,
  value: (name: string) => string,
  limit = Infinity,
  keepId = false,
) => {
  const out = { ...body };
  let count = 0;
  for (const [name, type] of Object.entries(fields)) {
    if (type !== 'string' || (keepId && (name === 'owner' || name === 'name')) || count++ >= limit) continue;
    out[name] = value(name);
  }
  return out;
};

/**
 * Bodies that are not what the route takes: bad JSON, JSON of another type, wrong field types,
 * long and strange text, forms. `parse` gives the few that fail before any caller is looked at,
 * `valid-json` those that pass validation and reach the route's own checks, `every` all of them,
 * `every-field` also each field alone of a wrong type.
 */
export function badBodies(route: SweptRoute, depth: 'parse' | 'valid-json' | 'every' | 'every-field'): BadInput[] {
  const base = baseBody(route);
  const fields = Object.keys(route.bodyFields).length > 0 ? route.bodyFields : { owner: 'string', name: 'string' };
  const cases: BadInput[] = [
    { label: 'invalid JSON', body: jsonText('{"owner":') },
    { label: 'JSON with a trailing comma', body: jsonText('{"owner":"acme",}') },
    { label: 'empty JSON body', body: jsonText('') },
    { label: 'JSON array', body: { json: [1, 'two', { three: 3 }] } },
    { label: 'JSON string', body: { json: 'text' } },
    { label: 'JSON number', body: { json: 5 } },
    { label: 'JSON null', body: { json: null } },
    { label: 'JSON true', body: { json: true } },
    { label: 'form body', body: { raw: new URLSearchParams({ owner: 'acme', name: 'alice', isAdmin: 'yes' }) } },
    { label: 'form body labelled JSON', body: jsonText('owner=acme&name=alice') },
    { label: 'multipart body', body: { raw: formData({ owner: 'acme', name: 'alice', file: 'a,b\n1,2' }) } },
    { label: 'text body', body: { raw: 'owner acme', contentType: 'text/plain' } },
    {
      label: 'multipart without its boundary',
      body: {
        raw: '--xyz\r\nContent-Disposition: form-data; name="owner"\r\n\r\nacme',
        contentType: 'multipart/form-data; boundary=abc',
      },
    },
    { label: 'multipart with no boundary', body: { raw: 'owner=acme', contentType: 'multipart/form-data' } },
    {
      label: 'form with bad percent-encoding',
      body: { raw: 'owner=%zz&name=%E0%A4%A&grant_type=%', contentType: 'application/x-www-form-urlencoded' },
    },
    { label: 'deeply nested JSON', body: jsonText(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) },
    { label: 'deeply nested object', body: jsonText(`{"owner":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`) },
    {
      label: 'numbers out of range',
      body: jsonText(
        `{"owner":"acme","name":"alice","score":1e400,"karma":-1e400,"expireInHours":99999999999999999999999,"isAdmin":-0}`,
      ),
    },
    {
      label: 'every field of a wrong type',
      body: { json: Object.fromEntries(Object.entries(fields).map(([name, type]) => [name, wrongValueFor(type)])) },
    },
    { label: 'numbers for strings', body: { json: mapStrings(base, fields, () => 7 as unknown as string) } },
    {
      label: 'nested objects for strings',
      body: { json: Object.fromEntries(Object.keys(fields).map((name) => [name, { $gt: '', nested: { a: [1] } }])) },
    },
    { label: '100 kB strings', body: { json: mapStrings(base, fields, () => LONG, 4) } },
    { label: '100 kB strings beside a good id', body: { json: mapStrings(base, fields, () => LONG, 3, true) } },
    {
      label: '6 kB in every string beside a good id',
      body: { json: mapStrings(base, fields, (name) => `${name}${LONG.slice(0, 6000)}`, Infinity, true) },
    },
    { label: 'unicode and NUL in every string', body: { json: mapStrings(base, fields, () => STRANGE) } },
    { label: 'NUL in the name', body: { json: { ...base, name: 'al\u0000ice', displayName: 'a\u0000b' } } },
    {
      label: 'prototype keys',
      body: {
        json: JSON.parse(
          '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"owner":"acme","name":"proto"}',
        ),
      },
    },
  ];
  if (depth === 'parse') return cases.filter((each) => PARSE_FAILURES.has(each.label));
  if (depth === 'valid-json') return cases.filter((each) => REACH_THE_ROUTE.has(each.label));
  if (depth === 'every-field') {
    for (const [name, type] of Object.entries(fields))
      cases.push({ label: `${name} of a wrong type`, body: { json: { ...base, [name]: wrongValueFor(type) } } });
  }
  return cases;
}

/**
 * Each string field but owner and name alone holding 6 kB of text that does not compress, which is
 * more than a Postgres index keeps: sent to a route that writes an object that exists.
 */
export function longFieldBodies(route: SweptRoute): BadInput[] {
  const base = { owner: 'acme', name: 'alice' };
  return Object.entries(route.bodyFields)
    .filter(([name, type]) => type === 'string' && name !== 'owner' && name !== 'name')
    .map(([name]) => ({
      label: `${name} of 6 kB`,
      query: { id: 'acme/alice' },
      body: { json: { ...base, [name]: LONG.slice(0, 6000) } },
    }));
}

const PARSE_FAILURES = new Set([
  'invalid JSON',
  'JSON array',
  'JSON null',
  'form body labelled JSON',
  'every field of a wrong type',
  'multipart without its boundary',
  'form with bad percent-encoding',
  'deeply nested JSON',
]);

const REACH_THE_ROUTE = new Set([
  '100 kB strings beside a good id',
  '6 kB in every string beside a good id',
  'unicode and NUL in every string',
  'NUL in the name',
  'prototype keys',
  'numbers out of range',
  'form body',
]);

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** Ids that are not owner/name, that climb out of it, or that name another organization's objects. */
export const BAD_IDS = [
  'acme',
  'acme/alice/extra',
  '/alice',
  'acme/',
  '',
  '../alice',
  'acme/../built-in',
  'acme/al\u0000ice',
  `acme/${'y'.repeat(5000)}`,
  "acme/alice' or '1'='1",
  'beta/beta-user',
  'built-in/admin',
];

/** Query strings that are malformed as such: bad percent-encoding, repeated or bracketed names. */
export const BAD_QUERY_STRINGS = [
  'id=%E0%A4%A&owner=%zz&p=%',
  'id=acme/alice&id=acme/bob&owner=acme&owner=beta',
  'id[]=acme/alice&owner[a]=b&p[]=1',
  'id=acme%2Falice%00&owner=%00',
  `${'k'.repeat(4000)}=${'v'.repeat(4000)}`,
];

/** List parameters that are out of range, not numbers, or not columns. */
export const BAD_LIST_QUERIES: Record<string, string>[] = [
  { p: '-1', pageSize: '10' },
  { p: 'abc', pageSize: '10' },
  { p: '1', pageSize: '0' },
  { p: '1', pageSize: '1000000' },
  { p: '99999999999999999999', pageSize: '1.5' },
  { sortField: 'name;drop table user' },
  { sortField: '"x"' },
  { sortField: 'createdTime', sortOrder: 'sideways' },
  { field: 'name;drop table user', value: 'x' },
  { field: '"x"', value: 'x' },
  { field: 'name', value: `%_'"\\` },
  { field: 'name', value: 'a\u0000b' },
  { field: 'isAdmin', value: 'maybe' },
  { field: 'name', value: LONG.slice(0, 2000) },
  { owner: "acme' or '1'='1", organization: '../beta' },
  { owner: 'beta' },
];

const base64 = (text: string) => Buffer.from(text).toString('base64url');
const ALG_NONE_JWT = `${base64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64(JSON.stringify({ sub: 'built-in/admin', owner: 'built-in', name: 'admin', iss: 'http://localhost', exp: 4_000_000_000 }))}.`;

/** Authorization, Cookie and Accept-Language headers that are malformed, huge or forged. */
export const BAD_HEADERS: { label: string; headers: Record<string, string> }[] = [
  { label: 'Bearer without a token', headers: { authorization: 'Bearer' } },
  { label: 'Bearer with spaces', headers: { authorization: 'Bearer    ' } },
  { label: 'Basic that is not base64', headers: { authorization: 'Basic !!!' } },
  {
    label: 'Basic without a colon',
    headers: { authorization: `Basic ${Buffer.from('no-colon-here').toString('base64')}` },
  },
  {
    label: 'Basic with bad percent-encoding',
    headers: { authorization: `Basic ${Buffer.from('%zz:%').toString('base64')}` },
  },
  {
    label: 'Basic with NUL',
    headers: { authorization: `Basic ${Buffer.from('acme-\u0000app:se\u0000cret').toString('base64')}` },
  },
  { label: 'JWT with alg none', headers: { authorization: `Bearer ${ALG_NONE_JWT}` } },
  { label: 'unknown scheme', headers: { authorization: 'Digest username="admin"' } },
  {
    label: 'huge Cookie',
    headers: { cookie: `casdoor_session_id=${'c'.repeat(60 * 1024)}; other=${'d'.repeat(1024)}` },
  },
  { label: 'malformed Cookie', headers: { cookie: 'casdoor_session_id=%E0%A4%A; ;;=;casdoor_session_id' } },
  {
    label: 'X-Forwarded-For that is no address',
    headers: { 'x-forwarded-for': `203.0.113.9, ${LONG.slice(0, 6000)}` },
  },
  { label: 'bad Accept-Language', headers: { 'accept-language': `xx-!!;q=abc,,,*;q=-1,zh;q=1.5,${'q'.repeat(2000)}` } },
  { label: 'bad Content-Type', headers: { 'content-type': 'application/json; charset=klingon' } },
];

/** Methods a route was not declared with. */
export const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** The route's path with a trailing slash, doubled or encoded slashes, dot segments, other case, NUL. */
export function mangledPaths(path: string): string[] {
  return [
    `${path}/`,
    `/${path}`,
    path.replace(/\/([^/]*)$/, '/%2e%2e/$1'),
    path.replace(/(.)\//g, '$1%2F'),
    path.toUpperCase(),
    `${path}%00`,
    `${path}/..%2f..%2f`,
    `${path};jsessionid=x`,
  ];
}
