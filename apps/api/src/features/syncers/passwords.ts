import type { AppContext } from '../../core/context.ts';
import { hashCostProblem } from '../../core/passwords/hash-cost.ts';
import type { StoredPassword } from '../../core/passwords/hasher.ts';

/** Stored password formats Latchkey checks as they are (and turns into argon2id at the first sign-in). */
const KEPT_AS_THEY_ARE = ['bcrypt', 'salt', 'sha512-salt', 'md5-salt', 'pbkdf2-salt', 'pbkdf2-django'] as const;

export type SyncedPassword = { ok: true; stored: StoredPassword } | { ok: false; problem: string };

const NONE: StoredPassword = { password: '', passwordType: '', passwordSalt: '' };

/**
 * How a password read from a syncer's table is stored, the way the organization requires: its
 * type is the row's `PasswordType` column, else the organization's. A hash in a format Latchkey
 * checks is kept with its salt (as Casdoor keeps synced hashes and checks them with the
 * organization's type); a plain password — type "plain", or an argon2id organization's value that
 * is not an argon2 hash — is hashed with argon2id now, so it never rests in clear text.
 */
export async function syncedPassword(
  context: AppContext,
  value: string,
  rowType: string,
  salt: string,
  organizationType: string,
): Promise<SyncedPassword> {
  if (!value) return { ok: true, stored: NONE };
  const type = rowType || organizationType || 'plain';
  const isArgon2 = value.startsWith('$argon2');
  if (type === 'plain' || (type === 'argon2id' && !isArgon2))
    return { ok: true, stored: await context.passwords.hash(value) };
  if (type !== 'argon2id' && !(KEPT_AS_THEY_ARE as readonly string[]).includes(type))
    return { ok: false, problem: `its password type "${type}" is not one Latchkey can check` };
  const stored = { password: value, passwordType: type, passwordSalt: type === 'argon2id' ? '' : salt };
  const tooCostly = hashCostProblem(stored);
  return tooCostly ? { ok: false, problem: `${tooCostly}: checking it would cost too much` } : { ok: true, stored };
}
