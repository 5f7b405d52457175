import type { User } from '@latchkey/types';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findUser(db: Db, owner: string, name: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('user')
    .selectAll()
    .where('owner', '=', owner)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? codecs.user.decode(row) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? codecs.user.decode(row) : undefined;
}

/** The users holding an access key (the column is not unique by construction), at most `limit` of them. */
export async function findUsersByAccessKey(db: Db, accessKey: string, limit: number): Promise<User[]> {
  const rows = await db.selectFrom('user').selectAll().where('accessKey', '=', accessKey).limit(limit).execute();
  return rows.map((row) => codecs.user.decode(row));
}

/** The oldest user with an email, phone or id, in one organization or (owner "") in any. */
export async function findFirstUserBy(
  db: Db,
  column: 'email' | 'phone' | 'id',
  value: string,
  owner: string,
): Promise<User | undefined> {
  let query = db.selectFrom('user').selectAll().where(column, '=', value);
  if (owner) query = query.where('owner', '=', owner);
  const row = await query.orderBy('createdTime').orderBy('name').executeTakeFirst();
  return row ? codecs.user.decode(row) : undefined;
}

export async function findUserByAccessKey(db: Db, accessKey: string): Promise<User | undefined> {
  if (!accessKey) return undefined;
  const row = await db.selectFrom('user').selectAll().where('accessKey', '=', accessKey).executeTakeFirst();
  return row ? codecs.user.decode(row) : undefined;
}

/** Writes the given fields of one user; answers whether a row changed. */
export async function updateUserFields(db: Db, owner: string, name: string, fields: Partial<User>): Promise<boolean> {
  const values = codecs.user.encodePartial(fields);
  if (Object.keys(values).length === 0) return false;
  const result = await db
    .updateTable('user')
    .set(values)
    .where('owner', '=', owner)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes one user row for good; answers whether a row went. */
export async function deleteUserRow(db: Db, owner: string, name: string): Promise<boolean> {
  const result = await db.deleteFrom('user').where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Which of the given names are users of an organization, as the database lists them. */
export async function findUserNames(db: Db, owner: string, names: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('user')
    .select('name')
    .where('owner', '=', owner)
    .where('name', 'in', [...names])
    .execute();
  return rows.map((row) => row.name);
}

/**
 * Users of an organization that may be in a group (`<owner>/*`: in any group), with their groups
 * (a JSON list). A LIKE pattern narrows the rows (a wildcard in it only widens the match): the
 * caller makes the exact test.
 */
export async function findUsersMaybeInGroup(
  db: Db,
  owner: string,
  groupId: string,
): Promise<{ owner: string; name: string; groups: string }[]> {
  const query = db.selectFrom('user').select(['owner', 'name', 'groups']).where('owner', '=', owner);
  return (
    groupId.endsWith('/*')
      ? query.where('groups', '!=', '[]')
      : query.where('groups', 'like', `%${JSON.stringify(groupId)}%`)
  ).execute();
}

/** Owner and name of a user with an id or an access key (an empty key too), if any. */
export async function findUserRef(
  db: Db,
  column: 'id' | 'accessKey',
  value: string,
): Promise<{ owner: string; name: string } | undefined> {
  return db.selectFrom('user').select(['owner', 'name']).where(column, '=', value).executeTakeFirst();
}

/** Names of the users of an organization whose name, email or phone is a value, at most `limit` of them. */
export async function findUserNamesWith(
  db: Db,
  owner: string,
  column: 'name' | 'email' | 'phone',
  value: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('user')
    .select('name')
    .where('owner', '=', owner)
    .where(column, '=', value)
    .limit(limit)
    .execute();
  return rows.map((row) => row.name);
}

/** Adds one user row; a user of that organization and name already there makes it throw. */
export async function insertUser(db: Db, user: User): Promise<void> {
  await db.insertInto('user').values(codecs.user.encode(user)).execute();
}

/**
 * Restarts a user's count of wrong sign-ins, unless another attempt changed the count or its
 * time since the user was read (that attempt restarted or counted it first).
 */
export async function resetSigninWrongTimesIfUnchanged(
  db: Db,
  user: Pick<User, 'owner' | 'name' | 'signinWrongTimes' | 'lastSigninWrongTime'>,
): Promise<void> {
  await db
    .updateTable('user')
    .set({ signinWrongTimes: 0 })
    .where('owner', '=', user.owner)
    .where('name', '=', user.name)
    .where('signinWrongTimes', '=', user.signinWrongTimes)
    .where('lastSigninWrongTime', '=', user.lastSigninWrongTime)
    .execute();
}

/**
 * Counts one sign-in attempt of a user as wrong, in one statement that increments the stored count
 * (concurrent attempts each get their own number), and answers the count it made (1 when the
 * user row is gone).
 */
export async function countSigninAttempt(db: Db, owner: string, name: string, time: string): Promise<number> {
  const claimed = await db
    .updateTable('user')
    .set({ signinWrongTimes: sql<number>`"signinWrongTimes" + 1`, lastSigninWrongTime: time })
    .where('owner', '=', owner)
    .where('name', '=', name)
    .returning('signinWrongTimes')
    .executeTakeFirst();
  return Number(claimed?.signinWrongTimes ?? 1);
}

/**
 * One page of an organization's users in name order, after the name `after` (keyset paging, so a
 * whole organization can be read page by page without an offset that grows).
 */
export async function listUsersAfter(db: Db, owner: string, after: string, limit: number): Promise<User[]> {
  let query = db.selectFrom('user').selectAll().where('owner', '=', owner);
  if (after) query = query.where('name', '>', after);
  const rows = await query.orderBy('name').limit(limit).execute();
  return rows.map((row) => codecs.user.decode(row));
}
