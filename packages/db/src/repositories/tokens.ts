import type { Kysely, Transaction } from 'kysely';
import { codecs } from '../codecs.ts';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type TokenRecord = ReturnType<typeof codecs.token.decode>;

export async function findTokenByAccessHash(db: Db, accessTokenHash: string): Promise<TokenRecord | undefined> {
  const row = await db.selectFrom('token').selectAll().where('accessTokenHash', '=', accessTokenHash).executeTakeFirst();
  return row ? codecs.token.decode(row) : undefined;
}

export async function insertToken(db: Db, token: Partial<TokenRecord>): Promise<void> {
  await db.insertInto('token').values(codecs.token.encode(token)).execute();
}
