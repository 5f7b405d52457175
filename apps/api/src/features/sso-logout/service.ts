import { type Database, endAllUserAccessIn } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import type { UserIdentity } from '../../core/identity/identity.ts';
import { accessOfOrganizationIn, type EndedAccess, endAllUserAccess, endCurrentAccess } from './end-access.ts';
import { notifyLogout } from './notify.ts';
import { rememberRecipients } from './recipients.ts';

/** Casdoor's `logoutAll`: absent, "true" or "1" mean every session and token; anything else only the current one. */
export function logoutEverywhere(logoutAll: string | undefined): boolean {
  return logoutAll === undefined || logoutAll === '' || logoutAll === 'true' || logoutAll === '1';
}

/**
 * SSO logout of the calling user: everywhere (every session deleted, every token expired) or only
 * the current session. The notifications go out afterwards, in the background.
 */
export async function ssoLogout(
  context: AppContext,
  identity: UserIdentity,
  everywhere: boolean,
): Promise<EndedAccess> {
  const ended = everywhere ? await endAllUserAccess(context, identity.user) : await endCurrentAccess(context, identity);
  notifyLogout(context, identity.user, ended, everywhere ? 'all' : 'session');
  return ended;
}

/**
 * Cuts a user off inside an administrator's write (delete, soft delete, forbid, move): every
 * session and token ended in that write's transaction, and, once it has committed, the
 * applications told exactly as for an SSO logout of everything. `rows` says where the user's
 * sessions and tokens are now when the same write has moved them; the notification names the user
 * as the applications knew them.
 */
export async function terminateUserAccess(
  trx: Transaction<Database>,
  user: User,
  rows: Pick<User, 'owner' | 'name'> = user,
): Promise<(context: AppContext) => void> {
  const ended = await endAllUserAccessIn(trx, rows);
  return (context) => notifyLogout(context, user, ended, 'all');
}

/**
 * Cuts off every user of an organization that is being deleted, inside the deleting transaction
 * (before its rows go): what each user loses is read, and so are the applications to tell, which
 * the same write deletes. Once it has committed, each user with a session or a live token is
 * announced as for an SSO logout of everything.
 */
export async function terminateOrganizationAccess(
  trx: Transaction<Database>,
  context: AppContext,
  organization: string,
): Promise<(context: AppContext) => void> {
  const access = await accessOfOrganizationIn(trx, organization);
  const applications = access.flatMap(({ user, ended }) => [
    user.signupApplication,
    ...ended.sessions.map((s) => s.application),
    ...ended.tokens.map((t) => t.application),
  ]);
  const recipients = await rememberRecipients(trx, context, applications);
  return (committed) => {
    for (const { user, ended } of access) notifyLogout(committed, user, ended, 'all', recipients);
  };
}
