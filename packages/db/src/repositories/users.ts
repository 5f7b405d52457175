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
