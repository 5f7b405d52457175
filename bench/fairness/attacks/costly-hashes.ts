import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { COSTLY_USERS, X } from '../seed.ts';

/** Wrong-password sign-ins against the users imported with bcrypt cost 31 hashes, 16 senders from one address. */
async function run(context: AttackContext, until: number) {
  await inParallel(16, until, async (worker, round) => {
    const username = COSTLY_USERS[(worker + round) % COSTLY_USERS.length]!;
    await context.hit(
      '/api/login',
      { from: context.attacker, body: { organization: X, username, password: `wrong-${round}`, type: 'login' } },
      until,
    );
  });
}

export const costlyHashesAttack: Attack = {
  name: 'costly-hashes',
  title: 'Wrong-password sign-ins against imported bcrypt cost 31 users (16 senders)',
  run,
};
