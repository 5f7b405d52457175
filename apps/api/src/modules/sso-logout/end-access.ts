import { codecs, type Database } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { UserIdentity } from '../../identity/identity.ts';

/** A session or token that a logout ended, with the application it belonged to. */
export interface EndedSession {
  sessionId: string;
  application: string;
}

export interface EndedToken {
  name: string;
  application: string;
  accessTokenHash: string;
  sessionId: string;
}

export interface EndedAccess {
  sessions: EndedSession[];
  tokens: EndedToken[];
}

const tokenColumns = ['name', 'application', 'accessTokenHash', 'sessionId'] as const;

/**
 * Ends everything a user has, inside the caller's transaction: deletes every sign-in session (all
 * applications) and expires every token issued to them (expiresIn = 0, which also stops their
 * refresh tokens). `keepSessionId` spares one sign-in session (the browser of a user who changed
 * their own password); tokens are not bound to a session, so every one of them goes. Answers what
 * ended, so that it can be announced once the transaction commits.
 */
export async function endAllUserAccessIn(trx: Transaction<Database>, user: Pick<User, 'owner' | 'name'>, keepSessionId?: string): Promise<EndedAccess> {
  let ofUser = trx.selectFrom('session').select(['sessionId', 'application']).where('owner', '=', user.owner).where('name', '=', user.name);
  if (keepSessionId) ofUser = ofUser.where('sessionId', '!=', keepSessionId);
  const sessions = await ofUser.execute();
  if (sessions.length > 0) {
    let ending = trx.deleteFrom('session').where('owner', '=', user.owner).where('name', '=', user.name);
    if (keepSessionId) ending = ending.where('sessionId', '!=', keepSessionId);
    await ending.execute();
  }
  const tokens = await trx
    .updateTable('token')
    .set({ expiresIn: 0, refreshExpiresAt: 0 })
    .where('organization', '=', user.owner)
    .where('user', '=', user.name)
    .where('expiresIn', '>', 0)
    .returning(tokenColumns)
    .execute();
  return { sessions, tokens };
}

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
      const tokens = await trx.updateTable('token').set({ expiresIn: 0, refreshExpiresAt: 0 }).where('owner', '=', 'admin').where('name', '=', identity.token.name).returning(tokenColumns).execute();
      ended.tokens.push(...tokens);
      sessionId ||= tokens[0]?.sessionId || undefined;
    }
    if (sessionId) {
      const sessions = await trx
        .deleteFrom('session')
        .where('sessionId', '=', sessionId)
        .where('owner', '=', identity.organization)
        .where('name', '=', identity.name)
        .returning(['sessionId', 'application'])
        .execute();
      ended.sessions.push(...sessions);
    }
    return ended;
  });
}

/** Applications holding live tokens issued in the given sessions (they are told those sessions ended). */
export async function applicationsOfSessions(context: AppContext, user: Pick<User, 'owner' | 'name'>, sessionIds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await context.db
    .selectFrom('token')
    .select('application')
    .distinct()
    .where('organization', '=', user.owner)
    .where('user', '=', user.name)
    .where('sessionId', 'in', sessionIds)
    .where('expiresIn', '>', 0)
    .execute();
  return rows.map((row) => row.application);
}

/** A user of an organization being deleted, and the sessions and live tokens that go with it. */
export interface UserAccess {
  user: User;
  ended: EndedAccess;
}

/**
 * What deleting an organization ends, read inside the deleting transaction before its rows go:
 * for each of its users who has a sign-in session or a live token, those sessions and tokens.
 * Users with neither are left out (there is nothing to tell anyone about them).
 */
export async function accessOfOrganizationIn(trx: Transaction<Database>, organization: string): Promise<UserAccess[]> {
  const byUser = new Map<string, EndedAccess>();
  const of = (name: string) => {
    let ended = byUser.get(name);
    if (!ended) byUser.set(name, (ended = { sessions: [], tokens: [] }));
    return ended;
  };
  const sessions = await trx.selectFrom('session').select(['name', 'sessionId', 'application']).where('owner', '=', organization).execute();
  for (const { name, ...session } of sessions) of(name).sessions.push(session);
  const tokens = await trx
    .selectFrom('token')
    .select(['user', ...tokenColumns])
    .where('organization', '=', organization)
    .where('user', '!=', '')
    .where('expiresIn', '>', 0)
    .execute();
  for (const { user, ...token } of tokens) of(user).tokens.push(token);
  const names = [...byUser.keys()];
  const found: UserAccess[] = [];
  // In slices, so that the list of names stays within every database's limit on parameters.
  for (let start = 0; start < names.length; start += 500) {
    const rows = await trx.selectFrom('user').selectAll().where('owner', '=', organization).where('name', 'in', names.slice(start, start + 500)).execute();
    for (const row of rows) found.push({ user: codecs.user.decode(row), ended: byUser.get(row.name)! });
  }
  return found;
}
