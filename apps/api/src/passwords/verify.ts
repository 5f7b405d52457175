import type { PasswordHasher, StoredPassword } from './hasher.ts';
import { verifyLegacyPassword } from './legacy-formats.ts';

/** Checks a password against a user's stored form, whatever Casdoor format it is in. */
export async function verifyPassword(hasher: PasswordHasher, stored: StoredPassword, password: string, organizationSalt = ''): Promise<boolean> {
  if (!stored.password) return false;
  if (stored.passwordType === 'argon2id' || stored.password.startsWith('$argon2')) return hasher.verifyArgon2(stored.password, password);
  return verifyLegacyPassword(stored.passwordType, stored.password, password, stored.passwordSalt || organizationSalt);
}
