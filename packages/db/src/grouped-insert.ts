import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { executePrepared } from './prepared.ts';
import type { TableName } from './tables.ts';

/** Whatever carries the database a row goes to (the server's target will do). */
interface Target {
  db: Kysely<Database>;
}

/**
 * Writes rows of one table in groups: every row written in the same turn of the event loop goes
 * into one multi-row INSERT, committed once (group commit). On SQLite a commit costs several page
 * writes whatever it holds, so under load this saves most of the writing; with one request at a
 * time it adds nothing but a turn of the loop. A caller's promise settles when its row is stored;
 * a row that cannot be stored fails alone (the others of its group are written one by one then).
 */
export interface GroupedInsert<R> {
  /** Stores one row. */
  write(target: Target, row: R): Promise<void>;
}

const MAX_ROWS = 64;

interface Pending {
  values: unknown[];
  resolve(): void;
  reject(error: unknown): void;
}

interface Writer {
  pending: Pending[];
  scheduled: boolean;
}

/** The values of every row of a batch in one list (a plain loop: half the time of `flatMap`). */
function allValues(batch: readonly Pending[], perRow: number): unknown[] {
  const values = new Array<unknown>(batch.length * perRow);
  let at = 0;
  for (const entry of batch) for (const value of entry.values) values[at++] = value;
  return values;
}

/** How rows of a table become the parameters of an INSERT: a table's codec. */
export interface RowValues<R> {
  /** Every column, in the order of `encodeValues`. */
  readonly columns: readonly string[];
  encodeValues(row: Partial<R>): unknown[];
}

export function groupedInsert<R>(table: TableName, codec: RowValues<R>): GroupedInsert<R> {
  const { columns } = codec;
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements: string[] = [];
  /** `insert into "<table>" (…) values (…), (…)` for a number of rows; made once per size. */
  const insertStatement = (rows: number) =>
    (statements[rows] ??=
      `insert into "${table}" (${columnList}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`);
  const writers = new WeakMap<Kysely<Database>, Writer>();

  async function insertRows(target: Target, batch: Pending[]): Promise<void> {
    const parameters = batch.length === 1 ? batch[0]!.values : allValues(batch, columns.length);
    await executePrepared(target.db, insertStatement(batch.length), parameters);
  }

  async function flush(target: Target, writer: Writer): Promise<void> {
    writer.scheduled = false;
    const batch = writer.pending.splice(0, writer.pending.length);
    if (batch.length === 0) return;
    try {
      await insertRows(target, batch);
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) {
        try {
          await insertRows(target, [entry]);
          entry.resolve();
        } catch (single) {
          entry.reject(single);
        }
      }
    }
  }

  return {
    write(target, row) {
      const values = codec.encodeValues(row);
      let writer = writers.get(target.db);
      if (!writer) {
        writer = { pending: [], scheduled: false };
        writers.set(target.db, writer);
      }
      const active = writer;
      return new Promise<void>((resolve, reject) => {
        active.pending.push({ values, resolve, reject });
        if (active.pending.length >= MAX_ROWS) void flush(target, active);
        else if (!active.scheduled) {
          active.scheduled = true;
          setImmediate(() => void flush(target, active));
        }
      });
    },
  };
}
