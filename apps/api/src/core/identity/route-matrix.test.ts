import { afterAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp } from '../../test/create-test-app.ts';
import { tokenFor } from '../../test/fixtures.ts';
import { classify } from '../../test/matrix/classify.ts';
import { type Answer, judge, leak } from '../../test/matrix/judge.ts';
import { freshName, idOf, KINDS } from '../../test/matrix/objects.ts';
import type { Kit, MatrixRoute, Outcome, Probe } from '../../test/matrix/route.ts';
import {
  moveRoutes,
  organizationOwnerRoutes,
  referenceRoutes,
  tokenMaterialRoutes,
  unfilteredListRoutes,
} from '../../test/matrix/variations.ts';
import {
  addBody,
  buildWorld,
  CALLERS,
  type CallerName,
  type Credentials,
  TARGETS,
  type TargetName,
} from '../../test/matrix/world.ts';
import { changedTables, tableFingerprint } from '../../test/sweep/checks.ts';
import { routesOfOpenApi } from '../../test/sweep/routes.ts';
import type { Audience } from './privileges.ts';

/**
 * The tenant boundary over every route of the server's own OpenAPI document: each route × caller
 * (anonymous, X's user, X's user's access key, X's application by secret and by token, X's
 * administrator) × target (X, Y, built-in). X's administrators and applications succeed on X (the
 * positive controls) and are refused on Y and built-in; users and keys reach their own records only;
 * anonymous callers only `anyone` routes. A refused write leaves every table as it was, and no
 * answer shows another tenant's objects or secrets. A route without a rule fails the test.
 */
const t = await createTestApp();
const world = await buildWorld(t);
afterAll(() => t.dispose());

const document = (await t.request('/swagger/openapi.json')).json as {
  paths: Record<string, Record<string, { 'x-latchkey-audience'?: Audience }>>;
};
const routes = (await routesOfOpenApi(t)).map((route) => ({
  ...route,
  audience: document.paths[route.template]?.[route.method.toLowerCase()]?.['x-latchkey-audience'],
}));
const { classified, unclassified } = classify(routes);
/** Variations on the routes: reference fields, moves through the body, lists without a filter. */
const variations = [
  ...referenceRoutes((key) => routes.find((route) => `${route.method} ${route.template}` === key)?.audience),
  ...moveRoutes(classified),
  ...unfilteredListRoutes(classified),
  ...tokenMaterialRoutes(classified),
  ...organizationOwnerRoutes(classified),
];

const kit: Kit = {
  t,
  world,
  prepared: false,
  async fresh(kind, tenant) {
    kit.prepared = true;
    if (kind.name === 'token') {
      const names = async () => (await storedRows(t.context.db, 'token')).map((row) => row.name);
      const before = new Set(await names());
      await tokenFor(t, tenant.application.name, tenant.organization, tenant.user);
      const [name] = (await names()).filter((each) => !before.has(each));
      return { owner: 'admin', name: name! };
    }
    const name = freshName(tenant.prefix, `${kind.name}-fresh`);
    const body = addBody(kind.name, tenant.organization, tenant.prefix, name);
    const added = await t.request(`/api/add-${kind.name}`, { headers: world.root.headers, body });
    if (added.json?.status !== 'ok') throw new Error(`making a fresh ${kind.name} failed: ${added.text}`);
    return { owner: idOf(kind, tenant).owner, name };
  },
};

async function send(probe: Probe, credentials: Credentials): Promise<Answer> {
  const query = new URLSearchParams({ ...probe.query, ...credentials.query }).toString();
  const path = query ? `${probe.path}?${query}` : probe.path;
  const answer = await t.request(path, { method: probe.method, headers: credentials.headers, body: probe.body?.() });
  return { status: answer.status, text: answer.text, json: answer.json };
}

interface Case {
  caller: CallerName;
  target: TargetName | undefined;
  outcome: Outcome;
}

function casesOf(route: MatrixRoute): Case[] {
  const callers = route.callers ?? CALLERS;
  const targets = route.targetFree ? [undefined] : TARGETS;
  // Refusals first, on the world as it was built; then the positive controls, which write.
  return callers
    .flatMap((caller) => targets.map((target) => ({ caller, target, outcome: route.expected(caller, target) })))
    .sort(
      (a, b) =>
        Number(a.outcome === 'ok' || a.outcome === 'answered') - Number(b.outcome === 'ok' || b.outcome === 'answered'),
    );
}

const mustNotWrite = (route: MatrixRoute, outcome: Outcome) =>
  route.write && (outcome === 'refused' || outcome === 'rejected' || outcome === 'hidden');

/** Runs a route's cases; answers each broken expectation as `caller → target: what happened`. */
async function run(route: MatrixRoute): Promise<string[]> {
  const failures: string[] = [];
  // The tables as the last refusal left them, so that refusals in a row look at them once each.
  let current: Record<string, string> | undefined;
  for (const { caller, target, outcome } of casesOf(route)) {
    const tenant = target ? world.tenants[target] : undefined;
    kit.prepared = false;
    const probes = await route.probes(kit, tenant, caller);
    if (kit.prepared) current = undefined;
    for (const probe of probes) {
      const label = `${caller} → ${target ?? '(no target)'}${probes.length > 1 ? ` [${new URLSearchParams(probe.query).toString() || 'no query'}]` : ''}`;
      const before = mustNotWrite(route, outcome) ? (current ?? (await tableFingerprint(t))) : undefined;
      current = undefined;
      const answer = await send(probe, world.callers[caller]);
      const broken = judge(outcome, answer, probe) ?? leak(answer, world, caller, tenant, outcome);
      if (broken) failures.push(`${label}: expected ${outcome}; ${broken}`);
      if (before) {
        current = await tableFingerprint(t);
        const changed = changedTables(before, current);
        if (changed.length > 0)
          failures.push(
            `${label}: refused or hidden, yet changed ${changed.join(', ')} (${answer.text.slice(0, 120)})`,
          );
      }
      if (probe.after) {
        const afterwards = await probe.after();
        if (afterwards) failures.push(`${label}: afterwards, ${afterwards}`);
        current = undefined;
      }
    }
  }
  return failures;
}

describe('route × caller × target', () => {
  test('every route of the OpenAPI document has a rule', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(unclassified).toEqual([]);
    expect(classified.length).toBe(routes.length);
  });

  const callersAreWhoTheySay = async () => {
    const who = async (caller: CallerName) =>
      (await send({ method: 'GET', path: '/api/get-account' }, world.callers[caller])).json;
    expect((await who('user of X')).data.name).toBe('ox-user');
    expect((await who('access key of X')).data.name).toBe('ox-user');
    expect((await who('admin of X')).data).toMatchObject({ name: 'ox-admin', isAdmin: true });
    for (const app of ['app of X (Basic)', 'app of X (token)'] as const) {
      const users = (
        await send({ method: 'GET', path: '/api/get-users', query: { owner: 'org-x' } }, world.callers[app])
      ).json;
      expect({ app, status: users.status }).toEqual({ app, status: 'ok' });
    }
  };

  test('the callers are who the matrix says (positive controls of the credentials)', callersAreWhoTheySay);

  test('routes that refuse every caller of X answer the global administrator (their positive control)', async () => {
    const refusing = [...classified, ...variations].filter(
      (route) => !casesOf(route).some((each) => ['ok', 'public', 'answered'].includes(each.outcome)),
    );
    expect(refusing.map((route) => route.key).sort()).toEqual(
      expect.arrayContaining([
        'POST /api/add-organization',
        'POST /api/delete-organization',
        'GET /api/get-global-users',
      ]),
    );
    for (const route of refusing) {
      const [probe] = await route.probes(kit, route.targetFree ? undefined : world.tenants.X, 'admin of X');
      // Deleting an organization: a fresh one, not X.
      const fresh =
        route.key === 'POST /api/delete-organization'
          ? await kit.fresh(KINDS.find((kind) => kind.name === 'organization')!, world.tenants.X)
          : undefined;
      const sent = fresh ? { ...probe!, query: { id: `admin/${fresh.name}` }, body: () => fresh } : probe!;
      const answer = await send(sent, world.root);
      expect({ route: route.key, broken: judge('ok', answer, { ...sent, check: undefined }) }).toEqual({
        route: route.key,
        broken: undefined,
      });
    }
  });

  test.each(classified.map((route) => [route.key, route] as const))('%s', async (_key, route) => {
    expect(await run(route)).toEqual([]);
  });

  test('the variations cover reference fields, moves and unfiltered lists', () => {
    for (const what of ['naming a', 'moving an object', 'without a filter'])
      expect({ what, found: variations.some((route) => route.key.includes(what)) }).toEqual({ what, found: true });
  });

  test.each(variations.map((route) => [route.key, route] as const))('%s', async (_key, route) => {
    expect(await run(route)).toEqual([]);
  });

  // No case ended a caller's session or key on the way, which would have made its later refusals tell nothing.
  test('the callers are still who the matrix says at the end', callersAreWhoTheySay);
});
