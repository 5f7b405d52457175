import { findUser, replaceRecoveryCodesIfUnchanged } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { findRecoveryCode, hashedRecoveryCodes } from '../../core/mfa/recovery-codes.ts';

/** The action of the audit record written when a recovery code is used; webhooks may listen for it. */
export const RECOVERY_CODE_USED_ACTION = 'mfa-recovery-code-used';

/**
 * Spends one of a user's recovery codes: answers true when the code was theirs and unused, and
 * removes it in the same conditional write, so that of two requests presenting it only one wins.
 * Codes stored in clear (imported from Casdoor before they were hashed) are hashed in that write.
 */
export async function spendRecoveryCode(
  context: AppContext,
  user: Pick<User, 'owner' | 'name'>,
  presented: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const fresh = await findUser(context.db, user.owner, user.name);
    if (!fresh) return false;
    const match = findRecoveryCode(fresh.recoveryCodes, presented);
    if (match === undefined) return false;
    const remaining = [...fresh.recoveryCodes];
    remaining.splice(remaining.indexOf(match), 1);
    if (
      await replaceRecoveryCodesIfUnchanged(
        context.db,
        user.owner,
        user.name,
        fresh.recoveryCodes,
        hashedRecoveryCodes(remaining),
      )
    )
      return true;
    // Another request changed the codes meanwhile: look again (the code may be gone now).
  }
  return false;
}
