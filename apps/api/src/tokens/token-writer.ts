import { codecs, type TokenRecord } from '@latchkey/db';
import type { AppContext } from '../context.ts';
import { executeStatement } from './compiled-query.ts';

/**
 * Writes token rows in groups: every row issued in the same turn of the event loop goes into one
 * multi-row INSERT, committed once (group commit). On SQLite a commit costs several page writes
 * whatever it holds, so under load this is most of the token endpoint's database time; with one
 * request at a time it adds nothing but a turn of the loop. A caller's promise settles when its
 * row is stored, so a token is never handed out before it can be checked.
 */
const MAX_ROWS = 64;
const columns = Object.keys(codecs.token.encode({}));
const columnList = columns.map((column) => `"${column}"`).join(', ');

const statements: string[] = [];

/** `insert into "token" (…) values (…), (…)` for a number of rows; made once per size. */
function insertStatement(rows: number): string {
  let text = statements[rows];
  if (text === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into "token" (${columnList}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`;
    statements[rows] = text;
  }
  return text;
}

interface Pending {
  values: unknown[];
  resolve(): void;
  reject(error: unknown): void;
}

interface Writer {
  pending: Pending[];
  scheduled: boolean;
}

const writers = new WeakMap<AppContext['db'], Writer>();

async function insertRows(context: AppContext, batch: Pending[]): Promise<void> {
  const parameters = batch.length === 1 ? batch[0]!.values : batch.flatMap((entry) => entry.values);
  await executeStatement(context, insertStatement(batch.length), parameters);
}

async function flush(context: AppContext, writer: Writer): Promise<void> {
  writer.scheduled = false;
  const batch = writer.pending.splice(0, writer.pending.length);
  if (batch.length === 0) return;
  try {
    await insertRows(context, batch);
    for (const entry of batch) entry.resolve();
  } catch (error) {
    if (batch.length === 1) return batch[0]!.reject(error);
    // One bad row must not fail the others: write them one by one.
    for (const entry of batch) {
      try {
        await insertRows(context, [entry]);
        entry.resolve();
      } catch (single) {
        entry.reject(single);
      }
    }
  }
}

/** Stores a token row, grouped with the other rows of this turn of the event loop. */
export function writeTokenRow(context: AppContext, token: TokenRecord): Promise<void> {
  let writer = writers.get(context.db);
  if (!writer) {
    writer = { pending: [], scheduled: false };
    writers.set(context.db, writer);
  }
  const encoded = codecs.token.encode(token) as Record<string, unknown>;
  const values = columns.map((column) => encoded[column]);
  const active = writer;
  return new Promise<void>((resolve, reject) => {
    active.pending.push({ values, resolve, reject });
    if (active.pending.length >= MAX_ROWS) void flush(context, active);
    else if (!active.scheduled) {
      active.scheduled = true;
      setImmediate(() => void flush(context, active));
    }
  });
}
