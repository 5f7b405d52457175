import { findApplication, findUser, updateUserFields } from '@latchkey/db';
import { startSession } from '../../core/identity/browser-sessions.ts';
import type { Audience } from '../../core/identity/privileges.ts';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../../core/mfa/totp.ts';
import { commerceSpecialRules } from '../../features/commerce/testing/matrix.ts';
import { tokenFor } from '../fixtures.ts';
import { byAudience } from './audience.ts';
import { form, freshName, get, post } from './objects.ts';
import type { Kit, MatrixRoute, Outcome } from './route.ts';
import type { CallerName, TargetName, Tenant } from './world.ts';

const userId = (tenant: Tenant) => `${tenant.organization}/${tenant.target}`;
const pkId = (tenant: Tenant) => `${tenant.organization}/${tenant.user}/${tenant.application.name}`;

/** A session of a tenant's target user, so that deleting it has something to delete. */
async function sessionOfTarget(kit: Kit, tenant: Tenant) {
  const user = (await findUser(kit.t.context.db, tenant.organization, tenant.target))!;
  const application = (await findApplication(kit.t.context.db, tenant.application.name))!;
  kit.prepared = true;
  await startSession(kit.t.context, { user, application });
}

/** The global administrator calls a route (preparing a case); a failure stops the test. */
async function rootCall(kit: Kit, path: string, body: unknown) {
  kit.prepared = true;
  const answer = await kit.t.request(path, { headers: kit.world.root.headers, body });
  if (answer.json?.status !== 'ok') throw new Error(`${path} as root failed: ${answer.text}`);
  return answer.json.data;
}

/** A set-up of the target's second factor in progress, begun by the global administrator, at a fresh TOTP step (each code is taken once). */
async function startSetUpAsRoot(kit: Kit, tenant: Tenant): Promise<{ secret: string }> {
  kit.t.clock.advance(TOTP_PERIOD_SECONDS * 1000);
  return rootCall(kit, '/api/mfa/setup/initiate', { owner: tenant.organization, name: tenant.target, mfaType: 'app' });
}

/** A user with an authenticator app set up (by the global administrator), so that routes about one's own second factor have something to act on. */
async function ensureFactorAsRoot(kit: Kit, owner: string, name: string): Promise<void> {
  if ((await findUser(kit.t.context.db, owner, name))?.totpSecret) return;
  kit.t.clock.advance(TOTP_PERIOD_SECONDS * 1000);
  const { secret } = await rootCall(kit, '/api/mfa/setup/initiate', { owner, name, mfaType: 'app' });
  await rootCall(kit, '/api/mfa/setup/verify', {
    owner,
    name,
    mfaType: 'app',
    passcode: totpCodeAt(secret, kit.t.clock.now().getTime()),
  });
  await rootCall(kit, '/api/mfa/setup/enable', { owner, name, mfaType: 'app' });
}

/** The global JWKS shows no organization's cert (an organization's administrator chose its key). */
const globalKeysOnly = (json: any) => {
  const kids = (json?.keys ?? []).map((key: { kid?: string }) => String(key.kid));
  const foreign = kids.filter((kid: string) => /^(ox|oy)-cert/.test(kid));
  return foreign.length > 0 ? `the global JWKS shows organization certs ${foreign.join(', ')}` : undefined;
};

export type Special = Omit<MatrixRoute, 'key' | 'audience' | 'write'> & { write?: boolean };

const SERVER_METADATA = 'public metadata of the server, the same for every caller';
const OWN_CREDENTIALS = 'acts on the credentials in the request itself (its own tests cover them)';
const OWN_SESSION =
  "ends the caller's own session (identity/matrix.test.ts); a signed-in caller here would lose its session";
const answered = (): Outcome => 'answered';
const everyoneOk = (): Outcome => 'ok';

/** Routes other than the kinds' five, by `METHOD /template`. */
export function specialRules(audience: (key: string) => Audience | undefined): Record<string, Special> {
  const rule =
    (key: string, forUsers?: (target: TargetName | undefined) => Outcome) =>
    (caller: CallerName, target: TargetName | undefined) =>
      byAudience(audience(key), caller, target, forUsers);
  const targetFree = (
    reason: string,
    expected: MatrixRoute['expected'],
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: () => unknown,
  ): Special => ({
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
    'GET /.well-known/openid-configuration': targetFree(
      SERVER_METADATA,
      everyoneOk,
      '/.well-known/openid-configuration',
    ),
    'GET /.well-known/oauth-authorization-server': targetFree(
      SERVER_METADATA,
      everyoneOk,
      '/.well-known/oauth-authorization-server',
    ),
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
    'GET /api/provider-login': targetFree(OWN_CREDENTIALS, answered, '/api/provider-login?provider=none'),
    'POST /api/callback': targetFree(
      "a provider's POSTed answer, sent on to the callback page: reads nothing of the caller, keeps nothing",
      answered,
      '/api/callback',
      'POST',
      form({ code: 'a-code', state: 'a-state' }),
    ),
    'GET /api/get-login-providers': targetFree(
      "the buttons of an application's sign-in page: names and types only, the same for every caller",
      answered,
      '/api/get-login-providers',
    ),
    'GET /api/get-sign-in-branding': targetFree(
      "what an organization's sign-in pages show (logo, colour, links, languages): public, the same for every caller",
      answered,
      '/api/get-sign-in-branding?organization=built-in',
    ),
    'POST /api/signup': targetFree(OWN_CREDENTIALS, answered, '/api/signup', 'POST', () => ({})),
    'POST /api/send-verification-code': targetFree(
      'sends a code to the destination it names, answering alike for every account (its own tests cover it)',
      answered,
      '/api/send-verification-code',
      'POST',
      form({}),
    ),
    'POST /api/verify-code': targetFree(OWN_CREDENTIALS, answered, '/api/verify-code', 'POST', () => ({})),
    'GET /api/get-email-and-phone': targetFree(
      'answers alike whether or not the account exists, with masked contacts only',
      answered,
      '/api/get-email-and-phone',
    ),
    'POST /api/reset-email-or-phone': targetFree(
      "changes the caller's own email or phone, with a code sent there",
      (caller) =>
        rule('POST /api/reset-email-or-phone', everyoneOk)(caller, 'X') === 'refused' ? 'refused' : 'answered',
      '/api/reset-email-or-phone',
      'POST',
      form({}),
    ),
    'POST /api/login/oauth/access_token': targetFree(
      OWN_CREDENTIALS,
      answered,
      '/api/login/oauth/access_token',
      'POST',
      form({}),
    ),
    'POST /api/login/oauth/refresh_token': targetFree(
      OWN_CREDENTIALS,
      answered,
      '/api/login/oauth/refresh_token',
      'POST',
      form({}),
    ),
    'GET /login/oauth/authorize': targetFree(OWN_CREDENTIALS, answered, '/login/oauth/authorize'),
    'POST /login/oauth/authorize': targetFree(OWN_CREDENTIALS, answered, '/login/oauth/authorize', 'POST', form({})),
    'GET /api/userinfo': targetFree("answers the caller's own claims", answered, '/api/userinfo'),
    'POST /api/userinfo': targetFree("answers the caller's own claims", answered, '/api/userinfo', 'POST', form({})),
    'GET /api/user': targetFree("answers the caller's own claims", rule('GET /api/user', everyoneOk), '/api/user'),
    'GET /api/get-account': targetFree(
      "answers the caller's own account",
      rule('GET /api/get-account', everyoneOk),
      '/api/get-account',
    ),
    'GET /api/get-organization-names': targetFree(
      "lists the caller's own organizations",
      rule('GET /api/get-organization-names', everyoneOk),
      '/api/get-organization-names',
    ),
    'GET /api/get-global-users': targetFree(
      'global lists: global administrators only',
      rule('GET /api/get-global-users'),
      '/api/get-global-users',
    ),
    'GET /api/get-global-certs': targetFree(
      'global lists: global administrators only',
      rule('GET /api/get-global-certs'),
      '/api/get-global-certs',
    ),
    'GET /api/get-global-providers': targetFree(
      'global lists: global administrators only',
      rule('GET /api/get-global-providers'),
      '/api/get-global-providers',
    ),
    'GET /api/get-global-keys': targetFree(
      'global lists: global administrators only',
      rule('GET /api/get-global-keys'),
      '/api/get-global-keys',
    ),
    ...Object.fromEntries(
      ['GET /api/logout', 'POST /api/logout', 'GET /api/sso-logout', 'POST /api/sso-logout'].map((key) => {
        const [method, path] = key.split(' ') as ['GET' | 'POST', string];
        return [key, { ...targetFree(OWN_SESSION, answered, path!, method), callers: ['anonymous'] as const }];
      }),
    ),
    // Public per application: anyone, any tenant, but only the public view.
    ...Object.fromEntries(
      [
        'GET /.well-known/{application}/openid-configuration',
        'GET /.well-known/{application}/oauth-authorization-server',
        'GET /.well-known/{application}/jwks',
        'POST /.well-known/{application}/jwks',
      ].map((key) => {
        const [method, template] = key.split(' ') as ['GET' | 'POST', string];
        return [
          key,
          {
            probes: (_kit: Kit, tenant?: Tenant) => [
              { method, path: template.replace('{application}', tenant!.application.name) },
            ],
            expected: (): Outcome => 'public',
          },
        ];
      }),
    ),
    // WebFinger answers the issuer for any account without looking it up: public, the same for every tenant.
    'GET /.well-known/webfinger': {
      probes: (_kit, tenant) => [get('/.well-known/webfinger', { resource: `acct:${tenant!.user}@localhost` })],
      expected: () => 'public',
    },
    'GET /.well-known/{application}/webfinger': {
      probes: (_kit, tenant) => [
        get(`/.well-known/${tenant!.application.name}/webfinger`, { resource: `acct:${tenant!.user}@localhost` }),
      ],
      expected: () => 'public',
    },
    'GET /api/get-default-application': {
      probes: (_kit, tenant) => [get('/api/get-default-application', { id: `admin/${tenant!.organization}` })],
      expected: () => 'public',
    },
    // Introspection and revocation by a client: of its own organization's tokens only.
    'POST /api/login/oauth/introspect': {
      write: false,
      probes: (_kit, tenant) => [
        {
          ...post('/api/login/oauth/introspect', {}, form({ token: tenant!.token.accessToken })),
          check: (json) => (json.active === true ? undefined : 'not active'),
        },
      ],
      expected: (caller, target) => (caller === 'app of X (Basic)' && target === 'X' ? 'ok' : 'hidden'),
    },
    'POST /api/login/oauth/revoke': {
      probes: async (kit, tenant, caller) => {
        const fresh = caller === 'app of X (Basic)' && tenant!.name === 'X';
        kit.prepared ||= fresh;
        const token = fresh
          ? await tokenFor(kit.t, tenant!.application.name, tenant!.organization, tenant!.user)
          : tenant!.token.accessToken;
        return [post('/api/login/oauth/revoke', {}, form({ token }))];
      },
      expected: (caller, target) => (caller === 'app of X (Basic)' && target === 'X' ? 'ok' : 'hidden'),
    },
    'GET /api/export-records': {
      probes: (_kit, tenant) => [get('/api/export-records', { owner: tenant!.organization })],
      expected: rule('GET /api/export-records'),
    },
    'GET /api/export-users': {
      probes: (_kit, tenant) => [get('/api/export-users', { owner: tenant!.organization })],
      expected: rule('GET /api/export-users'),
    },
    'GET /api/get-dashboard': {
      probes: (_kit, tenant) => [get('/api/get-dashboard', { organization: tenant!.organization })],
      expected: rule('GET /api/get-dashboard'),
    },
    'POST /api/set-password': {
      probes: (_kit, tenant) => [
        post(
          '/api/set-password',
          {},
          form({
            userOwner: tenant!.organization,
            userName: tenant!.target,
            newPassword: freshName('Changed-password', 'x'),
          }),
        ),
      ],
      // Anyone may call it with a verified code (its own tests); without one, it is for signed-in callers.
      expected: (caller, target) => byAudience('signedIn', caller, target),
    },
    'POST /api/check-user-password': {
      // The tenant's plain user, whose password nothing here changes.
      probes: (_kit, tenant) => [
        post('/api/check-user-password', {}, () => ({
          owner: tenant!.organization,
          name: tenant!.user,
          password: 'user-password-1',
        })),
      ],
      expected: rule('POST /api/check-user-password', ownX),
    },
    'POST /api/add-user-keys': {
      probes: (_kit, tenant) => [
        post('/api/add-user-keys', { id: userId(tenant!) }, () => ({
          owner: tenant!.organization,
          name: tenant!.target,
        })),
      ],
      expected: rule('POST /api/add-user-keys'),
    },
    'POST /api/delete-user-keys': {
      probes: (_kit, tenant) => [
        post('/api/delete-user-keys', { id: userId(tenant!) }, () => ({
          owner: tenant!.organization,
          name: tenant!.target,
        })),
      ],
      expected: rule('POST /api/delete-user-keys'),
    },
    'GET /api/get-user-count': {
      probes: (_kit, tenant) => [get('/api/get-user-count', { owner: tenant!.organization })],
      expected: rule('GET /api/get-user-count'),
    },
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
    'GET /api/get-user-application': {
      probes: (_kit, tenant) => [get('/api/get-user-application', { id: userId(tenant!) })],
      expected: rule('GET /api/get-user-application'),
    },
    'GET /api/get-organization-applications': {
      probes: (_kit, tenant) => [
        get('/api/get-organization-applications', { owner: 'admin', organization: tenant!.organization }),
      ],
      expected: rule('GET /api/get-organization-applications', ownX),
    },
    'GET /api/get-sessions': {
      probes: (_kit, tenant) => [get('/api/get-sessions', { owner: tenant!.organization })],
      expected: rule('GET /api/get-sessions'),
    },
    'GET /api/get-session': {
      probes: (_kit, tenant) => [get('/api/get-session', { sessionPkId: pkId(tenant!) })],
      expected: rule('GET /api/get-session'),
    },
    'GET /api/is-session-duplicated': {
      probes: (_kit, tenant) => [
        get('/api/is-session-duplicated', { sessionPkId: pkId(tenant!), sessionId: 'not-a-session' }),
      ],
      // The session group named is X's user's own.
      expected: rule('GET /api/is-session-duplicated', ownX),
    },
    'POST /api/add-session': {
      probes: (_kit, tenant) => [
        post('/api/add-session', {}, () => ({
          owner: tenant!.organization,
          name: tenant!.target,
          application: tenant!.application.name,
          sessionId: [freshName(tenant!.prefix, 'session')],
        })),
      ],
      expected: rule('POST /api/add-session'),
    },
    'POST /api/update-session': {
      probes: (_kit, tenant) => [
        post('/api/update-session', {}, () => ({
          owner: tenant!.organization,
          name: tenant!.target,
          application: tenant!.application.name,
          sessionId: [freshName(tenant!.prefix, 'session')],
        })),
      ],
      expected: rule('POST /api/update-session'),
    },
    'POST /api/delete-session': {
      probes: async (kit, tenant) => {
        await sessionOfTarget(kit, tenant!);
        return [
          post('/api/delete-session', {}, () => ({
            owner: tenant!.organization,
            name: tenant!.target,
            application: tenant!.application.name,
          })),
        ];
      },
      expected: rule('POST /api/delete-session'),
    },
    'GET /api/get-policies': {
      probes: (_kit, tenant) => [
        get('/api/get-policies', { id: `${tenant!.organization}/${tenant!.prefix}-enforcer` }),
      ],
      expected: rule('GET /api/get-policies'),
    },
    ...Object.fromEntries(
      (['add-policy', 'remove-policy', 'update-policy'] as const).map((name) => {
        const key = `POST /api/${name}`;
        return [
          key,
          {
            probes: async (kit: Kit, tenant?: Tenant) => {
              const enforcer = `${tenant!.organization}/${tenant!.prefix}-enforcer`;
              const rule = {
                ptype: 'p',
                v0: `${tenant!.organization}/${tenant!.user}`,
                v1: freshName(tenant!.prefix, 'doc'),
                v2: 'read',
              };
              // Removing and changing need a rule that is there.
              if (name !== 'add-policy') {
                kit.prepared = true;
                const added = await kit.t.request(`/api/add-policy?id=${enforcer}`, {
                  headers: kit.world.root.headers,
                  body: rule,
                });
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
    'GET /api/get-sorted-users': {
      probes: (_kit, tenant) => [
        get('/api/get-sorted-users', { owner: tenant!.organization, sorter: 'created_time', limit: '5' }),
      ],
      expected: rule('GET /api/get-sorted-users'),
    },
    'POST /api/get-filtered-policies': {
      probes: (_kit, tenant) => [
        post('/api/get-filtered-policies', { id: `${tenant!.organization}/${tenant!.prefix}-enforcer` }, () => [
          { ptype: 'p', fieldIndex: 2, fieldValues: ['read'] },
        ]),
      ],
      expected: rule('POST /api/get-filtered-policies'),
      // A question about the policies, sent as a POST: it writes nothing either way.
      write: false,
    },
    // Sent through the provider the tenant's name names: X's (an Email provider without a host, so
    // nothing leaves) answers with its own error; another tenant's provider is not found.
    ...Object.fromEntries(
      ['POST /api/send-email', 'POST /api/send-sms'].map((key) => [
        key,
        {
          probes: (_kit: Kit, tenant?: Tenant) => [
            post(key.split(' ')[1]!, { provider: `${tenant!.prefix}-provider` }, () => ({
              title: 'Hello',
              content: 'Hello',
              sender: 'Latchkey',
              receivers: key.includes('email') ? ['someone@example.com'] : ['+15555550100'],
            })),
          ],
          expected: (caller: CallerName, target: TargetName | undefined): Outcome => {
            if (rule(key)(caller, 'X') === 'refused') return 'refused';
            return target === 'X' ? 'answered' : 'rejected';
          },
        },
      ]),
    ),
    // Anyone: what a sign-up page needs of a code, masked; this code is nobody's.
    'GET /api/get-invitation-info': {
      targetFree: 'answers the masked view of a code the caller brings, for an application the caller names',
      probes: () => [get('/api/get-invitation-info', { applicationId: 'admin/app-built-in', code: 'no-such-code' })],
      expected: answered,
    },
    // The tenant's invitation: X's administrators check it; no one else reaches it.
    'GET /api/verify-invitation': {
      probes: (_kit, tenant) => [
        get('/api/verify-invitation', { id: `${tenant!.organization}/${tenant!.prefix}-invitation` }),
      ],
      expected: rule('GET /api/verify-invitation'),
    },
    // Sent through the Email provider of the invitation's application: X's has none (nothing leaves),
    // which X's administrators are told; no one else reaches the invitation.
    'POST /api/send-invitation': {
      probes: (_kit, tenant) => [
        post('/api/send-invitation', { id: `${tenant!.organization}/${tenant!.prefix}-invitation` }, () => [
          'someone@example.com',
        ]),
      ],
      expected: (caller, target) =>
        rule('POST /api/send-invitation')(caller, target) === 'ok' ? 'answered' : 'refused',
    },
    // The tenant's webhook: X's administrators send it a test event (its delivery is left to the
    // background) and read its deliveries; no one else reaches it.
    'POST /api/test-webhook': {
      probes: (_kit, tenant) => [post('/api/test-webhook', { id: `admin/${tenant!.prefix}-webhook` }, () => ({}))],
      expected: rule('POST /api/test-webhook'),
    },
    'GET /api/get-webhook-deliveries': {
      probes: (_kit, tenant) => [get('/api/get-webhook-deliveries', { id: `admin/${tenant!.prefix}-webhook` })],
      expected: rule('GET /api/get-webhook-deliveries'),
    },
    'GET /api/get-captcha': targetFree(
      "the captcha an application's sign-in page shows: the same for every caller",
      answered,
      '/api/get-captcha',
    ),
    'POST /api/verify-captcha': targetFree(
      'checks an answer the caller brings against a Captcha provider it names',
      answered,
      '/api/verify-captcha',
      'POST',
      form({ applicationId: 'built-in/no-such-captcha', captchaType: 'Default', captchaToken: 'x' }),
    ),
    'POST /api/upload-resource': {
      probes: (_kit, tenant) => [
        post(
          '/api/upload-resource',
          { owner: tenant!.organization, user: tenant!.user, fullFilePath: `${freshName(tenant!.prefix, 'file')}.txt` },
          () => {
            const body = new FormData();
            body.append('file', new Blob(['a file']), 'file.txt');
            return body;
          },
        ),
      ],
      expected: rule('POST /api/upload-resource'),
    },
    // Files are public by URL, as in Casdoor; this one does not exist.
    'GET /files/*': targetFree('files are served to anyone with the URL', answered, '/files/org-x/no-such-file.txt'),
    // A run or a connection test of the tenant's syncer: its database (the loopback address) is refused
    // for X's administrators, after the checks of who they are; the routes' own tests cover the rest.
    'GET /api/run-syncer': {
      write: true,
      probes: (_kit, tenant) => [
        get('/api/run-syncer', { id: `admin/${tenant!.prefix}-syncer`, organization: tenant!.organization }),
      ],
      expected: (caller, target) => (rule('GET /api/run-syncer')(caller, target) === 'ok' ? 'answered' : 'refused'),
    },
    'POST /api/test-syncer-db': {
      probes: (_kit, tenant) => [
        post('/api/test-syncer-db', {}, () => ({
          owner: 'admin',
          name: `${tenant!.prefix}-syncer`,
          organization: tenant!.organization,
          host: '127.0.0.1',
          user: 'reader',
          database: 'people',
          password: '***',
        })),
      ],
      expected: (caller, target) =>
        rule('POST /api/test-syncer-db')(caller, target) === 'ok' ? 'answered' : 'refused',
    },
    // Second factors of the tenant's target user: the user or an administrator of their organization.
    // The set-up routes also serve a pending sign-in (by its cookie), which the matrix's callers hold none of.
    // Unlinking another user's account is for global administrators only (a user unlinks their own).
    'POST /api/unlink': {
      probes: async (kit, tenant) => {
        // A linked account, so that the global administrator's positive control has something to unlink.
        await updateUserFields(kit.t.context.db, tenant!.organization, tenant!.target, { github: 'matrix-github-id' });
        kit.prepared = true;
        return [
          post('/api/unlink', {}, () => ({
            providerType: 'GitHub',
            user: { owner: tenant!.organization, name: tenant!.target },
          })),
        ];
      },
      expected: () => 'refused',
    },
    'POST /api/mfa/setup/initiate': {
      probes: (_kit, tenant) => [
        post('/api/mfa/setup/initiate', {}, () => ({
          owner: tenant!.organization,
          name: tenant!.target,
          mfaType: 'app',
        })),
      ],
      expected: (caller, target) => byAudience('signedIn', caller, target),
    },
    'POST /api/mfa/setup/verify': {
      probes: async (kit, tenant) => {
        const { secret } = await startSetUpAsRoot(kit, tenant!);
        return [
          post('/api/mfa/setup/verify', {}, () => ({
            owner: tenant!.organization,
            name: tenant!.target,
            mfaType: 'app',
            passcode: totpCodeAt(secret, kit.t.clock.now().getTime()),
          })),
        ];
      },
      expected: (caller, target) => byAudience('signedIn', caller, target),
    },
    'POST /api/mfa/setup/enable': {
      probes: async (kit, tenant) => {
        const { secret } = await startSetUpAsRoot(kit, tenant!);
        await rootCall(kit, '/api/mfa/setup/verify', {
          owner: tenant!.organization,
          name: tenant!.target,
          mfaType: 'app',
          passcode: totpCodeAt(secret, kit.t.clock.now().getTime()),
        });
        return [
          post('/api/mfa/setup/enable', {}, () => ({
            owner: tenant!.organization,
            name: tenant!.target,
            mfaType: 'app',
          })),
        ];
      },
      expected: (caller, target) => byAudience('signedIn', caller, target),
    },
    'POST /api/set-preferred-mfa': {
      probes: async (kit, tenant) => {
        const { secret } = await startSetUpAsRoot(kit, tenant!);
        await rootCall(kit, '/api/mfa/setup/verify', {
          owner: tenant!.organization,
          name: tenant!.target,
          mfaType: 'app',
          passcode: totpCodeAt(secret, kit.t.clock.now().getTime()),
        });
        await rootCall(kit, '/api/mfa/setup/enable', {
          owner: tenant!.organization,
          name: tenant!.target,
          mfaType: 'app',
        });
        return [
          post('/api/set-preferred-mfa', {}, () => ({
            owner: tenant!.organization,
            name: tenant!.target,
            mfaType: 'app',
          })),
        ];
      },
      expected: rule('POST /api/set-preferred-mfa'),
    },
    'POST /api/delete-mfa': {
      probes: (_kit, tenant) => [
        post('/api/delete-mfa', {}, () => ({ owner: tenant!.organization, name: tenant!.target })),
      ],
      expected: rule('POST /api/delete-mfa'),
    },
    // The caller's own recovery codes: users who have a second factor (set up for them here), no application.
    'POST /api/mfa/recovery-codes': {
      targetFree: "acts on the caller's own second factor",
      probes: async (kit, _tenant, caller) => {
        const x = kit.world.tenants.X;
        const holder =
          caller === 'admin of X'
            ? `${x.prefix}-admin`
            : caller === 'user of X' || caller === 'access key of X'
              ? x.user
              : undefined;
        if (holder) await ensureFactorAsRoot(kit, x.organization, holder);
        return [post('/api/mfa/recovery-codes', {}, () => ({}))];
      },
      expected: rule('POST /api/mfa/recovery-codes', everyoneOk),
    },
    // Passkeys: adding one is for the signed-in user's own account (or, without a sign-in, for the
    // browser of a pending sign-in that must set up a factor: required-enrolment.test.ts); signing in acts on the request's
    // own answer (passkeys.test.ts covers both); listing, renaming and removing them is for the user
    // and the administrators of their organization (no passkey or challenge exists here, so allowed
    // callers are answered that it does not).
    'GET /api/webauthn/signup/begin': {
      targetFree: "adds a passkey to the caller's own account",
      probes: () => [get('/api/webauthn/signup/begin', {})],
      expected: (caller, target) => byAudience('user', caller, target, everyoneOk),
    },
    'POST /api/webauthn/signup/finish': {
      targetFree: "adds a passkey to the caller's own account",
      probes: () => [post('/api/webauthn/signup/finish', {}, () => ({}))],
      expected: (caller, target) => (byAudience('user', caller, target, everyoneOk) === 'ok' ? 'answered' : 'refused'),
    },
    'GET /api/webauthn/signin/begin': targetFree(OWN_CREDENTIALS, answered, '/api/webauthn/signin/begin'),
    'POST /api/webauthn/signin/finish': targetFree(
      OWN_CREDENTIALS,
      answered,
      '/api/webauthn/signin/finish',
      'POST',
      () => ({}),
    ),
    'GET /api/webauthn/get-credentials': {
      probes: (_kit, tenant) => [
        get('/api/webauthn/get-credentials', { owner: tenant!.organization, name: tenant!.target }),
      ],
      expected: rule('GET /api/webauthn/get-credentials'),
    },
    ...Object.fromEntries(
      ['POST /api/webauthn/rename-credential', 'POST /api/webauthn/delete-credential'].map((key) => [
        key,
        {
          probes: (_kit: Kit, tenant?: Tenant) => [
            post(key.split(' ')[1]!, {}, () => ({
              owner: tenant!.organization,
              name: tenant!.target,
              credentialID: 'no-such-passkey',
              credentialName: 'renamed',
            })),
          ],
          expected: (caller: CallerName, target: TargetName | undefined): Outcome =>
            rule(key)(caller, target) === 'ok' ? 'answered' : 'refused',
        },
      ]),
    ),
    ...commerceSpecialRules(audience),
    ...Object.fromEntries(
      ['GET /api/get-all-objects', 'GET /api/get-all-actions', 'GET /api/get-all-roles'].map((key) => [
        key,
        // The user named is X's user: the user caller's own.
        {
          probes: (_kit: Kit, tenant?: Tenant) => [
            get(key.split(' ')[1]!, { userId: `${tenant!.organization}/${tenant!.user}` }),
          ],
          expected: rule(key, ownX),
        },
      ]),
    ),
  };
}
