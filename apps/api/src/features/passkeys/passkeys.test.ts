import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { decodeJwt } from 'jose';
import { ACR_MFA, amrOf } from '../../core/identity/second-factors.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn, signInAsAdmin } from '../../test/fixtures.ts';
import { pendingCookie, sessionCookie } from '../mfa/testing/mfa.ts';
import {
  authorizeQuery,
  hiddenInputs,
  pkcePair,
  postPasswordForm,
  REDIRECT_URI,
  tokenRequest,
} from '../oauth/testing/flows.ts';
import { flushAuditLog } from '../records/audit-log.ts';
import { FLAG_UP, SoftwareAuthenticator } from './testing/authenticator.ts';

/**
 * Passkeys through Casdoor's webauthn routes, answered by a software authenticator with a real
 * P-256 key: registration, sign-in without password, the second step of a password sign-in, and
 * the answers that must be refused (a challenge used twice, another origin or RP ID, a counter
 * that goes back, another user's or another organization's passkey).
 */
const ORIGIN = 'https://login.example.com';
const RP_ID = 'login.example.com';
const password = 'correct-horse-1';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { origin: ORIGIN } });
  await addOrganization(t, 'acme');
  await addOrganization(t, 'other');
  await addApplication(t, 'acme-app', 'acme', { enableWebAuthn: true, redirectUris: [REDIRECT_URI] });
  await addApplication(t, 'acme-plain', 'acme');
  await addApplication(t, 'other-app', 'other', { enableWebAuthn: true });
});
afterAll(() => t.dispose());

type Json = Record<string, any>;

/** A user of an organization, signed in with their password; answers their session cookie. */
async function userSignedIn(owner: string, name: string): Promise<string> {
  await addUser(t, owner, name, password);
  return signIn(t, owner, name, password);
}

/** Registers a new software authenticator for the signed-in user of `cookie`. */
async function register(cookie: string, name = 'Laptop') {
  const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
  const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
  expect(begun.json.publicKey).toBeDefined();
  const finished = await t.request(`/api/webauthn/signup/finish?name=${encodeURIComponent(name)}`, {
    headers: { cookie },
    body: authenticator.register(begun.json.publicKey),
  });
  expect(finished.json).toMatchObject({ status: 'ok' });
  return authenticator;
}

const beginSignin = async (query = '', cookie?: string) =>
  (await t.request(`/api/webauthn/signin/begin${query}`, { headers: cookie ? { cookie } : {} })).json as Json;

const finishSignin = (answer: unknown, query = '?application=acme-app') =>
  t.request(`/api/webauthn/signin/finish${query}`, { body: answer });

describe('adding passkeys', () => {
  test('begin answers creation options for this server; finish stores the passkey, listed without its key', async () => {
    const cookie = await userSignedIn('acme', 'alice');
    const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
    const options = begun.json.publicKey as Json;
    expect(options.rp).toMatchObject({ id: RP_ID });
    expect(options.attestation).toBe('none');
    expect(options.excludeCredentials).toEqual([]);
    expect(options.challenge.length).toBeGreaterThanOrEqual(32);

    const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
    const finished = await t.request('/api/webauthn/signup/finish?name=Work%20laptop', {
      headers: { cookie },
      body: authenticator.register(options as { challenge: string }),
    });
    expect(finished.json.status).toBe('ok');
    expect(finished.json.data).toEqual([
      { id: authenticator.id, name: 'Work laptop', createdTime: expect.any(String), lastUsedTime: '', backedUp: false },
    ]);
    const account = await t.request('/api/get-account', { headers: { cookie } });
    expect(account.json.data.webauthnCredentials).toEqual(finished.json.data);
    expect(JSON.stringify(account.json.data)).not.toContain('publicKey');

    // A second begin excludes the passkey already registered.
    const again = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
    expect(again.json.publicKey.excludeCredentials).toEqual([{ id: authenticator.id, type: 'public-key' }]);
  });

  test('nobody signed in may not add one, and an administrator cannot add one for a user', async () => {
    expect((await t.request('/api/webauthn/signup/begin')).json.status).toBe('error');
    const anonymous = await t.request('/api/webauthn/signup/finish', { body: { id: 'x' } });
    expect(anonymous.json.status).toBe('error');
  });

  test('a challenge answers once; another origin or RP ID is refused', async () => {
    const cookie = await userSignedIn('acme', 'carol');
    const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
    const answer = new SoftwareAuthenticator(RP_ID, ORIGIN).register(begun.json.publicKey);
    expect((await t.request('/api/webauthn/signup/finish', { headers: { cookie }, body: answer })).json.status).toBe(
      'ok',
    );
    const replay = await t.request('/api/webauthn/signup/finish', { headers: { cookie }, body: answer });
    expect(replay.json).toMatchObject({ status: 'error', msg: expect.stringContaining('expired') });

    for (const wrong of [{ origin: 'https://evil.example.com' }, { rpId: 'evil.example.com' }]) {
      const next = await t.request('/api/webauthn/signup/begin', { headers: { cookie } });
      const refused = await t.request('/api/webauthn/signup/finish', {
        headers: { cookie },
        body: new SoftwareAuthenticator(RP_ID, ORIGIN).register(next.json.publicKey, wrong),
      });
      expect(refused.json).toMatchObject({ status: 'error', msg: 'The passkey could not be verified.' });
    }
    const list = await t.request('/api/webauthn/get-credentials', { headers: { cookie } });
    expect(list.json.data).toHaveLength(1);
  });

  test("another user's challenge is not this user's", async () => {
    const dave = await userSignedIn('acme', 'dave');
    const erin = await userSignedIn('acme', 'erin');
    const begun = await t.request('/api/webauthn/signup/begin', { headers: { cookie: dave } });
    const stolen = await t.request('/api/webauthn/signup/finish', {
      headers: { cookie: erin },
      body: new SoftwareAuthenticator(RP_ID, ORIGIN).register(begun.json.publicKey),
    });
    expect(stolen.json.status).toBe('error');
    expect((await t.request('/api/webauthn/get-credentials', { headers: { cookie: erin } })).json.data).toEqual([]);
  });
});

describe('signing in with a passkey alone', () => {
  let frank: SoftwareAuthenticator;
  beforeAll(async () => {
    frank = await register(await userSignedIn('acme', 'frank'));
  });

  test('a discoverable sign-in with user verification starts a session', async () => {
    const begun = await beginSignin('?owner=acme');
    expect(begun.publicKey).toMatchObject({ rpId: RP_ID, userVerification: 'required', allowCredentials: [] });
    const finished = await finishSignin(frank.assert(begun.publicKey));
    expect(finished.json).toMatchObject({ status: 'ok', data: 'acme/frank' });
    const cookie = sessionCookie(finished)!;
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.data.name).toBe('frank');
    const [session] = await storedRows(t.context.db, 'session', { owner: 'acme', name: 'frank' }).then((rows) =>
      rows.filter((row) => String(row.factors).includes('hwk')),
    );
    expect(String(session!.factors)).toBe('hwk uv');
    const listed = await t.request('/api/webauthn/get-credentials', { headers: { cookie } });
    expect(listed.json.data[0].lastUsedTime).not.toBe('');
  });

  test('the same answer twice is refused (the challenge is used up)', async () => {
    const begun = await beginSignin();
    const answer = frank.assert(begun.publicKey);
    expect((await finishSignin(answer)).json.status).toBe('ok');
    expect((await finishSignin(answer)).json).toMatchObject({
      status: 'error',
      msg: expect.stringContaining('expired'),
    });
  });

  test('without user verification, from another origin or for another RP ID: refused', async () => {
    for (const wrong of [{ flags: FLAG_UP }, { origin: 'https://evil.example.com' }, { rpId: 'evil.example.com' }]) {
      const begun = await beginSignin();
      const refused = await finishSignin(frank.assert(begun.publicKey, wrong));
      expect(refused.json).toMatchObject({ status: 'error', msg: 'The passkey could not be verified.' });
      expect(sessionCookie(refused)).toBeUndefined();
    }
    // Control: the authenticator still works.
    expect((await finishSignin(frank.assert((await beginSignin()).publicKey))).json.status).toBe('ok');
  });

  test('a clone whose counter does not go up is refused', async () => {
    const clone = frank.clone();
    expect((await finishSignin(frank.assert((await beginSignin()).publicKey))).json.status).toBe('ok');
    const stale = await finishSignin(clone.assert((await beginSignin()).publicKey, { counter: frank.counter }));
    expect(stale.json).toMatchObject({ status: 'error', msg: 'The passkey could not be verified.' });
    const older = await finishSignin(clone.assert((await beginSignin()).publicKey, { counter: frank.counter - 1 }));
    expect(older.json.status).toBe('error');
    expect((await finishSignin(frank.assert((await beginSignin()).publicKey))).json.status).toBe('ok');
  });

  test('an application that does not enable passkeys refuses them; an unknown passkey is refused', async () => {
    const disabled = await finishSignin(frank.assert((await beginSignin()).publicKey), '?application=acme-plain');
    expect(disabled.json).toMatchObject({ status: 'error', msg: expect.stringContaining('not enabled') });
    const stranger = new SoftwareAuthenticator(RP_ID, ORIGIN);
    const unknown = await finishSignin(stranger.assert((await beginSignin()).publicKey));
    expect(unknown.json).toMatchObject({ status: 'error', msg: 'This passkey is not registered here.' });
  });

  test("another organization's application does not sign in this organization's user", async () => {
    const refused = await finishSignin(frank.assert((await beginSignin()).publicKey), '?application=other-app');
    expect(refused.json).toMatchObject({ status: 'error', msg: 'This passkey is not registered here.' });
    expect(sessionCookie(refused)).toBeUndefined();
  });

  test('a challenge issued for one user does not take another user’s passkey', async () => {
    const grace = await register(await userSignedIn('acme', 'grace'));
    const begun = await beginSignin('?owner=acme&name=frank');
    expect(begun.publicKey.allowCredentials).toEqual([{ id: frank.id, type: 'public-key', transports: ['internal'] }]);
    const refused = await finishSignin(grace.assert(begun.publicKey));
    expect(refused.json).toMatchObject({ status: 'error', msg: 'This passkey is not registered here.' });
  });

  test('responseType=code answers an authorization code; the ID token says hwk and mfa', async () => {
    const client = (await storedRows(t.context.db, 'application', { name: 'acme-app' }))[0]!;
    const pkce = pkcePair();
    const query = new URLSearchParams({
      responseType: 'code',
      clientId: String(client.clientId),
      redirectUri: REDIRECT_URI,
      scope: 'openid',
      state: 's1',
      nonce: 'n1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
    const finished = await finishSignin(frank.assert((await beginSignin()).publicKey), `?${query}`);
    expect(finished.json.status).toBe('ok');
    const exchanged = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: finished.json.data,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
      client_id: String(client.clientId),
    });
    expect(exchanged.status).toBe(200);
    expect(decodeJwt(exchanged.json.id_token)).toMatchObject({
      sub: expect.any(String),
      amr: ['hwk', 'mfa'],
      acr: ACR_MFA,
    });
  });
});

describe('a passkey as the second factor', () => {
  test('a password answers NextMfa with webauthn; the passkey completes the sign-in', async () => {
    const henry = await register(await userSignedIn('acme', 'henry'));
    const first = await t.request('/api/login', {
      body: { type: 'login', organization: 'acme', username: 'henry', password, application: 'acme-plain' },
    });
    expect(first.json).toMatchObject({
      status: 'ok',
      data: 'NextMfa',
      data2: [{ mfaType: 'webauthn', enabled: true }],
    });
    const pending = pendingCookie(first);
    const begun = await beginSignin('?purpose=mfa', pending);
    expect(begun.publicKey.allowCredentials).toEqual([{ id: henry.id, type: 'public-key', transports: ['internal'] }]);
    const second = await t.request('/api/login', {
      headers: { cookie: pending },
      body: { type: 'login', mfaType: 'webauthn', passcode: JSON.stringify(henry.assert(begun.publicKey)) },
    });
    expect(second.json).toMatchObject({ status: 'ok', data: 'acme/henry' });
    const rows = await storedRows(t.context.db, 'session', { owner: 'acme', name: 'henry' });
    expect(rows.map((row) => String(row.factors))).toContain('password hwk');
    expect(amrOf(['password', 'hwk'])).toEqual(['pwd', 'hwk', 'mfa']);
  });

  test("another user's passkey, a sign-in challenge or a wrong answer does not pass the second step", async () => {
    await register(await userSignedIn('acme', 'ivy'));
    const judy = await register(await userSignedIn('acme', 'judy'));
    const first = await t.request('/api/login', {
      body: { type: 'login', organization: 'acme', username: 'ivy', password, application: 'acme-plain' },
    });
    const pending = pendingCookie(first);
    const second = (answer: unknown) =>
      t.request('/api/login', {
        headers: { cookie: pending },
        body: { type: 'login', mfaType: 'webauthn', passcode: JSON.stringify(answer) },
      });
    const forIvy = await beginSignin('?purpose=mfa', pending);
    const stolen = await second(judy.assert(forIvy.publicKey));
    expect(stolen.json).toMatchObject({ status: 'error', msg: 'The passkey could not be verified.' });
    const signinChallenge = await beginSignin();
    expect((await second(judy.assert(signinChallenge.publicKey))).json.status).toBe('error');
    expect((await second({ id: 'nonsense' })).json.status).toBe('error');
    expect(sessionCookie(stolen)).toBeUndefined();
  });

  test('a challenge of the second step is refused by the sign-in without password', async () => {
    const kate = await register(await userSignedIn('acme', 'kate'));
    const first = await t.request('/api/login', {
      body: { type: 'login', organization: 'acme', username: 'kate', password, application: 'acme-plain' },
    });
    const begun = await beginSignin('?purpose=mfa', pendingCookie(first));
    const refused = await finishSignin(kate.assert(begun.publicKey));
    expect(refused.json).toMatchObject({ status: 'error', msg: expect.stringContaining('expired') });
  });
});

describe('a passkey on the authorization page', () => {
  test('the second step of the sign-in page takes the passkey and answers the code', async () => {
    const rita = await register(await userSignedIn('acme', 'rita'));
    const client = (await storedRows(t.context.db, 'application', { name: 'acme-app' }))[0]!;
    const pkce = pkcePair();
    const query = authorizeQuery({ clientId: String(client.clientId), scope: 'openid', codeChallenge: pkce.challenge });
    const { response: step, cookie: cookies } = await postPasswordForm(t, query, { username: 'rita', password });
    expect(step.text).toContain('name="passcode"');
    const pending = pendingCookie(step);
    const begun = await beginSignin('?purpose=mfa', pending);
    const second = new URLSearchParams(Object.fromEntries(hiddenInputs(step.text)));
    second.set('mfaType', 'webauthn');
    second.set('passcode', JSON.stringify(rita.assert(begun.publicKey)));
    const done = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: second,
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

describe('listing, renaming and removing passkeys', () => {
  test('the user renames and removes their own; another user cannot touch them', async () => {
    const cookie = await userSignedIn('acme', 'liam');
    const passkey = await register(cookie, 'Phone');
    const mallory = await userSignedIn('acme', 'mallory');
    const renamed = await t.request('/api/webauthn/rename-credential', {
      headers: { cookie },
      body: { credentialID: passkey.id, credentialName: 'Old phone' },
    });
    expect(renamed.json.data).toMatchObject([{ id: passkey.id, name: 'Old phone' }]);
    const foreign = await t.request('/api/webauthn/delete-credential', {
      headers: { cookie: mallory },
      body: { credentialID: passkey.id },
    });
    expect(foreign.json).toMatchObject({ status: 'error', msg: 'This account has no such passkey.' });
    const othersList = await t.request('/api/webauthn/get-credentials?owner=acme&name=liam', {
      headers: { cookie: mallory },
    });
    expect(othersList.json.status).toBe('error');
    // Casdoor's console sends the id in standard base64.
    const standard = Buffer.from(passkey.id, 'base64url').toString('base64');
    const removed = await t.request('/api/webauthn/delete-credential', {
      headers: { cookie },
      body: { credentialID: standard },
    });
    expect(removed.json).toMatchObject({ status: 'ok', data: [] });
    const signin = await finishSignin(passkey.assert((await beginSignin()).publicKey));
    expect(signin.json.status).toBe('error');
  });

  test("an administrator of the user's organization lists and removes them; one of another organization cannot", async () => {
    const cookie = await userSignedIn('acme', 'nina');
    const passkey = await register(cookie);
    await addUser(t, 'other', 'oscar', password, { isAdmin: true });
    const otherAdmin = await signIn(t, 'other', 'oscar', password);
    const refused = await t.request('/api/webauthn/get-credentials?owner=acme&name=nina', {
      headers: { cookie: otherAdmin },
    });
    expect(refused.json.status).toBe('error');
    const removedByOther = await t.request('/api/webauthn/delete-credential', {
      headers: { cookie: otherAdmin },
      body: { owner: 'acme', name: 'nina', credentialID: passkey.id },
    });
    expect(removedByOther.json.status).toBe('error');
    const admin = await signInAsAdmin(t);
    const listed = await t.request('/api/webauthn/get-credentials?owner=acme&name=nina', {
      headers: { cookie: admin },
    });
    expect(listed.json.data).toMatchObject([{ id: passkey.id }]);
    const removed = await t.request('/api/webauthn/delete-credential', {
      headers: { cookie: admin },
      body: { owner: 'acme', name: 'nina', credentialID: passkey.id },
    });
    expect(removed.json).toMatchObject({ status: 'ok', data: [] });
    await flushAuditLog(t.context);
    const records = await storedRows(t.context.db, 'record', { action: 'webauthn/delete-credential' });
    expect(records.map((record) => [record.owner, record.user])).toContainEqual(['acme', 'built-in/admin']);
  });

  test('update-user cannot write webauthnCredentials', async () => {
    const cookie = await userSignedIn('acme', 'pat');
    const passkey = await register(cookie);
    const admin = await signInAsAdmin(t);
    const user = (await t.request('/api/get-user?id=acme/pat', { headers: { cookie: admin } })).json.data;
    await t.request('/api/update-user?id=acme/pat', {
      headers: { cookie: admin },
      body: { ...user, webauthnCredentials: [] },
    });
    const after = await t.request('/api/get-user?id=acme/pat', { headers: { cookie: admin } });
    expect(after.json.data.webauthnCredentials).toMatchObject([{ id: passkey.id }]);
  });

  test("a deleted user's passkeys go with them", async () => {
    const cookie = await userSignedIn('acme', 'quinn');
    const passkey = await register(cookie);
    const [quinn] = await storedRows(t.context.db, 'user', { owner: 'acme', name: 'quinn' });
    const admin = await signInAsAdmin(t);
    const deleted = await t.request('/api/delete-user', {
      headers: { cookie: admin },
      body: { owner: 'acme', name: 'quinn' },
    });
    expect(deleted.json.status).toBe('ok');
    expect(await storedRows(t.context.db, 'webauthn_credential', { userId: String(quinn!.id) })).toEqual([]);
    const signin = await finishSignin(passkey.assert((await beginSignin()).publicKey));
    expect(signin.json).toMatchObject({ status: 'error', msg: 'This passkey is not registered here.' });
  });
});
