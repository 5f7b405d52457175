import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';

/** `{"k0":0,"k1":0,…}` with 700,000 keys (8 MB). */
function wideObject(): Uint8Array {
  const parts: string[] = [];
  for (let index = 0; index < 700_000; index++) parts.push(`"k${index}":0`);
  return new TextEncoder().encode(`{${parts.join(',')}}`);
}

/** Anonymous POST /api/add-user with a wide JSON object and 3,000,000 nested `[`, in turn, from four senders. */
async function run(context: AttackContext, until: number) {
  const bodies = [wideObject(), new TextEncoder().encode('['.repeat(3_000_000))];
  await inParallel(4, until, async (worker, round) => {
    await context.hit('/api/add-user', { from: context.attacker, body: bodies[(worker + round) % 2] }, until);
  });
}

export const largeBodiesAttack: Attack = {
  name: 'large-bodies',
  title: 'Anonymous add-user with 8 MB / 700k keys and 3M nested [ (4 senders)',
  run,
};
