import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { deleteRows } from '@latchkey/db';
import { type Caller, globalAdmin, organizationWithCallers } from '../test/callers.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { signIn, signInAsAdmin } from '../test/fixtures.ts';
import {
  BAD_HEADERS,
  BAD_IDS,
  BAD_LIST_QUERIES,
  BAD_QUERY_STRINGS,
  type BadInput,
  badBodies,
  longFieldBodies,
  mangledPaths,
  OTHER_METHODS,
} from '../test/sweep/cases.ts';
import { changedTables, ruleBroken, tableFingerprint, wasRefused } from '../test/sweep/checks.ts';
import { routesOfOpenApi, type SweptRoute } from '../test/sweep/routes.ts';

/**
 * Every route of the server's own OpenAPI document, sent bad bodies, bad ids, bad list parameters
 * and bad headers, as anonymous, as an administrator of organization acme and as the global
 * administrator. Each answer is below 500, is the envelope or OAuth JSON (or a page or redirect)
 * with a translated message and no stack trace, and a refused request leaves every table as it was.
 */
interface SweepCaller {
  name: string;
  caller: Caller;
  /** Signs in again, when a probe (a logout) ended the session. */
  renew?: () => Promise<string>;
}

let t: TestApp;
let routes: SweptRoute[];
let callers: SweepCaller[];
let fingerprint: Record<string, string>;
const failures = new Set<string>();
const probed = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  const root = await globalAdmin(t);
  const acme = await organizationWithCallers(t, 'acme');
  await organizationWithCallers(t, 'beta');
  routes = await routesOfOpenApi(t);
  await addExampleObjects(root);
  callers = [
    { name: 'anonymous', caller: { headers: {} } },
    {
      name: 'acme admin',
      caller: acme.admin,
      renew: () => signIn(t, 'acme', 'acme-admin', 'admin-password', 'acme-app'),
    },
    { name: 'global admin', caller: root, renew: () => signInAsAdmin(t) },
  ];
  fingerprint = await tableFingerprint(t);
}, 300_000);
afterAll(() => t.dispose());

/** Each object of the examples (acme/alice) exists, so that ids and bodies reach the services. */
async function addExampleObjects(root: Caller) {
  for (const route of routes.filter((each) => each.path.startsWith('/api/add-'))) {
    const added = await t.request(route.path, { headers: root.headers, body: route.bodyExample });
    if (added.json?.status === 'ok') continue;
    // Where the example is not a whole object on its own, the least that is.
    for (const body of [
      { owner: 'acme', name: 'alice' },
      { owner: 'admin', name: 'alice', organization: 'acme' },
    ]) {
      if ((await t.request(route.path, { headers: root.headers, body })).json?.status === 'ok') break;
    }
  }
}

function bodyOf(input: BadInput): { body?: string | FormData | URLSearchParams; contentType?: string } {
  if (!input.body) return {};
  if ('json' in input.body) return { body: JSON.stringify(input.body.json), contentType: 'application/json' };
  return { body: input.body.raw, contentType: input.body.contentType };
}

/** Sends one bad request; answers whether it was refused, and records how the answer breaks the rule. */
async function send(route: SweptRoute, who: SweepCaller, input: BadInput): Promise<boolean> {
  const query =
    input.query && 'raw' in input.query
      ? input.query.raw
      : new URLSearchParams(input.query ?? route.queryExample).toString();
  const { body, contentType } =
    route.method === 'POST' ? bodyOf(input.body ? input : { label: '', body: { json: route.bodyExample ?? {} } }) : {};
  const method = input.method ?? route.method;
  const path = input.path ?? route.path;
  const headers: Record<string, string> = {
    ...who.caller.headers,
    ...(contentType ? { 'content-type': contentType } : {}),
    ...input.headers,
  };
  const answer = await t.request(query ? `${path}?${query}` : path, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  probed.add(`${route.method} ${route.template}`);
  const broken = ruleBroken(answer, method);
  if (broken) failures.add(`${method} ${path} as ${who.name}, ${input.label}: ${broken}`);
  return wasRefused(answer);
}

/**
 * Sends a route its bad inputs as one caller. When all were refused, one look at the tables shows
 * that none changed anything; otherwise the refused ones go again one at a time, each checked on
 * its own.
 */
async function probe(route: SweptRoute, who: SweepCaller, inputs: BadInput[]) {
  const refused: BadInput[] = [];
  for (const input of inputs) if (await send(route, who, input)) refused.push(input);
  const after = await tableFingerprint(t);
  const unchanged = changedTables(fingerprint, after).length === 0;
  fingerprint = after;
  if (unchanged && refused.length === inputs.length) return;
  for (const input of refused) {
    const stillRefused = await send(route, who, input);
    const next = await tableFingerprint(t);
    const changed = changedTables(fingerprint, next);
    fingerprint = next;
    if (stillRefused && changed.length > 0)
      failures.add(
        `${route.method} ${route.path} as ${who.name}, ${input.label}: refused but changed ${changed.join(', ')}`,
      );
  }
}

/** Tables whose change may sign a caller out. */
const SIGN_IN_TABLES = ['session', 'user', 'organization', 'application'];

/** Signs the callers in again if a probe signed them out (which only a change to the sign-in tables can do). */
async function keepSignedIn(before: Record<string, string>) {
  if (SIGN_IN_TABLES.every((table) => before[table] === fingerprint[table])) return;
  let renewed = false;
  for (const who of callers) {
    if (!who.renew) continue;
    const account = await t.request('/api/get-account', { headers: who.caller.headers });
    if (account.json?.status === 'ok') continue;
    who.caller = { headers: { cookie: await who.renew() } };
    renewed = true;
  }
  if (renewed) fingerprint = await tableFingerprint(t);
}

/** A route that takes an id gets its example body with a bad id; the others an empty object, which they refuse or ignore. */
const emptyBodyUnlessId = (route: SweptRoute): Pick<BadInput, 'body'> =>
  route.queryNames.includes('id') ? {} : { body: { json: {} } };

const BESIDE_A_SESSION = new Set(['JWT with alg none', 'Basic with NUL', 'bad Accept-Language']);

async function sweep(
  select: (route: SweptRoute) => boolean,
  inputsFor: (route: SweptRoute, who: SweepCaller) => BadInput[],
) {
  failures.clear();
  probed.clear();
  // The audit log grows with every refused write; each sweep starts it afresh, to keep listing it quick.
  await deleteRows(t.context.db, 'record', {});
  const chosen = routes.filter(select);
  for (const route of chosen) {
    const before = fingerprint;
    for (const who of callers) {
      const inputs = inputsFor(route, who);
      // In small groups, so that one accepted input sends few others round again.
      for (let start = 0; start < inputs.length; start += 12) await probe(route, who, inputs.slice(start, start + 12));
    }
    await keepSignedIn(before);
  }
  expect([...failures]).toEqual([]);
  return chosen;
}

describe('route sweep', () => {
  test('the OpenAPI document lists every route family', () => {
    expect(routes.length).toBeGreaterThan(100);
    for (const path of [
      '/api/add-user',
      '/api/login/oauth/access_token',
      '/login/oauth/authorize',
      '/api/get-users',
      '/.well-known/jwks',
    ]) {
      expect(routes.some((route) => route.template === path)).toBe(true);
    }
  });

  test('bad bodies on every route that takes one', async () => {
    // add-, update- and delete-<object> share a body schema: each field alone goes once per schema.
    const fieldsSwept = new Set<string>();
    const depthFor = (route: SweptRoute, who: SweepCaller) => {
      if (who.name === 'anonymous') return 'parse';
      if (who.name === 'acme admin') return 'valid-json';
      const schema = JSON.stringify(route.bodyFields);
      if (fieldsSwept.has(schema)) return 'every';
      fieldsSwept.add(schema);
      return 'every-field';
    };
    const posts = await sweep(
      (route) => route.method === 'POST',
      (route, who) => badBodies(route, depthFor(route, who)),
    );
    expect(probed.size).toBe(posts.length);
  }, 600_000);

  test('each text field of an existing object, too long for a database index, on every update route', async () => {
    const root = callers.find((who) => who.name === 'global admin')!;
    await addExampleObjects(root.caller);
    fingerprint = await tableFingerprint(t);
    const updates = await sweep(
      (route) => route.path.startsWith('/api/update-'),
      (route, who) => (who === root ? longFieldBodies(route) : []),
    );
    expect(updates.length).toBeGreaterThan(10);
  }, 600_000);

  test('malformed, climbing and foreign ids, and malformed query strings, on every route', async () => {
    await sweep(
      () => true,
      // A route without an id parameter ignores it, and one closed to anonymous callers refuses them
      // first: two malformed ids show that.
      (route, who) => [
        ...(route.queryNames.includes('id') && (route.anonymous || who.name !== 'anonymous')
          ? BAD_IDS
          : BAD_IDS.slice(0, 2)
        ).map((id) => ({ label: `id=${JSON.stringify(id.slice(0, 40))}`, query: { id }, ...emptyBodyUnlessId(route) })),
        // A route without query parameters leaves the query to the framework: once, anonymous, is
        // enough; one with them gets the signed-in callers, and anonymous ones where it serves them.
        ...(route.queryNames.length > 0
          ? route.anonymous || who.name !== 'anonymous'
            ? BAD_QUERY_STRINGS
            : []
          : who.name === 'anonymous'
            ? BAD_QUERY_STRINGS
            : []
        ).map((raw) => ({ label: `query ${raw.slice(0, 50)}`, query: { raw }, ...emptyBodyUnlessId(route) })),
      ],
    );
    expect(probed.size).toBe(routes.length);
  }, 600_000);

  test('bad paging, sorting and search on every route with list parameters', async () => {
    const lists = await sweep(
      (route) => ['p', 'field', 'sortField', 'owner', 'organization'].some((name) => route.queryNames.includes(name)),
      () => BAD_LIST_QUERIES.map((query) => ({ label: new URLSearchParams(query).toString().slice(0, 60), query })),
    );
    expect(lists.length).toBeGreaterThan(20);
  }, 600_000);

  test('malformed Authorization, huge Cookie and bad Accept-Language on every route', async () => {
    await sweep(
      () => true,
      // Signed-in callers add a malformed or forged Authorization, or a bad language, to their own cookie.
      (_route, who) =>
        BAD_HEADERS.filter(({ label }) => who.name === 'anonymous' || BESIDE_A_SESSION.has(label)).map(
          ({ label, headers }) => ({ label, headers }),
        ),
    );
    expect(probed.size).toBe(routes.length);
  }, 600_000);

  test('other methods and mangled paths on every route', async () => {
    await sweep(
      () => true,
      (route, who) =>
        who.name === 'anonymous'
          ? [
              ...OTHER_METHODS.filter((method) => method !== route.method).map((method) => ({ label: method, method })),
              ...mangledPaths(route.path).map((path) => ({ label: path, path })),
            ]
          : [],
    );
    expect(probed.size).toBe(routes.length);
  }, 600_000);

  test('malformed and forged credentials sign nobody in', async () => {
    for (const { label, headers } of BAD_HEADERS) {
      const account = await t.request('/api/get-account', { headers });
      expect({ label, status: account.json?.status }).toEqual({ label, status: 'error' });
    }
  });
});
