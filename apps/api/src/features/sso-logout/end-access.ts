import { type EndedAccess, endAllUserAccessIn, endSession, endToken, findApplicationsOfSessions } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import type { UserIdentity } from '../../core/identity/identity.ts';

export {
  accessOfOrganizationIn,
  type EndedAccess,
  type EndedSession,
  type EndedToken,
  type UserAccess,
} from '@latchkey/db';

/** endAllUserAccessIn in a transaction of its own: a token or session is either ended and reported, or untouched. */
export async function endAllUserAccess(context: AppContext, user: Pick<User, 'owner' | 'name'>): Promise<EndedAccess> {
  return context.db.transaction().execute((trx) => endAllUserAccessIn(trx, user));
}

/**
 * Ends only what the caller is using now: the browser session of a cookie; or the token of a
 * bearer caller, together with the sign-in session it was issued in. Other sessions and tokens stay.
 */
export async function endCurrentAccess(context: AppContext, identity: UserIdentity): Promise<EndedAccess> {
  return context.db.transaction().execute(async (trx) => {
    const ended: EndedAccess = { sessions: [], tokens: [] };
    let sessionId = identity.sessionId;
    if (identity.token) {
      const tokens = await endToken(trx, identity.token.name);
      ended.tokens.push(...tokens);
      sessionId ||= tokens[0]?.sessionId || undefined;
    }
    if (sessionId)
      ended.sessions.push(...(await endSession(trx, { owner: identity.organization, name: identity.name }, sessionId)));
    return ended;
  });
}

/** Applications holding live tokens issued in the given sessions (they are told those sessions ended). */
export function applicationsOfSessions(
  context: AppContext,
  user: Pick<User, 'owner' | 'name'>,
  sessionIds: string[],
): Promise<string[]> {
  return findApplicationsOfSessions(context.db, user, sessionIds);
}
