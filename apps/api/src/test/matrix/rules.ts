import { findApplication, findUser } from '@latchkey/db';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { adapterKind } from '../../modules/adapters/kind.ts';
import { applicationKind } from '../../modules/applications/kind.ts';
import { certKind } from '../../modules/certs/kind.ts';
import { enforcerKind } from '../../modules/enforcers/kind.ts';
import { groupKind } from '../../modules/groups/kind.ts';
import { keyKind } from '../../modules/keys/kind.ts';
import { modelKind } from '../../modules/models/kind.ts';
import { organizationKind } from '../../modules/organizations/kind.ts';
import { permissionKind } from '../../modules/permissions/kind.ts';
import { providerKind } from '../../modules/providers/kind.ts';
import { recordKind } from '../../modules/records/kind.ts';
import { roleKind } from '../../modules/roles/kind.ts';
import { tokenKind } from '../../modules/tokens/kind.ts';
import { userKind } from '../../modules/users/kind.ts';
import { webhookKind } from '../../modules/webhooks/kind.ts';
import type { Audience } from '../../identity/authorize.ts';
import type { ObjectKind } from '../../objects/kind.ts';
import { startSession } from '../../sessions/session-service.ts';
import type { TestApp } from '../create-test-app.ts';
import { tokenFor } from '../fixtures.ts';
import type { SweptRoute } from '../sweep/routes.ts';
import { addBody, type CallerName, type TargetName, type Tenant, type World } from './world.ts';

/**
 * What a case must answer:
 * - ok: a success (status ok, or an HTTP success outside /api);
 * - refused: status error with the sign-in or not-allowed message (or an OAuth error), and no table changed;
 * - rejected: status error whatever the message, or ok and "Unaffected" (a field the route ignores), and no table changed;
 * - hidden: refused, or ok with nothing in it (data null or an empty list), and no table changed;
 * - narrowed: refused, or ok with the caller's own objects only (a list that ignores a foreign filter);
 * - public: ok, with nothing but the object's public view (no secret of any tenant);
 * - answered: not refused for who the caller is (a route whose inputs decide; its own tests cover them).
 */
export type Outcome = 'ok' | 'refused' | 'rejected' | 'hidden' | 'narrowed' | 'public' | 'answered';

/** One request of a case: its method, path, query and body (made afresh for each call). */
export interface Probe {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: () => unknown;
  /** Checks of a successful answer, beyond its status. */
  check?: (json: any) => string | undefined;
  /** Checks after the answer, whatever it was: what must still hold. */
  after?: () => Promise<string | undefined>;
}

export interface Kit {
  t: TestApp;
  world: World;
  /** A new object of a kind in a tenant, made by the global administrator; answers its id parts. */
  fresh(kind: ObjectKind<any>, tenant: Tenant): Promise<{ owner: string; name: string }>;
  /** Set when a case's preparation wrote to the database (so that its tables are looked at again). */
  prepared: boolean;
}

/** Every route of the document, turned into cases. */
export interface MatrixRoute {
  key: string;
  audience: Audience | undefined;
  /** Whether a refusal must leave every table as it was (every POST, and GETs that could write). */
  write: boolean;
  /** When the route takes no target: why. It is then called once per caller. */
  targetFree?: string;
  /** Callers to leave out, with the reason (a route that ends the caller's own session). */
  callers?: readonly CallerName[];
  /** The requests of a case (several when the route takes its target in several ways). */
  probes(kit: Kit, target: Tenant | undefined, caller: CallerName): Promise<Probe[]> | Probe[];
  expected(caller: CallerName, target: TargetName | undefined): Outcome;
}

/** Every object kind with the generic routes (sessions have routes of their own, below). */
export const KINDS: ObjectKind<any>[] = [
  organizationKind,
  userKind,
  groupKind,
  applicationKind,
  enforcerKind,
  recordKind,
  roleKind,
  permissionKind,
  modelKind,
  adapterKind,
  webhookKind,
  tokenKind,
  certKind,
  providerKind,
  keyKind,
];

const isApp = (caller: CallerName) => caller.startsWith('app of');
const isUser = (caller: CallerName) => caller === 'user of X' || caller === 'access key of X';

/**
 * The rule of the tenant boundary, from the route's audience: anonymous callers reach only
 * `anyone` routes; X's administrator and applications act on X and nothing else; users and access
 * keys reach only what `forUsers` says (their own records), and nothing on admin routes.
 */
export function byAudience(audience: Audience | undefined, caller: CallerName, target: TargetName | undefined, forUsers: (target: TargetName | undefined) => Outcome = () => 'refused'): Outcome {
  if (audience === undefined || audience === 'anyone') return 'ok';
  if (caller === 'anonymous') return 'refused';
  if (audience === 'globalAdmin') return 'refused';
  if (audience === 'user' && isApp(caller)) return 'refused';
  if (isUser(caller)) return audience === 'admin' ? 'refused' : forUsers(target);
  return target === undefined || target === 'X' ? 'ok' : 'refused';
}

/** owner/name of a tenant's object of a kind, as the kind's placement addresses it. */
export function idOf(kind: ObjectKind<any>, tenant: Tenant): { owner: string; name: string } {
  switch (kind.name) {
    case 'organization':
      return { owner: 'admin', name: tenant.organization };
    case 'user':
      return { owner: tenant.organization, name: tenant.target };
    case 'application':
      return { owner: 'admin', name: tenant.application.name };
    case 'token':
      return { owner: 'admin', name: tenant.token.name };
    case 'record':
      return { owner: tenant.organization, name: tenant.record ?? 'none' };
  }
  const owner = kind.placement === 'admin-with-organization' ? 'admin' : tenant.organization;
  return { owner, name: `${tenant.prefix}-${kind.name}` };
}

/** The least body naming an object: owner, name, and its organization where the placement keeps one. */
const idBody = (kind: ObjectKind<any>, tenant: Tenant, id: { owner: string; name: string }) =>
  kind.placement === 'admin-with-organization' ? { ...id, organization: tenant.organization } : { ...id };

/** The body of an object with its organization replaced by `tenant`'s (undefined for organizations themselves). */
function claiming(kind: ObjectKind<any>, id: { owner: string; name: string }, tenant: Tenant): Record<string, unknown> | undefined {
  switch (kind.placement) {
    case 'organization':
    case 'global-or-organization':
      return { owner: tenant.organization, name: id.name };
    case 'admin-with-organization':
      return { owner: 'admin', name: id.name, organization: tenant.organization };
    case 'organization-itself':
      return undefined;
  }
}

/** The list parameters that name a tenant. */
function listQuery(kind: ObjectKind<any>, tenant: Tenant): Record<string, string> {
  if (kind.placement === 'organization' || kind.placement === 'global-or-organization') return { owner: tenant.organization };
  return { owner: 'admin', organization: tenant.organization };
}

let serial = 0;
export const freshName = (prefix: string, what: string) => `${prefix}-${what}-${++serial}`;

/** Outcomes users and access keys get on a kind's routes: their own keys, and a read of their own organization. */
function forUsersOf(kind: ObjectKind<any>, operation: 'list' | 'get' | 'add' | 'update' | 'delete') {
  return (target: TargetName | undefined): Outcome => {
    if (target !== 'X') return 'refused';
    if (kind.name === 'key' && operation !== 'list') return 'ok';
    if (kind.name === 'organization' && (operation === 'get' || operation === 'list')) return 'ok';
    return 'refused';
  };
}

/** A route of an object kind: get-<objects>, get-<object>, add-, update- and delete-<object>. */
function kindRoute(route: SweptRoute, audience: Audience | undefined, kind: ObjectKind<any>, operation: 'list' | 'get' | 'add' | 'update' | 'delete'): MatrixRoute {
  const key = `${route.method} ${route.template}`;
  const base = { key, audience, write: route.method === 'POST' };
  const forUsers = forUsersOf(kind, operation);
  switch (operation) {
    case 'list':
      return {
        ...base,
        probes: (_kit, tenant) => [{ method: 'GET', path: route.path, query: listQuery(kind, tenant!) }],
        // The organizations list shows the caller's own organization, whatever it filters by.
        expected: (caller, target) => {
          const outcome = byAudience(audience, caller, target, forUsers);
          return kind.placement === 'organization-itself' && outcome === 'refused' && caller !== 'anonymous' ? 'narrowed' : outcome;
        },
      };
    case 'get':
      return {
        ...base,
        probes: (_kit, tenant) => {
          const id = idOf(kind, tenant!);
          return [{ method: 'GET', path: route.path, query: { id: `${id.owner}/${id.name}` }, check: (json) => (json.data?.name === id.name ? undefined : `data is not ${id.name}`) }];
        },
        // Anyone reads an application's public view (sign-in pages need it).
        expected: (caller, target) => (audience === 'anyone' ? 'public' : byAudience(audience, caller, target, forUsers)),
      };
    case 'add':
      return {
        ...base,
        probes: (kit, tenant) => {
          const name = freshName(tenant!.prefix, kind.name);
          return [{ method: 'POST', path: route.path, body: () => addBody(kind.name, tenant!.organization, tenant!.prefix, name) }];
        },
        // A new organization is a new tenant: only global administrators make one.
        expected: (caller, target) => (kind.placement === 'organization-itself' ? 'refused' : byAudience(audience, caller, target, forUsers)),
      };
    case 'update':
      return {
        ...base,
        probes: (kit, tenant) => {
          const id = idOf(kind, tenant!);
          const probes: Probe[] = [{ method: 'POST', path: route.path, query: { id: `${id.owner}/${id.name}` }, body: () => idBody(kind, tenant!, id) }];
          // Another tenant's object, the body claiming it is X's: the id decides.
          const claim = claiming(kind, id, kit.world.tenants.X);
          if (tenant!.name !== 'X' && claim) probes.push({ method: 'POST', path: route.path, query: { id: `${id.owner}/${id.name}` }, body: () => claim });
          return probes;
        },
        expected: (caller, target) => byAudience(audience, caller, target, forUsers),
      };
    case 'delete': {
      // Deleting an organization deletes a tenant: only global administrators do.
      const expected = (caller: CallerName, target: TargetName | undefined): Outcome => (kind.placement === 'organization-itself' ? 'refused' : byAudience(audience, caller, target, forUsers));
      return {
        ...base,
        probes: async (kit, tenant, caller) => {
          // What may be deleted is made afresh; what must not be is the tenant's own object.
          const allowed = expected(caller, tenant!.name) === 'ok';
          const id = allowed ? await kit.fresh(kind, tenant!) : idOf(kind, tenant!);
          const probes: Probe[] = [{ method: 'POST', path: route.path, query: { id: `${id.owner}/${id.name}` }, body: () => idBody(kind, tenant!, id) }];
          // Named by the body alone, as Casdoor's SDKs do.
          if (!allowed) probes.push({ method: 'POST', path: route.path, body: () => idBody(kind, tenant!, id) });
          return probes;
        },
        expected,
      };
    }
  }
}

const get = (path: string, query: Record<string, string> = {}): Probe => ({ method: 'GET', path, query });
const post = (path: string, query: Record<string, string>, body: () => unknown): Probe => ({ method: 'POST', path, query, body });
const userId = (tenant: Tenant) => `${tenant.organization}/${tenant.target}`;
const pkId = (tenant: Tenant) => `${tenant.organization}/${tenant.user}/${tenant.application.name}`;
const form = (fields: Record<string, string>) => () => new URLSearchParams(fields);

/** A session of a tenant's target user, so that deleting it has something to delete. */
async function sessionOfTarget(kit: Kit, tenant: Tenant) {
  const user = (await findUser(kit.t.context.db, tenant.organization, tenant.target))!;
  const application = (await findApplication(kit.t.context.db, tenant.application.name))!;
  kit.prepared = true;
  await startSession(kit.t.context, { user, application });
}

/** The global JWKS shows no organization's cert (an organization's administrator chose its key). */
const globalKeysOnly = (json: any) => {
  const kids = (json?.keys ?? []).map((key: { kid?: string }) => String(key.kid));
  const foreign = kids.filter((kid: string) => /^(ox|oy)-cert/.test(kid));
  return foreign.length > 0 ? `the global JWKS shows organization certs ${foreign.join(', ')}` : undefined;
};

type Special = Omit<MatrixRoute, 'key' | 'audience' | 'write'> & { write?: boolean };

const SERVER_METADATA = 'public metadata of the server, the same for every caller';
const OWN_CREDENTIALS = "acts on the credentials in the request itself (its own tests cover them)";
const OWN_SESSION = "ends the caller's own session (identity/matrix.test.ts); a signed-in caller here would lose its session";
const answered = (): Outcome => 'answered';
const everyoneOk = (): Outcome => 'ok';

/** Routes other than the kinds' five, by `METHOD /template`. */
function specialRules(audience: (key: string) => Audience | undefined): Record<string, Special> {
  const rule = (key: string, forUsers?: (target: TargetName | undefined) => Outcome) => (caller: CallerName, target: TargetName | undefined) => byAudience(audience(key), caller, target, forUsers);
  const targetFree = (reason: string, expected: MatrixRoute['expected'], path: string, method: 'GET' | 'POST' = 'GET', body?: () => unknown): Special => ({
    targetFree: reason,
    probes: () => [{ method, path, ...(body ? { body } : {}) }],
    expected,
  });
  const ownX = (target: TargetName | undefined): Outcome => (target === 'X' ? 'ok' : 'refused');
  return {
    'GET /api/health': targetFree(SERVER_METADATA, everyoneOk, '/api/health'),
    'GET /api/get-version-info': targetFree(SERVER_METADATA, everyoneOk, '/api/get-version-info'),
    // Anonymous only over a direct loopback connection, which requests handed to the app are not.
    'GET /api/metrics': targetFree('server-wide metrics: global administrators only', () => 'refused', '/api/metrics'),
    'GET /swagger': targetFree(SERVER_METADATA, everyoneOk, '/swagger'),
    'GET /swagger/openapi.json': targetFree(SERVER_METADATA, everyoneOk, '/swagger/openapi.json'),
    'GET /swagger/swagger-ui.css': targetFree(SERVER_METADATA, everyoneOk, '/swagger/swagger-ui.css'),
    'GET /swagger/swagger-ui-bundle.js': targetFree(SERVER_METADATA, everyoneOk, '/swagger/swagger-ui-bundle.js'),
    'GET /swagger/reference.js': targetFree(SERVER_METADATA, everyoneOk, '/swagger/reference.js'),
    'GET /.well-known/openid-configuration': targetFree(SERVER_METADATA, everyoneOk, '/.well-known/openid-configuration'),
    'GET /.well-known/oauth-authorization-server': targetFree(SERVER_METADATA, everyoneOk, '/.well-known/oauth-authorization-server'),
    ...Object.fromEntries(
      (['GET', 'POST'] as const).map((method) => [
        `${method} /.well-known/jwks`,
        {
          targetFree: 'the global key set: the same for every caller, and only global certs in it',
          probes: () => [{ method, path: '/.well-known/jwks', check: globalKeysOnly }],
          expected: everyoneOk,
        },
      ]),
    ),
    'POST /api/login': targetFree(OWN_CREDENTIALS, answered, '/api/login', 'POST', () => ({})),
    'GET /api/get-app-login': targetFree(OWN_CREDENTIALS, answered, '/api/get-app-login'),
    'POST /api/signup': targetFree(OWN_CREDENTIALS, answered, '/api/signup', 'POST', () => ({})),
    'POST /api/login/oauth/access_token': targetFree(OWN_CREDENTIALS, answered, '/api/login/oauth/access_token', 'POST', form({})),
    'POST /api/login/oauth/refresh_token': targetFree(OWN_CREDENTIALS, answered, '/api/login/oauth/refresh_token', 'POST', form({})),
    'GET /login/oauth/authorize': targetFree(OWN_CREDENTIALS, answered, '/login/oauth/authorize'),
    'POST /login/oauth/authorize': targetFree(OWN_CREDENTIALS, answered, '/login/oauth/authorize', 'POST', form({})),
    'GET /api/userinfo': targetFree("answers the caller's own claims", answered, '/api/userinfo'),
    'POST /api/userinfo': targetFree("answers the caller's own claims", answered, '/api/userinfo', 'POST', form({})),
    'GET /api/user': targetFree("answers the caller's own claims", rule('GET /api/user', everyoneOk), '/api/user'),
    'GET /api/get-account': targetFree("answers the caller's own account", rule('GET /api/get-account', everyoneOk), '/api/get-account'),
    'GET /api/get-organization-names': targetFree("lists the caller's own organizations", rule('GET /api/get-organization-names', everyoneOk), '/api/get-organization-names'),
    'GET /api/get-global-users': targetFree('global lists: global administrators only', rule('GET /api/get-global-users'), '/api/get-global-users'),
    'GET /api/get-global-certs': targetFree('global lists: global administrators only', rule('GET /api/get-global-certs'), '/api/get-global-certs'),
    'GET /api/get-global-providers': targetFree('global lists: global administrators only', rule('GET /api/get-global-providers'), '/api/get-global-providers'),
    'GET /api/get-global-keys': targetFree('global lists: global administrators only', rule('GET /api/get-global-keys'), '/api/get-global-keys'),
    ...Object.fromEntries(
      ['GET /api/logout', 'POST /api/logout', 'GET /api/sso-logout', 'POST /api/sso-logout'].map((key) => {
        const [method, path] = key.split(' ') as ['GET' | 'POST', string];
        return [key, { ...targetFree(OWN_SESSION, answered, path!, method), callers: ['anonymous'] as const }];
      }),
    ),
    // Public per application: anyone, any tenant, but only the public view.
    ...Object.fromEntries(
      ['GET /.well-known/{application}/openid-configuration', 'GET /.well-known/{application}/oauth-authorization-server', 'GET /.well-known/{application}/jwks', 'POST /.well-known/{application}/jwks'].map((key) => {
        const [method, template] = key.split(' ') as ['GET' | 'POST', string];
        return [key, { probes: (_kit: Kit, tenant?: Tenant) => [{ method, path: template.replace('{application}', tenant!.application.name) }], expected: (): Outcome => 'public' }];
      }),
    ),
    // WebFinger answers the issuer for any account without looking it up: public, the same for every tenant.
    'GET /.well-known/webfinger': { probes: (_kit, tenant) => [get('/.well-known/webfinger', { resource: `acct:${tenant!.user}@localhost` })], expected: () => 'public' },
    'GET /.well-known/{application}/webfinger': {
      probes: (_kit, tenant) => [get(`/.well-known/${tenant!.application.name}/webfinger`, { resource: `acct:${tenant!.user}@localhost` })],
      expected: () => 'public',
    },
    'GET /api/get-default-application': { probes: (_kit, tenant) => [get('/api/get-default-application', { id: `admin/${tenant!.organization}` })], expected: () => 'public' },
    // Introspection and revocation by a client: of its own organization's tokens only.
    'POST /api/login/oauth/introspect': {
      write: false,
      probes: (_kit, tenant) => [{ ...post('/api/login/oauth/introspect', {}, form({ token: tenant!.token.accessToken })), check: (json) => (json.active === true ? undefined : 'not active') }],
      expected: (caller, target) => (caller === 'app of X (Basic)' && target === 'X' ? 'ok' : 'hidden'),
    },
    'POST /api/login/oauth/revoke': {
      probes: async (kit, tenant, caller) => {
        const fresh = caller === 'app of X (Basic)' && tenant!.name === 'X';
        kit.prepared ||= fresh;
        const token = fresh ? await tokenFor(kit.t, tenant!.application.name, tenant!.organization, tenant!.user) : tenant!.token.accessToken;
        return [post('/api/login/oauth/revoke', {}, form({ token }))];
      },
      expected: (caller, target) => (caller === 'app of X (Basic)' && target === 'X' ? 'ok' : 'hidden'),
    },
    'GET /api/get-dashboard': { probes: (_kit, tenant) => [get('/api/get-dashboard', { organization: tenant!.organization })], expected: rule('GET /api/get-dashboard') },
    'POST /api/set-password': {
      probes: (_kit, tenant) => [post('/api/set-password', {}, form({ userOwner: tenant!.organization, userName: tenant!.target, newPassword: freshName('Changed-password', 'x') }))],
      expected: rule('POST /api/set-password'),
    },
    'POST /api/check-user-password': {
      // The tenant's plain user, whose password nothing here changes.
      probes: (_kit, tenant) => [post('/api/check-user-password', {}, () => ({ owner: tenant!.organization, name: tenant!.user, password: 'user-password-1' }))],
      expected: rule('POST /api/check-user-password', ownX),
    },
    'POST /api/add-user-keys': {
      probes: (_kit, tenant) => [post('/api/add-user-keys', { id: userId(tenant!) }, () => ({ owner: tenant!.organization, name: tenant!.target }))],
      expected: rule('POST /api/add-user-keys'),
    },
    'POST /api/delete-user-keys': {
      probes: (_kit, tenant) => [post('/api/delete-user-keys', { id: userId(tenant!) }, () => ({ owner: tenant!.organization, name: tenant!.target }))],
      expected: rule('POST /api/delete-user-keys'),
    },
    'GET /api/get-user-count': { probes: (_kit, tenant) => [get('/api/get-user-count', { owner: tenant!.organization })], expected: rule('GET /api/get-user-count') },
    'POST /api/upload-users': {
      probes: (_kit, tenant) => {
        const name = freshName(tenant!.prefix, 'uploaded');
        return [
          post('/api/upload-users', { owner: tenant!.organization }, () => {
            const body = new FormData();
            body.append('file', new Blob([`name,displayName\n${name},Uploaded\n`]), 'users.csv');
            return body;
          }),
        ];
      },
      expected: rule('POST /api/upload-users'),
    },
    'GET /api/get-user-application': { probes: (_kit, tenant) => [get('/api/get-user-application', { id: userId(tenant!) })], expected: rule('GET /api/get-user-application') },
    'GET /api/get-organization-applications': {
      probes: (_kit, tenant) => [get('/api/get-organization-applications', { owner: 'admin', organization: tenant!.organization })],
      expected: rule('GET /api/get-organization-applications', ownX),
    },
    'GET /api/get-sessions': { probes: (_kit, tenant) => [get('/api/get-sessions', { owner: tenant!.organization })], expected: rule('GET /api/get-sessions') },
    'GET /api/get-session': { probes: (_kit, tenant) => [get('/api/get-session', { sessionPkId: pkId(tenant!) })], expected: rule('GET /api/get-session') },
    'GET /api/is-session-duplicated': {
      probes: (_kit, tenant) => [get('/api/is-session-duplicated', { sessionPkId: pkId(tenant!), sessionId: 'not-a-session' })],
      // The session group named is X's user's own.
      expected: rule('GET /api/is-session-duplicated', ownX),
    },
    'POST /api/add-session': {
      probes: (_kit, tenant) => [post('/api/add-session', {}, () => ({ owner: tenant!.organization, name: tenant!.target, application: tenant!.application.name, sessionId: [freshName(tenant!.prefix, 'session')] }))],
      expected: rule('POST /api/add-session'),
    },
    'POST /api/update-session': {
      probes: (_kit, tenant) => [post('/api/update-session', {}, () => ({ owner: tenant!.organization, name: tenant!.target, application: tenant!.application.name, sessionId: [freshName(tenant!.prefix, 'session')] }))],
      expected: rule('POST /api/update-session'),
    },
    'POST /api/delete-session': {
      probes: async (kit, tenant) => {
        await sessionOfTarget(kit, tenant!);
        return [post('/api/delete-session', {}, () => ({ owner: tenant!.organization, name: tenant!.target, application: tenant!.application.name }))];
      },
      expected: rule('POST /api/delete-session'),
    },
    'GET /api/get-policies': { probes: (_kit, tenant) => [get('/api/get-policies', { id: `${tenant!.organization}/${tenant!.prefix}-enforcer` })], expected: rule('GET /api/get-policies') },
    ...Object.fromEntries(
      (['add-policy', 'remove-policy', 'update-policy'] as const).map((name) => {
        const key = `POST /api/${name}`;
        return [
          key,
          {
            probes: async (kit: Kit, tenant?: Tenant) => {
              const enforcer = `${tenant!.organization}/${tenant!.prefix}-enforcer`;
              const rule = { ptype: 'p', v0: `${tenant!.organization}/${tenant!.user}`, v1: freshName(tenant!.prefix, 'doc'), v2: 'read' };
              // Removing and changing need a rule that is there.
              if (name !== 'add-policy') {
                kit.prepared = true;
                const added = await kit.t.request(`/api/add-policy?id=${enforcer}`, { headers: kit.world.root.headers, body: rule });
                if (added.json?.status !== 'ok') throw new Error(`add-policy as root failed: ${added.text}`);
              }
              const body = name === 'update-policy' ? [rule, { ...rule, v2: 'write' }] : rule;
              return [post(`/api/${name}`, { id: enforcer }, () => body)];
            },
            expected: rule(key),
          },
        ];
      }),
    ),
    ...Object.fromEntries(
      ['POST /api/enforce', 'POST /api/batch-enforce'].map((key) => [
        key,
        {
          probes: (_kit: Kit, tenant?: Tenant) => {
            const request = [`${tenant!.organization}/${tenant!.user}`, 'doc', 'read'];
            const body = key.includes('batch') ? [request] : request;
            const o = tenant!.organization;
            const p = tenant!.prefix;
            const queries: Record<string, string>[] = [
              { permissionId: `${o}/${p}-permission` },
              { modelId: `${o}/${p}-model` },
              { enforcerId: `${o}/${p}-enforcer` },
              { owner: o },
            ];
            return queries.map((query) => post(key.split(' ')[1]!, query, () => body));
          },
          expected: rule(key),
          // A question about the policies, sent as a POST: it writes nothing either way.
          write: false,
        },
      ]),
    ),
    ...Object.fromEntries(
      ['GET /api/get-all-objects', 'GET /api/get-all-actions', 'GET /api/get-all-roles'].map((key) => [
        key,
        // The user named is X's user: the user caller's own.
        { probes: (_kit: Kit, tenant?: Tenant) => [get(key.split(' ')[1]!, { userId: `${tenant!.organization}/${tenant!.user}` })], expected: rule(key, ownX) },
      ]),
    ),
  };
}

/** Every route of the document as matrix routes; routes no rule classifies are answered apart, to fail the test. */
export function classify(routes: (SweptRoute & { audience?: Audience })[]): { classified: MatrixRoute[]; unclassified: string[] } {
  const audienceOf = (key: string) => routes.find((route) => `${route.method} ${route.template}` === key)?.audience;
  const specials = specialRules(audienceOf);
  const classified: MatrixRoute[] = [];
  const unclassified: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.template}`;
    const special = specials[key];
    if (special) {
      classified.push({ key, audience: route.audience, write: route.method === 'POST', ...special });
      continue;
    }
    const match = /^\/api\/(get|add|update|delete)-([a-z-]+)$/.exec(route.template);
    const verb = match?.[1];
    const noun = match?.[2];
    const kind = KINDS.find((each) => (verb === 'get' ? each.plural === noun || each.name === noun : each.name === noun));
    if (!kind || !verb || (verb === 'get') !== (route.method === 'GET')) {
      unclassified.push(key);
      continue;
    }
    const operation = verb === 'get' ? (kind.plural === noun ? 'list' : 'get') : verb;
    classified.push(kindRoute(route, route.audience, kind, operation as 'list' | 'get' | 'add' | 'update' | 'delete'));
  }
  return { classified, unclassified };
}

/**
 * Fields of X's objects that name another object (from each kind's `references`): X's
 * administrator and application may point them at X's objects (the positive control), never at
 * Y's or built-in's. Each is a route of its own in the matrix: update-<kind> of a fresh X object
 * with the field set.
 */
export function referenceRoutes(audienceOf: (key: string) => Audience | undefined): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const referred of KINDS) {
    for (const reference of referred.references ?? []) {
      if (reference.holds === 'owner-and-name') continue;
      const holder = KINDS.find((kind) => kind.table === reference.table);
      if (!holder) continue;
      const key = `POST /api/update-${holder.name}`;
      const audience = audienceOf(key);
      if (!audience) continue;
      const value = (tenant: Tenant) => {
        const id = idOf(referred, tenant);
        if (reference.holds === 'name') return id.name;
        if (reference.holds === 'id') return `${id.owner}/${id.name}`;
        if (reference.holds !== 'item-list') return [`${id.owner}/${id.name}`];
        // An item as the holder's schema makes it, naming the object.
        const itemSchema = (holder.schema.properties[reference.column] as { items?: TSchema } | undefined)?.items;
        return [{ ...(itemSchema ? (Value.Create(itemSchema) as object) : {}), owner: id.owner, name: id.name }];
      };
      out.push(referenceRoute(key, audience, holder, referred, reference.column, value));
    }
  }
  return out;
}

/** update-<holder> of a fresh X object with `column` naming the target's object of kind `referred`. */
function referenceRoute(key: string, audience: Audience, holder: ObjectKind<any>, referred: ObjectKind<any>, column: string, value: (tenant: Tenant) => unknown): MatrixRoute {
  return {
    key: `${key} with ${column} naming a ${referred.name}`,
    audience,
    write: true,
    callers: ['admin of X', 'app of X (Basic)'],
    probes: async (kit, tenant) => {
      const x = kit.world.tenants.X;
      // The organization itself, else a fresh object of X, so that the callers' own objects stay as they are.
      const id = holder.placement === 'organization-itself' ? idOf(holder, x) : await kit.fresh(holder, x);
      // A key belongs to a user or to an application: naming its application leaves its user.
      const exclusive = holder.name === 'key' && column === 'application' ? { user: '' } : {};
      return [post(`/api/update-${holder.name}`, { id: `${id.owner}/${id.name}` }, () => ({ ...idBody(holder, x, id), ...exclusive, [column]: value(tenant!) }))];
    },
    expected: (_caller, target) => (target === 'X' ? 'ok' : 'rejected'),
  };
}

/**
 * update-<object> of a fresh object of X whose body moves it to the target: X's administrator and
 * application may keep it in X (the positive control), never move it to Y or built-in.
 */
export function moveRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const kind of KINDS) {
    const update = routes.find((route) => route.key === `POST /api/update-${kind.name}`);
    if (!update || kind.placement === 'organization-itself') continue;
    out.push({
      key: `${update.key} moving an object of X to the target`,
      audience: update.audience,
      write: true,
      callers: ['admin of X', 'app of X (Basic)'],
      probes: async (kit, tenant) => {
        const id = await kit.fresh(kind, kit.world.tenants.X);
        return [post(`/api/update-${kind.name}`, { id: `${id.owner}/${id.name}` }, () => claiming(kind, id, tenant!))];
      },
      expected: (_caller, target) => (target === 'X' ? 'ok' : 'rejected'),
    });
  }
  return out;
}

/**
 * get-<objects> without an owner or organization: X's callers see X's objects (the positive
 * control: X's object is in it) and nothing of Y or built-in.
 */
export function unfilteredListRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const out: MatrixRoute[] = [];
  for (const kind of KINDS) {
    const list = routes.find((route) => route.key === `GET /api/get-${kind.plural}`);
    if (!list) continue;
    out.push({
      key: `${list.key} without a filter`,
      audience: list.audience,
      write: false,
      targetFree: "lists the caller's own organization",
      probes: (kit) => {
        const own = idOf(kind, kit.world.tenants.X).name;
        const check = (json: any) => {
          const items = (Array.isArray(json.data) ? json.data : []) as Record<string, unknown>[];
          const whose = (item: Record<string, unknown>) => (item.owner === 'admin' && typeof item.organization === 'string' ? item.organization : item.owner === 'admin' ? item.name : item.owner);
          // Global certs and providers (owner admin) are every organization's to read.
          const global = (item: Record<string, unknown>) => kind.placement === 'global-or-organization' && item.owner === 'admin';
          const foreign = items.filter((item) => whose(item) !== 'org-x' && !global(item)).map((item) => `${String(item.owner)}/${String(item.name)}`);
          if (foreign.length > 0) return `shows objects of other tenants: ${foreign.slice(0, 5).join(', ')}`;
          return kind.name === 'record' || items.some((item) => item.name === own) ? undefined : `X's ${own} is not in it`;
        };
        return [{ method: 'GET', path: `/api/get-${kind.plural}`, check }];
      },
      expected: (caller) => byAudience(list.audience, caller, 'X', forUsersOf(kind, 'list')),
    });
  }
  return out;
}

/**
 * add-token in X carrying the target's token material (its access token, its hash, a code): token
 * rows are minted only by the server, so the material is refused or ignored whatever the target (a
 * token the server mints for X's user may be added), no row but the target's own carries it, and
 * the target's token still stands for the target's user alone.
 */
export function tokenMaterialRoutes(routes: readonly MatrixRoute[]): MatrixRoute[] {
  const add = routes.find((route) => route.key === 'POST /api/add-token');
  if (!add) return [];
  return [
    {
      key: `${add.key} carrying the target's token material`,
      audience: add.audience,
      write: true,
      callers: ['admin of X', 'app of X (Basic)'],
      probes: (kit, tenant) => {
        const x = kit.world.tenants.X;
        const material = tenant!.token.accessToken;
        const planted = freshName(x.prefix, 'planted-token');
        const body = {
          ...addBody('token', x.organization, x.prefix, planted),
          accessToken: material,
          accessTokenHash: new Bun.CryptoHasher('sha256').update(material).digest('hex'),
          code: freshName(x.prefix, 'planted-code'),
          expiresIn: 3600,
        };
        // No row but the target's own carries its token, and the target's token still stands for its
        // user, also once X's administrator has revoked and deleted the row it added.
        const after = async () => {
          const carriers = await kit.t.context.db.selectFrom('token').select('name').where('accessTokenHash', '=', body.accessTokenHash).execute();
          const planters = carriers.filter((row) => row.name !== tenant!.token.name).map((row) => row.name);
          if (planters.length > 0) return `rows ${planters.join(', ')} carry ${tenant!.name}'s token`;
          const stillTheirs = async (when: string) => {
            const account = await kit.t.request('/api/get-account', { headers: { authorization: `Bearer ${material}` } });
            const name = account.json?.data?.name;
            return name === tenant!.user ? undefined : `${when}, ${tenant!.name}'s token answers ${JSON.stringify(account.json).slice(0, 120)}`;
          };
          const admin = kit.world.callers['admin of X'].headers;
          const id = `admin/${planted}`;
          return (
            (await stillTheirs('after the add')) ??
            (await kit.t.request(`/api/update-token?id=${id}`, { headers: admin, body: { owner: 'admin', name: planted, organization: x.organization, expiresIn: 0 } }), await stillTheirs('after X revoked its row')) ??
            (await kit.t.request(`/api/delete-token?id=${id}`, { headers: admin, body: { owner: 'admin', name: planted } }), await stillTheirs('after X deleted its row'))
          );
        };
        return [{ ...post('/api/add-token', {}, () => body), after }];
      },
      expected: () => 'answered',
    },
  ];
}
