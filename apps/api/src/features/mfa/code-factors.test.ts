import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { decodeJwt } from 'jose';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, providerItem, signIn } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../notifications/testing/smtp-receiver.ts';
import {
  authorizeQuery,
  hiddenInputs,
  pkcePair,
  REDIRECT_URI,
  type TestClient,
  tokenRequest,
} from '../oauth/testing/flows.ts';
import { configureVerificationCodes } from '../verification/codes.ts';
import { codeNow, codeStep, enrolTotp, nextStep, passwordStep, pendingCookie } from './testing/mfa.ts';

/**
 * Codes sent by email and text message as a second factor (Casdoor's mfaType `email` and `sms`),
 * end to end: a real SMTP server and an HTTP receiver playing the SMS gateway get the codes. The set-up
 * proves the account's own address with an `mfaSetup` code; a sign-in asks for an `mfaAuth` code
 * bound to its pending sign-in. Every misuse of a code is refused.
 */
let t: TestApp;
let root: Caller;
let smtp: SmtpReceiver;
let client: TestClient;
const gateway = startCallbackReceiver();
const SMTP_PASSWORD = 'smtp-password-for-mfa-7c1d';
const APP = 'mfa-codes-app';
const STRICT_APP = 'mfa-codes-strict';
const password = 'Correct-horse-1';
const INVALID = 'The code is wrong.';

const acmeProvider = (name: string) => providerItem('acme', name, { rule: 'All' });

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureVerificationCodes(t.context, { perAddressPerHour: 10_000, perDestinationPerHour: 10_000 });
  root = await globalAdmin(t);
  smtp = await startSmtpReceiver({ username: 'mailer@acme.test', password: SMTP_PASSWORD });
  await addOrganization(t, 'acme', { displayName: 'Acme' });
  for (const fields of [
    {
      name: 'acme-mail',
      category: 'Email',
      type: 'Default',
      host: '127.0.0.1',
      port: smtp.port,
      disableSsl: true,
      clientId: 'mailer@acme.test',
      clientSecret: SMTP_PASSWORD,
    },
    {
      name: 'acme-sms',
      category: 'SMS',
      type: 'Custom HTTP SMS',
      method: 'POST',
      endpoint: gateway.url('/sms'),
      templateCode: 'Code: %s',
    },
  ])
    expect((await call(t, root, '/api/add-provider', { owner: 'acme', ...fields })).data).toBe('Affected');
  const providers = [acmeProvider('acme-mail'), acmeProvider('acme-sms')] as never;
  // Enough tries that a code's own limit (five) is reached before the account's.
  client = await addApplication(t, APP, 'acme', {
    providers,
    enableCodeSignin: true,
    failedSigninLimit: 20,
    redirectUris: [REDIRECT_URI],
    grantTypes: ['authorization_code'],
  });
  await addApplication(t, STRICT_APP, 'acme', { providers, failedSigninLimit: 3 });
});
afterAll(async () => {
  gateway.stop();
  await smtp.stop();
  await t.dispose();
});

const sendCode = (fields: Record<string, string>, cookie = '') =>
  t.request('/api/send-verification-code', {
    body: new URLSearchParams({ applicationId: `admin/${APP}`, captchaType: 'none', ...fields }),
    headers: cookie ? { cookie } : {},
  });

/** Asks for a code (a minute after the last one, so the wait between sends is over) and reads it from the mail. */
async function mailedCode(fields: Record<string, string>, cookie: string, to: string) {
  t.clock.advance(61_000);
  const from = smtp.mails.length;
  const answer = await sendCode({ type: 'email', ...fields }, cookie);
  expect(answer.json).toMatchObject({ status: 'ok' });
  const mail = await until(
    () => smtp.mails.slice(from).find((each) => each.to.includes(to)),
    `a mail reaches ${to}`,
    15_000,
  );
  return /\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!;
}

/** The same by text message, read from the gateway. */
async function textedCode(fields: Record<string, string>, cookie: string, to: string) {
  t.clock.advance(61_000);
  const before = gateway.calls.length;
  const answer = await sendCode({ type: 'phone', ...fields }, cookie);
  expect(answer.json).toMatchObject({ status: 'ok' });
  const sms = await until(
    () => gateway.calls.slice(before).find((each) => each.path === '/sms' && each.fields.phoneNumber === to),
    `a text message reaches ${to}`,
    15_000,
  );
  return /(\d{6})/.exec(sms.fields.content ?? '')![1]!;
}

const mfa = (path: string, cookie: string, fields: Record<string, string>) =>
  t.request(`/api/mfa/setup/${path}`, { headers: { cookie }, body: new URLSearchParams(fields) });

/** Sets up an email (or SMS) factor as Casdoor's page does: initiate, a code sent for mfaSetup, verify, enable. */
async function enrolByCode(name: string, type: 'email' | 'sms', contact: string) {
  const cookie = await signIn(t, 'acme', name, password, APP);
  const started = await mfa('initiate', cookie, { owner: 'acme', name, mfaType: type });
  expect(started.json).toMatchObject({ status: 'ok', data: { mfaType: type, secret: contact } });
  expect(started.json.data.recoveryCodes).toHaveLength(10);
  const code =
    type === 'email'
      ? await mailedCode({ dest: contact, method: 'mfaSetup' }, cookie, contact)
      : await textedCode({ dest: contact, method: 'mfaSetup' }, cookie, contact);
  const fields = { owner: 'acme', name, mfaType: type, dest: contact, secret: contact };
  expect((await mfa('verify', cookie, { ...fields, passcode: code })).json).toMatchObject({ status: 'ok' });
  expect((await mfa('enable', cookie, fields)).json).toMatchObject({ status: 'ok' });
  return { cookie, recoveryCodes: started.json.data.recoveryCodes as string[] };
}

const first = (username: string, extra: Record<string, string> = {}, query = '') =>
  passwordStep(t, { organization: 'acme', username, password, application: APP, ...extra }, query);

describe('setting up an email or SMS second factor', () => {
  test('email: a code sent for mfaSetup proves the address; enabling sets mfaEmailEnabled', async () => {
    await addUser(t, 'acme', 'alice', password, { email: 'alice@acme.test', phone: '+15555550101' });
    const { cookie } = await enrolByCode('alice', 'email', 'alice@acme.test');
    const alice = (await findUser(t.context.db, 'acme', 'alice'))!;
    expect(alice).toMatchObject({ mfaEmailEnabled: true, mfaPhoneEnabled: false, preferredMfaType: 'email' });
    expect(alice.totpSecret).toBe('');
    const account = await t.request('/api/get-account', { headers: { cookie } });
    expect(account.json.data).toMatchObject({ mfaEmailEnabled: true });
    const props = (
      await t.request('/api/set-preferred-mfa', {
        headers: { cookie },
        body: { owner: 'acme', name: 'alice', mfaType: 'email' },
      })
    ).json.data;
    expect(props.find((each: { mfaType: string }) => each.mfaType === 'email')).toMatchObject({
      enabled: true,
      isPreferred: true,
      secret: 'a***@a***.test',
    });
  });

  test('sms: the code goes through the SMS gateway to the account’s phone', async () => {
    await addUser(t, 'acme', 'sam', password, { phone: '+15555550102' });
    await enrolByCode('sam', 'sms', '+15555550102');
    expect((await findUser(t.context.db, 'acme', 'sam'))!).toMatchObject({
      mfaPhoneEnabled: true,
      preferredMfaType: 'sms',
    });
  });

  test('a set-up code goes only to the account’s own address, only while a set-up is in progress, and only a set-up code proves it', async () => {
    await addUser(t, 'acme', 'mallory', password, { email: 'mallory@acme.test' });
    await addUser(t, 'acme', 'nobody', password);
    const cookie = await signIn(t, 'acme', 'mallory', password, APP);
    t.clock.advance(61_000);
    expect((await sendCode({ type: 'email', dest: 'mallory@acme.test', method: 'mfaSetup' }, cookie)).json.msg).toBe(
      'No set-up of a second factor is in progress; start again.',
    );
    expect((await mfa('initiate', cookie, { owner: 'acme', name: 'mallory', mfaType: 'email' })).json.status).toBe(
      'ok',
    );
    expect((await sendCode({ type: 'email', dest: 'victim@other.test', method: 'mfaSetup' }, cookie)).json.msg).toBe(
      "The codes of a second factor go only to the account's own email address or phone number.",
    );
    // Without a sign-in there is no one to send to.
    expect((await sendCode({ type: 'email', dest: 'mallory@acme.test', method: 'mfaSetup' })).json.status).toBe(
      'error',
    );
    // A code sent for signing in (another purpose) does not prove the set-up.
    const loginCode = await mailedCode({ dest: 'mallory@acme.test', method: 'login' }, '', 'mallory@acme.test');
    const verify = (passcode: string) =>
      mfa('verify', cookie, { owner: 'acme', name: 'mallory', mfaType: 'email', passcode });
    expect((await verify(loginCode)).json).toMatchObject({ status: 'error', msg: INVALID });
    const setupCode = await mailedCode({ dest: 'mallory@acme.test', method: 'mfaSetup' }, cookie, 'mallory@acme.test');
    expect((await verify(setupCode)).json.status).toBe('ok');
    // A code works once.
    expect((await verify(setupCode)).json.status).toBe('error');
    // An account without an email address cannot set one up.
    const noEmail = await signIn(t, 'acme', 'nobody', password, APP);
    expect((await mfa('initiate', noEmail, { owner: 'acme', name: 'nobody', mfaType: 'email' })).json.msg).toBe(
      'Add an email address to your account first: the codes are sent there.',
    );
  });
});

describe('signing in with an email or SMS second factor', () => {
  test('NextMfa lists the factor with its masked address; a code sent for the sign-in completes it, once', async () => {
    const start = await first('alice');
    expect(start.json).toMatchObject({
      status: 'ok',
      data: 'NextMfa',
      data2: [{ mfaType: 'email', enabled: true, isPreferred: true, secret: 'a***@a***.test' }],
    });
    expect(start.headers.get('set-cookie')).not.toContain('casdoor_session_id');
    const pending = pendingCookie(start);
    // The client sends back the masked address the list showed.
    const code = await mailedCode({ dest: 'a***@a***.test', method: 'mfaAuth' }, pending, 'alice@acme.test');
    const done = await codeStep(t, pending, { passcode: code, mfaType: 'email' });
    expect(done.json).toMatchObject({ status: 'ok', data: 'acme/alice' });
    expect(done.headers.get('set-cookie')).toContain('casdoor_session_id=');
    // Replayed in a new sign-in of the same user: refused.
    const again = pendingCookie(await first('alice'));
    expect((await codeStep(t, again, { passcode: code, mfaType: 'email' })).json).toMatchObject({
      status: 'error',
      msg: INVALID,
    });
  });

  test('the ID token of an email second factor says pwd, otp, mfa; of an SMS one pwd, sms, mfa', async () => {
    for (const [name, type, destination, amr] of [
      ['alice', 'email', 'alice@acme.test', ['pwd', 'otp', 'mfa']],
      ['sam', 'sms', '+15555550102', ['pwd', 'sms', 'mfa']],
    ] as const) {
      const pkce = pkcePair();
      const query = `?${new URLSearchParams({ clientId: client.clientId, responseType: 'code', redirectUri: REDIRECT_URI, scope: 'openid', state: 'x', code_challenge: pkce.challenge, code_challenge_method: 'S256' })}`;
      const start = await first(name, { type: 'code' }, query);
      expect(start.json.data).toBe('NextMfa');
      const pending = pendingCookie(start);
      const fields = { dest: destination, method: 'mfaAuth' };
      const code =
        type === 'email'
          ? await mailedCode(fields, pending, destination)
          : await textedCode(fields, pending, destination);
      const done = await codeStep(t, pending, { passcode: code, mfaType: type, type: 'code', application: APP }, query);
      expect(done.json.status).toBe('ok');
      const tokens = await tokenRequest(
        t,
        {
          grant_type: 'authorization_code',
          code: done.json.data,
          redirect_uri: REDIRECT_URI,
          code_verifier: pkce.verifier,
        },
        client,
      );
      expect(decodeJwt(tokens.json.id_token).amr).toEqual(amr);
    }
  });

  test('a code sent for another user, or for another sign-in of the same user, is refused', async () => {
    await addUser(t, 'acme', 'bob', password, { email: 'bob@acme.test' });
    await enrolByCode('bob', 'email', 'bob@acme.test');
    const bobPending = pendingCookie(await first('bob'));
    const bobCode = await mailedCode({ dest: 'bob@acme.test', method: 'mfaAuth' }, bobPending, 'bob@acme.test');
    const alicePending = pendingCookie(await first('alice'));
    expect((await codeStep(t, alicePending, { passcode: bobCode, mfaType: 'email' })).json.msg).toBe(INVALID);

    const aliceOther = pendingCookie(await first('alice'));
    const otherCode = await mailedCode({ dest: 'alice@acme.test', method: 'mfaAuth' }, aliceOther, 'alice@acme.test');
    expect((await codeStep(t, alicePending, { passcode: otherCode, mfaType: 'email' })).json.msg).toBe(INVALID);
    // Positive controls: each code completes its own sign-in.
    expect((await codeStep(t, aliceOther, { passcode: otherCode, mfaType: 'email' })).json.data).toBe('acme/alice');
    expect((await codeStep(t, bobPending, { passcode: bobCode, mfaType: 'email' })).json.data).toBe('acme/bob');
  });

  test('a code sent for another purpose (a sign-in with a code) does not pass the second step', async () => {
    const pending = pendingCookie(await first('bob'));
    const loginCode = await mailedCode({ dest: 'bob@acme.test', method: 'login' }, '', 'bob@acme.test');
    expect((await codeStep(t, pending, { passcode: loginCode, mfaType: 'email' })).json.msg).toBe(INVALID);
  });

  test('a code does not outlive its sign-in (five minutes), nor its ten minutes', async () => {
    const pending = pendingCookie(await first('bob'));
    const code = await mailedCode({ dest: 'bob@acme.test', method: 'mfaAuth' }, pending, 'bob@acme.test');
    t.clock.advance(5 * 60_000);
    expect((await codeStep(t, pending, { passcode: code, mfaType: 'email' })).json.msg).toBe(
      'This sign-in has expired. Sign in again with your password.',
    );
    // A set-up code: a set-up begun again nine minutes later still takes it, not after its ten minutes.
    await addUser(t, 'acme', 'erin', password, { email: 'erin@acme.test' });
    const cookie = await signIn(t, 'acme', 'erin', password, APP);
    const initiate = () => mfa('initiate', cookie, { owner: 'acme', name: 'erin', mfaType: 'email' });
    await initiate();
    const setupCode = await mailedCode({ dest: 'erin@acme.test', method: 'mfaSetup' }, cookie, 'erin@acme.test');
    t.clock.advance(9 * 60_000);
    await initiate();
    t.clock.advance(60_000 + 1000);
    const verify = (passcode: string) =>
      mfa('verify', cookie, { owner: 'acme', name: 'erin', mfaType: 'email', passcode });
    expect((await verify(setupCode)).json.msg).toBe(INVALID);
    const fresh = await mailedCode({ dest: 'erin@acme.test', method: 'mfaSetup' }, cookie, 'erin@acme.test');
    expect((await verify(fresh)).json.status).toBe('ok');
  });

  test('five wrong tries kill the code: the sixth, even right, is refused', async () => {
    const pending = pendingCookie(await first('bob'));
    const code = await mailedCode({ dest: 'bob@acme.test', method: 'mfaAuth' }, pending, 'bob@acme.test');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await codeStep(t, pending, { passcode: wrong, mfaType: 'email' })).json.msg).toBe(INVALID);
    expect((await codeStep(t, pending, { passcode: code, mfaType: 'email' })).json.msg).toBe(INVALID);
    // A new code for the same sign-in works.
    const fresh = await mailedCode({ dest: 'bob@acme.test', method: 'mfaAuth' }, pending, 'bob@acme.test');
    expect((await codeStep(t, pending, { passcode: fresh, mfaType: 'email' })).json.data).toBe('acme/bob');
  });

  test('wrong codes count towards the account lockout as wrong passwords do', async () => {
    await addUser(t, 'acme', 'carl', password, { email: 'carl@acme.test', signupApplication: STRICT_APP });
    await enrolByCode('carl', 'email', 'carl@acme.test');
    const pending = pendingCookie(await first('carl'));
    const code = await mailedCode({ dest: 'carl@acme.test', method: 'mfaAuth' }, pending, 'carl@acme.test');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 3; i++) await codeStep(t, pending, { passcode: wrong, mfaType: 'email' });
    expect((await codeStep(t, pending, { passcode: code, mfaType: 'email' })).json.msg).toContain('locked');
  });

  test('a second code within the minute is refused; nothing is sent without the pending sign-in, or elsewhere', async () => {
    const pending = pendingCookie(await first('bob'));
    await mailedCode({ dest: 'bob@acme.test', method: 'mfaAuth' }, pending, 'bob@acme.test');
    expect((await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'mfaAuth' }, pending)).json.msg).toContain(
      'wait',
    );
    t.clock.advance(61_000);
    expect((await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'mfaAuth' })).json.msg).toBe(
      'This sign-in has expired. Sign in again with your password.',
    );
    expect((await sendCode({ type: 'email', dest: 'eve@evil.test', method: 'mfaAuth' }, pending)).json.msg).toBe(
      "The codes of a second factor go only to the account's own email address or phone number.",
    );
    expect((await sendCode({ type: 'phone', dest: '+15555550199', method: 'mfaAuth' }, pending)).json.msg).toBe(
      'This account has no "sms" second factor set up.',
    );
  });

  test('delete-mfa turns the email factor off; the next sign-in needs the password alone', async () => {
    await addUser(t, 'acme', 'dora', password, { email: 'dora@acme.test' });
    const { cookie } = await enrolByCode('dora', 'email', 'dora@acme.test');
    const deleted = await t.request('/api/delete-mfa', { headers: { cookie }, body: { owner: 'acme', name: 'dora' } });
    expect(deleted.json.data.every((props: { enabled: boolean }) => !props.enabled)).toBe(true);
    expect((await findUser(t.context.db, 'acme', 'dora'))!.mfaEmailEnabled).toBe(false);
    expect((await first('dora')).json.data).toBe('acme/dora');
  });
});

describe('a sign-in with a code by email', () => {
  test('is not its own second factor: an account whose only one is email codes signs in with its password', async () => {
    const code = await mailedCode({ dest: 'bob@acme.test', method: 'login' }, '', 'bob@acme.test');
    const refused = await t.request('/api/login', {
      body: { application: APP, organization: 'acme', username: 'bob@acme.test', code, type: 'login' },
    });
    expect(refused.json).toMatchObject({
      status: 'error',
      msg: "This account's second factor is a code sent to the same place. Sign in with your password.",
    });
    expect(refused.headers.get('set-cookie') ?? '').not.toContain('casdoor_session_id');
  });

  test('still asks for the authenticator app of an account that has one; the second step cannot be skipped', async () => {
    await addUser(t, 'acme', 'tina', password, { email: 'tina@acme.test' });
    const { secret } = await enrolTotp(t, { cookie: await signIn(t, 'acme', 'tina', password, APP) }, 'acme', 'tina');
    const code = await mailedCode({ dest: 'tina@acme.test', method: 'login' }, '', 'tina@acme.test');
    const start = await t.request('/api/login', {
      body: { application: APP, organization: 'acme', username: 'tina@acme.test', code, type: 'login' },
    });
    expect(start.json).toMatchObject({ status: 'ok', data: 'NextMfa', data2: [{ mfaType: 'app' }] });
    const pending = pendingCookie(start);
    expect((await codeStep(t, pending, { passcode: '', mfaType: 'app' })).json.status).toBe('error');
    expect((await codeStep(t, pending, { passcode: code, mfaType: 'email' })).json.status).toBe('error');
    expect((await codeStep(t, pending, { passcode: codeNow(t, secret) })).json).toMatchObject({
      status: 'ok',
      data: 'acme/tina',
    });
    nextStep(t);
  });
});

describe('an organization that requires a second factor', () => {
  test('a user sets up email codes within the sign-in (RequiredMfa) and the sign-in completes', async () => {
    await addOrganization(t, 'strict', { mfaItems: [{ name: 'email', rule: 'Required' }] as never });
    // A provider of the global administrator's, which every organization's applications may name.
    const shared = {
      owner: 'admin',
      name: 'shared-mail',
      category: 'Email',
      type: 'Default',
      host: '127.0.0.1',
      port: smtp.port,
      disableSsl: true,
      clientId: 'mailer@acme.test',
      clientSecret: SMTP_PASSWORD,
    };
    expect((await call(t, root, '/api/add-provider', shared)).data).toBe('Affected');
    await addApplication(t, 'strict-app', 'strict', {
      providers: [providerItem('', 'shared-mail', { rule: 'All' })] as never,
    });
    await addUser(t, 'strict', 'rita', password, { email: 'rita@strict.test' });
    const start = await passwordStep(t, {
      organization: 'strict',
      username: 'rita',
      password,
      application: 'strict-app',
    });
    expect(start.json.data).toBe('RequiredMfa');
    const pending = pendingCookie(start);
    expect((await mfa('initiate', pending, { owner: 'strict', name: 'rita', mfaType: 'email' })).json.status).toBe(
      'ok',
    );
    t.clock.advance(61_000);
    const from = smtp.mails.length;
    const sent = await t.request('/api/send-verification-code', {
      headers: { cookie: pending },
      body: new URLSearchParams({
        applicationId: 'admin/strict-app',
        type: 'email',
        dest: 'rita@strict.test',
        method: 'mfaSetup',
      }),
    });
    expect(sent.json.status).toBe('ok');
    const mail = await until(
      () => smtp.mails.slice(from).find((each) => each.to.includes('rita@strict.test')),
      'mail',
      15_000,
    );
    const code = /\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!;
    expect((await mfa('verify', pending, { mfaType: 'email', passcode: code })).json.status).toBe('ok');
    expect((await mfa('enable', pending, { mfaType: 'email' })).json.status).toBe('ok');
    const done = await codeStep(t, pending, { mfaType: '' });
    expect(done.json).toMatchObject({ status: 'ok', data: 'strict/rita' });
  });
});

describe("the authorization endpoint's second step", () => {
  test('offers the email code with its masked address; Send code mails one; the code signs in with amr pwd, otp, mfa', async () => {
    const jar = new Map<string, string>();
    const keep = <R extends { headers: Headers }>(response: R): R => {
      for (const header of response.headers.getSetCookie()) {
        const [pair] = header.split(';');
        const name = pair!.slice(0, pair!.indexOf('='));
        const value = pair!.slice(pair!.indexOf('=') + 1);
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      return response;
    };
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const post = async (page: { text: string }, action: string, fields: Record<string, string>) => {
      const index = page.text
        .split('<form')
        .slice(1)
        .findIndex((form) => form.includes(`name="action" value="${action}"`));
      expect(index).toBeGreaterThanOrEqual(0);
      const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text, index)));
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      return keep(
        await t.request('/login/oauth/authorize', { method: 'POST', body: form, headers: { cookie: cookie() } }),
      );
    };
    const pkce = pkcePair();
    const query = authorizeQuery({
      clientId: client.clientId,
      scope: 'openid',
      codeChallenge: pkce.challenge,
      state: 's',
    });
    const page = keep(await t.request(`/login/oauth/authorize?${query}`));
    const step = await post(page, 'signin', { username: 'alice', password });
    expect(step.status).toBe(200);
    expect(step.text).toContain('Enter the 6-digit code sent by email to a***@a***.test.');
    expect(step.text).toContain('Send code');

    t.clock.advance(61_000);
    const from = smtp.mails.length;
    const sent = await post(step, 'mfa-method', { mfaType: 'email', send: '1' });
    expect(sent.text).toContain('A code is on its way to a***@a***.test.');
    const mail = await until(
      () => smtp.mails.slice(from).find((each) => each.to.includes('alice@acme.test')),
      'a mail reaches alice',
      15_000,
    );
    const code = /\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!;
    // A second send within the minute is refused on the page.
    expect((await post(sent, 'mfa-method', { mfaType: 'email', send: '1' })).text).toContain('Please wait');

    const done = await post(sent, 'mfa', { passcode: code });
    expect(done.status).toBe(303);
    const authorizationCode = new URL(done.headers.get('location')!).searchParams.get('code')!;
    const tokens = await tokenRequest(
      t,
      {
        grant_type: 'authorization_code',
        code: authorizationCode,
        redirect_uri: REDIRECT_URI,
        code_verifier: pkce.verifier,
      },
      client,
    );
    expect(decodeJwt(tokens.json.id_token).amr).toEqual(['pwd', 'otp', 'mfa']);
  });
});
