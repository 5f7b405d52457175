import { afterEach, describe, expect, test } from 'bun:test';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { openTestDb, storedRow, storedRows, type TestDb } from '@latchkey/db/testing';
import { loadConfig } from '../core/config/index.ts';
import { type AppContext, systemClock } from '../core/context.ts';
import { createSecretBox } from '../core/crypto/secret-box.ts';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { createPasswordHasher } from '../core/passwords/hasher.ts';
import { ensureBuiltIns } from './built-ins.ts';

let testDb: TestDb | undefined;
afterEach(async () => {
  await testDb?.dispose();
  testDb = undefined;
});

async function contextWith(adminPassword?: string): Promise<AppContext> {
  testDb = await openTestDb();
  return {
    config: { ...loadConfig({}), adminPassword },
    db: testDb.db,
    dialect: testDb.dialect,
    log: createMemoryLogger().logger,
    secrets: createSecretBox(randomBytes(32)),
    passwords: createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    clock: systemClock,
  };
}

async function snapshot(context: AppContext) {
  return {
    organizations: await storedRows(context.db, 'organization'),
    users: await storedRows(context.db, 'user'),
    applications: await storedRows(context.db, 'application'),
    certs: await storedRows(context.db, 'cert'),
    providers: await storedRows(context.db, 'provider'),
  };
}

describe('first start', () => {
  test('creates the built-in organization, administrator, application and cert once', async () => {
    const context = await contextWith('configured-password');
    const first = await ensureBuiltIns(context);
    expect(first).toEqual({ created: true, generatedPassword: undefined });
    const seeded = await snapshot(context);
    expect(seeded.organizations.map((o) => `${o.owner}/${o.name}`)).toEqual(['admin/built-in']);
    expect(seeded.users.map((u) => `${u.owner}/${u.name}`)).toEqual(['built-in/admin']);
    expect(seeded.applications.map((a) => `${a.owner}/${a.name}`)).toEqual(['admin/app-built-in']);
    expect(seeded.certs.map((c) => `${c.owner}/${c.name}`)).toEqual(['admin/cert-built-in']);

    const [app] = seeded.applications;
    expect(app!.clientId).toMatch(/^[0-9a-f]{20}$/);
    expect(context.secrets.open(app!.clientSecret)).toMatch(/^[0-9a-f]{40}$/);
    expect(app!.clientSecret).not.toMatch(/^[0-9a-f]{40}$/);
    expect(app!.cert).toBe('cert-built-in');
    expect(app!.expireInHours).toBe(168);
    expect(app!.enableSignUp).toBe(0);

    const [user] = seeded.users;
    expect(user!.isAdmin).toBe(1);
    expect(user!.passwordType).toBe('argon2id');
    expect(user!.password).toStartWith('$argon2id$');
    expect(await context.passwords.verifyArgon2(user!.password, 'configured-password')).toBe(true);

    const [cert] = seeded.certs;
    const x509 = new X509Certificate(cert!.certificate);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const privateKey = createPrivateKey(context.secrets.open(cert!.privateKey));
    expect(x509.checkPrivateKey(privateKey)).toBe(true);
    expect(cert!.privateKey).not.toContain('PRIVATE KEY');

    // Casdoor's global payment providers, which the SDK suites' products name.
    expect(
      (await storedRows(context.db, 'provider')).map((p) => `${p.owner}/${p.name} ${p.category}/${p.type}`).sort(),
    ).toEqual(['admin/provider_balance Payment/Balance', 'admin/provider_payment_dummy Payment/Dummy']);

    const second = await ensureBuiltIns(context);
    expect(second).toEqual({ created: false });
    expect(await snapshot(context)).toEqual(seeded);
  });

  test('without a configured password, a strong one is generated and only it signs in', async () => {
    const context = await contextWith(undefined);
    const result = await ensureBuiltIns(context);
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const user = await storedRow(context.db, 'user', {});
    expect(await context.passwords.verifyArgon2(user.password, result.generatedPassword!)).toBe(true);
    expect(await context.passwords.verifyArgon2(user.password, '123')).toBe(false);
  });

  test('a generated password is kept before the built-ins are committed: when it cannot be kept, nothing is created and the next start makes another', async () => {
    const context = await contextWith(undefined);
    const failed = ensureBuiltIns(context, {
      keepGeneratedPassword: () => {
        throw new Error('disk full');
      },
    });
    await expect(failed).rejects.toThrow('disk full');
    expect(await snapshot(context)).toEqual({
      organizations: [],
      users: [],
      applications: [],
      certs: [],
      providers: [],
    });
    let kept: string | undefined;
    const result = await ensureBuiltIns(context, {
      keepGeneratedPassword: (password) => {
        kept = password;
      },
    });
    expect(result).toEqual({ created: true, generatedPassword: kept });
    const user = await storedRow(context.db, 'user', {});
    expect(await context.passwords.verifyArgon2(user.password, kept!)).toBe(true);
  });

  test('two starts racing create the built-ins exactly once', async () => {
    const context = await contextWith('pw');
    const results = await Promise.all([ensureBuiltIns(context), ensureBuiltIns(context), ensureBuiltIns(context)]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const seeded = await snapshot(context);
    expect(seeded.users).toHaveLength(1);
    expect(seeded.certs).toHaveLength(1);
  });

  test('each deployment gets its own key pair', async () => {
    const a = await contextWith('pw');
    await ensureBuiltIns(a);
    const certA = await storedRow(a.db, 'cert', {});
    await testDb!.dispose();
    const b = await contextWith('pw');
    await ensureBuiltIns(b);
    const certB = await storedRow(b.db, 'cert', {});
    expect(certA.certificate).not.toBe(certB.certificate);
  });
});
