import { type Kysely, sql } from 'kysely';

const linkColumns = ['github', 'google', 'gitlab', 'azuread', 'discord', 'custom', 'apple'] as const;

/**
 * One account at a provider links to one user of an organization at most: a unique index on
 * (owner, <column>) for every linked-account column, over the users that have one linked. Should
 * two users of an organization hold the same account already (written before this index, or
 * imported), the oldest keeps it — the one sign-in always found — and the others' link is cleared.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of linkColumns) {
    await sql`
      update ${sql.table('user')} set ${sql.ref(column)} = ''
      where ${sql.ref(column)} <> '' and exists (
        select 1 from ${sql.table('user')} as ${sql.ref('older')}
        where ${sql.ref('older.owner')} = ${sql.ref('user.owner')}
          and ${sql.ref(`older.${column}`)} = ${sql.ref(`user.${column}`)}
          and (${sql.ref('older.createdTime')} < ${sql.ref('user.createdTime')}
            or (${sql.ref('older.createdTime')} = ${sql.ref('user.createdTime')} and ${sql.ref('older.name')} < ${sql.ref('user.name')}))
      )`.execute(db);
    await db.schema
      .createIndex(`user_owner_${column}_unique`)
      .unique()
      .on('user')
      .columns(['owner', column])
      .where(sql.ref(column), '<>', '')
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of linkColumns) await db.schema.dropIndex(`user_owner_${column}_unique`).execute();
}
