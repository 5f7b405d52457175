import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { X } from '../seed.ts';

// Not x-admin: locking out the administrator the other attacks act as would end the benchmark, not test the server.
const usernames = ['admin', 'root', 'alice', 'bob', 'support', 'info', 'test'];
const passwords = ['123456', 'password', 'qwerty', 'letmein', 'Winter2026!', 'welcome1', 'admin', 'changeme'];

/** 128 senders from one address: sign-ins of X's likely usernames with common passwords, to /api/login/ and /api/login in turn. */
async function run(context: AttackContext, until: number) {
  await inParallel(128, until, async (worker, round) => {
    const path = (worker + round) % 2 === 0 ? '/api/login/' : '/api/login';
    const username = usernames[(worker + round) % usernames.length]!;
    const password = passwords[Math.floor((worker + round) / usernames.length) % passwords.length]!;
    await context.hit(
      path,
      { from: context.attacker, body: { organization: X, username, password, type: 'login' } },
      until,
    );
  });
}

export const sprayingAttack: Attack = {
  name: 'spraying',
  title: 'Password spraying: 128 senders, one address, /api/login/ and /api/login',
  run,
};
