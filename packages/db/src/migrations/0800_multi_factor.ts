import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** What this migration needs from the server to protect second factors that are already stored. */
export interface MultiFactorMigrationHooks {
  /** Encrypts a value with the deployment's secret key (the server's secret box). */
  sealSecret?: (plain: string) => string;
  /** Whether a stored value is already encrypted. */
  isSealed?: (stored: string) => boolean;
  /** The stored form of recovery codes: hashes (codes imported from Casdoor are in clear). */
  hashRecoveryCodes?: (codes: string[]) => string[];
}

const parseCodes = (stored: unknown): string[] => {
  if (typeof stored !== 'string' || stored === '') return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((code): code is string => typeof code === 'string') : [];
  } catch {
    return [];
  }
};

/**
 * Multi-factor authentication: sign-ins that wait for their second factor (server-side, bound to a
 * cookie, single use), enrolments in progress, the last TOTP time step each user has used (so a
 * code is accepted once), the factors a session and a token's sign-in passed, and an application's
 * own requirement of a second factor. Existing TOTP secrets are sealed and recovery codes hashed,
 * which needs the secret key: without the hooks, a database that holds any refuses to migrate
 * rather than leaving them in clear.
 */
export function multiFactorMigration(hooks: MultiFactorMigrationHooks): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('mfa_pending_signin')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('request', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('factors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('stage', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sessionId', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('authTime', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('mfa_pending_signin_expires_at')
        .on('mfa_pending_signin')
        .column('expiresAt')
        .execute();
      await db.schema
        .createTable('mfa_enrolment')
        .addColumn('userId', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('mfaType', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('secret', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('recoveryCodes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('verifiedAt', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('pendingSignin', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('mfa_enrolment_expires_at').on('mfa_enrolment').column('expiresAt').execute();
      await db.schema
        .createTable('mfa_totp_use')
        .addColumn('userId', 'text', (c) => c.primaryKey())
        .addColumn('lastStep', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('session')
        .addColumn('factors', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('session')
        .addColumn('authTime', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('token')
        .addColumn('amr', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('application')
        .addColumn('requireMfa', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      const users = await db
        .selectFrom('user')
        .select(['owner', 'name', 'totpSecret', 'recoveryCodes'])
        .where((eb) =>
          eb.or([eb('totpSecret', '<>', ''), eb.and([eb('recoveryCodes', '<>', ''), eb('recoveryCodes', '<>', '[]')])]),
        )
        .execute();
      if (users.length === 0) return;
      const { sealSecret, isSealed, hashRecoveryCodes } = hooks;
      if (!sealSecret || !isSealed || !hashRecoveryCodes) {
        throw new Error(
          'users have TOTP secrets or recovery codes to protect, and this migration was run without the secret key',
        );
      }
      for (const user of users) {
        const totpSecret = String(user.totpSecret ?? '');
        const codes = parseCodes(user.recoveryCodes);
        await db
          .updateTable('user')
          .set({
            totpSecret: totpSecret === '' || isSealed(totpSecret) ? totpSecret : sealSecret(totpSecret),
            recoveryCodes: JSON.stringify(hashRecoveryCodes(codes)),
          })
          .where('owner', '=', user.owner)
          .where('name', '=', user.name)
          .execute();
      }
    },

    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('application').dropColumn('requireMfa').execute();
      await db.schema.alterTable('token').dropColumn('amr').execute();
      await db.schema.alterTable('session').dropColumn('authTime').execute();
      await db.schema.alterTable('session').dropColumn('factors').execute();
      await db.schema.dropTable('mfa_totp_use').execute();
      await db.schema.dropIndex('mfa_enrolment_expires_at').execute();
      await db.schema.dropTable('mfa_enrolment').execute();
      await db.schema.dropIndex('mfa_pending_signin_expires_at').execute();
      await db.schema.dropTable('mfa_pending_signin').execute();
    },
  };
}
