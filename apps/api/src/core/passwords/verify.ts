import { hashCostProblem } from './hash-cost.ts';
import type { PasswordHasher, StoredPassword } from './hasher.ts';
import { verifyLegacyPassword } from './legacy-formats.ts';

/**
 * Checks a password against a user's stored form, whatever Casdoor format it is in. Like Casdoor,
 * a salted hash may have been made with the organization's salt or with the user's own, so both
 * are tried. A hash whose parameters ask for more work than the ceilings allow is never checked.
 */
export async function verifyPassword(
  hasher: PasswordHasher,
  stored: StoredPassword,
  password: string,
  organizationSalt = '',
): Promise<boolean> {
  if (!stored.password || hashCostProblem(stored)) return false;
  if (stored.passwordType === 'argon2id' || stored.password.startsWith('$argon2'))
    return hasher.verifyArgon2(stored.password, password);
  const salts = [...new Set([stored.passwordSalt || organizationSalt, organizationSalt])];
  for (const salt of salts) {
    if (await verifyLegacyPassword(stored.passwordType, stored.password, password, salt)) return true;
  }
  return false;
}
