import { codecs, type TokenRecord } from '@latchkey/db';
import type { AppContext } from '../context.ts';

type Db = AppContext['db'];

/**
 * The token table as the OAuth server uses it (rows are written by token-writer.ts). One row per grant step: an authorization code row
 * becomes the token row when the code is redeemed; each refresh adds a row to the same family.
 * State changes that must happen once (redeeming a code, rotating a refresh token) are conditional
 * updates, so two concurrent requests can never both succeed.
 */
async function findOne(db: Db, column: 'codeHash' | 'refreshTokenHash' | 'accessTokenHash', hash: string): Promise<TokenRecord | undefined> {
  if (!hash) return undefined;
  // `<> ''` lets the partial indexes on the code and refresh-token hashes serve the lookup.
  const row = await db.selectFrom('token').selectAll().where(column, '=', hash).where(column, '<>', '').executeTakeFirst();
  return row ? codecs.token.decode(row) : undefined;
}

export const findTokenByCodeHash = (db: Db, hash: string) => findOne(db, 'codeHash', hash);
export const findTokenByRefreshHash = (db: Db, hash: string) => findOne(db, 'refreshTokenHash', hash);
export const findTokenByAccessHash = (db: Db, hash: string) => findOne(db, 'accessTokenHash', hash);

/** Marks a code used; false when another request already did. */
export async function claimCode(db: Db, name: string): Promise<boolean> {
  const result = await db.updateTable('token').set({ codeIsUsed: 1 }).where('owner', '=', 'admin').where('name', '=', name).where('codeIsUsed', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires a refresh token at rotation; false when it was already retired (a reuse) or revoked. */
export async function retireRefreshToken(db: Db, name: string, refreshExpiresAt: number): Promise<boolean> {
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

/** Writes the tokens minted for a redeemed code into its row. */
export async function storeRedeemedTokens(db: Db, name: string, token: TokenRecord): Promise<void> {
  const { owner: _owner, name: _name, ...fields } = codecs.token.encode(token);
  await db.updateTable('token').set(fields).where('owner', '=', 'admin').where('name', '=', name).execute();
}

/** Revokes every token of a grant: its access tokens stop working and its refresh tokens too. */
export async function revokeFamily(db: Db, familyId: string): Promise<number> {
  if (!familyId) return 0;
  const result = await db.updateTable('token').set({ expiresIn: 0, refreshExpiresAt: 0 }).where('familyId', '=', familyId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes one token row (its access token, and with it the refresh token it came with). */
export async function revokeTokenRow(db: Db, name: string): Promise<void> {
  await db.updateTable('token').set({ expiresIn: 0, refreshExpiresAt: 0 }).where('owner', '=', 'admin').where('name', '=', name).execute();
}
