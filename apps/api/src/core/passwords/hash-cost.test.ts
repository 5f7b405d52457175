import { describe, expect, test } from 'bun:test';
import { pbkdf2Sync } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { hashCostProblem } from './hash-cost.ts';
import { createPasswordHasher } from './hasher.ts';
import { verifyPassword } from './verify.ts';

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const django = (password: string, rounds: number) =>
  `pbkdf2_sha256$${rounds}$salty$${pbkdf2Sync(password, 'salty', rounds, 32, 'sha256').toString('base64')}`;

/** Runs a check and says how long it took, so a refused hash is seen to cost nothing. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/**
 * The processor time (all threads of this process) a check took: unlike the time on the clock, it
 * does not grow when a loaded machine leaves the process waiting, and computing any of these hashes
 * takes far more than the bound.
 */
async function processorTime<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}

describe('stored hashes that ask for too much work', () => {
  const bcrypt4 = bcrypt.hashSync('right-password', 4);

  test.each([
    ['bcrypt cost 31', { password: bcrypt4.replace('$04$', '$31$'), passwordType: 'bcrypt', passwordSalt: '' }],
    ['bcrypt cost 13', { password: bcrypt4.replace('$04$', '$13$'), passwordType: 'bcrypt', passwordSalt: '' }],
    [
      'Django PBKDF2, 10 million rounds',
      { password: 'pbkdf2_sha256$10000000$salty$AAAA', passwordType: 'pbkdf2-django', passwordSalt: '' },
    ],
    [
      'argon2id with 4 GiB of memory',
      {
        password: '$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
        passwordType: 'argon2id',
        passwordSalt: '',
      },
    ],
    [
      'argon2id with 1000 passes',
      { password: '$argon2id$v=19$m=1024,t=1000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', passwordType: '', passwordSalt: '' },
    ],
  ])('%s is named as too costly and refused without being computed', async (_label, stored) => {
    expect(hashCostProblem(stored)).toBeString();
    const { value, ms } = await processorTime(() => verifyPassword(hasher, stored, 'right-password'));
    expect(value).toBe(false);
    expect(ms).toBeLessThan(100);
  });

  test('hashes within the ceilings are checked as before (positive controls)', async () => {
    const bcryptStored = { password: bcrypt4, passwordType: 'bcrypt', passwordSalt: '' };
    expect(hashCostProblem(bcryptStored)).toBeUndefined();
    expect(await verifyPassword(hasher, bcryptStored, 'right-password')).toBe(true);
    expect(await verifyPassword(hasher, bcryptStored, 'wrong-password')).toBe(false);

    const djangoStored = { password: django('right-password', 1000), passwordType: 'pbkdf2-django', passwordSalt: '' };
    expect(hashCostProblem(djangoStored)).toBeUndefined();
    expect(await verifyPassword(hasher, djangoStored, 'right-password')).toBe(true);
    expect(await verifyPassword(hasher, djangoStored, 'wrong-password')).toBe(false);

    const argon = await hasher.hash('right-password');
    expect(hashCostProblem(argon)).toBeUndefined();
    expect(await verifyPassword(hasher, argon, 'right-password')).toBe(true);
  });

  test('bcrypt keeps only the first 72 bytes of a password, as every bcrypt does', async () => {
    const long = `${'é'.repeat(36)}tail-that-bcrypt-ignores`;
    const stored = { password: bcrypt.hashSync(long, 4), passwordType: 'bcrypt', passwordSalt: '' };
    expect(await verifyPassword(hasher, stored, long)).toBe(true);
    expect(await verifyPassword(hasher, stored, `${'é'.repeat(36)}another-tail`)).toBe(true);
    expect(await verifyPassword(hasher, stored, `${'é'.repeat(35)}e`)).toBe(false);
  });

  test('a bcrypt check at the ceiling leaves the event loop free', async () => {
    const stored = {
      password: bcrypt.hashSync('right-password', 4).replace('$04$', '$12$'),
      passwordType: 'bcrypt',
      passwordSalt: '',
    };
    // The hash is not a real cost-12 hash of the password, but verifying it costs what cost 12 costs.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const { value, ms } = await timed(() => verifyPassword(hasher, stored, 'right-password'));
    clearInterval(timer);
    expect(value).toBe(false);
    // A check that blocked the loop would let no timer run while it took its ~200 ms (or more on a
    // loaded machine). How many ran depends on how the machine shares its time, so only a few are asked.
    expect(ms).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
