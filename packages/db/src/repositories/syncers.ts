import type { Syncer } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every enabled syncer, of every organization. */
export async function listEnabledSyncers(db: Db): Promise<Syncer[]> {
  const rows = await db.selectFrom('syncer').selectAll().where('isEnabled', '=', 1).execute();
  return rows.map((row) => codecs.syncer.decode(row));
}

export interface SyncerRunState {
  syncer: string;
  claimedBy: string;
  claimedUntil: number;
  lastStartedAt: number;
  lastFinishedAt: number;
}

/** When each syncer last ran (and who runs it now), by syncer id. */
export async function syncerRunStates(db: Db): Promise<Map<string, SyncerRunState>> {
  const rows = await db.selectFrom('syncer_run').selectAll().execute();
  return new Map(
    rows.map((row) => [
      row.syncer,
      {
        ...row,
        claimedUntil: Number(row.claimedUntil),
        lastStartedAt: Number(row.lastStartedAt),
        lastFinishedAt: Number(row.lastFinishedAt),
      },
    ]),
  );
}

/**
 * Claims a syncer for one run with a conditional update, so that of several servers (or a schedule
 * and a manual run) exactly one runs it at a time. True when this claim won.
 */
export async function claimSyncerRun(
  db: Db,
  syncer: string,
  claim: { by: string; until: number },
  now: number,
): Promise<boolean> {
  await db
    .insertInto('syncer_run')
    .values(codecs.syncer_run.encode({ syncer }))
    .onConflict((conflict) => conflict.column('syncer').doNothing())
    .execute();
  const result = await db
    .updateTable('syncer_run')
    .set({ claimedBy: claim.by, claimedUntil: claim.until, lastStartedAt: now })
    .where('syncer', '=', syncer)
    .where('claimedUntil', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a run: gives up the claim (if still held) and notes when it ended. */
export async function finishSyncerRun(db: Db, syncer: string, claimedBy: string, now: number): Promise<void> {
  await db
    .updateTable('syncer_run')
    .set({ claimedBy: '', claimedUntil: 0, lastFinishedAt: now })
    .where('syncer', '=', syncer)
    .where('claimedBy', '=', claimedBy)
    .execute();
}

/** Makes a syncer due at once (it was changed); a run under way keeps its claim. */
export async function makeSyncerDue(db: Db, syncer: string): Promise<void> {
  await db.updateTable('syncer_run').set({ lastFinishedAt: 0 }).where('syncer', '=', syncer).execute();
}

/** Forgets a deleted syncer's runs. */
export async function forgetSyncerRuns(db: Db, syncer: string): Promise<void> {
  await db.deleteFrom('syncer_run').where('syncer', '=', syncer).execute();
}

/** Adds a line to a syncer's errorText, keeping only its last `maxLength` characters. */
export async function appendSyncerErrorText(
  db: Kysely<Database>,
  owner: string,
  name: string,
  line: string,
  maxLength: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('syncer')
      .select('errorText')
      .where('owner', '=', owner)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return;
    const text = row.errorText + line;
    await trx
      .updateTable('syncer')
      .set({ errorText: text.length > maxLength ? text.slice(text.length - maxLength) : text })
      .where('owner', '=', owner)
      .where('name', '=', name)
      .execute();
  });
}
