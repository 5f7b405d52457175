import type { User } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * What a user is signed in with: sign-in sessions and tokens, read and ended together (logout,
 * a changed password, a deleted user or organization).
 */

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

/** A user of an organization being deleted, and the sessions and live tokens that go with it. */
export interface UserAccess {
  user: User;
  ended: EndedAccess;
}

const tokenColumns = ['name', 'application', 'accessTokenHash', 'sessionId'] as const;

/**
 * Ends everything a user has, inside the caller's transaction: deletes every sign-in session (all
 * applications) and expires every token issued to them (expiresIn = 0, which also stops their
 * refresh tokens). `keepSessionId` spares one sign-in session (the browser of a user who changed
 * their own password); tokens are not bound to a session, so every one of them goes. Answers what
 * ended, so that it can be announced once the transaction commits.
 */
export async function endAllUserAccessIn(
  trx: Transaction<Database>,
  user: Pick<User, 'owner' | 'name'>,
  keepSessionId?: string,
): Promise<EndedAccess> {
  let ofUser = trx
    .selectFrom('session')
    .select(['sessionId', 'application'])
    .where('owner', '=', user.owner)
    .where('name', '=', user.name);
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

/** Expires one token row (its access and refresh token); answers it as ended, or nothing when there is no such row. */
export async function endToken(db: Db, name: string): Promise<EndedToken[]> {
  return db
    .updateTable('token')
    .set({ expiresIn: 0, refreshExpiresAt: 0 })
    .where('owner', '=', 'admin')
    .where('name', '=', name)
    .returning(tokenColumns)
    .execute();
}

/** Deletes one sign-in session of a user; answers it as ended, or nothing when the user holds no such session. */
export async function endSession(
  db: Db,
  user: { owner: string; name: string },
  sessionId: string,
): Promise<EndedSession[]> {
  return db
    .deleteFrom('session')
    .where('sessionId', '=', sessionId)
    .where('owner', '=', user.owner)
    .where('name', '=', user.name)
    .returning(['sessionId', 'application'])
    .execute();
}

/** Applications holding live tokens of a user issued in the given sessions. */
export async function findApplicationsOfSessions(
  db: Db,
  user: Pick<User, 'owner' | 'name'>,
  sessionIds: readonly string[],
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('token')
    .select('application')
    .distinct()
    .where('organization', '=', user.owner)
    .where('user', '=', user.name)
    .where('sessionId', 'in', [...sessionIds])
    .where('expiresIn', '>', 0)
    .execute();
  return rows.map((row) => row.application);
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
    if (!ended) {
      ended = { sessions: [], tokens: [] };
      byUser.set(name, ended);
    }
    return ended;
  };
  const sessions = await trx
    .selectFrom('session')
    .select(['name', 'sessionId', 'application'])
    .where('owner', '=', organization)
    .execute();
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
    const rows = await trx
      .selectFrom('user')
      .selectAll()
      .where('owner', '=', organization)
      .where('name', 'in', names.slice(start, start + 500))
      .execute();
    for (const row of rows) found.push({ user: codecs.user.decode(row), ended: byUser.get(row.name)! });
  }
  return found;
}
