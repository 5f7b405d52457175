import { ADDRESSES } from '../addresses.ts';
import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { X } from '../seed.ts';

const ROWS = 5_000;

/** A CSV of 5,000 users with passwords, whose last row has a name the server refuses. */
function csvWithOneBadRow(prefix: string): Blob {
  const lines = ['name,displayName,password'];
  for (let index = 1; index < ROWS; index++) lines.push(`${prefix}-${index},Bulk ${index},bulk-password-${index}`);
  lines.push('bad/row,Bad,bad-password');
  return new Blob([lines.join('\n')], { type: 'text/csv' });
}

/** X's administrator uploads the file over and over, from two senders. */
async function run(context: AttackContext, until: number) {
  const cookie = await context.xAdmin();
  await inParallel(2, until, async (worker, round) => {
    const form = new FormData();
    form.append('file', csvWithOneBadRow(`bulk-${worker}-${round}`), 'users.csv');
    await context.hit(`/api/upload-users?owner=${X}`, { from: ADDRESSES.xAdmin, cookie, body: form }, until);
  });
}

export const uploadUsersAttack: Attack = {
  name: 'upload-users',
  title: 'upload-users: 5,000 rows with one bad row (2 senders)',
  run,
};
