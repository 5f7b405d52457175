import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/** How a password is stored on a user: Casdoor's `password`, `passwordType` and `passwordSalt` fields. */
export interface StoredPassword {
  password: string;
  passwordType: string;
  passwordSalt: string;
}

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const owaspArgon2id: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  /** A new argon2id hash, computed on a worker thread so the event loop keeps serving. */
  hash(plain: string): Promise<StoredPassword>;
  /** Checks an argon2id hash. Other formats go through verifyPassword. */
  verifyArgon2(encoded: string, plain: string): Promise<boolean>;
  /** True when the stored form is not argon2id with the current parameters. */
  needsRehash(stored: StoredPassword): boolean;
}

export function createPasswordHasher(parameters: Argon2Parameters = owaspArgon2id): PasswordHasher {
  const options = { algorithm: ARGON2ID, ...parameters };
  const currentPrefix = `$argon2id$v=19$m=${parameters.memoryCost},t=${parameters.timeCost},p=${parameters.parallelism}$`;
  return {
    async hash(plain) {
      return { password: await hash(plain, options), passwordType: 'argon2id', passwordSalt: '' };
    },
    async verifyArgon2(encoded, plain) {
      try {
        return await verify(encoded, plain);
      } catch {
        return false;
      }
    },
    needsRehash: (stored) => stored.passwordType !== 'argon2id' || !stored.password.startsWith(currentPrefix),
  };
}
