import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn, signInAsAdmin } from '../../test/fixtures.ts';
import { flushAuditLog } from '../records/audit-log.ts';
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
 * Who must pass a second factor, and who may change one: an organization's `mfaItems` rule
 * `Required` and an application's `requireMfa` make a user without a factor set one up within the
 * sign-in (RequiredMfa); set-up, removal and the preferred factor are for the user and the
 * administrators of their organization only.
 */
let t: TestApp;
const password = 'correct-horse-1';

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'strict', { mfaItems: [{ name: 'app', rule: 'Required' }] });
  await addApplication(t, 'strict-app', 'strict');
  await addOrganization(t, 'relaxed', { mfaItems: [{ name: 'app', rule: 'Optional' }] });
  await addApplication(t, 'relaxed-app', 'relaxed');
  await addApplication(t, 'relaxed-guarded', 'relaxed', { requireMfa: true });
  await addApplication(t, 'relaxed-toggle', 'relaxed');
  await addOrganization(t, 'other');
  await addUser(t, 'other', 'other-admin', password, { isAdmin: true });
});
afterAll(() => t.dispose());

describe('an organization that requires a second factor', () => {
  test('a user without one gets RequiredMfa and no session, sets one up with the pending cookie, and the next call completes the sign-in', async () => {
    await addUser(t, 'strict', 'newbie', password);
    const first = await passwordStep(t, {
      organization: 'strict',
      username: 'newbie',
      password,
      application: 'strict-app',
    });
    expect(first.json).toMatchObject({ status: 'ok', data: 'RequiredMfa', data2: null });
    expect(sessionCookie(first)).toBeUndefined();
    const cookie = pendingCookie(first);

    // Without the cookie nobody may set up the user's factor; with it, only for this user.
    expect(
      (await t.request('/api/mfa/setup/initiate', { body: { owner: 'strict', name: 'newbie', mfaType: 'app' } })).json
        .status,
    ).toBe('error');
    expect(
      (
        await t.request('/api/mfa/setup/initiate', {
          headers: { cookie },
          body: { owner: 'strict', name: 'someone-else', mfaType: 'app' },
        })
      ).json.status,
    ).toBe('error');
    // Completing the sign-in before the set-up is refused.
    expect((await codeStep(t, cookie, {})).json.msg).toBe('Set up a second factor to finish signing in.');

    const started = await t.request('/api/mfa/setup/initiate', {
      headers: { cookie },
      body: { owner: 'strict', name: 'newbie', mfaType: 'app' },
    });
    expect(started.json.status).toBe('ok');
    const { secret, url, qrCode, recoveryCodes } = started.json.data;
    expect(url).toStartWith('otpauth://totp/');
    expect(url).toContain(`secret=${secret}`);
    expect(qrCode).toStartWith('data:image/png;base64,');
    expect(recoveryCodes).toHaveLength(10);
    // Enabling before a code proved the secret is refused; a wrong code does not prove it.
    expect(
      (
        await t.request('/api/mfa/setup/enable', {
          headers: { cookie },
          body: { owner: 'strict', name: 'newbie', mfaType: 'app' },
        })
      ).json.msg,
    ).toBe('Confirm the set-up with a code of your authenticator app first.');
    expect(
      (
        await t.request('/api/mfa/setup/verify', {
          headers: { cookie },
          body: { owner: 'strict', name: 'newbie', mfaType: 'app', passcode: wrongCode(t, secret) },
        })
      ).json.status,
    ).toBe('error');
    expect(
      (
        await t.request('/api/mfa/setup/verify', {
          headers: { cookie },
          body: { owner: 'strict', name: 'newbie', mfaType: 'app', passcode: codeNow(t, secret) },
        })
      ).json,
    ).toMatchObject({ status: 'ok', data: 'OK' });
    expect(
      (
        await t.request('/api/mfa/setup/enable', {
          headers: { cookie },
          body: { owner: 'strict', name: 'newbie', mfaType: 'app' },
        })
      ).json,
    ).toMatchObject({ status: 'ok', data: 'OK' });

    const done = await codeStep(t, cookie, {});
    expect(done.json).toMatchObject({ status: 'ok', data: 'strict/newbie' });
    expect(sessionCookie(done)).toBeDefined();
    const user = (await findUser(t.context.db, 'strict', 'newbie'))!;
    expect(user.preferredMfaType).toBe('app');
    expect(user.signinWrongTimes).toBe(0);

    // From now on the password alone answers NextMfa.
    nextStep(t);
    const next = await passwordStep(t, {
      organization: 'strict',
      username: 'newbie',
      password,
      application: 'strict-app',
    });
    expect(next.json.data).toBe('NextMfa');
    expect((await codeStep(t, pendingCookie(next), { passcode: codeNow(t, secret) })).json.status).toBe('ok');
  });

  test('the pending cookie of a sign-in that waits for a code cannot set up a new factor', async () => {
    await addUser(t, 'relaxed', 'has-one', password);
    const cookie = await signIn(t, 'relaxed', 'has-one', password, 'relaxed-app');
    await enrolTotp(t, { cookie }, 'relaxed', 'has-one');
    const first = await passwordStep(t, {
      organization: 'relaxed',
      username: 'has-one',
      password,
      application: 'relaxed-app',
    });
    expect(first.json.data).toBe('NextMfa');
    const hijack = await t.request('/api/mfa/setup/initiate', {
      headers: { cookie: pendingCookie(first) },
      body: { owner: 'relaxed', name: 'has-one', mfaType: 'app' },
    });
    expect(hijack.json.status).toBe('error');
  });
});

describe('an application that requires a second factor', () => {
  test('the same user signs in to the organization’s other application with a password, and to this one only after setting one up', async () => {
    await addUser(t, 'relaxed', 'carla', password);
    expect(
      (await passwordStep(t, { organization: 'relaxed', username: 'carla', password, application: 'relaxed-app' })).json
        .data,
    ).toBe('relaxed/carla');
    const guarded = await passwordStep(t, {
      organization: 'relaxed',
      username: 'carla',
      password,
      application: 'relaxed-guarded',
    });
    expect(guarded.json.data).toBe('RequiredMfa');
  });

  test('requireMfa is an application field an administrator can read and write', async () => {
    const admin = await signInAsAdmin(t);
    const read = await t.request('/api/get-application?id=admin/relaxed-guarded', { headers: { cookie: admin } });
    expect(read.json.data.requireMfa).toBe(true);
    expect(
      (await passwordStep(t, { organization: 'relaxed', username: 'carla', password, application: 'relaxed-toggle' }))
        .json.data,
    ).toBe('relaxed/carla');
    const updated = await t.request('/api/update-application?id=admin/relaxed-toggle', {
      headers: { cookie: admin },
      body: { requireMfa: true },
    });
    expect(updated.json).toMatchObject({ status: 'ok', data: 'Affected' });
    expect(
      (await passwordStep(t, { organization: 'relaxed', username: 'carla', password, application: 'relaxed-toggle' }))
        .json.data,
    ).toBe('RequiredMfa');
  });
});

describe('who may change a user’s second factor', () => {
  test('an administrator of the user’s organization resets it (audited); another organization’s administrator may not', async () => {
    await addUser(t, 'relaxed', 'lost-phone', password);
    await addUser(t, 'relaxed', 'relaxed-admin', password, { isAdmin: true });
    const own = await signIn(t, 'relaxed', 'lost-phone', password, 'relaxed-app');
    await enrolTotp(t, { cookie: own }, 'relaxed', 'lost-phone');
    const outsider = await signIn(t, 'other', 'other-admin', password);
    expect(
      (
        await t.request('/api/delete-mfa', {
          headers: { cookie: outsider },
          body: { owner: 'relaxed', name: 'lost-phone' },
        })
      ).json.status,
    ).toBe('error');
    // A plain user may not reset another's either.
    await addUser(t, 'relaxed', 'neighbour', password);
    const neighbour = await signIn(t, 'relaxed', 'neighbour', password, 'relaxed-app');
    expect(
      (
        await t.request('/api/delete-mfa', {
          headers: { cookie: neighbour },
          body: { owner: 'relaxed', name: 'lost-phone' },
        })
      ).json.status,
    ).toBe('error');
    expect((await findUser(t.context.db, 'relaxed', 'lost-phone'))!.totpSecret).not.toBe('');

    const admin = await signIn(t, 'relaxed', 'relaxed-admin', password, 'relaxed-app');
    const reset = await t.request('/api/delete-mfa', {
      headers: { cookie: admin },
      body: { owner: 'relaxed', name: 'lost-phone' },
    });
    expect(reset.json.status).toBe('ok');
    expect(reset.json.data.map((props: { mfaType: string }) => props.mfaType)).toEqual([
      'sms',
      'email',
      'app',
      'radius',
      'push',
    ]);
    expect(reset.json.data.every((props: { enabled: boolean }) => !props.enabled)).toBe(true);
    const user = (await findUser(t.context.db, 'relaxed', 'lost-phone'))!;
    expect(user).toMatchObject({ totpSecret: '', recoveryCodes: [], preferredMfaType: '' });
    expect(
      (await passwordStep(t, { organization: 'relaxed', username: 'lost-phone', password, application: 'relaxed-app' }))
        .json.data,
    ).toBe('relaxed/lost-phone');
    await flushAuditLog(t.context);
    const [record] = await storedRows(t.context.db, 'record', { action: 'delete-mfa', user: 'relaxed/relaxed-admin' });
    expect(record).toMatchObject({ owner: 'relaxed', statusCode: 200 });
    expect(record!.object).toContain('lost-phone');
  });

  test('an administrator may set up a factor for a user of their organization (as the SDK does), not for another organization', async () => {
    await addUser(t, 'relaxed', 'managed', password);
    const admin = await signIn(t, 'relaxed', 'relaxed-admin', password, 'relaxed-app');
    const { secret } = await enrolTotp(t, { cookie: admin }, 'relaxed', 'managed');
    const first = await passwordStep(t, {
      organization: 'relaxed',
      username: 'managed',
      password,
      application: 'relaxed-app',
    });
    expect((await codeStep(t, pendingCookie(first), { passcode: codeNow(t, secret) })).json.status).toBe('ok');
    const outsider = await signIn(t, 'other', 'other-admin', password);
    expect(
      (
        await t.request('/api/mfa/setup/initiate', {
          headers: { cookie: outsider },
          body: { owner: 'relaxed', name: 'managed', mfaType: 'app' },
        })
      ).json.status,
    ).toBe('error');
  });

  test('set-preferred-mfa takes only a factor the user has; recovery codes are regenerated by the user alone', async () => {
    await addUser(t, 'relaxed', 'picky', password);
    const cookie = await signIn(t, 'relaxed', 'picky', password, 'relaxed-app');
    expect(
      (
        await t.request('/api/set-preferred-mfa', {
          headers: { cookie },
          body: { owner: 'relaxed', name: 'picky', mfaType: 'app' },
        })
      ).json.status,
    ).toBe('error');
    const { secret, recoveryCodes } = await enrolTotp(t, { cookie }, 'relaxed', 'picky');
    const preferred = await t.request('/api/set-preferred-mfa', {
      headers: { cookie },
      body: { owner: 'relaxed', name: 'picky', mfaType: 'app' },
    });
    expect(preferred.json.data.find((props: { mfaType: string }) => props.mfaType === 'app')).toMatchObject({
      enabled: true,
      isPreferred: true,
    });
    expect(
      (
        await t.request('/api/set-preferred-mfa', {
          headers: { cookie },
          body: { owner: 'relaxed', name: 'picky', mfaType: 'sms' },
        })
      ).json.status,
    ).toBe('error');

    const fresh = await t.request('/api/mfa/recovery-codes', { headers: { cookie }, body: {} });
    expect(fresh.json.data).toHaveLength(10);
    const admin = await signIn(t, 'relaxed', 'relaxed-admin', password, 'relaxed-app');
    expect(
      (
        await t.request('/api/mfa/recovery-codes', {
          headers: { cookie: admin },
          body: { owner: 'relaxed', name: 'picky' },
        })
      ).json.status,
    ).toBe('error');
    // The old codes no longer work; the new ones do.
    const old = await passwordStep(t, {
      organization: 'relaxed',
      username: 'picky',
      password,
      application: 'relaxed-app',
    });
    expect((await codeStep(t, pendingCookie(old), { recoveryCode: recoveryCodes[0] })).json.status).toBe('error');
    const renewed = await passwordStep(t, {
      organization: 'relaxed',
      username: 'picky',
      password,
      application: 'relaxed-app',
    });
    expect((await codeStep(t, pendingCookie(renewed), { recoveryCode: fresh.json.data[0] })).json.status).toBe('ok');
    expect(secret).toBeTruthy();
  });
});
