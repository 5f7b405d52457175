import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUserByLink } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Application, Provider } from '@latchkey/types';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization } from '../../test/fixtures.ts';
import { providerTypes } from './provider-types.ts';
import { FEDERATION_COOKIE } from './signin-state.ts';
import { type MicrosoftAccount, type MicrosoftUpstream, startMicrosoftUpstream } from './testing/microsoft-upstream.ts';

let t: TestApp;
let root: Caller;
let microsoft: MicrosoftUpstream;
const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

const item = (name: string) => ({
  owner: '',
  name,
  canSignUp: true,
  canSignIn: true,
  canUnlink: true,
  prompted: false,
  alertType: 'None',
  rule: 'None',
});
const invalid = translate('en', 'federation.provider_answer_invalid', { provider: 'Microsoft' });

/** The whole sign-in at one provider as `account`: begin, approve at the test server, complete. */
async function signInAt(provider: string, account: string) {
  const begun = await t.request(`/api/provider-login?${new URLSearchParams({ application: 'app-ms', provider })}`);
  if (begun.status !== 303) throw new Error(`provider-login answered ${begun.status}: ${begun.text}`);
  const browser = (begun.headers.getSetCookie().find((c) => c.startsWith(`${FEDERATION_COOKIE}=`)) ?? '').split(
    ';',
  )[0]!;
  const back = microsoft.approve(begun.headers.get('location')!, account);
  const response = await t.request('/api/login', {
    body: { type: 'login', provider, code: back.get('code'), state: back.get('state') },
    headers: { cookie: browser },
  });
  return response.json as { status: string; msg: string; data: string };
}

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  root = await globalAdmin(t);
  microsoft = await startMicrosoftUpstream();
  await addOrganization(t, 'ms');
  await addApplication(t, 'app-ms', 'ms', { enableSignUp: true });
  const authorities = {
    'ms-common': 'common',
    'ms-orgs': 'organizations',
    'ms-a': TENANT_A,
    'ms-domain': microsoft.domain,
  };
  for (const [name, tenant] of Object.entries(authorities)) {
    const answer = await call(t, root, '/api/add-provider', {
      owner: 'ms',
      name,
      category: 'OAuth',
      type: 'AzureAD',
      displayName: 'Microsoft',
      clientId: microsoft.clientId,
      clientSecret: microsoft.clientSecret,
      domain: tenant,
      issuerUrl: `${microsoft.base}/${tenant}/v2.0`,
    });
    expect(answer.status).toBe('ok');
  }
  const stored = await call(t, root, '/api/get-application?id=admin/app-ms');
  const providers = Object.keys(authorities).map(item) as Application['providers'];
  expect((await call(t, root, '/api/update-application?id=admin/app-ms', { ...stored.data, providers })).status).toBe(
    'ok',
  );
  microsoft.accounts.set('ann', { sub: 'sub-ann', tenant: TENANT_A, name: 'Ann' });
  microsoft.accounts.set('ben', { sub: 'sub-ben', tenant: TENANT_B, name: 'Ben' });
});

afterAll(async () => {
  microsoft?.close();
  await t?.dispose();
});

describe('Microsoft Entra ID tenants', () => {
  test('without a tenant, the authority is common, as in Casdoor', () => {
    const type = providerTypes.AzureAD!;
    const protocol = type.protocol({ domain: '', issuerUrl: '' } as Provider);
    expect(protocol.kind === 'oidc' && protocol.issuer({ domain: '', issuerUrl: '' } as Provider)).toBe(
      'https://login.microsoftonline.com/common/v2.0',
    );
  });

  test('common and organizations: people of any tenant sign in, each token checked against its own tenant’s issuer', async () => {
    const ann = await signInAt('ms-common', 'ann');
    expect(ann.msg).toBe('');
    expect(ann.status).toBe('ok');
    const ben = await signInAt('ms-orgs', 'ben');
    expect(ben.status).toBe('ok');
    expect((await findUserByLink(t.context.db, 'ms', 'azuread', 'sub-ann'))?.name).toBe(ann.data.split('/')[1]);
    expect((await findUserByLink(t.context.db, 'ms', 'azuread', 'sub-ben'))?.name).toBe(ben.data.split('/')[1]);
  });

  test('a token whose issuer is not its own tenant’s (by the template and its tid) is refused', async () => {
    const cases: [string, Omit<MicrosoftAccount, 'sub'>][] = [
      // The issuer of tenant A with the tid of tenant B.
      ['mixed', { tenant: TENANT_A, tid: TENANT_B }],
      // The template itself, or the authority's name, as the issuer.
      ['template', { tenant: TENANT_A, issuer: `${microsoft.base}/{tenantid}/v2.0` }],
      ['authority', { tenant: TENANT_A, issuer: `${microsoft.base}/common/v2.0` }],
      // Another host's issuer with a real tenant id.
      ['elsewhere', { tenant: TENANT_A, issuer: `https://login.example.net/${TENANT_A}/v2.0` }],
      // A tid that is not a tenant id.
      ['not-a-tenant', { tenant: 'common', tid: 'common' }],
    ];
    for (const [name, shape] of cases) {
      const sub = `sub-forged-${name}`;
      microsoft.accounts.set(name, { sub, ...shape });
      const answer = await signInAt('ms-common', name);
      expect({ name, msg: answer.msg }).toEqual({ name, msg: invalid });
      expect(await findUserByLink(t.context.db, 'ms', 'azuread', sub)).toBeUndefined();
    }
  });

  test('one tenant’s authority takes only that tenant’s people; a domain name resolves to its tenant id', async () => {
    expect((await signInAt('ms-a', 'ann')).status).toBe('ok');
    const other = await signInAt('ms-a', 'ben');
    expect(other.msg).toBe(invalid);
    microsoft.accounts.set('cat', { sub: 'sub-cat', tenant: microsoft.domainTenant, name: 'Cat' });
    expect((await signInAt('ms-domain', 'cat')).status).toBe('ok');
    expect((await signInAt('ms-domain', 'ben')).msg).toBe(invalid);
  });
});
