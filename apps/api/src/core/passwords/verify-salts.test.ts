import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { createPasswordHasher } from './hasher.ts';
import { verifyPassword } from './verify.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

describe('verifyPassword with salts, as Casdoor checks them', () => {
  test('a salted hash made with the organization’s salt passes even when the user has a salt of their own', async () => {
    const stored = {
      password: sha256(`${sha256('the password')}org-salt`),
      passwordType: 'salt',
      passwordSalt: 'user-salt',
    };
    expect(await verifyPassword(hasher, stored, 'the password', 'org-salt')).toBe(true);
    expect(await verifyPassword(hasher, stored, 'another password', 'org-salt')).toBe(false);
  });

  test('the user’s own salt, and the organization’s when the user has none', async () => {
    const own = { password: sha256(`${sha256('pw-one')}user-salt`), passwordType: 'salt', passwordSalt: 'user-salt' };
    expect(await verifyPassword(hasher, own, 'pw-one', 'org-salt')).toBe(true);
    const inherited = { password: sha256(`${sha256('pw-two')}org-salt`), passwordType: 'salt', passwordSalt: '' };
    expect(await verifyPassword(hasher, inherited, 'pw-two', 'org-salt')).toBe(true);
    expect(await verifyPassword(hasher, inherited, 'pw-two', '')).toBe(false);
  });
});
