import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { selectPrepared } from '../prepared.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type TokenRecord = ReturnType<typeof codecs.token.decode>;

/*
 * The token table as the OAuth server uses it. One row per grant step: an authorization code row
 * becomes the token row when the code is redeemed; each refresh adds a row to the same family.
 * State changes that must happen once (redeeming a code, rotating a refresh token) are conditional
 * updates, so two concurrent requests can never both succeed.
 */

async function findOne(
  db: Db,
  column: 'codeHash' | 'refreshTokenHash',
  hash: string,
): Promise<TokenRecord | undefined> {
  if (!hash) return undefined;
  // `<> ''` lets the partial indexes on the code and refresh-token hashes serve the lookup.
  const row = await db
    .selectFrom('token')
    .selectAll()
    .where(column, '=', hash)
    .where(column, '<>', '')
    .executeTakeFirst();
  return row ? codecs.token.decode(row) : undefined;
}

export const findTokenByCodeHash = (db: Db, hash: string) => findOne(db, 'codeHash', hash);
export const findTokenByRefreshHash = (db: Db, hash: string) => findOne(db, 'refreshTokenHash', hash);

/**
 * The row of an access token: the row its `jti` names (`name`), if it holds that token (its
 * SHA-256). Asked on every call with a bearer token that is not remembered, so a prepared statement
 * on the primary key.
 */
export async function findTokenByAccessHash(db: Db, name: string, hash: string): Promise<TokenRecord | undefined> {
  if (!name || !hash) return undefined;
  const [row] = await selectPrepared<Record<string, unknown>>(
    db,
    'select * from "token" where "owner" = \'admin\' and "name" = ? and "accessTokenHash" = ?',
    [name, hash],
  );
  return row ? codecs.token.decode(row as never) : undefined;
}

/**
 * Redeems a code: marks it used and writes the tokens minted for it into its row, in one
 * conditional update, so that a code is never used up without its tokens stored (a process killed
 * in between) and a second redemption always sees the tokens it must revoke. False when another
 * request redeemed it first.
 */
export async function redeemCode(db: Db, name: string, token: TokenRecord): Promise<boolean> {
  const { owner: _owner, name: _name, ...fields } = codecs.token.encode({ ...token, codeIsUsed: true });
  const result = await db
    .updateTable('token')
    .set(fields)
    .where('owner', '=', 'admin')
    .where('name', '=', name)
    .where('codeIsUsed', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires a refresh token at rotation; false when it was already retired (a reuse) or revoked. */
async function retireRefreshToken(db: Db, name: string, refreshExpiresAt: number): Promise<boolean> {
  const result = await db
    .updateTable('token')
    .set({ refreshExpiresAt: 0 })
    .where('owner', '=', 'admin')
    .where('name', '=', name)
    .where('refreshExpiresAt', '=', refreshExpiresAt)
    .where('expiresIn', '>', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Rotates a refresh token: retires the presented one and stores the row of its successor in one
 * transaction, so that it is never retired without a successor (a process killed in between would
 * leave the client with a dead token, and its retry would read as a reuse). False, with nothing
 * written, when it was already retired or revoked.
 */
export async function rotateRefreshToken(
  db: Kysely<Database>,
  retired: Pick<TokenRecord, 'name' | 'refreshExpiresAt'>,
  successor: TokenRecord,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await retireRefreshToken(trx, retired.name, retired.refreshExpiresAt))) return false;
    await trx.insertInto('token').values(codecs.token.encode(successor)).execute();
    return true;
  });
}

/** Revokes every token of a grant: its access tokens stop working and its refresh tokens too. */
export async function revokeFamily(db: Db, familyId: string): Promise<number> {
  if (!familyId) return 0;
  const result = await db
    .updateTable('token')
    .set({ expiresIn: 0, refreshExpiresAt: 0 })
    .where('familyId', '=', familyId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes one token row (its access token, and with it the refresh token it came with). */
export async function revokeTokenRow(db: Db, name: string): Promise<void> {
  await db
    .updateTable('token')
    .set({ expiresIn: 0, refreshExpiresAt: 0 })
    .where('owner', '=', 'admin')
    .where('name', '=', name)
    .execute();
}
