import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, findUserByLink, findUserNamesWith, updateRows, updateUserFields } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Application } from '@latchkey/types';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import { FEDERATION_COOKIE } from './signin-state.ts';
import { type GithubUpstream, startGithubUpstream } from './testing/github-upstream.ts';
import { type OidcUpstream, startOidcUpstream } from './testing/oidc-upstream.ts';

let t: TestApp;
let root: Caller;
let oidc: OidcUpstream;
let github: GithubUpstream;
let application: Application & { plainClientSecret: string };
const RP_REDIRECT = 'https://rp.example.com/cb';

const item = (name: string, rules: Record<string, unknown> = {}) => ({
  owner: '',
  name,
  canSignUp: true,
  canSignIn: true,
  canUnlink: true,
  prompted: false,
  alertType: 'None',
  rule: 'None',
  ...rules,
});

async function addProvider(fields: Record<string, unknown>) {
  const answer = await call(t, root, '/api/add-provider', { category: 'OAuth', ...fields });
  expect(answer.status).toBe('ok');
}

async function setApplication(fields: Partial<Application>) {
  const stored = await call(t, root, '/api/get-application?id=admin/app-acme');
  const answer = await call(t, root, '/api/update-application?id=admin/app-acme', { ...stored.data, ...fields });
  expect(answer.status).toBe('ok');
}

/** GET /api/provider-login: the provider's URL and this browser's cookie. */
async function begin(query: Record<string, string>, cookie?: string) {
  const response = await t.request(`/api/provider-login?${new URLSearchParams(query)}`, {
    headers: cookie ? { cookie } : {},
  });
  if (response.status !== 303) throw new Error(`provider-login answered ${response.status}: ${response.text}`);
  const browser = (response.headers.getSetCookie().find((c) => c.startsWith(`${FEDERATION_COOKIE}=`)) ?? '').split(
    ';',
  )[0]!;
  return { location: response.headers.get('location')!, browser };
}

/** POST /api/login from the callback page, with the provider's parameters. */
async function complete(
  provider: string,
  parameters: URLSearchParams,
  cookie: string,
  extra: Record<string, string> = {},
) {
  const response = await t.request('/api/login', {
    body: { type: 'login', provider, code: parameters.get('code'), state: parameters.get('state'), ...extra },
    headers: { cookie },
  });
  return { ...(response.json as { status: string; msg: string; data: any; data2: any }), headers: response.headers };
}

const message = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate('en', key, params);

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  root = await globalAdmin(t);
  oidc = await startOidcUpstream(`${t.context.config.origin}/callback`);
  github = startGithubUpstream();
  await addOrganization(t, 'acme');
  await addOrganization(t, 'other');
  application = await addApplication(t, 'app-acme', 'acme', { enableSignUp: true, redirectUris: [RP_REDIRECT] });
  await addProvider({
    owner: 'acme',
    name: 'corp-oidc',
    displayName: 'Corp SSO',
    type: 'Custom',
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    issuerUrl: oidc.issuer,
  });
  await addProvider({
    owner: 'acme',
    name: 'gh',
    displayName: 'GitHub',
    type: 'GitHub',
    clientId: github.clientId,
    clientSecret: github.clientSecret,
    customAuthUrl: `${github.base}/login/oauth/authorize`,
    customTokenUrl: `${github.base}/login/oauth/access_token`,
    customUserInfoUrl: `${github.base}/user`,
  });
  await addProvider({
    owner: 'other',
    name: 'gh-other',
    type: 'GitHub',
    clientId: github.clientId,
    clientSecret: github.clientSecret,
  });
  await setApplication({ providers: [item('corp-oidc'), item('gh')] as Application['providers'] });
});

afterAll(async () => {
  await oidc?.close();
  github?.close();
  await t?.dispose();
});

describe('OpenID Connect provider by discovery (Custom)', () => {
  test('signs a new person up, then signs the same person in; the link is in Casdoor’s fields', async () => {
    oidc.accounts.set('sub-carol', {
      email: 'carol@corp.example',
      email_verified: true,
      name: 'Carol',
      preferred_username: 'carol',
    });
    const started = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const url = new URL(started.location);
    expect(url.origin).toBe(oidc.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.context.config.origin}/callback`);
    const back = await oidc.signIn(started.location, 'sub-carol');
    expect(back.get('iss')).toBe(oidc.issuer);
    const answer = await complete('corp-oidc', back, started.browser, { iss: back.get('iss')! });
    expect(answer.msg).toBe('');
    expect(answer.data).toBe('acme/carol');
    expect(answer.headers.getSetCookie().some((c) => c.startsWith('casdoor_session_id='))).toBe(true);
    const carol = (await findUser(t.context.db, 'acme', 'carol'))!;
    expect(carol.custom).toBe('sub-carol');
    expect(carol.email).toBe('carol@corp.example');
    expect(carol.properties.oauth_Custom_id).toBe('sub-carol');
    expect(carol.isAdmin).toBe(false);

    const again = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const secondBack = await oidc.signIn(again.location, 'sub-carol');
    const second = await complete('corp-oidc', secondBack, again.browser, { iss: secondBack.get('iss')! });
    expect(second.data).toBe('acme/carol');
    expect(await findUserNamesWith(t.context.db, 'acme', 'email', 'carol@corp.example', 5)).toEqual(['carol']);
  });

  test('a state is used once, only by the browser that began it; a forged one is refused', async () => {
    oidc.accounts.set('sub-dave', { name: 'Dave' });
    const started = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const back = await oidc.signIn(started.location, 'sub-dave');
    const otherBrowser = `${FEDERATION_COOKIE}=${'A'.repeat(43)}`;
    const stolen = await complete('corp-oidc', back, otherBrowser, { iss: back.get('iss')! });
    expect(stolen.status).toBe('error');
    expect(stolen.msg).toBe(message('federation.state_invalid'));
    // Taken by the other browser's attempt? No: a state only opens for its own browser, so it still works here once.
    const first = await complete('corp-oidc', back, started.browser, { iss: back.get('iss')! });
    expect(first.status).toBe('ok');
    const replayed = await complete('corp-oidc', back, started.browser, { iss: back.get('iss')! });
    expect(replayed.status).toBe('error');
    expect(replayed.msg).toBe(message('federation.state_invalid'));
    const forged = new URLSearchParams({ code: back.get('code')!, state: 'forged-state-value' });
    expect((await complete('corp-oidc', forged, started.browser)).msg).toBe(message('federation.state_invalid'));
  });

  test('an answer naming another issuer (RFC 9207) is refused', async () => {
    oidc.accounts.set('sub-erin', { name: 'Erin' });
    const started = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const back = await oidc.signIn(started.location, 'sub-erin');
    const answer = await complete('corp-oidc', back, started.browser, { iss: 'https://attacker.example' });
    expect(answer.status).toBe('error');
    expect(answer.msg).toBe(message('federation.provider_answer_invalid', { provider: 'Corp SSO' }));
    expect(answer.headers.getSetCookie().some((c) => c.startsWith('casdoor_session_id='))).toBe(false);
    // The provider advertises the parameter, so an answer without it is refused as well.
    const missing = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const missingBack = await oidc.signIn(missing.location, 'sub-erin');
    expect((await complete('corp-oidc', missingBack, missing.browser)).status).toBe('error');
    expect(await findUserByLink(t.context.db, 'acme', 'custom', 'sub-erin')).toBeUndefined();
  });

  test('an ID token signed by a key the provider does not publish is refused', async () => {
    oidc.accounts.set('sub-frank', { name: 'Frank' });
    const started = await begin({ application: 'app-acme', provider: 'corp-oidc' });
    const back = await oidc.signIn(started.location, 'sub-frank');
    oidc.swapKeySet(true);
    try {
      const answer = await complete('corp-oidc', back, started.browser, { iss: back.get('iss')! });
      expect(answer.status).toBe('error');
      expect(answer.msg).toBe(message('federation.provider_answer_invalid', { provider: 'Corp SSO' }));
    } finally {
      oidc.swapKeySet(false);
    }
    expect(await findUserByLink(t.context.db, 'acme', 'custom', 'sub-frank')).toBeUndefined();
  });
});

describe('GitHub', () => {
  test('an unverified e-mail never links to the user who has it; a verified one does where the application allows', async () => {
    await setApplication({ enableLinkWithEmail: true });
    await addUser(t, 'acme', 'alice', 'alice-password', { email: 'alice@acme.example' });
    github.accounts.set('mallory', {
      id: 1001,
      login: 'mallory',
      emails: [{ email: 'alice@acme.example', primary: true, verified: false }],
    });
    const started = await begin({ application: 'app-acme', provider: 'gh' });
    const answer = await complete('gh', github.approve(started.location, 'mallory'), started.browser);
    expect(answer.status).toBe('ok');
    expect(answer.data).toBe('acme/mallory');
    expect((await findUser(t.context.db, 'acme', 'alice'))!.github).toBe('');
    const mallory = (await findUser(t.context.db, 'acme', 'mallory'))!;
    expect(mallory.github).toBe('1001');
    expect(mallory.email).toBe('');

    github.accounts.set('alice-gh', {
      id: 1002,
      login: 'alice-gh',
      emails: [{ email: 'alice@acme.example', primary: true, verified: true }],
    });
    const verified = await begin({ application: 'app-acme', provider: 'gh' });
    const linked = await complete('gh', github.approve(verified.location, 'alice-gh'), verified.browser);
    expect(linked.data).toBe('acme/alice');
    expect((await findUser(t.context.db, 'acme', 'alice'))!.github).toBe('1002');
    await setApplication({ enableLinkWithEmail: false });
  });

  test('nobody new signs up where the application’s item does not allow it', async () => {
    await setApplication({
      providers: [item('corp-oidc'), item('gh', { canSignUp: false })] as Application['providers'],
    });
    try {
      github.accounts.set('newcomer', { id: 1003, login: 'newcomer', emails: [] });
      const started = await begin({ application: 'app-acme', provider: 'gh' });
      const answer = await complete('gh', github.approve(started.location, 'newcomer'), started.browser);
      expect(answer.status).toBe('error');
      expect(answer.msg).toBe(message('federation.signup_not_allowed', { provider: 'GitHub' }));
      expect(await findUserByLink(t.context.db, 'acme', 'github', '1003')).toBeUndefined();
      // A linked user still signs in.
      const known = await begin({ application: 'app-acme', provider: 'gh' });
      expect((await complete('gh', github.approve(known.location, 'mallory'), known.browser)).data).toBe(
        'acme/mallory',
      );
    } finally {
      await setApplication({ providers: [item('corp-oidc'), item('gh')] as Application['providers'] });
    }
  });

  test('a provider of another organization cannot be offered', async () => {
    const withOther = [item('corp-oidc'), item('gh'), item('gh-other', { owner: 'other' })];
    // The application's references are checked on write …
    const stored = await call(t, root, '/api/get-application?id=admin/app-acme');
    const written = await call(t, root, '/api/update-application?id=admin/app-acme', {
      ...stored.data,
      providers: withOther,
    });
    expect(written.status).toBe('error');
    // … and, should a row name one anyway (an old row, an import), it is never used.
    await updateRows(
      t.context.db,
      'application',
      { owner: 'admin', name: 'app-acme' },
      {
        providers: JSON.stringify(withOther),
      },
    );
    try {
      const response = await t.request('/api/provider-login?application=app-acme&provider=gh-other');
      expect(response.json.status).toBe('error');
      expect(response.json.msg).toBe(message('federation.provider_not_enabled', { provider: 'gh-other' }));
      const listed = await call(t, undefined, '/api/get-login-providers?application=app-acme');
      expect(listed.data.map((entry: { name: string }) => entry.name)).toEqual(['corp-oidc', 'gh']);
      // The item's prompted and rule, as written (the console asks for prompted accounts on the account page).
      expect(listed.data[0]).toMatchObject({ prompted: false, rule: 'None', canSignIn: true });
    } finally {
      await setApplication({ providers: [item('corp-oidc'), item('gh')] as Application['providers'] });
    }
  });

  test('the provider’s refusal is told in the person’s language, its answer and the secret only in the log', async () => {
    const started = await begin({ application: 'app-acme', provider: 'gh' });
    const back = github.approve(started.location, 'mallory');
    back.set('code', 'not-a-code-github-issued');
    const response = await t.request('/api/login', {
      body: { type: 'login', provider: 'gh', code: back.get('code'), state: back.get('state') },
      headers: { cookie: started.browser, 'accept-language': 'de' },
    });
    expect(response.json.status).toBe('error');
    expect(response.json.msg).toBe(translate('de', 'federation.provider_refused', { provider: 'GitHub' }));
    expect(response.text).not.toContain('bad_verification_code');
    expect(t.logs.lines.some((line) => line.includes('sign-in at a provider failed'))).toBe(true);
    expect(t.logs.lines.some((line) => line.includes(github.clientSecret))).toBe(false);
    const shown = await call(t, root, '/api/get-provider?id=acme/gh');
    expect(shown.data.clientSecret).toBe('***');
  });

  test('a signed-in user links and unlinks their account (method link, /api/unlink)', async () => {
    await addUser(t, 'acme', 'bob', 'bob-password');
    const session = await signIn(t, 'acme', 'bob', 'bob-password', 'app-acme');
    github.accounts.set('bob-gh', { id: 1004, login: 'bob-gh', emails: [] });
    const started = await begin({ provider: 'gh', method: 'link' }, session);
    const cookies = `${session}; ${started.browser}`;
    const answer = await complete('gh', github.approve(started.location, 'bob-gh'), cookies, { method: 'link' });
    expect(answer.data).toBe(true);
    const bob = (await findUser(t.context.db, 'acme', 'bob'))!;
    expect(bob.github).toBe('1004');
    expect(bob.properties.oauth_GitHub_username).toBe('bob-gh');
    expect(bob.properties.oauth_GitHub_accessToken).toStartWith('enc:v1:');
    expect(bob.originalToken).toStartWith('enc:v1:');

    // Another user cannot take the same account.
    await addUser(t, 'acme', 'carl', 'carl-password');
    const carlSession = await signIn(t, 'acme', 'carl', 'carl-password', 'app-acme');
    const carlStart = await begin({ provider: 'gh', method: 'link' }, carlSession);
    const taken = await complete(
      'gh',
      github.approve(carlStart.location, 'bob-gh'),
      `${carlSession}; ${carlStart.browser}`,
      {
        method: 'link',
      },
    );
    expect(taken.msg).toBe(message('federation.account_linked_elsewhere', { type: 'GitHub' }));

    await setApplication({
      providers: [item('corp-oidc'), item('gh', { canUnlink: false })] as Application['providers'],
    });
    const refused = await t.request('/api/unlink', { body: { providerType: 'GitHub' }, headers: { cookie: session } });
    expect(refused.json.msg).toBe(message('federation.unlink_not_allowed', { type: 'GitHub' }));
    await setApplication({ providers: [item('corp-oidc'), item('gh')] as Application['providers'] });
    const unlinked = await t.request('/api/unlink', { body: { providerType: 'GitHub' }, headers: { cookie: session } });
    expect(unlinked.json.status).toBe('ok');
    const after = (await findUser(t.context.db, 'acme', 'bob'))!;
    expect(after.github).toBe('');
    expect(after.properties.oauth_GitHub_username).toBeUndefined();
    // The account's tokens go with it.
    expect(after.properties.oauth_GitHub_accessToken).toBeUndefined();
    expect(after.originalToken).toBe('');
  });

  test('inside a relying party’s authorization request, the relying party gets its code after the provider', async () => {
    const started = await begin({
      provider: 'gh',
      client_id: application.clientId,
      redirect_uri: RP_REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      state: 'rp-state',
    });
    const answer = await complete('gh', github.approve(started.location, 'mallory'), started.browser);
    expect(answer.msg).toBe('');
    const redirect = new URL(answer.data2.redirectUrl);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(RP_REDIRECT);
    expect(redirect.searchParams.get('code')).toBe(answer.data);
    expect(redirect.searchParams.get('state')).toBe('rp-state');
    expect(redirect.searchParams.get('iss')).toBe(t.context.config.origin);
    const token = await t.request('/api/login/oauth/access_token', {
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: answer.data,
        client_id: application.clientId,
        client_secret: application.plainClientSecret,
        redirect_uri: RP_REDIRECT,
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(token.json.access_token).toBeTruthy();
    const claims = JSON.parse(Buffer.from(token.json.id_token.split('.')[1], 'base64url').toString());
    expect(claims.name).toBe('mallory');
  });

  test('nobody becomes a user of built-in (a global administrator) through a provider', async () => {
    await call(t, root, '/api/add-provider', {
      owner: 'admin',
      name: 'gh-global',
      category: 'OAuth',
      type: 'GitHub',
      displayName: 'GitHub',
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      customAuthUrl: `${github.base}/login/oauth/authorize`,
      customTokenUrl: `${github.base}/login/oauth/access_token`,
      customUserInfoUrl: `${github.base}/user`,
    });
    const portal = await call(t, root, '/api/get-application?id=admin/app-built-in');
    const updated = await call(t, root, '/api/update-application?id=admin/app-built-in', {
      ...portal.data,
      enableSignUp: true,
      enableLinkWithEmail: true,
      providers: [item('gh-global', { owner: 'admin' })],
    });
    expect(updated.status).toBe('ok');
    await updateUserFields(t.context.db, 'built-in', 'admin', { email: 'root@example.com' });
    github.accounts.set('intruder', {
      id: 1005,
      login: 'intruder',
      emails: [{ email: 'root@example.com', primary: true, verified: true }],
    });
    const started = await begin({ provider: 'gh-global' });
    const answer = await complete('gh-global', github.approve(started.location, 'intruder'), started.browser);
    expect(answer.msg).toBe(message('federation.signup_not_allowed', { provider: 'GitHub' }));
    expect(await findUserByLink(t.context.db, 'built-in', 'github', '1005')).toBeUndefined();
    expect(await findUser(t.context.db, 'built-in', 'intruder')).toBeUndefined();
  });

  test('one account links to one user of an organization: the write is refused with a clear error, the index holds', async () => {
    // mallory holds GitHub account 1001 (linked at sign-up above).
    await addUser(t, 'acme', 'dora', 'dora-password');
    const stored = await call(t, root, '/api/get-user?id=acme/dora');
    const taken = await call(t, root, '/api/update-user?id=acme/dora', { ...stored.data, github: '1001' });
    expect(taken.status).toBe('error');
    expect(taken.msg).toBe(message('federation.account_linked_elsewhere', { type: 'GitHub' }));
    expect((await findUser(t.context.db, 'acme', 'dora'))!.github).toBe('');
    const added = await call(t, root, '/api/add-user', { owner: 'acme', name: 'dora-two', github: '1001' });
    expect(added.msg).toBe(message('federation.account_linked_elsewhere', { type: 'GitHub' }));
    // Below the API, the unique index refuses it as well.
    await expect(updateUserFields(t.context.db, 'acme', 'dora', { github: '1001' })).rejects.toThrow();
    // Another organization's user may hold the same account.
    await addUser(t, 'other', 'mallory-too', 'mallory-password');
    await updateUserFields(t.context.db, 'other', 'mallory-too', { github: '1001' });
    expect((await findUserByLink(t.context.db, 'other', 'github', '1001'))?.name).toBe('mallory-too');
  });

  test('a forbidden user is refused after the provider', async () => {
    await updateUserFields(t.context.db, 'acme', 'mallory', { isForbidden: true });
    try {
      const started = await begin({ application: 'app-acme', provider: 'gh' });
      const answer = await complete('gh', github.approve(started.location, 'mallory'), started.browser);
      expect(answer.msg).toBe(message('auth.user_forbidden'));
    } finally {
      await updateUserFields(t.context.db, 'acme', 'mallory', { isForbidden: false });
    }
  });
});
