import type { MigrationHooks } from '@latchkey/db';
import type { SecretBox } from '../crypto/secret-box.ts';
import { hashedRecoveryCodes } from './recovery-codes.ts';

/** What the migrations that protect stored second factors need: the secret box, and the recovery codes' stored form. */
export function secondFactorMigrationHooks(secrets: SecretBox): MigrationHooks {
  return {
    sealSecret: (plain) => secrets.seal(plain),
    isSealed: (stored) => secrets.isSealed(stored),
    hashRecoveryCodes: hashedRecoveryCodes,
  };
}
