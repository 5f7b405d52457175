import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, providerItem, signIn, tokenFor } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../notifications/testing/smtp-receiver.ts';
import { configureVerificationCodes } from './codes.ts';

/**
 * Verification codes end to end: a real SMTP server and an HTTP receiver playing the SMS and email
 * gateways get the messages; every way of misusing a code is refused.
 */
let t: TestApp;
let root: Caller;
let smtp: SmtpReceiver;
const gateway = startCallbackReceiver();
const SMTP_PASSWORD = 'smtp-password-for-codes-0f3a';
const INVALID = 'The verification code is wrong, has expired or was tried too many times. Ask for a new code.';
const APP = 'codes-app';

const acmeProvider = (name: string) => providerItem('acme', name, { rule: 'All' });

async function addProvider(fields: Record<string, unknown>) {
  const answer = await call(t, root, '/api/add-provider', { owner: 'acme', ...fields });
  expect(answer.data).toBe('Affected');
}

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureVerificationCodes(t.context, { perAddressPerHour: 10_000 });
  root = await globalAdmin(t);
  smtp = await startSmtpReceiver({ username: 'mailer@acme.test', password: SMTP_PASSWORD });
  await addOrganization(t, 'acme', { displayName: 'Acme & Co', logo: 'https://cdn.acme.test/logo.png' });
  await addProvider({
    name: 'acme-mail',
    category: 'Email',
    type: 'Default',
    host: '127.0.0.1',
    port: smtp.port,
    disableSsl: true,
    clientId: 'mailer@acme.test',
    clientSecret: SMTP_PASSWORD,
  });
  await addProvider({
    name: 'acme-sms',
    category: 'SMS',
    type: 'Custom HTTP SMS',
    method: 'POST',
    endpoint: gateway.url('/sms'),
    templateCode: 'Code: %s',
  });
  await addApplication(t, APP, 'acme', {
    enableSignUp: true,
    enableCodeSignin: true,
    providers: [acmeProvider('acme-mail'), acmeProvider('acme-sms')] as never,
    signupItems: [
      { name: 'Email', visible: true, required: true, prompted: false, label: '', placeholder: '', rule: 'Normal' },
    ],
  });
  await addUser(t, 'acme', 'alice', 'Alice-password-1', { email: 'alice@acme.test', phone: '+15555550101' });
  await addUser(t, 'acme', 'bob', 'Bob-password-1', { email: 'bob@acme.test' });
});
afterAll(async () => {
  gateway.stop();
  await smtp.stop();
  await t.dispose();
});

const sendCode = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.request('/api/send-verification-code', {
    body: new URLSearchParams({ applicationId: `admin/${APP}`, captchaType: 'none', ...fields }),
    headers,
  });

/** A new mail to an address (after `from` mails), and the code in it. */
async function codeMailedTo(address: string, from: number) {
  const mail = await until(
    () => smtp.mails.slice(from).find((each) => each.to.includes(address)),
    `a mail reaches ${address}`,
    15_000,
  );
  const code = /\b(\d{6})\b/.exec(mail.parsed.text ?? '')?.[1];
  expect(code).toBeDefined();
  return { mail, code: code! };
}

/** A code sent to alice's (or another account's) email for a method, as the console asks for it. */
async function mailedCode(method: string, email: string, extra: Record<string, string> = {}, to = email) {
  t.clock.advance(61_000);
  const from = smtp.mails.length;
  const answer = await sendCode({ type: 'email', dest: email, method, ...extra });
  expect(answer.json).toEqual({ status: 'ok', msg: '', data: null, data2: null });
  return (await codeMailedTo(to, from)).code;
}

const verify = (name: string, code: string) =>
  t.request('/api/verify-code', { body: { application: APP, organization: 'acme', name, username: name, code } });
const setPassword = (userName: string, code: string, newPassword: string) =>
  t.request('/api/set-password', {
    body: new URLSearchParams({ userOwner: 'acme', userName, code, newPassword }),
  });
const storedHash = async (name: string) => (await findUser(t.context.db, 'acme', name))!.password;

describe('a forgotten password, end to end', () => {
  test('identify, send a code, verify it, set a new password; every session and token ends; the code works once', async () => {
    const session = await signIn(t, 'acme', 'alice', 'Alice-password-1', APP);
    expect((await t.request('/api/get-account', { headers: { cookie: session } })).json.status).toBe('ok');
    const token = await tokenFor(t, APP, 'acme', 'alice');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.request('/api/userinfo', { headers: bearer })).status).toBe(200);

    const identified = await t.request('/api/get-email-and-phone?organization=acme&username=alice');
    expect(identified.json).toMatchObject({
      status: 'ok',
      data: { name: 'alice', email: 'a***@a***.test', phone: '***01' },
      data2: 'username',
    });
    const code = await mailedCode('forget', 'a***@a***.test', { checkUser: 'alice' }, 'alice@acme.test');
    const mail = smtp.mails.at(-1)!;
    expect(mail.user).toBe('mailer@acme.test');
    expect(mail.parsed.subject).toBe('Acme & Co: your verification code');
    expect(mail.parsed.html).toContain('Acme &#38; Co');
    expect(mail.parsed.html).toContain('<img src="https://cdn.acme.test/logo.png"');
    expect(mail.parsed.text).toContain(code);

    expect((await verify('alice', code)).json).toMatchObject({ status: 'ok' });
    // The password rules of the organization apply, and a refused password keeps the code.
    expect((await setPassword('alice', code, '')).json.status).toBe('error');
    expect((await setPassword('alice', code, 'Alice-new-password-2')).json).toEqual({
      status: 'ok',
      msg: '',
      data: null,
      data2: null,
    });
    expect((await t.request('/api/get-account', { headers: { cookie: session } })).json.status).toBe('error');
    expect((await t.request('/api/userinfo', { headers: bearer })).status).toBe(401);
    await signIn(t, 'acme', 'alice', 'Alice-new-password-2', APP);
    const again = await setPassword('alice', code, 'Alice-new-password-3');
    expect(again.json).toMatchObject({ status: 'error', msg: INVALID });
    expect(
      (
        await t.request('/api/login', {
          body: {
            application: APP,
            organization: 'acme',
            username: 'alice',
            password: 'Alice-new-password-3',
            type: 'login',
          },
        })
      ).json.status,
    ).toBe('error');
  });

  test("a code sent for one account never sets another's password (casdoor#3607)", async () => {
    const bobBefore = await storedHash('bob');
    const code = await mailedCode('forget', 'alice@acme.test', { checkUser: 'alice' });
    expect((await verify('alice', code)).json.status).toBe('ok');
    const crossed = await setPassword('bob', code, 'Taken-over-password-9');
    expect(crossed.json).toMatchObject({ status: 'error', msg: INVALID });
    expect(await storedHash('bob')).toBe(bobBefore);
    expect((await verify('bob', code)).json).toMatchObject({ status: 'error', msg: INVALID });
    expect(await storedHash('bob')).toBe(bobBefore);
    // Positive control: the same code sets the password of the account it was sent for.
    expect((await setPassword('alice', code, 'Alice-new-password-4')).json.status).toBe('ok');
  });
});

describe('codes are bound, short-lived and limited', () => {
  test('a code for another purpose is refused (a sign-in code does not reset a password)', async () => {
    const loginCode = await mailedCode('login', 'alice@acme.test');
    expect((await verify('alice', loginCode)).json).toMatchObject({ status: 'error', msg: INVALID });
    // It still signs in: it was refused for its purpose, not spent.
    const signedIn = await t.request('/api/login', {
      body: { application: APP, organization: 'acme', username: 'alice@acme.test', code: loginCode, type: 'login' },
    });
    expect(signedIn.json).toMatchObject({ status: 'ok', data: 'acme/alice' });
    const signupCode = await mailedCode('signup', 'carol@acme.test');
    const asLogin = await t.request('/api/login', {
      body: { application: APP, organization: 'acme', username: 'carol@acme.test', code: signupCode, type: 'login' },
    });
    expect(asLogin.json).toMatchObject({ status: 'error', msg: INVALID });
  });

  test('a code expires after ten minutes', async () => {
    const code = await mailedCode('forget', 'alice@acme.test', { checkUser: 'alice' });
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await verify('alice', code)).json).toMatchObject({ status: 'error', msg: INVALID });
  });

  test('after five wrong codes the right one is refused too', async () => {
    const code = await mailedCode('forget', 'alice@acme.test', { checkUser: 'alice' });
    const wrong = code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await verify('alice', wrong)).json).toMatchObject({ status: 'error', msg: INVALID });
    expect((await verify('alice', code)).json).toMatchObject({ status: 'error', msg: INVALID });
  });

  test('four wrong codes leave the right one working (positive control of the limit)', async () => {
    const code = await mailedCode('forget', 'alice@acme.test', { checkUser: 'alice' });
    const wrong = code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 4; attempt++) expect((await verify('alice', wrong)).json.status).toBe('error');
    expect((await verify('alice', code)).json.status).toBe('ok');
  });

  test('one send per destination a minute', async () => {
    await mailedCode('login', 'bob@acme.test');
    const tooSoon = await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'login' });
    expect(tooSoon.json).toMatchObject({ status: 'error' });
    expect(tooSoon.json.msg).toContain('60 seconds');
    t.clock.advance(61_000);
    expect((await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'login' })).json.status).toBe('ok');
  });

  test('an hourly cap per destination', async () => {
    configureVerificationCodes(t.context, { perDestinationPerHour: 3 });
    try {
      for (let index = 0; index < 3; index++) {
        t.clock.advance(61_000);
        expect((await sendCode({ type: 'email', dest: 'dave@acme.test', method: 'signup' })).json.status).toBe('ok');
      }
      t.clock.advance(61_000);
      const capped = await sendCode({ type: 'email', dest: 'dave@acme.test', method: 'signup' });
      expect(capped.json).toMatchObject({
        status: 'error',
        msg: 'Too many verification codes were asked for. Please try again later.',
      });
    } finally {
      configureVerificationCodes(t.context, { perDestinationPerHour: 10 });
    }
  });

  test('the answers do not tell whether an account exists, and nothing is sent for an unknown one', async () => {
    await deliveriesSettled(t.context);
    const mailsBefore = smtp.mails.length;
    t.clock.advance(61_000);
    const known = await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'forget', checkUser: 'bob' });
    const unknown = await sendCode({ type: 'email', dest: 'nobody@acme.test', method: 'forget', checkUser: 'nobody' });
    const unknownLogin = await sendCode({ type: 'email', dest: 'ghost@acme.test', method: 'login' });
    expect(unknown.json).toEqual(known.json);
    expect(unknownLogin.json).toEqual(known.json);
    const unknownAgain = await sendCode({
      type: 'email',
      dest: 'nobody@acme.test',
      method: 'forget',
      checkUser: 'nobody',
    });
    const knownAgain = await sendCode({ type: 'email', dest: 'bob@acme.test', method: 'forget', checkUser: 'bob' });
    expect(unknownAgain.json).toEqual(knownAgain.json);
    expect(knownAgain.json.status).toBe('error');

    const identifiedUnknown = await t.request('/api/get-email-and-phone?organization=acme&username=nobody');
    const identifiedUnknownAgain = await t.request('/api/get-email-and-phone?organization=acme&username=nobody');
    expect(identifiedUnknown.json).toMatchObject({ status: 'ok', data: { name: 'nobody' }, data2: 'username' });
    expect(identifiedUnknown.json.data.email).toMatch(/^n\*\*\*@[a-z]\*\*\*\.[a-z]+$/);
    expect(identifiedUnknownAgain.json).toEqual(identifiedUnknown.json);
    const byEmail = await t.request('/api/get-email-and-phone?organization=acme&username=nobody@acme.test');
    expect(byEmail.json).toMatchObject({
      status: 'ok',
      data: { name: 'nobody@acme.test', email: 'nobody@acme.test' },
      data2: 'email',
    });

    expect((await verify('nobody', '123456')).json).toMatchObject({ status: 'error', msg: INVALID });
    // Only bob's code was queued: once the outbox is idle, bob got one mail and nobody none.
    await deliveriesSettled(t.context);
    const sent = smtp.mails.slice(mailsBefore).flatMap((each) => each.to);
    expect(sent).toEqual(['bob@acme.test']);
  });

  test('no log line holds a code or the SMTP password', async () => {
    const code = await mailedCode('forget', 'alice@acme.test', { checkUser: 'alice' });
    await deliveriesSettled(t.context);
    const entries = t.logs.entries();
    expect(entries.some((entry) => entry.kind === 'verification-email')).toBe(true);
    expect(t.logs.lines.some((line) => line.includes(SMTP_PASSWORD))).toBe(false);
    expect(entries.some((entry) => Object.values(entry).some((value) => value === code))).toBe(false);
  });
});

describe('sign-up with a verified email address', () => {
  const signup = (fields: Record<string, string>) =>
    t.request('/api/signup', {
      body: { application: APP, organization: 'acme', password: 'Signup-password-1', ...fields },
    });

  test('the sign-up items ask for a code: none, or one sent elsewhere, is refused; the right one verifies the address', async () => {
    expect((await signup({ username: 'erin', email: 'erin@acme.test' })).json).toMatchObject({
      status: 'error',
      msg: 'Enter the verification code sent to your email address.',
    });
    const other = await mailedCode('signup', 'frank@acme.test');
    expect((await signup({ username: 'erin', email: 'erin@acme.test', emailCode: other })).json).toMatchObject({
      status: 'error',
      msg: INVALID,
    });
    const code = await mailedCode('signup', 'erin@acme.test');
    expect((await signup({ username: 'erin', email: 'erin@acme.test', emailCode: code })).json).toMatchObject({
      status: 'ok',
      data: 'acme/erin',
    });
    expect((await findUser(t.context.db, 'acme', 'erin'))!.emailVerified).toBe(true);
    expect((await signup({ username: 'erin2', email: 'erin@acme.test', emailCode: code })).json.status).toBe('error');
  });
});

describe('sign-in by code', () => {
  test('an email code signs in once; an application without code sign-in refuses', async () => {
    const code = await mailedCode('login', 'bob@acme.test');
    const login = (application: string) =>
      t.request('/api/login', {
        body: { application, organization: 'acme', username: 'bob@acme.test', code, type: 'login' },
      });
    await addApplication(t, 'no-codes-app', 'acme', { enableCodeSignin: false });
    expect((await login('no-codes-app')).json).toMatchObject({
      status: 'error',
      msg: 'Signing in with a verification code is not enabled for this application.',
    });
    const signedIn = await login(APP);
    expect(signedIn.json).toMatchObject({ status: 'ok', data: 'acme/bob' });
    expect(signedIn.headers.get('set-cookie')).toContain('casdoor_session_id=');
    expect((await login(APP)).json).toMatchObject({ status: 'error', msg: INVALID });
  });

  test('a text-message code through "Custom HTTP SMS" signs in', async () => {
    t.clock.advance(61_000);
    const before = gateway.calls.length;
    expect((await sendCode({ type: 'phone', dest: '+15555550101', method: 'login' })).json.status).toBe('ok');
    const sms = await until(
      () => gateway.calls.slice(before).find((each) => each.path === '/sms'),
      'the gateway is called',
      15_000,
    );
    expect(sms.fields.phoneNumber).toBe('+15555550101');
    const code = /(\d{6})/.exec(sms.fields.content ?? '')?.[1];
    expect(code).toBeDefined();
    const signedIn = await t.request('/api/login', {
      body: { application: APP, organization: 'acme', username: '+15555550101', code, type: 'login' },
    });
    expect(signedIn.json).toMatchObject({ status: 'ok', data: 'acme/alice' });
  });
});

describe("a forgotten password follows the organization's password rules", () => {
  test('a new password the rules refuse keeps the code; one that fits them is set', async () => {
    const { data: organization } = await call(t, root, '/api/get-organization?id=admin/acme');
    const choose = async (passwordOptions: string[]) =>
      expect(
        (await call(t, root, '/api/update-organization?id=admin/acme', { ...organization, passwordOptions })).status,
      ).toBe('ok');
    await choose(['AtLeast8', 'Aa123', 'SpecialChar']);
    try {
      const before = await storedHash('bob');
      const code = await mailedCode('forget', 'bob@acme.test', { checkUser: 'bob' });
      expect((await verify('bob', code)).json.status).toBe('ok');
      for (const weak of ['Short-1', 'nouppercase-1', 'NoSpecial1']) {
        expect((await setPassword('bob', code, weak)).json).toMatchObject({
          status: 'error',
          data: { field: 'newPassword' },
        });
        expect(await storedHash('bob')).toBe(before);
      }
      expect((await setPassword('bob', code, 'Bob-reset-password-7')).json.status).toBe('ok');
      expect(await storedHash('bob')).not.toBe(before);
    } finally {
      await choose([]);
    }
  });
});
