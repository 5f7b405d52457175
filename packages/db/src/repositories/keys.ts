import type { Key } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findKeyByAccessKey(db: Db, accessKey: string): Promise<Key | undefined> {
  if (!accessKey) return undefined;
  const row = await db.selectFrom('key').selectAll().where('accessKey', '=', accessKey).executeTakeFirst();
  return row ? codecs.key.decode(row) : undefined;
}

/** Owner and name of the key with an access key, if any. */
export async function findKeyRefByAccessKey(
  db: Db,
  accessKey: string,
): Promise<{ owner: string; name: string } | undefined> {
  return db.selectFrom('key').select(['owner', 'name']).where('accessKey', '=', accessKey).executeTakeFirst();
}
