import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translate } from '@latchkey/i18n';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * The route-family table of docs/compatibility.md against a running server: every route it lists
 * as served is served, every route it lists as not served answers "no route", and every route the
 * server has is in the table. A user checks the table before moving from Casdoor; it must not lie.
 */

const STATUSES = ['supported', 'supported differently', 'partly supported', 'not supported', 'planned'] as const;
type Status = (typeof STATUSES)[number];

interface Family {
  name: string;
  served: string[];
  notServed: string[];
  status: Status;
}

const documentPath = join(import.meta.dir, '../../../../../docs/compatibility.md');

/** `get-users` → `/api/get-users`; a route that starts with `/` is a path of its own. */
const pathOfRoute = (route: string) => (route.startsWith('/') ? route : `/api/${route}`);

/** The routes written in backticks in a cell; `—` is none. */
function routesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => pathOfRoute(match[1]!));
}

/** The rows of the table under `## Route families`. */
function parseRouteFamilies(markdown: string): Family[] {
  const lines = markdown.split('\n');
  const heading = lines.indexOf('## Route families');
  if (heading < 0) throw new Error('docs/compatibility.md has no "## Route families" section');
  const start = lines.findIndex((line, index) => index > heading && line.startsWith('|'));
  const header = lines[start]!.split('|').map((cell) => cell.trim());
  const columns = ['Family', 'Served by Latchkey', 'Not served', 'Status', 'Notes'];
  if (header.slice(1, -1).join('|') !== columns.join('|'))
    throw new Error(`the route-family table's columns must be: ${columns.join(', ')}`);
  const families: Family[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    const [name, served, notServed, status] = cells.slice(1, 5) as [string, string, string, string];
    if (!(STATUSES as readonly string[]).includes(status))
      throw new Error(`${name}: unknown status "${status}" (one of ${STATUSES.join(', ')})`);
    families.push({ name, served: routesIn(served), notServed: routesIn(notServed), status: status as Status });
  }
  return families;
}

/** A value for each `:part` of a route, such that the route can answer (an application that exists). */
function concretePath(route: string): string {
  return route
    .replace(/:application\b/g, 'app-built-in')
    .replace(/:(organization|owner)\b/g, 'built-in')
    .replace(/:\w+/g, 'x')
    .replace(/\*$/, 'Users');
}

let t: TestApp;
let families: Family[];

beforeAll(async () => {
  t = await createTestApp();
  families = parseRouteFamilies(readFileSync(documentPath, 'utf8'));
});
afterAll(() => t.dispose());

/** Whether the server has the route: GET or POST reaches something other than "there is no API at …". */
async function isServed(route: string): Promise<boolean> {
  const path = concretePath(route);
  const noRoute = translate('en', 'general.route_not_found', { path });
  for (const method of ['GET', 'POST']) {
    const answer = await t.request(path, {
      method,
      headers: { 'accept-language': 'en' },
      body: method === 'POST' ? {} : undefined,
    });
    if (answer.json?.msg !== noRoute) return true;
  }
  return false;
}

describe('the route-family table of docs/compatibility.md', () => {
  test('tells a served route from one that is not (the check itself works)', async () => {
    expect(await isServed('/api/get-users')).toBe(true);
    expect(await isServed('/api/add-user')).toBe(true); // POST only
    expect(await isServed('/.well-known/:application/jwks')).toBe(true);
    expect(await isServed('/api/get-coupons')).toBe(false);
    expect(await isServed('/cas/:organization/:application/serviceValidate')).toBe(false);
  });

  test('has one status per row that agrees with its columns, and names each route once', () => {
    expect(families.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    const seen = new Map<string, string>();
    for (const family of families) {
      const expected: Status[] =
        family.served.length === 0
          ? ['not supported', 'planned']
          : family.notServed.length === 0
            ? ['supported', 'supported differently']
            : ['partly supported'];
      if (!expected.includes(family.status))
        wrong.push(`${family.name}: "${family.status}", but its columns say ${expected.join(' or ')}`);
      for (const route of [...family.served, ...family.notServed]) {
        const other = seen.get(route);
        if (other) wrong.push(`${route} is in ${other} and in ${family.name}`);
        seen.set(route, family.name);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('every route it lists as served is served, and every route it lists as not served is not', async () => {
    const wrong: string[] = [];
    for (const family of families) {
      for (const route of family.served)
        if (!(await isServed(route)))
          wrong.push(`${family.name}: ${route} is listed as served but the server has no such route`);
      for (const route of family.notServed)
        if (await isServed(route))
          wrong.push(
            `${family.name}: ${route} is listed as not served but the server serves it; move it to "Served by Latchkey"`,
          );
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  test('every route the server has is in the table', () => {
    const listed = new Set(families.flatMap((family) => family.served));
    const missing = t.app.routes
      .map((route) => route.path)
      // The script and style of the API reference page are files, not routes of the API.
      .filter((path) => !/\.(js|css)$/.test(path))
      .filter((path) => !listed.has(path));
    expect([...new Set(missing)]).toEqual([]);
  });
});
