import type { Kysely, Transaction } from 'kysely';
import type { User } from '@latchkey/types';
import { codecs } from '../codecs.ts';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findUser(db: Db, owner: string, name: string): Promise<User | undefined> {
  const row = await db.selectFrom('user').selectAll().where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
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
export async function findFirstUserBy(db: Db, column: 'email' | 'phone' | 'id', value: string, owner: string): Promise<User | undefined> {
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
  const result = await db.updateTable('user').set(values).where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes one user row for good; answers whether a row went. */
export async function deleteUserRow(db: Db, owner: string, name: string): Promise<boolean> {
  const result = await db.deleteFrom('user').where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
