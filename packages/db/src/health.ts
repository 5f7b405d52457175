import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/** Asks the database the smallest question there is; rejects when it cannot answer. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
