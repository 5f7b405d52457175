import { ACL_MODEL, storedRow, storedRows } from '@latchkey/db/testing';
import { addCommerceObjects, commerceAddBody } from '../../features/commerce/testing/matrix.ts';
import { flushAuditLog } from '../../features/records/audit-log.ts';
import type { TestApp } from '../create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signIn, signInAsAdmin, tokenFor } from '../fixtures.ts';

/** The tenants of the matrix: X (the callers' own), Y (another), and built-in (the global one). */
export const TARGETS = ['X', 'Y', 'built-in'] as const;
export type TargetName = (typeof TARGETS)[number];

export const CALLERS = [
  'anonymous',
  'user of X',
  'access key of X',
  'app of X (Basic)',
  'app of X (token)',
  'admin of X',
] as const;
export type CallerName = (typeof CALLERS)[number];

/** How a caller presents itself: headers, and query parameters (an access key and its secret). */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** One tenant: its organization name and the names of one object of every kind in it. */
export interface Tenant {
  name: TargetName;
  organization: string;
  /** Short prefix of every object name made here (`ox`, `oy`, `bi`), so that a leak is easy to spot. */
  prefix: string;
  /** A plain user that the matrix targets (passwords, keys, roles); never a caller. */
  target: string;
  /** The plain user of the tenant (for X: the user caller). */
  user: string;
  /** The application of the tenant, with its client id and plain secret. */
  application: { name: string; clientId: string; secret: string };
  /** Secret values that only this tenant's administrators may read. */
  secrets: { value: string; holder: 'admin' | 'user' }[];
  /** A bearer token of the tenant's user, and its row name. */
  token: { accessToken: string; name: string };
  /** Name of one audit record of the tenant. */
  record?: string;
}

export const ORGANIZATIONS: Record<TargetName, string> = { X: 'org-x', Y: 'org-y', 'built-in': 'built-in' };
const PREFIXES: Record<TargetName, string> = { X: 'ox', Y: 'oy', 'built-in': 'bi' };

/** Bodies of add-<object> that succeed, for an object `name` of `organization` (other objects named as the world names them). */
export function addBody(
  kind: string,
  organization: string,
  prefix: string,
  name: string,
): Record<string, unknown> | undefined {
  switch (kind) {
    case 'organization':
      return { owner: 'admin', name };
    case 'user':
      return { owner: organization, name, password: 'Long-password-1234' };
    case 'group':
    case 'role':
      return { owner: organization, name };
    case 'invitation':
      return { owner: organization, name, quota: 5, signupGroup: `${prefix}-group` };
    case 'permission':
      return {
        owner: organization,
        name,
        users: [`${organization}/${prefix}-user`],
        resources: ['doc'],
        actions: ['read'],
        effect: 'Allow',
        isEnabled: true,
      };
    case 'model':
      return { owner: organization, name, modelText: ACL_MODEL };
    case 'adapter':
      return { owner: organization, name, password: `${prefix}-adapter-password` };
    case 'enforcer':
      return {
        owner: organization,
        name,
        model: `${organization}/${prefix}-model`,
        adapter: `${organization}/${prefix}-adapter`,
      };
    case 'key':
      return { owner: organization, name, user: `${prefix}-user` };
    case 'cert':
      return { owner: organization, name, cryptoAlgorithm: 'ES256' };
    case 'provider':
      return { owner: organization, name, category: 'Email', clientSecret: `${prefix}-provider-secret` };
    case 'webhook':
      return { owner: 'admin', name, organization, url: `https://hooks.${prefix}.example/` };
    case 'application':
      return { owner: 'admin', name, organization };
    case 'token':
      return {
        owner: 'admin',
        name,
        organization,
        application: organization === 'built-in' ? 'app-built-in' : `${prefix}-app`,
        user: `${prefix}-user`,
      };
    case 'resource':
      return { owner: organization, name, user: `${prefix}-user` };
    case 'syncer':
      return {
        owner: 'admin',
        name,
        organization,
        host: '127.0.0.1',
        user: 'reader',
        password: `${prefix}-syncer-password`,
        database: 'people',
        table: 'people',
        tableColumns: [{ name: 'login', type: 'string', casdoorName: 'Name', isKey: true, isHashed: true, values: [] }],
      };
    default:
      return commerceAddBody(kind, organization, prefix, name);
  }
}

/** Kinds made in every tenant, in an order that satisfies their references. */
const MADE_KINDS = [
  'group',
  'invitation',
  'role',
  'permission',
  'model',
  'adapter',
  'enforcer',
  'cert',
  'provider',
  'webhook',
  'resource',
  'syncer',
];

export interface World {
  tenants: Record<TargetName, Tenant>;
  callers: Record<CallerName, Credentials>;
  /** The global administrator, for setting up and for checking. */
  root: Credentials;
}

const none = (headers: Record<string, string> = {}): Credentials => ({ headers, query: {} });

async function rootCall(t: TestApp, root: Credentials, path: string, body: unknown) {
  const answer = await t.request(path, { headers: root.headers, body });
  if (answer.json?.status !== 'ok')
    throw new Error(`setting up ${path} ${JSON.stringify(body)} failed: ${answer.text}`);
  return answer.json;
}

/**
 * X and Y, each with an administrator, a plain user and a target user, an application (allowed the
 * client_credentials grant), an access key of the plain user and one object of every kind; built-in
 * gets its own of each.
 */
export async function buildWorld(t: TestApp): Promise<World> {
  const root = none({ cookie: await signInAsAdmin(t) });
  const tenants = {} as Record<TargetName, Tenant>;
  for (const target of ['X', 'Y', 'built-in'] as const) {
    const organization = ORGANIZATIONS[target];
    const prefix = PREFIXES[target];
    if (target !== 'built-in') await addOrganization(t, organization);
    const stored = await t.context.passwords.hash('user-password-1');
    await addUser(t, organization, `${prefix}-user`, stored);
    await addUser(t, organization, `${prefix}-target`, stored);
    if (target !== 'built-in')
      await addUser(t, organization, `${prefix}-admin`, await t.context.passwords.hash('admin-password-1'), {
        isAdmin: true,
      });
    const application = await addApplication(t, `${prefix}-app`, organization, {
      grantTypes: ['client_credentials', 'authorization_code', 'password'],
    } as never);
    for (const kind of MADE_KINDS)
      await rootCall(t, root, `/api/add-${kind}`, addBody(kind, organization, prefix, `${prefix}-${kind}`));
    await addCommerceObjects(t, root, organization, prefix);
    await rootCall(t, root, `/api/add-policy?id=${organization}/${prefix}-enforcer`, {
      ptype: 'p',
      v0: `${organization}/${prefix}-user`,
      v1: 'doc',
      v2: 'read',
    });
    const accessToken = await tokenFor(t, `${prefix}-app`, organization, `${prefix}-user`);
    const tokenRow = await storedRow(t.context.db, 'token', { organization, user: `${prefix}-user` });
    tenants[target] = {
      name: target,
      organization,
      prefix,
      target: `${prefix}-target`,
      user: `${prefix}-user`,
      application: { name: application.name, clientId: application.clientId, secret: application.plainClientSecret },
      secrets: [
        ...[
          application.plainClientSecret,
          `${prefix}-provider-secret`,
          `${prefix}-adapter-password`,
          `${prefix}-syncer-password`,
        ].map((value) => ({ value, holder: 'admin' as const })),
        { value: accessToken, holder: 'user' },
      ],
      token: { accessToken, name: tokenRow.name },
    };
  }
  // X's user makes their own access key (add-key as themselves); Y's and built-in's are made by the global administrator.
  const userCookie = await signIn(t, 'org-x', 'ox-user', 'user-password-1', 'ox-app');
  const xKey = await t.request('/api/add-key', {
    headers: { cookie: userCookie },
    body: addBody('key', 'org-x', 'ox', 'ox-key'),
  });
  if (xKey.json?.status !== 'ok') throw new Error(`add-key as the user failed: ${xKey.text}`);
  for (const target of ['Y', 'built-in'] as const) {
    const { organization, prefix } = tenants[target];
    await rootCall(t, root, '/api/add-key', addBody('key', organization, prefix, `${prefix}-key`));
  }
  const keys = await storedRows(t.context.db, 'key');
  for (const key of keys) {
    const tenant = Object.values(tenants).find((each) => key.name === `${each.prefix}-key`);
    tenant?.secrets.push({ value: t.context.secrets.open(String(key.accessSecret)), holder: 'user' });
  }
  const xKeyRow = keys.find((key) => key.name === 'ox-key')!;
  const x = tenants.X;
  const issued = await t.request('/api/login/oauth/access_token', {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: x.application.clientId,
      client_secret: x.application.secret,
    }),
  });
  if (typeof issued.json?.access_token !== 'string') throw new Error(`client_credentials failed: ${issued.text}`);
  const callers: Record<CallerName, Credentials> = {
    anonymous: none(),
    'user of X': none({ cookie: userCookie }),
    'access key of X': {
      headers: {},
      query: {
        accessKey: String(xKeyRow.accessKey),
        accessSecret: t.context.secrets.open(String(xKeyRow.accessSecret)),
      },
    },
    'app of X (Basic)': none({ authorization: basic(x.application.clientId, x.application.secret) }),
    'app of X (token)': none({ authorization: `Bearer ${issued.json.access_token}` }),
    'admin of X': none({ cookie: await signIn(t, 'org-x', 'ox-admin', 'admin-password-1', 'ox-app') }),
  };
  // Each tenant's user signs in to its application, so that each has a session (and audit records) to target.
  for (const target of ['Y', 'built-in'] as const)
    await signIn(
      t,
      tenants[target].organization,
      tenants[target].user,
      'user-password-1',
      tenants[target].application.name,
    );
  await flushAuditLog(t.context);
  for (const target of TARGETS) {
    const [row] = await storedRows(t.context.db, 'record', { owner: tenants[target].organization });
    tenants[target].record = row?.name;
  }
  return { tenants, callers, root };
}
