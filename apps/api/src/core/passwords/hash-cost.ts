import type { StoredPassword } from './hasher.ts';

/**
 * The most a stored hash may ask for. Above these a single check costs seconds of CPU (bcrypt cost
 * 31 runs for days), so such a hash is refused at import and never verified.
 */
export const HASH_COST_CEILINGS = {
  bcryptCost: 12,
  pbkdf2Rounds: 1_000_000,
  argon2MemoryKiB: 65_536,
  argon2Passes: 10,
  argon2Lanes: 4,
} as const;

function bcryptProblem(stored: string): string | undefined {
  const match = /^\$2[abxy]?\$(\d{2})\$/.exec(stored);
  if (!match) return 'its bcrypt hash is malformed';
  const cost = Number(match[1]);
  return cost > HASH_COST_CEILINGS.bcryptCost
    ? `its bcrypt cost ${cost} is above ${HASH_COST_CEILINGS.bcryptCost}`
    : undefined;
}

function djangoProblem(stored: string): string | undefined {
  const rounds = Number(stored.split('$')[1]);
  if (!Number.isInteger(rounds) || rounds < 1) return 'its PBKDF2 hash is malformed';
  return rounds > HASH_COST_CEILINGS.pbkdf2Rounds
    ? `its PBKDF2 round count ${rounds} is above ${HASH_COST_CEILINGS.pbkdf2Rounds}`
    : undefined;
}

function argon2Problem(stored: string): string | undefined {
  const match = /^\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return 'its argon2 hash is malformed';
  const [memory, passes, lanes] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const { argon2MemoryKiB, argon2Passes, argon2Lanes } = HASH_COST_CEILINGS;
  if (memory > argon2MemoryKiB || passes > argon2Passes || lanes > argon2Lanes) {
    return `its argon2 parameters (m=${memory}, t=${passes}, p=${lanes}) are above m=${argon2MemoryKiB}, t=${argon2Passes}, p=${argon2Lanes}`;
  }
  return undefined;
}

/** Why checking this stored password would cost too much, or undefined when it is within the ceilings. */
export function hashCostProblem(stored: StoredPassword): string | undefined {
  if (!stored.password) return undefined;
  if (stored.passwordType === 'argon2id' || stored.password.startsWith('$argon2'))
    return argon2Problem(stored.password);
  if (stored.passwordType === 'bcrypt') return bcryptProblem(stored.password);
  if (stored.passwordType === 'pbkdf2-django') return djangoProblem(stored.password);
  return undefined;
}
