import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type WebauthnCredentialRecord = ReturnType<typeof codecs.webauthn_credential.decode>;
export type WebauthnChallengeRecord = ReturnType<typeof codecs.webauthn_challenge.decode>;

/*
 * Passkeys (WebAuthn credentials) and the challenges handed out for them. A challenge is taken by
 * one statement that deletes it, so only one answer uses it; a use of a credential raises its
 * counter only from the value read before, so two answers with the same counter cannot both pass.
 */

export async function insertWebauthnCredential(db: Db, credential: WebauthnCredentialRecord): Promise<void> {
  await db.insertInto('webauthn_credential').values(codecs.webauthn_credential.encode(credential)).execute();
}

/** A user's passkeys, oldest first. */
export async function listWebauthnCredentials(db: Db, userId: string): Promise<WebauthnCredentialRecord[]> {
  const rows = await db
    .selectFrom('webauthn_credential')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdTime')
    .orderBy('id')
    .execute();
  return rows.map((row) => codecs.webauthn_credential.decode(row));
}

/** How many passkeys a user has. */
export async function countWebauthnCredentials(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('webauthn_credential')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** A passkey by its credential id (base64url), whoever it belongs to. */
export async function findWebauthnCredential(db: Db, id: string): Promise<WebauthnCredentialRecord | undefined> {
  const row = await db.selectFrom('webauthn_credential').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? codecs.webauthn_credential.decode(row) : undefined;
}

/** Renames one of a user's passkeys; answers whether the user has it. */
export async function renameWebauthnCredential(db: Db, userId: string, id: string, name: string): Promise<boolean> {
  const result = await db
    .updateTable('webauthn_credential')
    .set({ name })
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes one of a user's passkeys; answers whether the user had it. */
export async function deleteWebauthnCredential(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webauthn_credential')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes every passkey of a user (the user was deleted); answers how many. */
export async function deleteWebauthnCredentialsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('webauthn_credential').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records a sign-in with a passkey: the new counter and the time, only if the counter is still the
 * one read before (`counterBefore`); answers whether this call made the change.
 */
export async function recordWebauthnUse(
  db: Db,
  id: string,
  counterBefore: number,
  counter: number,
  lastUsedTime: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webauthn_credential')
    .set({ counter, lastUsedTime })
    .where('id', '=', id)
    .where('counter', '=', counterBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertWebauthnChallenge(db: Db, challenge: WebauthnChallengeRecord): Promise<void> {
  await db.insertInto('webauthn_challenge').values(codecs.webauthn_challenge.encode(challenge)).execute();
}

/** Takes a challenge for a purpose, unless it has expired (`now` in Unix seconds): only the one call that removed it gets it. */
export async function takeWebauthnChallenge(
  db: Db,
  id: string,
  purpose: string,
  now: number,
): Promise<WebauthnChallengeRecord | undefined> {
  const row = await db
    .deleteFrom('webauthn_challenge')
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row ? codecs.webauthn_challenge.decode(row) : undefined;
}
