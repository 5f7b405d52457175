import { ADDRESSES } from '../addresses.ts';
import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { X } from '../seed.ts';

/** X's administrator adds RSA-4096 certs (a key pair generated for each) from four senders. */
async function run(context: AttackContext, until: number) {
  const cookie = await context.xAdmin();
  await inParallel(4, until, async (worker, round) => {
    const body = {
      owner: X,
      name: `rsa-4096-${worker}-${round}`,
      displayName: 'RSA 4096',
      scope: 'JWT',
      type: 'x509',
      cryptoAlgorithm: 'RS256',
      bitSize: 4096,
    };
    await context.hit('/api/add-cert', { from: ADDRESSES.xAdmin, cookie, body }, until);
  });
}

export const rsaKeysAttack: Attack = {
  name: 'rsa-keys',
  title: 'add-cert with bitSize 4096 in a loop (4 senders)',
  run,
};
