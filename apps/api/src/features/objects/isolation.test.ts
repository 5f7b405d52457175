import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL, rowsOfOrganization, storedRow, storedRows } from '@latchkey/db/testing';
import { type Caller, call, globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { signIn, tokenFor } from '../../test/fixtures.ts';
import { flushAuditLog } from '../records/audit-log.ts';

/**
 * An administrator of one organization — a user with isAdmin, or an application of it — can neither
 * see nor change anything of another organization, by any route, parameter or body trick. Every
 * probe is refused, and afterwards every row of the other organization is exactly as before.
 */
let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;
let globexToken: string;

beforeAll(async () => {
  t = await createTestApp();
  const root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  await organizationWithCallers(t, 'globex');
  const setUp: [string, unknown][] = [
    ['/api/add-group', { owner: 'globex', name: 'staff' }],
    ['/api/add-role', { owner: 'globex', name: 'editors', users: ['globex/globex-user'] }],
    ['/api/add-model', { owner: 'globex', name: 'acl', modelText: ACL_MODEL }],
    ['/api/add-adapter', { owner: 'globex', name: 'rules', password: 'adapter-password' }],
    ['/api/add-enforcer', { owner: 'globex', name: 'guard', model: 'globex/acl', adapter: 'globex/rules' }],
    [
      '/api/add-permission',
      {
        owner: 'globex',
        name: 'edit',
        roles: ['globex/editors'],
        resources: ['doc'],
        actions: ['write'],
        isEnabled: true,
      },
    ],
    ['/api/add-key', { owner: 'globex', name: 'ci', user: 'globex-user' }],
    ['/api/add-cert', { owner: 'globex', name: 'globex-cert', cryptoAlgorithm: 'ES256' }],
    ['/api/add-provider', { owner: 'globex', name: 'mail', category: 'Email', clientSecret: 'smtp-password' }],
    [
      '/api/add-webhook',
      { owner: 'admin', name: 'globex-hook', organization: 'globex', url: 'https://hooks.globex.example/' },
    ],
    ['/api/add-policy?id=globex/guard', { ptype: 'p', v0: 'globex/globex-user', v1: 'doc', v2: 'read' }],
  ];
  for (const [path, body] of setUp)
    expect({ path, ...(await call(t, root, path, body)) }).toMatchObject({ path, status: 'ok' });
  // Two of acme's own, to try moving them across.
  await call(t, root, '/api/add-group', { owner: 'acme', name: 'acme-group' });
  await call(t, root, '/api/add-webhook', {
    owner: 'admin',
    name: 'acme-hook',
    organization: 'acme',
    url: 'https://hooks.acme.example/',
  });
  globexToken = await tokenFor(t, 'globex-app', 'globex', 'globex-user');
});
afterAll(() => t.dispose());

/** Every row that belongs to globex, in a stable order. */
async function globexRows(): Promise<Record<string, unknown[]>> {
  await flushAuditLog(t.context);
  const out: Record<string, unknown[]> = await rowsOfOrganization(t.context.db, 'globex');
  out.application = await storedRows(t.context.db, 'application', { name: 'globex-app' });
  return out;
}

type Probe = [path: string, body?: unknown];

function probes(tokenName: string): Probe[] {
  const kinds: [kind: string, id: string, body: Record<string, unknown>][] = [
    ['user', 'globex/globex-user', { owner: 'globex', name: 'globex-user', isAdmin: true }],
    ['group', 'globex/staff', { owner: 'globex', name: 'staff', displayName: 'x' }],
    ['role', 'globex/editors', { owner: 'globex', name: 'editors', users: [] }],
    ['permission', 'globex/edit', { owner: 'globex', name: 'edit', actions: ['delete'] }],
    ['model', 'globex/acl', { owner: 'globex', name: 'acl', description: 'x' }],
    ['adapter', 'globex/rules', { owner: 'globex', name: 'rules', host: 'evil' }],
    ['enforcer', 'globex/guard', { owner: 'globex', name: 'guard', description: 'x' }],
    ['key', 'globex/ci', { owner: 'globex', name: 'ci', state: 'Inactive' }],
    ['cert', 'globex/globex-cert', { owner: 'globex', name: 'globex-cert', displayName: 'x' }],
    ['provider', 'globex/mail', { owner: 'globex', name: 'mail', clientSecret: 'mine' }],
    [
      'webhook',
      'admin/globex-hook',
      { owner: 'admin', name: 'globex-hook', organization: 'globex', url: 'https://evil.example/' },
    ],
    [
      'application',
      'admin/globex-app',
      { owner: 'admin', name: 'globex-app', organization: 'globex', redirectUris: ['https://evil.example/cb'] },
    ],
    ['token', `admin/${tokenName}`, { owner: 'admin', name: tokenName, organization: 'globex', expiresIn: 0 }],
    ['organization', 'admin/globex', { owner: 'admin', name: 'globex', displayName: 'Owned' }],
  ];
  const out: Probe[] = [];
  for (const [kind, id, body] of kinds) {
    // Anyone may read an application's public view (sign-in pages need it); tested below.
    if (kind !== 'application') out.push([`/api/get-${kind}?id=${id}`]);
    out.push([`/api/update-${kind}?id=${id}`, body]);
    out.push([`/api/update-${kind}?id=${id}`, { ...body, owner: 'acme', organization: 'acme' }]);
    out.push([`/api/delete-${kind}?id=${id}`, body]);
    out.push([`/api/delete-${kind}`, body]);
    out.push([`/api/add-${kind}`, { ...body, name: `${String(body.name)}-2` }]);
  }
  return [
    ...out,
    // Lists of another organization, and of all of them.
    ...[
      'users',
      'groups',
      'roles',
      'permissions',
      'models',
      'adapters',
      'enforcers',
      'keys',
      'certs',
      'providers',
      'sessions',
      'records',
    ].map((plural): Probe => [`/api/get-${plural}?owner=globex`]),
    ...['applications', 'tokens', 'webhooks'].map(
      (plural): Probe => [`/api/get-${plural}?owner=admin&organization=globex`],
    ),
    ...['users', 'certs', 'providers', 'keys'].map((plural): Probe => [`/api/get-global-${plural}`]),
    ['/api/get-user-count?owner=globex'],
    ['/api/get-users?owner=globex&groupName=staff'],
    ['/api/get-groups?owner=globex&withTree=true'],
    ['/api/get-user?owner=globex&email=x@globex.example'],
    ['/api/get-user?owner=globex&userId=anything'],
    ['/api/get-user-application?id=globex/globex-user'],
    ['/api/get-organization-applications?organization=globex'],
    ['/api/get-session?sessionPkId=globex/globex-user/globex-app'],
    ['/api/is-session-duplicated?sessionPkId=globex/globex-user/globex-app&sessionId=x'],
    ['/api/add-session', { owner: 'globex', name: 'globex-user', application: 'globex-app', sessionId: ['planted'] }],
    ['/api/update-session', { owner: 'globex', name: 'globex-user', application: 'globex-app', sessionId: [] }],
    ['/api/delete-session', { owner: 'globex', name: 'globex-user', application: 'globex-app' }],
    ['/api/enforce?permissionId=globex/edit', ['globex/globex-user', 'doc', 'write']],
    ['/api/enforce?owner=globex', ['globex/globex-user', 'doc', 'write']],
    ['/api/enforce?modelId=globex/acl', ['globex/globex-user', 'doc', 'write']],
    ['/api/enforce?enforcerId=globex/guard', ['globex/globex-user', 'doc', 'read']],
    ['/api/batch-enforce?owner=globex', [['globex/globex-user', 'doc', 'write']]],
    ['/api/get-all-roles?userId=globex/globex-user'],
    ['/api/get-policies?id=globex/guard'],
    ['/api/add-policy?id=globex/guard', { ptype: 'p', v0: 'acme/acme-admin', v1: 'doc', v2: 'read' }],
    ['/api/remove-policy?id=globex/guard', { ptype: 'p', v0: 'globex/globex-user', v1: 'doc', v2: 'read' }],
    [
      '/api/update-policy?id=globex/guard',
      [
        { ptype: 'p', v0: 'globex/globex-user', v1: 'doc', v2: 'read' },
        { ptype: 'p', v0: 'x', v1: 'doc', v2: 'read' },
      ],
    ],
    // Owner spoofing: the id names globex, the body claims acme.
    ['/api/update-user?id=globex/globex-user', { owner: 'acme', name: 'globex-user', isAdmin: true }],
    ['/api/update-role?id=globex/editors', { owner: 'acme', name: 'editors' }],
    ['/api/delete-user?id=globex/globex-user', { owner: 'acme', name: 'acme-user' }],
    // Moving one's own objects into the other organization.
    ['/api/update-group?id=acme/acme-group', { owner: 'globex', name: 'acme-group' }],
    [
      '/api/update-webhook?id=admin/acme-hook',
      { owner: 'admin', name: 'acme-hook', organization: 'globex', url: 'https://hooks.acme.example/' },
    ],
    ['/api/update-application?id=admin/acme-app', { owner: 'admin', name: 'acme-app', organization: 'globex' }],
    ['/api/add-user', { owner: 'globex', name: 'intruder', password: 'x' }],
    ['/api/add-application', { owner: 'admin', name: 'intruder-app', organization: 'globex' }],
    ['/api/add-organization', { owner: 'admin', name: 'acme2' }],
    ['/api/delete-organization', { owner: 'admin', name: 'acme' }],
  ];
}

describe.each([
  ['an isAdmin user of acme', () => acme.admin],
  ['an application of acme (client id and secret)', () => acme.app],
])('%s', (_label, caller: () => Caller) => {
  test('is refused on every route that names globex, and globex is unchanged', async () => {
    const tokenName = (await storedRow(t.context.db, 'token', { organization: 'globex' })).name;
    const cookie = await signIn(t, 'globex', 'globex-user', 'user-password', 'globex-app');
    const before = await globexRows();
    const accepted: string[] = [];
    for (const [path, body] of probes(tokenName)) {
      const answer = await call(t, caller(), path, body);
      if (answer.status !== 'error') accepted.push(`${path} → ${JSON.stringify(answer).slice(0, 120)}`);
    }
    expect(accepted).toEqual([]);
    expect(await globexRows()).toEqual(before);
    // globex's credentials all still work.
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.name).toBe('globex-user');
    expect(
      (await t.request('/api/get-account', { headers: { authorization: `Bearer ${globexToken}` } })).json.name,
    ).toBe('globex-user');
  }, 300_000);

  test("lists without an organization show acme's objects only", async () => {
    const lists = [
      'organizations',
      'users',
      'groups',
      'roles',
      'permissions',
      'models',
      'adapters',
      'enforcers',
      'keys',
      'certs',
      'providers',
      'applications',
      'tokens',
      'webhooks',
      'sessions',
      'records',
    ];
    for (const plural of lists) {
      const answer = await call(t, caller(), `/api/get-${plural}`);
      expect({ plural, status: answer.status }).toEqual({ plural, status: 'ok' });
      const leaked = (answer.data as Record<string, unknown>[]).filter((item) =>
        [item.owner, item.organization, item.name].some((value) => String(value).startsWith('globex')),
      );
      expect({ plural, leaked }).toEqual({ plural, leaked: [] });
    }
    expect(
      (await call(t, caller(), '/api/get-organization-names')).data.map((row: { name: string }) => row.name),
    ).toEqual(['acme']);
  });

  test("another organization's application shows only its public view", async () => {
    const { data } = await call(t, caller(), '/api/get-application?id=admin/globex-app');
    expect(data.clientSecret).toBe('***');
    expect(data.redirectUris).toEqual([]);
    expect(data.cert).toBe('');
    const own = (await call(t, caller(), '/api/get-application?id=admin/acme-app')).data;
    expect(own.clientSecret).toBe(acme.application.plainClientSecret);
  });
});
