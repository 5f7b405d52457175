import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { decodeJwt } from 'jose';
import { ACR_MFA } from '../../core/identity/second-factors.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import { codeStep, passwordStep, pendingCookie, sessionCookie } from '../mfa/testing/mfa.ts';
import {
  authorizeQuery,
  hiddenInputs,
  pkcePair,
  postPasswordForm,
  REDIRECT_URI,
  tokenRequest,
} from '../oauth/testing/flows.ts';
import { SoftwareAuthenticator } from './testing/authenticator.ts';

/**
 * A passkey as the second factor an organization (`mfaItems` rule Required) or an application
 * (`requireMfa`) requires: a user without a factor may set up a passkey within the sign-in that
 * answered RequiredMfa (by its cookie), in place of an authenticator app; a user with a passkey has
 * a second factor, so the sign-in answers NextMfa and offers it.
 */
const ORIGIN = 'https://login.example.com';
const RP_ID = 'login.example.com';
const password = 'correct-horse-1';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { origin: ORIGIN } });
  await addOrganization(t, 'strict', { mfaItems: [{ name: 'app', rule: 'Required' }] });
  await addApplication(t, 'strict-app', 'strict', { redirectUris: [REDIRECT_URI] });
  await addOrganization(t, 'relaxed');
  await addApplication(t, 'guarded', 'relaxed', { requireMfa: true });
  await addApplication(t, 'keys-app', 'relaxed', { enableWebAuthn: true, redirectUris: [REDIRECT_URI] });
  await addApplication(t, 'plain-app', 'relaxed', { redirectUris: [REDIRECT_URI] });
});
afterAll(() => t.dispose());

type Json = Record<string, any>;

/** Adds a passkey within the pending sign-in of `cookie`; answers the authenticator and the finish answer. */
async function enrolPasskey(cookie: string) {
  const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
  const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
  expect(begun.json.publicKey).toBeDefined();
  const finished = await t.request('/api/webauthn/signup/finish?name=Phone', {
    headers: { cookie },
    body: authenticator.register(begun.json.publicKey),
  });
  return { authenticator, finished: finished.json as Json };
}

describe('setting up a passkey as the required second factor', () => {
  test("an organization's rule: the passkey is set up within the sign-in, which then completes without a code", async () => {
    await addUser(t, 'strict', 'nina', password);
    const first = await passwordStep(t, {
      organization: 'strict',
      username: 'nina',
      password,
      application: 'strict-app',
    });
    expect(first.json).toMatchObject({ status: 'ok', data: 'RequiredMfa' });
    const cookie = pendingCookie(first);

    const { authenticator, finished } = await enrolPasskey(cookie);
    expect(finished).toMatchObject({ status: 'ok', data: [{ id: authenticator.id, name: 'Phone' }] });
    // The set-up cannot be repeated within the same sign-in: it has passed its factor.
    expect((await t.request('/api/webauthn/signup/begin', { headers: { cookie } })).json.status).toBe('error');

    const done = await codeStep(t, cookie, { mfaType: '', application: 'strict-app' });
    expect(done.json).toMatchObject({ status: 'ok', data: 'strict/nina' });
    const session = sessionCookie(done)!;
    const account = await t.request('/api/get-account', { headers: { cookie: session } });
    expect(account.json.data.webauthnCredentials).toHaveLength(1);

    // The next sign-in asks for the passkey (NextMfa offers it), and the passkey answers it.
    const next = await passwordStep(t, {
      organization: 'strict',
      username: 'nina',
      password,
      application: 'strict-app',
    });
    expect(next.json).toMatchObject({ status: 'ok', data: 'NextMfa' });
    expect((next.json.data2 as Json[]).map((props) => props.mfaType)).toEqual(['webauthn']);
    const pending = pendingCookie(next);
    const options = await t.request('/api/webauthn/signin/begin?purpose=mfa', { headers: { cookie: pending } });
    const second = await codeStep(t, pending, {
      mfaType: 'webauthn',
      passcode: JSON.stringify(authenticator.assert(options.json.publicKey)),
      application: 'strict-app',
    });
    expect(second.json).toMatchObject({ status: 'ok', data: 'strict/nina' });
  });

  test("an application's requireMfa: the same, for a user of an organization without a rule", async () => {
    await addUser(t, 'relaxed', 'omar', password);
    const first = await passwordStep(t, {
      organization: 'relaxed',
      username: 'omar',
      password,
      application: 'guarded',
    });
    expect(first.json).toMatchObject({ status: 'ok', data: 'RequiredMfa' });
    const cookie = pendingCookie(first);
    expect((await enrolPasskey(cookie)).finished.status).toBe('ok');
    const done = await codeStep(t, cookie, { mfaType: '', application: 'guarded' });
    expect(done.json).toMatchObject({ status: 'ok', data: 'relaxed/omar' });
  });

  test('only within a sign-in waiting for a set-up: not without its cookie, nor for a user who has a factor', async () => {
    expect((await t.request('/api/webauthn/signup/begin')).json.status).toBe('error');
    // A sign-in that asks for a factor the user has is no set-up.
    await addUser(t, 'strict', 'pia', password);
    const first = await passwordStep(t, {
      organization: 'strict',
      username: 'pia',
      password,
      application: 'strict-app',
    });
    const { authenticator } = await enrolPasskey(pendingCookie(first));
    const verify = await passwordStep(t, {
      organization: 'strict',
      username: 'pia',
      password,
      application: 'strict-app',
    });
    expect(verify.json.data).toBe('NextMfa');
    const pending = pendingCookie(verify);
    expect((await t.request('/api/webauthn/signup/begin', { headers: { cookie: pending } })).json.status).toBe('error');
    const another = new SoftwareAuthenticator(RP_ID, ORIGIN);
    const refused = await t.request('/api/webauthn/signup/finish', {
      headers: { cookie: pending },
      body: another.register({ challenge: 'bm90LWlzc3VlZC1oZXJl' }),
    });
    expect(refused.json.status).toBe('error');
    const stored = await storedRows(t.context.db, 'webauthn_credential', {});
    expect(stored.filter((row) => row.id === another.id)).toHaveLength(0);
    expect(stored.filter((row) => row.id === authenticator.id)).toHaveLength(1);
  });

  test('a challenge of a signed-in set-up does not count for a pending sign-in, nor the other way round', async () => {
    await addUser(t, 'strict', 'quinn', password);
    const first = await passwordStep(t, {
      organization: 'strict',
      username: 'quinn',
      password,
      application: 'strict-app',
    });
    const cookie = pendingCookie(first);
    const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
    // Another pending sign-in of the same user (a second tab) cannot finish with this one's challenge.
    const other = pendingCookie(
      await passwordStep(t, { organization: 'strict', username: 'quinn', password, application: 'strict-app' }),
    );
    const refused = await t.request('/api/webauthn/signup/finish', {
      headers: { cookie: other },
      body: new SoftwareAuthenticator(RP_ID, ORIGIN).register(begun.json.publicKey),
    });
    expect(refused.json).toMatchObject({ status: 'error', msg: expect.stringContaining('expired') });
  });
});

describe('the authorization page', () => {
  test('the enrolment step offers a passkey; once added, the form completes the sign-in with the code', async () => {
    await addUser(t, 'strict', 'rosa', password);
    const client = (await storedRows(t.context.db, 'application', { name: 'strict-app' }))[0]!;
    const pkce = pkcePair();
    const query = authorizeQuery({ clientId: String(client.clientId), scope: 'openid', codeChallenge: pkce.challenge });
    const { response: step, cookie: cookies } = await postPasswordForm(t, query, { username: 'rosa', password });
    expect(step.text).toContain('data-passkey-enrolment data-name');
    const pending = pendingCookie(step);
    expect((await enrolPasskey(pending)).finished.status).toBe('ok');
    const done = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: new URLSearchParams(Object.fromEntries(hiddenInputs(step.text))),
      headers: { cookie: `${cookies}; ${pending}` },
    });
    expect(done.status).toBe(303);
    const code = new URL(done.headers.get('location')!).searchParams.get('code');
    const exchanged = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
      client_id: String(client.clientId),
    });
    expect(decodeJwt(exchanged.json.id_token)).toMatchObject({ amr: ['pwd', 'hwk', 'mfa'], acr: ACR_MFA });
  });
});

/** The authorization page of an application, with its CSRF cookie. */
async function authorizePage(application: string) {
  const client = (await storedRows(t.context.db, 'application', { name: application }))[0]!;
  const pkce = pkcePair();
  const query = authorizeQuery({ clientId: String(client.clientId), scope: 'openid', codeChallenge: pkce.challenge });
  const page = await t.request(`/login/oauth/authorize?${query}`);
  const csrf = /latchkey_authorize_csrf=([^;]*)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  return { page, cookie: `latchkey_authorize_csrf=${csrf}`, pkce, clientId: String(client.clientId) };
}

describe('signing in with a passkey alone on the authorization page', () => {
  test('the page offers the passkey (autofill too) when the application allows it; its answer signs in with the code', async () => {
    await addUser(t, 'relaxed', 'sam', password);
    const session = await signIn(t, 'relaxed', 'sam', password);
    const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
    const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie: session } });
    await t.request('/api/webauthn/signup/finish', {
      headers: { cookie: session },
      body: authenticator.register(begun.json.publicKey),
    });

    const { page, cookie, pkce, clientId } = await authorizePage('keys-app');
    expect(page.text).toContain('autocomplete="username webauthn"');
    expect(page.text).toContain('data-passkey-signin data-failed');
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'sha256-");
    expect(policy).toContain("connect-src 'self'");

    const options = await t.request('/api/webauthn/signin/begin');
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text)));
    form.set('action', 'passkey');
    form.set('passkey', JSON.stringify(authenticator.assert(options.json.publicKey)));
    const done = await t.request('/login/oauth/authorize', { method: 'POST', body: form, headers: { cookie } });
    expect(done.status).toBe(303);
    const code = new URL(done.headers.get('location')!).searchParams.get('code');
    const exchanged = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
      client_id: clientId,
    });
    expect(decodeJwt(exchanged.json.id_token)).toMatchObject({ sub: expect.any(String), amr: ['hwk', 'mfa'] });

    // The same challenge is used up: a replayed answer is refused on the page.
    const replayed = await t.request('/login/oauth/authorize', { method: 'POST', body: form, headers: { cookie } });
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('role="alert"');
  });

  test('an application that does not allow it: no passkey on the page, and a passkey answer is refused', async () => {
    const { page, cookie } = await authorizePage('plain-app');
    expect(page.text).toContain('autocomplete="username"');
    expect(page.text).not.toContain('data-passkey-signin data-failed');
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text)));
    form.set('action', 'passkey');
    form.set('passkey', '{}');
    const refused = await t.request('/login/oauth/authorize', { method: 'POST', body: form, headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Signing in with a passkey is not enabled for this application.');
  });
});
