import { createHash, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { secretsEqual } from '../crypto/compare.ts';

const pbkdf2Async = promisify(pbkdf2);
const hex = (algorithm: 'md5' | 'sha256' | 'sha512', text: string) => createHash(algorithm).update(text).digest('hex');

/** `hex(H(hex(H(password)) + salt))`, or `hex(H(password))` without a salt: Casdoor's salt, sha512-salt and md5-salt. */
function saltedDigest(algorithm: 'md5' | 'sha256' | 'sha512', password: string, salt: string): string {
  const digest = hex(algorithm, password);
  return salt ? hex(algorithm, digest + salt) : digest;
}

/** Keycloak-style PBKDF2-SHA256, 27,500 rounds, 64 bytes, base64; the salt is base64. */
async function pbkdf2Salt(password: string, salt: string): Promise<string> {
  const key = await pbkdf2Async(password, Buffer.from(salt, 'base64'), 27500, 64, 'sha256');
  return key.toString('base64');
}

/** bcrypt keeps only the first 72 bytes of a password; Bun's native check runs on its own threads. */
async function verifyBcrypt(password: string, stored: string): Promise<boolean> {
  const bytes = new TextEncoder().encode(password).subarray(0, 72);
  try {
    return await Bun.password.verify(bytes, stored, 'bcrypt');
  } catch {
    return false;
  }
}

/** Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>`. */
async function verifyDjango(password: string, stored: string): Promise<boolean> {
  const [algorithm, iterations, salt, hash] = stored.split('$');
  const rounds = Number(iterations);
  if (algorithm !== 'pbkdf2_sha256' || !salt || !hash || !Number.isInteger(rounds) || rounds < 1) return false;
  const key = await pbkdf2Async(password, Buffer.from(salt, 'utf8'), rounds, 32, 'sha256');
  return secretsEqual(key.toString('base64'), hash);
}

/**
 * Checks a password stored in one of Casdoor's other formats (imported users). The salt is the
 * user's, or the organization's when the user has none, as Casdoor does.
 */
export async function verifyLegacyPassword(
  passwordType: string,
  stored: string,
  password: string,
  salt: string,
): Promise<boolean> {
  switch (passwordType) {
    case 'plain':
    case '':
      return stored !== '' && secretsEqual(stored, password);
    case 'salt':
      return secretsEqual(stored, saltedDigest('sha256', password, salt));
    case 'sha512-salt':
      return secretsEqual(stored, saltedDigest('sha512', password, salt));
    case 'md5-salt':
      return secretsEqual(stored, saltedDigest('md5', password, salt));
    case 'pbkdf2-salt':
      return secretsEqual(stored, await pbkdf2Salt(password, salt));
    case 'pbkdf2-django':
      return verifyDjango(password, stored);
    case 'bcrypt':
      return verifyBcrypt(password, stored);
    default:
      return false;
  }
}
