import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the audit log's filters within one organization, newest first: by action, and by
 * outcome. The outcome is an expression of the stored columns (a status code of 400 or more, or an
 * answer whose status is "error"); repositories/records.ts writes it exactly as here, so that both
 * databases can match the query to the index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('record_owner_action_time')
    .on('record')
    .columns(['owner', 'action', 'createdTime'])
    .execute();
  await sql`create index record_owner_outcome_time on record (owner, (case when "statusCode" >= 400 or "response" like '%"status":"error"%' then 'error' else 'ok' end), "createdTime")`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('record_owner_outcome_time').execute();
  await db.schema.dropIndex('record_owner_action_time').execute();
}
