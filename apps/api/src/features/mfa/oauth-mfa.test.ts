import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import type { AuthorizeSecondFactorView, AuthorizeView } from '@latchkey/types';
import { decodeJwt } from 'jose';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import {
  authorizeQuery,
  hiddenInputs,
  pkcePair,
  REDIRECT_URI,
  type TestClient,
  tokenRequest,
} from '../oauth/testing/flows.ts';
import {
  codeNow,
  codeStep,
  enrolTotp,
  nextStep,
  passwordStep,
  pendingCookie,
  setCookieValue,
  wrongCode,
} from './testing/mfa.ts';

/**
 * The OAuth authorization code flow with a second factor, through the authorization endpoint's
 * page: the password, then the code; the ID token says how the user signed in (`amr`, `acr`,
 * `auth_time`); `acr_values` asking for a second factor steps a signed-in session up.
 */
let t: TestApp;
let client: TestClient;
const password = 'correct-horse-1';
const ACR_MFA = 'urn:latchkey:acr:mfa';

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  client = await addApplication(t, 'acme-app', 'acme', {
    redirectUris: [REDIRECT_URI],
    grantTypes: ['authorization_code', 'refresh_token', 'password'],
  });
});
afterAll(() => t.dispose());

/** A browser: its cookies (by name), kept across requests as a browser keeps them. */
function browser() {
  const jar = new Map<string, string>();
  return {
    cookie: () => [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    keep(response: { headers: Headers }) {
      for (const header of response.headers.getSetCookie()) {
        const [pair, ...attributes] = header.split(';');
        const name = pair!.slice(0, pair!.indexOf('='));
        const value = pair!.slice(pair!.indexOf('=') + 1);
        if (value === '' || attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0'))
          jar.delete(name);
        else jar.set(name, value);
      }
    },
    set: (name: string, value: string) => jar.set(name, value),
  };
}
type Browser = ReturnType<typeof browser>;

async function open(b: Browser, query: string) {
  const page = await t.request(`/login/oauth/authorize?${query}`, { headers: { cookie: b.cookie() } });
  b.keep(page);
  return page;
}

async function post(b: Browser, page: { text: string }, formIndex: number, fields: Record<string, string>) {
  const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text, formIndex)));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await t.request('/login/oauth/authorize', {
    method: 'POST',
    body: form,
    headers: { cookie: b.cookie() },
  });
  b.keep(response);
  return response;
}

const formIndexOf = (html: string, action: string) =>
  html
    .split('<form')
    .slice(1)
    .findIndex((form) => form.includes(`name="action" value="${action}"`));

async function exchange(code: string, verifier: string) {
  const response = await tokenRequest(
    t,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    client,
  );
  expect(response.status).toBe(200);
  return response.json as { id_token: string; access_token: string; refresh_token: string };
}

function codeOf(response: { status: number; headers: Headers; text: string }): string {
  expect(response.status).toBe(303);
  const code = new URL(response.headers.get('location')!).searchParams.get('code');
  if (!code) throw new Error(`no code: ${response.headers.get('location')}`);
  return code;
}

/** A new user of acme with an authenticator app, set up in their own session. */
async function userWithTotp(name: string) {
  await addUser(t, 'acme', name, password);
  return enrolTotp(t, { cookie: await signIn(t, 'acme', name, password, 'acme-app') }, 'acme', name);
}

describe('the authorization code flow with a second factor', () => {
  test('password, then the code: the ID token has amr pwd+otp+mfa, the multi-factor acr and the time of the sign-in', async () => {
    const { secret } = await userWithTotp('alice');
    const b = browser();
    const pkce = pkcePair();
    const query = authorizeQuery({
      clientId: client.clientId,
      scope: 'openid profile',
      codeChallenge: pkce.challenge,
      state: 's1',
      nonce: 'n1',
    });
    const page = await open(b, query);
    const afterPassword = await post(b, page, formIndexOf(page.text, 'signin'), { username: 'alice', password });
    // The second step: a page asking for the code; a pending sign-in, no session yet.
    expect(afterPassword.status).toBe(200);
    expect(afterPassword.text).toContain('name="passcode"');
    expect(afterPassword.text).toContain('name="recoveryCode"');
    expect(setCookieValue(afterPassword, 'latchkey_mfa')).toBeDefined();
    expect(setCookieValue(afterPassword, 'casdoor_session_id')).toBeUndefined();

    const wrong = await post(b, afterPassword, formIndexOf(afterPassword.text, 'mfa'), {
      passcode: wrongCode(t, secret),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The code is wrong.');

    t.clock.advance(5_000);
    const signedInAt = Math.floor(t.clock.now().getTime() / 1000);
    const done = await post(b, wrong, formIndexOf(wrong.text, 'mfa'), { passcode: codeNow(t, secret) });
    const code = codeOf(done);
    expect(new URL(done.headers.get('location')!).searchParams.get('state')).toBe('s1');
    expect(setCookieValue(done, 'casdoor_session_id')).toBeDefined();
    const tokens = await exchange(code, pkce.verifier);
    const claims = decodeJwt(tokens.id_token);
    expect(claims).toMatchObject({ amr: ['pwd', 'otp', 'mfa'], acr: ACR_MFA, auth_time: signedInAt, nonce: 'n1' });

    // A refreshed ID token keeps how and when the user signed in.
    t.clock.advance(60_000);
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      client,
    );
    expect(decodeJwt(refreshed.json.id_token)).toMatchObject({
      amr: ['pwd', 'otp', 'mfa'],
      acr: ACR_MFA,
      auth_time: signedInAt,
    });

    // The session remembers the factors: the next authorization request continues without a code.
    const again = await open(
      b,
      authorizeQuery({
        clientId: client.clientId,
        scope: 'openid',
        codeChallenge: pkce.challenge,
        extra: { prompt: 'none', acr_values: ACR_MFA },
      }),
    );
    expect(again.status).toBe(303);
    expect(new URL(again.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  test('a user without a second factor gets amr pwd and the password acr', async () => {
    await addUser(t, 'acme', 'bob', password);
    const b = browser();
    const pkce = pkcePair();
    const page = await open(
      b,
      authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkce.challenge }),
    );
    const code = codeOf(await post(b, page, formIndexOf(page.text, 'signin'), { username: 'bob', password }));
    expect(decodeJwt((await exchange(code, pkce.verifier)).id_token)).toMatchObject({
      amr: ['pwd'],
      acr: 'urn:latchkey:acr:password',
    });
  });

  test('a recovery code through the page is accepted once', async () => {
    const { recoveryCodes } = await userWithTotp('carol');
    const pkce = pkcePair();
    const query = authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkce.challenge });
    const b = browser();
    const page = await open(b, query);
    const step = await post(b, page, formIndexOf(page.text, 'signin'), { username: 'carol', password });
    const code = codeOf(await post(b, step, formIndexOf(step.text, 'mfa') + 1, { recoveryCode: recoveryCodes[0]! }));
    expect(decodeJwt((await exchange(code, pkce.verifier)).id_token).amr).toEqual(['pwd', 'otp', 'mfa']);
    const other = browser();
    const page2 = await open(other, query);
    const step2 = await post(other, page2, formIndexOf(page2.text, 'signin'), { username: 'carol', password });
    const refused = await post(other, step2, formIndexOf(step2.text, 'mfa') + 1, { recoveryCode: recoveryCodes[0]! });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The recovery code is wrong or has already been used.');
  });

  test('the pending sign-in is bound to the browser that passed the password', async () => {
    const { secret } = await userWithTotp('dora');
    const query = authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkcePair().challenge });
    const victim = browser();
    const page = await open(victim, query);
    const step = await post(victim, page, formIndexOf(page.text, 'signin'), { username: 'dora', password });
    // Another browser, with its own form token but not the pending cookie, gets the password form back.
    const attacker = browser();
    const own = await open(attacker, query);
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(step.text, formIndexOf(step.text, 'mfa'))));
    form.set('csrf', hiddenInputs(own.text, 0).get('csrf')!);
    form.set('passcode', codeNow(t, secret));
    const stolen = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: form,
      headers: { cookie: attacker.cookie() },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.text).toContain('This sign-in has expired');
    // Positive control: the browser that holds it completes.
    codeOf(await post(victim, step, formIndexOf(step.text, 'mfa'), { passcode: codeNow(t, secret) }));
  });
});

describe('acr_values and step-up', () => {
  test('a session that passed only a password steps up when acr_values asks for a second factor', async () => {
    await addUser(t, 'acme', 'erin', password);
    const b = browser();
    // Signed in with a password before the factor was set up.
    const sessionPage = await open(
      b,
      authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkcePair().challenge }),
    );
    codeOf(await post(b, sessionPage, formIndexOf(sessionPage.text, 'signin'), { username: 'erin', password }));
    const session = `casdoor_session_id=${b.cookie().match(/casdoor_session_id=([^;]*)/)![1]}`;
    const { secret } = await enrolTotp(t, { cookie: session }, 'acme', 'erin');

    const pkce = pkcePair();
    const query = authorizeQuery({
      clientId: client.clientId,
      scope: 'openid',
      codeChallenge: pkce.challenge,
      extra: { acr_values: ACR_MFA },
    });
    // prompt=none cannot step up.
    const silent = await open(b, `${query}&prompt=none`);
    expect(new URL(silent.headers.get('location')!).searchParams.get('error')).toBe('interaction_required');
    const page = await open(b, query);
    expect(page.text).toContain('name="action" value="continue"');
    const step = await post(b, page, formIndexOf(page.text, 'continue'), {});
    expect(step.status).toBe(200);
    expect(step.text).toContain('name="passcode"');
    t.clock.advance(3_000);
    const steppedUpAt = Math.floor(t.clock.now().getTime() / 1000);
    const code = codeOf(await post(b, step, formIndexOf(step.text, 'mfa'), { passcode: codeNow(t, secret) }));
    expect(decodeJwt((await exchange(code, pkce.verifier)).id_token)).toMatchObject({
      amr: ['pwd', 'otp', 'mfa'],
      acr: ACR_MFA,
      auth_time: steppedUpAt,
    });
    // The same session, now raised, answers at once.
    expect((await open(b, `${query}&prompt=none`)).headers.get('location')).toContain('code=');
  });

  test('acr_values for a user with no factor sets one up within the sign-in', async () => {
    await addUser(t, 'acme', 'fred', password);
    const b = browser();
    const pkce = pkcePair();
    const page = await open(
      b,
      authorizeQuery({
        clientId: client.clientId,
        scope: 'openid',
        codeChallenge: pkce.challenge,
        extra: { acr_values: ACR_MFA },
      }),
    );
    const enrol = await post(b, page, formIndexOf(page.text, 'signin'), { username: 'fred', password });
    expect(enrol.status).toBe(200);
    expect(enrol.text).toContain('<img class="qr" src="data:image/png;base64,');
    const secret = /<code>([A-Z2-7]+)<\/code>/.exec(enrol.text)![1]!;
    // A wrong first code shows the same secret again.
    const wrong = await post(b, enrol, formIndexOf(enrol.text, 'mfa'), { passcode: wrongCode(t, secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`<code>${secret}</code>`);
    const code = codeOf(await post(b, wrong, formIndexOf(wrong.text, 'mfa'), { passcode: codeNow(t, secret) }));
    expect(decodeJwt((await exchange(code, pkce.verifier)).id_token).acr).toBe(ACR_MFA);
    expect((await findUser(t.context.db, 'acme', 'fred'))!.preferredMfaType).toBe('app');
  });

  test('without acr_values a password-only session of a user without a factor continues as before', async () => {
    await addUser(t, 'acme', 'gus', password);
    const b = browser();
    const page = await open(
      b,
      authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkcePair().challenge }),
    );
    codeOf(await post(b, page, formIndexOf(page.text, 'signin'), { username: 'gus', password }));
    expect(
      (
        await open(
          b,
          authorizeQuery({
            clientId: client.clientId,
            scope: 'openid',
            codeChallenge: pkcePair().challenge,
            extra: { prompt: 'none' },
          }),
        )
      ).headers.get('location'),
    ).toContain('code=');
  });

  test('max_age older than the sign-in asks for the password and then the code again', async () => {
    const { secret } = await userWithTotp('hana');
    const b = browser();
    const page = await open(
      b,
      authorizeQuery({ clientId: client.clientId, scope: 'openid', codeChallenge: pkcePair().challenge }),
    );
    const step = await post(b, page, formIndexOf(page.text, 'signin'), { username: 'hana', password });
    codeOf(await post(b, step, formIndexOf(step.text, 'mfa'), { passcode: codeNow(t, secret) }));
    t.clock.advance(120_000);
    const old = await open(
      b,
      authorizeQuery({
        clientId: client.clientId,
        scope: 'openid',
        codeChallenge: pkcePair().challenge,
        extra: { max_age: '60' },
      }),
    );
    expect(old.status).toBe(200);
    expect(old.text).not.toContain('value="continue"');
    const again = await post(b, old, formIndexOf(old.text, 'signin'), { username: 'hana', password });
    expect(again.text).toContain('name="passcode"');
  });
});

describe('the view handed to the console', () => {
  test('a required set-up carries the otpauth URI and no image (the view rides in a header); an error names its field', async () => {
    const views: AuthorizeView[] = [];
    // The portal is asked to render each page; answering nothing, it leaves the endpoint's own page.
    t.context.portalPages = {
      render: async (_request, _path, view) => {
        views.push(view as AuthorizeView);
        return undefined;
      },
    };
    try {
      await addUser(t, 'acme', 'gail', password);
      const b = browser();
      const pkce = pkcePair();
      const query = authorizeQuery({
        clientId: client.clientId,
        scope: 'openid',
        codeChallenge: pkce.challenge,
        extra: { acr_values: ACR_MFA },
      });
      const page = await open(b, query);
      const enrol = await post(b, page, formIndexOf(page.text, 'signin'), { username: 'gail', password });
      expect(enrol.text).toContain('<img class="qr" src="data:image/png;base64,');
      const enrolView = views.at(-1) as AuthorizeSecondFactorView;
      expect(enrolView).toMatchObject({ kind: 'second-factor', stage: 'enrol' });
      expect(enrolView.enrolment!.qrCode).toBe('');
      expect(enrolView.enrolment!.url).toStartWith('otpauth://totp/');
      expect(enrolView.enrolment!.recoveryCodes).toHaveLength(10);
      expect(Buffer.from(JSON.stringify(enrolView)).toString('base64url').length).toBeLessThan(8000);
      const secret = enrolView.enrolment!.secret;
      const wrong = await post(b, enrol, formIndexOf(enrol.text, 'mfa'), { passcode: wrongCode(t, secret) });
      expect(wrong.status).toBe(400);
      expect(views.at(-1)).toMatchObject({ errorText: 'The code is wrong.', errorField: 'passcode' });
      codeOf(await post(b, wrong, formIndexOf(wrong.text, 'mfa'), { passcode: codeNow(t, secret) }));

      // The next sign-in asks for the code; a wrong recovery code is an error of its own field.
      nextStep(t);
      const other = browser();
      const again = await open(other, query);
      const verify = await post(other, again, formIndexOf(again.text, 'signin'), { username: 'gail', password });
      expect(views.at(-1)).toMatchObject({ stage: 'verify', enrolment: undefined, errorField: undefined });
      const recoveryForm = verify.text
        .split('<form')
        .slice(1)
        .findLastIndex((form) => form.includes('recoveryCode'));
      await post(other, verify, recoveryForm, { recoveryCode: 'NOT-A-RECOVERY-CODE' });
      expect(views.at(-1)).toMatchObject({
        errorText: 'The recovery code is wrong or has already been used.',
        errorField: 'recoveryCode',
      });
    } finally {
      t.context.portalPages = undefined;
    }
  });
});

describe('the other ways to an authorization code', () => {
  test("Casdoor's sign-in page (POST /api/login type code) answers NextMfa, then the code with amr", async () => {
    const { secret } = await userWithTotp('ivy');
    const pkce = pkcePair();
    const query = `?${new URLSearchParams({ clientId: client.clientId, responseType: 'code', redirectUri: REDIRECT_URI, scope: 'openid', state: 'x', code_challenge: pkce.challenge, code_challenge_method: 'S256' })}`;
    const first = await passwordStep(
      t,
      { organization: 'acme', username: 'ivy', password, application: 'acme-app', type: 'code' },
      query,
    );
    expect(first.json.data).toBe('NextMfa');
    const second = await codeStep(
      t,
      pendingCookie(first),
      { passcode: codeNow(t, secret), type: 'code', application: 'acme-app' },
      query,
    );
    expect(second.json.status).toBe('ok');
    expect(decodeJwt((await exchange(second.json.data, pkce.verifier)).id_token).amr).toEqual(['pwd', 'otp', 'mfa']);
  });

  test('the password grant refuses a user with a second factor', async () => {
    await userWithTotp('jack');
    const refused = await tokenRequest(
      t,
      { grant_type: 'password', username: 'jack', password, scope: 'openid' },
      client,
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe('invalid_grant');
    // Positive control: a user without one gets tokens, amr pwd.
    await addUser(t, 'acme', 'kim', password);
    const granted = await tokenRequest(
      t,
      { grant_type: 'password', username: 'kim', password, scope: 'openid' },
      client,
    );
    expect(granted.status).toBe(200);
    expect(decodeJwt(granted.json.id_token).amr).toEqual(['pwd']);
    nextStep(t);
  });
});
