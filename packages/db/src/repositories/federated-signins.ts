import type { User } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';
import { isUniqueViolation } from './objects.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type FederatedSigninRecord = ReturnType<typeof codecs.federated_signin.decode>;

/**
 * The user columns that hold the id of a linked account, one per kind of OAuth provider. Within an
 * organization an id is in one user's column at most (a unique index, migration 0982).
 */
export const LINK_COLUMNS = ['github', 'google', 'gitlab', 'azuread', 'discord', 'custom', 'apple'] as const;
export type LinkColumn = (typeof LINK_COLUMNS)[number];

/*
 * Sign-ins through an outside provider: the state of those under way (taken once, by one
 * conditional delete) and the users' links to their accounts at the providers.
 */

export async function insertFederatedSignin(db: Db, record: FederatedSigninRecord): Promise<void> {
  await db.insertInto('federated_signin').values(codecs.federated_signin.encode(record)).execute();
}

/**
 * Takes a sign-in under way by its id for the browser that began it: answers it and deletes it in
 * one go, so only one call gets it; undefined when it is unknown, expired or another browser's.
 */
export async function takeFederatedSignin(
  db: Db,
  id: string,
  browser: string,
  now: number,
): Promise<FederatedSigninRecord | undefined> {
  const row = await db
    .deleteFrom('federated_signin')
    .where('id', '=', id)
    .where('browser', '=', browser)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row ? codecs.federated_signin.decode(row) : undefined;
}

/** The user of an organization linked to an account id at one kind of provider (the oldest, should there be two). */
export async function findUserByLink(
  db: Db,
  organization: string,
  column: LinkColumn,
  accountId: string,
): Promise<User | undefined> {
  if (!accountId) return undefined;
  const row = await db
    .selectFrom('user')
    .selectAll()
    .where('owner', '=', organization)
    .where(column, '=', accountId)
    .orderBy('createdTime')
    .orderBy('name')
    .executeTakeFirst();
  return row ? codecs.user.decode(row) : undefined;
}

/**
 * Links a user to an account id, with the profile fields given, only while the user has no account
 * of that kind linked and no other user of the organization holds that account; answers whether it
 * did.
 */
export async function linkUserAccount(
  db: Db,
  user: Pick<User, 'owner' | 'name'>,
  column: LinkColumn,
  accountId: string,
  fields: Partial<User>,
): Promise<boolean> {
  const result = await db
    .updateTable('user')
    .set({ ...codecs.user.encodePartial(fields), [column]: accountId })
    .where('owner', '=', user.owner)
    .where('name', '=', user.name)
    .where(column, '=', '')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('user as other')
            .select('other.name')
            .where('other.owner', '=', user.owner)
            .where(`other.${column}`, '=', accountId),
        ),
      ),
    )
    .executeTakeFirst()
    // Another user took it between the check and the write (the unique index decides).
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    });
  return result !== undefined && Number(result.numUpdatedRows) > 0;
}

/** Removes a user's link to their account of one kind, with the profile fields given; answers whether one was linked. */
export async function unlinkUserAccount(
  db: Db,
  user: Pick<User, 'owner' | 'name'>,
  column: LinkColumn,
  fields: Partial<User>,
): Promise<boolean> {
  const result = await db
    .updateTable('user')
    .set({ ...codecs.user.encodePartial(fields), [column]: '' })
    .where('owner', '=', user.owner)
    .where('name', '=', user.name)
    .where(column, '!=', '')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
