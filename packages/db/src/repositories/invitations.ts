import type { Invitation } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The most invitations of one organization that a code is compared with. */
export const MAX_INVITATIONS_COMPARED = 1000;

/**
 * The invitations of an organization a code may belong to: those whose code is exactly it, then
 * those whose code is a regular expression (newest first, at most MAX_INVITATIONS_COMPARED).
 */
export async function findInvitationCandidates(db: Db, owner: string, code: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitation')
    .selectAll()
    .where('owner', '=', owner)
    .where((eb) => eb.or([eb('code', '=', code), eb('isRegexp', '=', 1)]))
    .orderBy('createdTime', 'desc')
    .limit(MAX_INVITATIONS_COMPARED)
    .execute();
  const invitations = rows.map((row) => codecs.invitation.decode(row));
  return [...invitations.filter((item) => item.code === code), ...invitations.filter((item) => item.code !== code)];
}

/**
 * Uses one unit of an invitation's quota with a conditional update: of concurrent sign-ups, only
 * as many as the quota has left succeed. True when this use was counted.
 */
export async function claimInvitationUse(db: Db, owner: string, name: string, updatedTime: string): Promise<boolean> {
  const result = await db
    .updateTable('invitation')
    .set((eb) => ({ usedCount: eb('usedCount', '+', 1), updatedTime }))
    .where('owner', '=', owner)
    .where('name', '=', name)
    .where('state', '=', 'Active')
    .whereRef('usedCount', '<', 'quota')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
