import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { findUser } from '@latchkey/db';
import { storedRow } from '@latchkey/db/testing';
import { newTotpSecret } from '../../core/mfa/totp.ts';
import { exportInitData } from '../../server/init-data/export-init-data.ts';
import { importInitData } from '../../server/init-data/import-init-data.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { codeNow, codeStep, nextStep, passwordStep, pendingCookie } from './testing/mfa.ts';

/**
 * Users imported from Casdoor keep their second factor: the TOTP secret works on their first
 * sign-in (sealed on import), recovery codes too (hashed on import), email and SMS codes are asked
 * for, and an export carries the secrets only with secrets.
 */
const secret = newTotpSecret();
const recoveryCode = randomUUID();

function casdoorData(users: Record<string, unknown>[]) {
  return {
    organizations: [{ owner: 'admin', name: 'acme', displayName: 'Acme', passwordType: 'plain' }],
    applications: [
      {
        owner: 'admin',
        name: 'acme-app',
        organization: 'acme',
        enablePassword: true,
        clientId: 'acme-client-id-00001',
        clientSecret: 'acme-secret',
        cert: 'cert-built-in',
      },
    ],
    users,
  };
}

const casdoorUser = (name: string, fields: Record<string, unknown>) => ({
  owner: 'acme',
  name,
  id: randomUUID(),
  password: `${name}-password`,
  passwordType: 'plain',
  signupApplication: 'acme-app',
  ...fields,
});

describe('users imported from Casdoor with a second factor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const report = await importInitData(
      t.context,
      casdoorData([
        casdoorUser('alice', { preferredMfaType: 'app', totpSecret: secret, recoveryCodes: [recoveryCode] }),
        casdoorUser('bob', { preferredMfaType: 'email', mfaEmailEnabled: true, email: 'bob@acme.example' }),
        casdoorUser('sue', { preferredMfaType: 'sms', mfaPhoneEnabled: true, phone: '15555550123', countryCode: 'US' }),
        casdoorUser('nophone', { preferredMfaType: 'sms', mfaPhoneEnabled: true }),
        casdoorUser('broken', { preferredMfaType: 'app', totpSecret: 'not base32!' }),
      ]),
    );
    expect(report.rejected.map((entry) => entry.entry)).toEqual([expect.stringContaining('broken')]);
    expect(report.notes.find((note) => note.entry.includes('bob'))).toBeUndefined();
    expect(report.notes.find((note) => note.entry.includes('nophone'))?.note).toContain(
      'SMS codes (no phone number) as a second factor with nowhere to send them',
    );
  });
  afterAll(() => t.dispose());

  test('their secret is stored sealed and their recovery codes as hashes', async () => {
    const row = await storedRow(t.context.db, 'user', { owner: 'acme', name: 'alice' });
    expect(row.totpSecret).toStartWith('enc:v1:');
    expect(row.totpSecret).not.toContain(secret);
    expect(t.context.secrets.open(row.totpSecret)).toBe(secret);
    expect(row.recoveryCodes).not.toContain(recoveryCode);
    expect(JSON.parse(row.recoveryCodes)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
  });

  test('the first sign-in asks for the code of their authenticator app, and the code works', async () => {
    const first = await passwordStep(t, {
      organization: 'acme',
      username: 'alice',
      password: 'alice-password',
      application: 'acme-app',
    });
    expect(first.json).toMatchObject({ status: 'ok', data: 'NextMfa', data2: [{ mfaType: 'app', isPreferred: true }] });
    const second = await codeStep(t, pendingCookie(first), { passcode: codeNow(t, secret) });
    expect(second.json).toMatchObject({ status: 'ok', data: 'acme/alice' });
  });

  test('their Casdoor recovery code works once', async () => {
    const first = await passwordStep(t, {
      organization: 'acme',
      username: 'alice',
      password: 'alice-password',
      application: 'acme-app',
    });
    expect((await codeStep(t, pendingCookie(first), { recoveryCode })).json.status).toBe('ok');
    const again = await passwordStep(t, {
      organization: 'acme',
      username: 'alice',
      password: 'alice-password',
      application: 'acme-app',
    });
    expect((await codeStep(t, pendingCookie(again), { recoveryCode })).json.status).toBe('error');
  });

  test('their email or SMS second factor is asked for, with the address or number masked', async () => {
    const signInAs = (name: string) =>
      passwordStep(t, { organization: 'acme', username: name, password: `${name}-password`, application: 'acme-app' });
    expect((await signInAs('bob')).json).toMatchObject({
      status: 'ok',
      data: 'NextMfa',
      data2: [{ mfaType: 'email', isPreferred: true, secret: 'b***@a***.example' }],
    });
    expect((await signInAs('sue')).json).toMatchObject({
      status: 'ok',
      data: 'NextMfa',
      data2: [{ mfaType: 'sms', isPreferred: true, secret: '***23', countryCode: 'US' }],
    });
    // With no phone number the factor cannot work: the password alone signs in, as the import report said.
    expect((await signInAs('nophone')).json).toMatchObject({ status: 'ok', data: 'acme/nophone' });
  });

  test('an export carries the TOTP secret and recovery codes only with secrets, and a full copy imports back working', async () => {
    const shared = await exportInitData(t.context, { withSecrets: false });
    const sharedAlice = shared.users.find((user) => user.name === 'alice')!;
    expect(sharedAlice).toMatchObject({ totpSecret: '', recoveryCodes: [], preferredMfaType: 'app' });
    expect(JSON.stringify(shared)).not.toContain(secret);

    const full = await exportInitData(t.context, { withSecrets: true });
    const fullAlice = full.users.find((user) => user.name === 'alice')!;
    expect(fullAlice.totpSecret).toBe(secret);
    expect(fullAlice.recoveryCodes).toEqual([]);

    const copy = await createTestApp();
    try {
      const report = await importInitData(copy.context, {
        ...full,
        users: full.users.filter((user) => user.owner === 'acme'),
      });
      expect(report.rejected).toEqual([]);
      const stored = (await findUser(copy.context.db, 'acme', 'alice'))!;
      expect(stored.totpSecret).toStartWith('enc:v1:');
      nextStep(copy);
      const first = await passwordStep(copy, {
        organization: 'acme',
        username: 'alice',
        password: 'alice-password',
        application: 'acme-app',
      });
      expect((await codeStep(copy, pendingCookie(first), { passcode: codeNow(copy, secret) })).json.status).toBe('ok');
    } finally {
      await copy.dispose();
    }
  });
});
