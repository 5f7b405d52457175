import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, findUserByLink } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Application } from '@latchkey/types';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization } from '../../test/fixtures.ts';
import { FEDERATION_COOKIE } from './signin-state.ts';
import { type AppleUpstream, startAppleUpstream } from './testing/apple-upstream.ts';

let t: TestApp;
let root: Caller;
let apple: AppleUpstream;

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
const message = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate('en', key, params);

async function begin(provider = 'apple') {
  const response = await t.request(
    `/api/provider-login?${new URLSearchParams({ application: 'app-fruit', provider })}`,
  );
  if (response.status !== 303) throw new Error(`provider-login answered ${response.status}: ${response.text}`);
  const browser = (response.headers.getSetCookie().find((c) => c.startsWith(`${FEDERATION_COOKIE}=`)) ?? '').split(
    ';',
  )[0]!;
  return { location: response.headers.get('location')!, browser };
}

/** Apple's page POSTs the form cross-site: no cookie comes with it (SameSite=Lax), an Origin does. */
async function postForm(form: URLSearchParams) {
  return t.request('/api/callback', {
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: apple.issuer },
  });
}

/** The callback page's POST /api/login with the parameters it was redirected with, and this browser's cookie. */
async function complete(parameters: URLSearchParams, cookie: string, provider = 'apple') {
  const response = await t.request('/api/login', {
    body: { type: 'login', provider, code: parameters.get('code'), state: parameters.get('state') },
    headers: { cookie },
  });
  return { ...(response.json as { status: string; msg: string; data: any }), headers: response.headers };
}

/** The whole round trip: Apple's form POSTed to /api/callback, the 303 followed to the callback page's parameters. */
async function roundTrip(account: string, provider = 'apple') {
  const started = await begin(provider);
  const { redirectUri, form } = apple.approve(started.location, account);
  expect(redirectUri).toBe(`${t.context.config.origin}/api/callback`);
  const posted = await postForm(form);
  expect(posted.status).toBe(303);
  expect(posted.headers.get('set-cookie')).toBeNull();
  const location = new URL(posted.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(`${t.context.config.origin}/callback`);
  return {
    started,
    parameters: location.searchParams,
    answer: await complete(location.searchParams, started.browser, provider),
  };
}

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  root = await globalAdmin(t);
  apple = await startAppleUpstream();
  await addOrganization(t, 'fruit');
  await addApplication(t, 'app-fruit', 'fruit', { enableSignUp: true });
  const provider = {
    owner: 'fruit',
    category: 'OAuth',
    type: 'Apple',
    displayName: 'Apple',
    clientId: apple.servicesId,
    clientSecret: apple.teamId,
    clientId2: apple.keyId,
    clientSecret2: apple.privateKeyPem,
    issuerUrl: apple.issuer,
  };
  expect((await call(t, root, '/api/add-provider', { ...provider, name: 'apple' })).status).toBe('ok');
  expect(
    (
      await call(t, root, '/api/add-provider', {
        ...provider,
        name: 'apple-bad-key',
        clientSecret2: apple.unknownKeyPem,
      })
    ).status,
  ).toBe('ok');
  const stored = await call(t, root, '/api/get-application?id=admin/app-fruit');
  const providers = [item('apple'), item('apple-bad-key')] as Application['providers'];
  expect(
    (await call(t, root, '/api/update-application?id=admin/app-fruit', { ...stored.data, providers })).status,
  ).toBe('ok');
});

afterAll(async () => {
  apple?.close();
  await t?.dispose();
});

describe('Sign in with Apple', () => {
  test('asks for form_post at /api/callback; the posted answer signs a new person up, then in', async () => {
    apple.accounts.set('ada', { sub: '001234.ada.0042', email: 'ada@privaterelay.example', emailVerified: true });
    const started = await begin();
    const url = new URL(started.location);
    expect(url.searchParams.get('response_mode')).toBe('form_post');
    expect(url.searchParams.get('scope')).toBe('openid name email');
    expect(url.searchParams.get('nonce')).toBeTruthy();

    const { answer } = await roundTrip('ada');
    expect(answer.msg).toBe('');
    expect(answer.status).toBe('ok');
    const [owner, name] = String(answer.data).split('/');
    expect(owner).toBe('fruit');
    const ada = (await findUser(t.context.db, 'fruit', name!))!;
    expect(ada.apple).toBe('001234.ada.0042');
    // Apple's "true" (a string) is its word that the address is verified.
    expect(ada.email).toBe('ada@privaterelay.example');
    expect(ada.emailVerified).toBe(true);
    expect(ada.properties.oauth_Apple_id).toBe('001234.ada.0042');

    const again = await roundTrip('ada');
    expect(again.answer.data).toBe(answer.data);
  });

  test('an address Apple does not call verified is not taken', async () => {
    apple.accounts.set('bea', { sub: '001234.bea.0043', email: 'bea@example.com', emailVerified: false });
    const { answer } = await roundTrip('bea');
    expect(answer.status).toBe('ok');
    const bea = (await findUserByLink(t.context.db, 'fruit', 'apple', '001234.bea.0043'))!;
    expect(bea.email).toBe('');
  });

  test('the POST reflects only the answer’s parameters; the state is still checked for the browser that began it', async () => {
    apple.accounts.set('cyd', { sub: '001234.cyd.0044' });
    const started = await begin();
    const { form } = apple.approve(started.location, 'cyd');
    // A forged state posted to the callback goes no further than the callback page's check.
    const forged = new URLSearchParams(form);
    forged.set('state', 'forged-state');
    forged.set('next', 'https://evil.example/');
    const posted = await postForm(forged);
    expect(posted.status).toBe(303);
    const location = new URL(posted.headers.get('location')!);
    expect(location.origin).toBe(t.context.config.origin);
    expect(location.searchParams.get('next')).toBeNull();
    expect(location.searchParams.get('user')).toBeNull();
    expect((await complete(location.searchParams, started.browser)).msg).toBe(message('federation.state_invalid'));
    // The real state, from another browser (an attacker who posts the victim's answer to their own session): refused.
    const real = new URL((await postForm(form)).headers.get('location')!).searchParams;
    const otherBrowser = `${FEDERATION_COOKIE}=${'B'.repeat(43)}`;
    expect((await complete(real, otherBrowser)).msg).toBe(message('federation.state_invalid'));
    // Its own browser completes it, once.
    expect((await complete(real, started.browser)).status).toBe('ok');
    expect((await complete(real, started.browser)).msg).toBe(message('federation.state_invalid'));
  });

  test('an ID token not signed by a key of Apple’s key set signs nobody in', async () => {
    apple.accounts.set('dee', { sub: '001234.dee.0045', email: 'dee@example.com', emailVerified: true });
    apple.forgeIdTokens(true);
    try {
      const { answer } = await roundTrip('dee');
      expect(answer.status).toBe('error');
      expect(answer.msg).toBe(message('federation.provider_answer_invalid', { provider: 'Apple' }));
      expect(answer.headers.getSetCookie().some((c) => c.startsWith('casdoor_session_id='))).toBe(false);
    } finally {
      apple.forgeIdTokens(false);
    }
    expect(await findUserByLink(t.context.db, 'fruit', 'apple', '001234.dee.0045')).toBeUndefined();
  });

  test('a client secret signed with a key Apple does not know is refused by Apple', async () => {
    apple.accounts.set('eve', { sub: '001234.eve.0046' });
    const refusals = apple.refusals.length;
    const { answer } = await roundTrip('eve', 'apple-bad-key');
    expect(answer.status).toBe('error');
    expect(answer.msg).toBe(message('federation.provider_refused', { provider: 'Apple' }));
    expect(apple.refusals.length).toBe(refusals + 1);
    expect(t.logs.lines.some((line) => line.includes('BEGIN PRIVATE KEY'))).toBe(false);
  });

  test('Apple’s tokens are kept as Casdoor keeps them, sealed; only the user and administrators see them', async () => {
    apple.accounts.set('fay', { sub: '001234.fay.0047' });
    const { answer } = await roundTrip('fay');
    expect(answer.status).toBe('ok');
    const session = answer.headers
      .getSetCookie()
      .find((c) => c.startsWith('casdoor_session_id='))!
      .split(';')[0]!;
    const issued = apple.issued.at(-1)!;
    const id = String(answer.data);
    const [, name] = id.split('/');
    // At rest: sealed, in the user's fields and the properties of the type.
    const stored = (await findUser(t.context.db, 'fruit', name!))!;
    for (const value of [
      stored.originalToken,
      stored.originalRefreshToken,
      stored.properties.oauth_Apple_accessToken,
      stored.properties.oauth_Apple_refreshToken,
    ])
      expect(value).toStartWith('enc:v1:');
    expect(JSON.stringify(stored)).not.toContain(issued.accessToken);
    // The user themselves, and a global administrator on get-user: in clear.
    const own = await t.request('/api/get-account', { headers: { cookie: session } });
    expect(own.json.data.originalToken).toBe(issued.accessToken);
    expect(own.json.data.properties.oauth_Apple_refreshToken).toBe(issued.refreshToken);
    const shown = await call(t, root, `/api/get-user?id=${id}`);
    expect(shown.data.originalToken).toBe(issued.accessToken);
    expect(shown.data.originalRefreshToken).toBe(issued.refreshToken);
    // A list never hands them out.
    const listed = await call(t, root, '/api/get-users?owner=fruit');
    const inList = listed.data.find((user: { name: string }) => user.name === name);
    expect(inList.originalToken).toBe('***');
    expect(inList.properties.oauth_Apple_accessToken).toBe('***');
    expect(listed.data.some((user: { originalToken: string }) => user.originalToken.startsWith('a.'))).toBe(false);
    // Sending back what get-user showed changes nothing; "***" keeps the token.
    expect((await call(t, root, `/api/update-user?id=${id}`, { ...listed.data[0], ...inList })).status).toBe('ok');
    expect((await findUser(t.context.db, 'fruit', name!))!.originalToken).toBe(stored.originalToken);
    // Never in the log.
    expect(t.logs.lines.some((line) => line.includes(issued.accessToken) || line.includes(issued.refreshToken))).toBe(
      false,
    );
  });

  test('the key and Team ID are secrets: sealed, and never shown', async () => {
    const shown = await call(t, root, '/api/get-provider?id=fruit/apple');
    expect(shown.data.clientSecret).toBe('***');
    expect(shown.data.clientSecret2).toBe('***');
    expect(shown.data.clientId2).toBe(apple.keyId);
  });
});
