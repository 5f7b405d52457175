import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { codecs, insertRow, migrateToLatest, migrations } from '@latchkey/db';
import { openTestDb, storedRow, storedRows, type TestDb } from '@latchkey/db/testing';
import { Migrator } from 'kysely/migration';
import { createSecretBox } from '../../core/crypto/secret-box.ts';
import { secondFactorMigrationHooks } from '../../core/mfa/migration-hooks.ts';
import { findRecoveryCode } from '../../core/mfa/recovery-codes.ts';
import { newTotpSecret } from '../../core/mfa/totp.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser, signIn, signInAsAdmin } from '../../test/fixtures.ts';
import { codeNow } from './testing/mfa.ts';

/** Second factors at rest: what the database holds is sealed or hashed, never the secret or the codes. */
describe('second factors in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await addOrganization(t, 'acme');
    await addUser(t, 'acme', 'alice', 'alice-password');
  });
  afterAll(() => t.dispose());

  test('a set-up in progress and an enabled factor hold the secret sealed and the recovery codes sealed, then hashed', async () => {
    const cookie = await signIn(t, 'acme', 'alice', 'alice-password');
    const started = (
      await t.request('/api/mfa/setup/initiate', {
        headers: { cookie },
        body: { owner: 'acme', name: 'alice', mfaType: 'app' },
      })
    ).json.data;
    const enrolment = await storedRow(t.context.db, 'mfa_enrolment', {});
    expect(enrolment.secret).toStartWith('enc:v1:');
    expect(JSON.stringify(enrolment)).not.toContain(started.secret);
    for (const code of started.recoveryCodes) expect(JSON.stringify(enrolment)).not.toContain(code);

    await t.request('/api/mfa/setup/verify', {
      headers: { cookie },
      body: { owner: 'acme', name: 'alice', mfaType: 'app', passcode: codeNow(t, started.secret) },
    });
    expect(
      (
        await t.request('/api/mfa/setup/enable', {
          headers: { cookie },
          body: { owner: 'acme', name: 'alice', mfaType: 'app' },
        })
      ).json.status,
    ).toBe('ok');
    const row = await storedRow(t.context.db, 'user', { name: 'alice' });
    expect(row.totpSecret).toStartWith('enc:v1:');
    expect(t.context.secrets.open(row.totpSecret)).toBe(started.secret);
    const stored = JSON.parse(row.recoveryCodes) as string[];
    expect(stored).toHaveLength(10);
    for (const code of started.recoveryCodes) {
      expect(row.recoveryCodes).not.toContain(code);
      expect(findRecoveryCode(stored, code)).toBeDefined();
    }
    // The set-up is gone once enabled; nothing of it stays.
    expect(await storedRows(t.context.db, 'mfa_enrolment')).toEqual([]);
  });

  test('the API shows neither the secret nor the codes, not even to a global administrator', async () => {
    const admin = await signInAsAdmin(t);
    for (const path of ['/api/get-user?id=acme/alice', '/api/get-users?owner=acme']) {
      const answer = await t.request(path, { headers: { cookie: admin } });
      expect(answer.json.status).toBe('ok');
      expect(answer.text).not.toContain('enc:v1:');
      expect(answer.text).not.toContain('sha256:');
    }
    const user = (await t.request('/api/get-user?id=acme/alice', { headers: { cookie: admin } })).json.data;
    expect(user).toMatchObject({ totpSecret: '', recoveryCodes: [], preferredMfaType: 'app' });
  });
});

/** User columns that later migrations add (0810: passkeys, 0840 and 0980: linked accounts, 0981: their tokens), absent from a database before 0800. */
const LATER_USER_COLUMNS = new Set([
  'webauthnCredentials',
  'github',
  'google',
  'gitlab',
  'azuread',
  'discord',
  'custom',
  'apple',
  'originalToken',
  'originalRefreshToken',
]);

describe('migration 0800 on a database that already holds second factors', () => {
  let testDb: TestDb | undefined;
  afterEach(async () => {
    await testDb?.dispose();
    testDb = undefined;
  });

  async function databaseBefore0800(): Promise<TestDb> {
    const db = await openTestDb({ migrate: false });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0800'));
    const { error } = await new Migrator({
      db: db.db,
      migrationTableSchema: db.schema,
      provider: { getMigrations: async () => before },
    }).migrateToLatest();
    if (error) throw error;
    return db;
  }

  /** The user row's columns as they were before migration 0800 (later migrations add some). */
  const columnsBefore0800 = () =>
    Object.keys(codecs.user.encode({})).filter((column) => !LATER_USER_COLUMNS.has(column));

  test('seals TOTP secrets and hashes recovery codes that were stored in clear', async () => {
    testDb = await databaseBefore0800();
    const secret = newTotpSecret();
    const code = randomUUID();
    const userColumns = columnsBefore0800();
    const row = codecs.user.encode({
      owner: 'acme',
      name: 'alice',
      id: randomUUID(),
      totpSecret: secret,
      recoveryCodes: [code],
      preferredMfaType: 'app',
    });
    await insertRow(
      testDb.db,
      'user',
      Object.fromEntries(userColumns.map((column) => [column, (row as Record<string, unknown>)[column]])),
    );
    const secrets = createSecretBox(randomBytes(32));
    await migrateToLatest(testDb.db, secondFactorMigrationHooks(secrets));
    const stored = await storedRow(testDb.db, 'user', {});
    expect(stored.totpSecret).toStartWith('enc:v1:');
    expect(secrets.open(stored.totpSecret)).toBe(secret);
    expect(stored.recoveryCodes).not.toContain(code);
    expect(findRecoveryCode(JSON.parse(stored.recoveryCodes), code)).toBeDefined();
  });

  test('refuses to run without the secret key when there is something to seal, and leaves the rows as they were', async () => {
    testDb = await databaseBefore0800();
    const secret = newTotpSecret();
    const row = codecs.user.encode({ owner: 'acme', name: 'bob', id: randomUUID(), totpSecret: secret });
    const userColumns = columnsBefore0800();
    await insertRow(
      testDb.db,
      'user',
      Object.fromEntries(userColumns.map((column) => [column, (row as Record<string, unknown>)[column]])),
    );
    await expect(migrateToLatest(testDb.db)).rejects.toThrow('without the secret key');
    expect((await storedRow(testDb.db, 'user', {})).totpSecret).toBe(secret);
  });
});
