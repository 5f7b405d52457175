import type { Application } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { selectPrepared } from '../prepared.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Applications are owned by "admin"; their name is unique. Read on every call with a bearer token
 * (the token's application), so a prepared statement.
 */
export async function findApplication(db: Db, name: string): Promise<Application | undefined> {
  const [row] = await selectPrepared<Record<string, unknown>>(
    db,
    'select * from "application" where "owner" = ? and "name" = ?',
    ['admin', name],
  );
  return row ? codecs.application.decode(row as never) : undefined;
}

/** The application with a client id: read on every token, introspection and revocation request, so a prepared statement. */
export async function findApplicationByClientId(db: Db, clientId: string): Promise<Application | undefined> {
  if (!clientId) return undefined;
  const [row] = await selectPrepared<Record<string, unknown>>(db, 'select * from "application" where "clientId" = ?', [
    clientId,
  ]);
  return row ? codecs.application.decode(row as never) : undefined;
}

/** The oldest application of an organization (by creation time, then name). */
export async function findFirstApplicationOfOrganization(
  db: Db,
  organization: string,
): Promise<Application | undefined> {
  const row = await db
    .selectFrom('application')
    .selectAll()
    .where('organization', '=', organization)
    .orderBy('createdTime')
    .orderBy('name')
    .executeTakeFirst();
  return row ? codecs.application.decode(row) : undefined;
}

/** The redirect URIs (as stored, a JSON list) of every application, with its organization. */
export async function listApplicationRedirectUris(db: Db): Promise<{ organization: string; redirectUris: string }[]> {
  return db.selectFrom('application').select(['organization', 'redirectUris']).execute();
}

/** The name of the application holding a client id (an empty id too), if any. */
export async function findApplicationNameOfClientId(db: Db, clientId: string): Promise<string | undefined> {
  return (await db.selectFrom('application').select('name').where('clientId', '=', clientId).executeTakeFirst())?.name;
}
