import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type SessionRecord = ReturnType<typeof codecs.session.decode>;

export async function insertSession(db: Db, session: SessionRecord): Promise<void> {
  await db.insertInto('session').values(codecs.session.encode(session)).execute();
}

export async function findSession(db: Db, sessionId: string): Promise<SessionRecord | undefined> {
  const row = await db.selectFrom('session').selectAll().where('sessionId', '=', sessionId).executeTakeFirst();
  return row ? codecs.session.decode(row) : undefined;
}

export async function deleteSession(db: Db, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('session').where('sessionId', '=', sessionId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user (all applications); answers the ids that were ended. */
export async function deleteUserSessions(db: Db, owner: string, name: string): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('sessionId')
    .where('owner', '=', owner)
    .where('name', '=', name)
    .execute();
  if (rows.length > 0) await db.deleteFrom('session').where('owner', '=', owner).where('name', '=', name).execute();
  return rows.map((row) => row.sessionId);
}

/**
 * Ends a user's sessions beyond the newest `keep` (the session `kept` always among them), oldest
 * first; answers the ids that were ended.
 */
export async function deleteSessionsBeyond(
  db: Db,
  owner: string,
  name: string,
  kept: string,
  keep: number,
): Promise<string[]> {
  const newest = db
    .selectFrom('session')
    .select('sessionId')
    .where('owner', '=', owner)
    .where('name', '=', name)
    .where('sessionId', '!=', kept)
    .orderBy('createdTime', 'desc')
    .orderBy('expireTime', 'desc')
    .orderBy('sessionId', 'desc')
    .limit(Math.max(0, keep - 1));
  const ended = await db
    .deleteFrom('session')
    .where('owner', '=', owner)
    .where('name', '=', name)
    .where('sessionId', '!=', kept)
    .where('sessionId', 'not in', newest)
    .returning('sessionId')
    .execute();
  return ended.map((row) => row.sessionId);
}
