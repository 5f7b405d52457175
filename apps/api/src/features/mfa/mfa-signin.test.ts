import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import {
  codeNow,
  codeStep,
  enrolTotp,
  nextStep,
  passwordStep,
  pendingCookie,
  sessionCookie,
  wrongCode,
} from './testing/mfa.ts';

/**
 * Two-step sign-in on POST /api/login, as Casdoor's clients drive it: TOTP set up through the MFA
 * routes, then a password answers NextMfa and the pending sign-in's cookie, and a code completes it.
 */
let t: TestApp;
const password = 'correct-horse-1';

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addApplication(t, 'acme-app', 'acme', { failedSigninLimit: 5, failedSigninFrozenTime: 15 });
});
afterAll(() => t.dispose());

const alicePassword = { organization: 'acme', username: '', password, application: 'acme-app' };

/** A user with TOTP set up by themselves (from a session), answered with the secret and recovery codes. */
async function userWithTotp(name: string) {
  await addUser(t, 'acme', name, password, { signupApplication: 'acme-app' });
  const cookie = await signIn(t, 'acme', name, password, 'acme-app');
  return enrolTotp(t, { cookie }, 'acme', name);
}

describe('TOTP sign-in on /api/login', () => {
  test('after set-up, a password alone answers NextMfa with the factors and a pending cookie, no session', async () => {
    await userWithTotp('alice');
    const first = await passwordStep(t, { ...alicePassword, username: 'alice' });
    expect(first.json).toMatchObject({
      status: 'ok',
      data: 'NextMfa',
      data2: [{ mfaType: 'app', enabled: true, isPreferred: true, mfaRememberInHours: 0 }],
    });
    expect(first.json.data2[0].secret).toBeUndefined();
    expect(sessionCookie(first)).toBeUndefined();
    expect(pendingCookie(first)).toStartWith('latchkey_mfa=');
    // The pending cookie is not a session: it signs nobody in.
    expect((await t.request('/api/get-account', { headers: { cookie: pendingCookie(first) } })).json.status).toBe(
      'error',
    );
  });

  test('the code completes the sign-in once; a wrong code does not', async () => {
    const { secret } = await userWithTotp('bob');
    const first = await passwordStep(t, { ...alicePassword, username: 'bob' });
    const pending = pendingCookie(first);
    const wrong = await codeStep(t, pending, { passcode: wrongCode(t, secret) });
    expect(wrong.json).toMatchObject({ status: 'error', msg: 'The code is wrong.' });
    const second = await codeStep(t, pending, { passcode: codeNow(t, secret) });
    expect(second.json).toMatchObject({ status: 'ok', data: 'acme/bob' });
    const session = sessionCookie(second)!;
    expect((await t.request('/api/get-account', { headers: { cookie: session } })).json.data.name).toBe('bob');
    // The pending sign-in is over: its cookie is cleared, and it cannot complete a second time.
    expect(second.headers.getSetCookie().some((header) => header.startsWith('latchkey_mfa=;'))).toBe(true);
    nextStep(t);
    expect((await codeStep(t, pending, { passcode: codeNow(t, secret) })).json.status).toBe('error');
  });

  test('a code is accepted once: replayed in the same window it is refused, the next one works', async () => {
    const { secret } = await userWithTotp('carol');
    const code = codeNow(t, secret);
    const once = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'carol' })), {
      passcode: code,
    });
    expect(once.json.status).toBe('ok');
    const replayed = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'carol' })), {
      passcode: code,
    });
    expect(replayed.json).toMatchObject({
      status: 'error',
      msg: 'This code has already been used. Wait for the next one.',
    });
    // Ten seconds on, still the same step: the code is still refused.
    t.clock.advance(10_000);
    expect(
      (
        await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'carol' })), {
          passcode: code,
        })
      ).json.status,
    ).toBe('error');
    nextStep(t);
    const next = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'carol' })), {
      passcode: codeNow(t, secret),
    });
    expect(next.json.status).toBe('ok');
  });

  test('codes of one step either side are accepted (clock drift), two steps away are not', async () => {
    const { secret } = await userWithTotp('dave');
    const at = t.clock.now().getTime();
    const { totpCodeAt } = await import('../../core/mfa/totp.ts');
    const late = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'dave' })), {
      passcode: totpCodeAt(secret, at + 30_000),
    });
    expect(late.json.status).toBe('ok');
    nextStep(t);
    nextStep(t);
    nextStep(t);
    const stale = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'dave' })), {
      passcode: totpCodeAt(secret, t.clock.now().getTime() - 60_000),
    });
    expect(stale.json).toMatchObject({ status: 'error', msg: 'The code is wrong.' });
  });

  test('wrong codes lock the account as wrong passwords do, and proving the password again buys no more guesses', async () => {
    const { secret } = await userWithTotp('erin');
    // Each password step is given back once it proved right; wrong codes count: 2 of 5.
    let pending = pendingCookie(await passwordStep(t, { ...alicePassword, username: 'erin' }));
    for (let guess = 0; guess < 2; guess++)
      expect((await codeStep(t, pending, { passcode: wrongCode(t, secret) })).json.msg).toBe('The code is wrong.');
    // A new password step does not reset the count: three more wrong codes lock the account.
    pending = pendingCookie(await passwordStep(t, { ...alicePassword, username: 'erin' }));
    expect((await findUser(t.context.db, 'acme', 'erin'))!.signinWrongTimes).toBe(2);
    for (let guess = 0; guess < 2; guess++)
      expect((await codeStep(t, pending, { passcode: wrongCode(t, secret) })).json.msg).toBe('The code is wrong.');
    const last = await codeStep(t, pending, { passcode: wrongCode(t, secret) });
    expect(last.json.msg).toStartWith('Too many wrong passwords. This account is locked');
    const stored = (await findUser(t.context.db, 'acme', 'erin'))!;
    expect(stored.signinWrongTimes).toBe(5);
    // Locked: the right code and the right password are refused too.
    expect((await codeStep(t, pending, { passcode: codeNow(t, secret) })).json.msg).toStartWith(
      'Too many wrong passwords',
    );
    expect((await passwordStep(t, { ...alicePassword, username: 'erin' })).json.msg).toStartWith(
      'Too many wrong passwords',
    );
    // After the frozen time the right password and code sign in, and the count starts again.
    t.clock.advance(16 * 60_000);
    const again = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'erin' })), {
      passcode: codeNow(t, secret),
    });
    expect(again.json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'erin'))!.signinWrongTimes).toBe(0);
  });

  test('a recovery code signs in once, and its use is recorded', async () => {
    const { recoveryCodes } = await userWithTotp('frank');
    expect(recoveryCodes).toHaveLength(10);
    const used = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'frank' })), {
      recoveryCode: recoveryCodes[3]!.toLowerCase(),
    });
    expect(used.json).toMatchObject({ status: 'ok', data: 'acme/frank' });
    const again = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'frank' })), {
      recoveryCode: recoveryCodes[3]!,
    });
    expect(again.json).toMatchObject({ status: 'error', msg: 'The recovery code is wrong or has already been used.' });
    const other = await codeStep(t, pendingCookie(await passwordStep(t, { ...alicePassword, username: 'frank' })), {
      recoveryCode: recoveryCodes[4]!,
    });
    expect(other.json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'frank'))!.recoveryCodes).toHaveLength(8);
    const { flushAuditLog } = await import('../records/audit-log.ts');
    await flushAuditLog(t.context);
    const records = await storedRows(t.context.db, 'record', { action: 'mfa-recovery-code-used', user: 'acme/frank' });
    expect(records).toHaveLength(2);
    expect(records[0]!.owner).toBe('acme');
  });

  test('a second step without a pending sign-in, or without a code, is refused', async () => {
    const noPending = await t.request('/api/login', { body: { type: 'login', passcode: '123456', mfaType: 'app' } });
    expect(noPending.json.status).toBe('error');
    const { secret } = await userWithTotp('gina');
    const pending = pendingCookie(await passwordStep(t, { ...alicePassword, username: 'gina' }));
    expect((await codeStep(t, pending, {})).json.msg).toBe(
      'Enter the code of your authenticator app, or a recovery code.',
    );
    expect((await codeStep(t, pending, { passcode: '123456', mfaType: 'sms' })).json.status).toBe('error');
    expect((await codeStep(t, pending, { passcode: codeNow(t, secret) })).json.status).toBe('ok');
  });

  test('a pending sign-in expires after five minutes', async () => {
    const { secret } = await userWithTotp('hank');
    const pending = pendingCookie(await passwordStep(t, { ...alicePassword, username: 'hank' }));
    t.clock.advance(5 * 60_000 + 1000);
    const late = await codeStep(t, pending, { passcode: codeNow(t, secret) });
    expect(late.json).toMatchObject({
      status: 'error',
      msg: 'This sign-in has expired. Sign in again with your password.',
    });
  });

  test('ways of signing in without a second step refuse a user with a second factor, after checking the password', async () => {
    await userWithTotp('ivan');
    const query = await t.request(`/api/get-account?username=${encodeURIComponent('acme/ivan')}&password=${password}`);
    expect(query.json.status).toBe('error');
    expect(query.json.msg).toContain('second factor');
    const wrong = await t.request(`/api/get-account?username=${encodeURIComponent('acme/ivan')}&password=not-it`);
    expect(wrong.json.msg).toBe('The username or password is wrong.');
    // Positive control: a user without one still signs in this way.
    await addUser(t, 'acme', 'plain', password);
    expect(
      (await t.request(`/api/get-account?username=${encodeURIComponent('acme/plain')}&password=${password}`)).json
        .status,
    ).toBe('ok');
  });
});
