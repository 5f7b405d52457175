import { deleteRows, deleteUserSessions } from '@latchkey/db';
import type { Trx } from '../../objects/kind.ts';

/**
 * Takes a user offline everywhere: ends their sign-in sessions and revokes their tokens (expiresIn
 * 0, so that the Tokens page still shows them). With `dropKeys`, their access keys go too.
 */
export async function revokeUserAccess(trx: Trx, owner: string, name: string, options: { dropKeys: boolean }): Promise<void> {
  await deleteUserSessions(trx, owner, name);
  await trx.updateTable('token').set({ expiresIn: 0 }).where('organization', '=', owner).where('user', '=', name).where('expiresIn', '>', 0).execute();
  if (options.dropKeys) await deleteRows(trx, 'key', { organization: owner, user: name });
}
