import { appendSyncerErrorText, type SourceLimits } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Syncer } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { runExclusively } from '../../jobs/syncers/exclusive-run.ts';
import { checkSyncerShape, runProblem } from './check.ts';
import { readSyncerSource, SOURCE_LIMITS } from './source.ts';
import { mappingOf, type SyncReport, syncUsers } from './sync-users.ts';
import { syncerId } from './syncer-id.ts';

/** How much of its history a syncer's errorText keeps (its last characters), as Casdoor. */
const ERROR_TEXT_LIMIT = 65_536;
/** Rows named one by one in errorText per run; the rest are counted. */
const ROWS_NAMED = 20;
/** A run's claim outlives the longest run: the read's deadline, plus writing the users. */
export const CLAIM_MS = 15 * 60_000;

export { syncerId };

async function noteErrors(context: AppContext, syncer: Syncer, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const stamp = formatTime(context.clock.now());
  await appendSyncerErrorText(
    context.db,
    syncer.owner,
    syncer.name,
    lines.map((line) => `[${stamp}] ${line}\n`).join(''),
    ERROR_TEXT_LIMIT,
  );
}

export interface SyncOptions {
  limits?: SourceLimits;
  signal?: AbortSignal;
}

/**
 * One run of a syncer: read its table, then sync the users. What went wrong is added to its
 * errorText (a failed run, and the rows that were not synced); a failed run throws an ApiError
 * that says why.
 */
export async function syncOnce(context: AppContext, syncer: Syncer, options: SyncOptions = {}): Promise<SyncReport> {
  const limits = options.limits ?? SOURCE_LIMITS;
  try {
    // Checked again here: a row written past the API (an import, an old version) is no more trusted.
    checkSyncerShape(syncer);
    const problem = runProblem(syncer);
    if (problem) throw problem;
    const read = await readSyncerSource(context, syncer, mappingOf(syncer).columns, { limits, signal: options.signal });
    const report = await syncUsers(context, syncer, read, {
      signal: options.signal,
      maxValueLength: limits.maxValueLength,
    });
    const named = report.rejected
      .slice(0, ROWS_NAMED)
      .map((rejected) =>
        translate('en', 'syncer.row_rejected', { row: rejected.row, key: rejected.key, reason: rejected.reason }),
      );
    if (report.rejected.length > ROWS_NAMED)
      named.push(`${report.rejected.length - ROWS_NAMED} more rows were not synced`);
    await noteErrors(context, syncer, named);
    return report;
  } catch (error) {
    const line = error instanceof ApiError ? translate('en', error.code, error.params) : errorMessage(error);
    await noteErrors(context, syncer, [line]).catch(() => undefined);
    throw error;
  }
}

/** run-syncer: one run now, unless one is under way (here or on another server) or too many run. */
export async function runSyncerNow(
  context: AppContext,
  syncer: Syncer,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const outcome = await runExclusively(
    context,
    { id: syncerId(syncer), organization: syncer.organization, claimMs: CLAIM_MS },
    () => syncOnce(context, syncer, options),
  );
  if (!outcome.ran)
    throw outcome.refusal === 'already_running'
      ? new ApiError('syncer.already_running', { id: syncerId(syncer) })
      : new ApiError('syncer.busy');
  return outcome.value;
}
