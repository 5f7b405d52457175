/**
 * WAL checkpoints of a server's SQLite file on a thread of their own. A checkpoint copies the WAL's
 * pages into the database file and syncs both (two fsyncs, milliseconds each on a real disk); left
 * to SQLite's automatic checkpoint it runs inside whichever commit crosses the WAL's size limit, on
 * the thread that serves requests, and every request waits for the disk meanwhile.
 *
 * Here the serving connection's automatic checkpoint is raised to a backstop (BACKSTOP_PAGES) and a
 * worker with a connection of its own runs `PRAGMA wal_checkpoint(PASSIVE)` after the serving
 * connection has written: never waiting for a lock, never blocking a writer or a reader, safe with
 * other processes on the same file (one checkpoints at a time; the others are told "busy"). The
 * worker costs a JavaScript heap of its own, so it starts with the first write and stops after a
 * quiet spell; if it fails, the serving connection checkpoints by itself again (SQLite's default
 * limit), so the WAL stays bounded whatever happens to the worker. The worker's code is inline, so
 * the single executable carries it too. Figures: bench/README.md, "WAL checkpoints off the event loop".
 */
import type { Database as BunSqlite } from 'bun:sqlite';

/** The serving connection's own checkpoint while a worker does the work: 10,000 pages (about 40 MB of WAL). */
export const BACKSTOP_PAGES = 10_000;
/** SQLite's default automatic checkpoint, restored when the worker cannot run. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** Rows written (as SQLite counts changes) that start a checkpoint without waiting for `delayMs`: about 4,000 pages of tokens. */
const ROWS_PER_CHECKPOINT = 5_000;
/** A worker that fails this many times is not started again; the serving connection checkpoints instead. */
const MAX_FAILURES = 3;
/** How long a stop waits for the worker to finish its checkpoint and close its connection. */
const STOP_DEADLINE_MS = 10_000;

const WORKER_CODE = `
const { Database } = require('bun:sqlite');
const { closeSync, fsyncSync, openSync } = require('node:fs');
let database;
let databaseFd;
function open(file) {
  const opened = new Database(file, { readwrite: true, create: false });
  opened.exec('PRAGMA busy_timeout = 5000');
  opened.exec('PRAGMA synchronous = NORMAL');
  databaseFd = openSync(file, 'r');
  return opened;
}
self.onmessage = (event) => {
  const { type, file } = event.data;
  if (type === 'checkpoint') {
    try {
      database ??= open(file);
      const row = database.query('PRAGMA wal_checkpoint(PASSIVE)').get();
      // Overtaken by new frames (which its result does not tell), a checkpoint leaves the pages it
      // copied unsynced, for whichever checkpoint reaches the end of the WAL: under steady writes the
      // serving connection's backstop. Synced here, off that thread (next to nothing when SQLite just did).
      if (row.checkpointed > 0) fsyncSync(databaseFd);
      self.postMessage({ type: 'checkpointed', busy: row.busy, log: row.log, checkpointed: row.checkpointed });
    } catch (error) {
      self.postMessage({ type: 'failed', error: String(error) });
    }
  } else if (type === 'close') {
    try {
      database?.close();
      if (databaseFd !== undefined) closeSync(databaseFd);
    } finally {
      database = undefined;
      databaseFd = undefined;
      self.postMessage({ type: 'closed' });
    }
  }
};`;

/** What one `PRAGMA wal_checkpoint(PASSIVE)` reported: WAL frames in all, and how many are in the database file. */
export interface CheckpointResult {
  /** 1 when another connection's checkpoint or a lock stopped this one short. */
  busy: number;
  /** Frames in the WAL (-1 when the file is not in WAL mode). */
  log: number;
  /** Frames of the WAL now copied into the database file. */
  checkpointed: number;
}

/** The worker's code as a URL, made once. */
let workerUrl: string | undefined;

type WorkerReply =
  | ({ type: 'checkpointed' } & CheckpointResult)
  | { type: 'failed'; error: string }
  | { type: 'closed' };

export interface WalCheckpointerOptions {
  /** How often the serving connection's writes are looked for. */
  intervalMs?: number;
  /** How long written pages may wait for their checkpoint (unless ROWS_PER_CHECKPOINT come first). */
  delayMs?: number;
  /** How long without writes before the worker stops (and its memory is returned). */
  idleMs?: number;
  /** Told of every checkpoint the worker made (tests, measurements). */
  onCheckpoint?: (result: CheckpointResult) => void;
}

export interface WalCheckpointer {
  /** Whether a worker thread is running now. */
  readonly running: boolean;
  /** Stops looking for writes, lets the worker finish its checkpoint and close its connection, and ends it. */
  stop(): Promise<void>;
}

/** The serving connection's automatic checkpoint limit, in pages. */
function setAutocheckpoint(database: BunSqlite, pages: number): void {
  database.exec(`PRAGMA wal_autocheckpoint = ${pages}`);
}

/**
 * Starts checkpointing `file` (the file `database` is open on, in WAL mode) on a worker thread.
 * The serving connection's own checkpoint becomes a backstop until `stop()`.
 */
export function startWalCheckpointer(
  database: BunSqlite,
  file: string,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const intervalMs = options.intervalMs ?? 100;
  const delayMs = options.delayMs ?? 1_000;
  const idleMs = options.idleMs ?? 30_000;
  const changes = database.query<{ changes: number }, []>('SELECT total_changes() AS changes');
  let seen = changes.get()?.changes ?? 0;
  /** Rows the serving connection had changed when the last checkpoint began. */
  let checkpointedRows = seen;
  /** When the first write since the last checkpoint began was seen. */
  let firstPendingWrite = 0;
  let worker: Worker | undefined;
  let checkpointing = false;
  /** Rows were written while the last checkpoint ran: it cannot have reached the end of the WAL. */
  let overtaken = false;
  let lastWrite = 0;
  let failures = 0;
  let stopped = false;
  /** Workers asked to close their connection, until they said so (or the stop deadline passed). */
  const retiring = new Set<Promise<void>>();

  setAutocheckpoint(database, BACKSTOP_PAGES);

  const fail = () => {
    checkpointing = false;
    worker?.terminate();
    worker = undefined;
    if (++failures >= MAX_FAILURES) {
      clearInterval(timer);
      setAutocheckpoint(database, DEFAULT_AUTOCHECKPOINT_PAGES);
    }
  };

  /** Asks a worker to close its connection (after the checkpoint it may be running) and then ends it. */
  const retire = (retired: Worker) => {
    const closed = new Promise<void>((resolve) => {
      retired.onmessage = (event: MessageEvent<WorkerReply>) => {
        if (event.data.type === 'closed') resolve();
      };
      retired.onerror = () => resolve();
    }).then(() => {
      retired.terminate();
      retiring.delete(closed);
    });
    retiring.add(closed);
    retired.postMessage({ type: 'close' });
  };

  const startWorker = (): Worker => {
    workerUrl ??= URL.createObjectURL(new Blob([WORKER_CODE], { type: 'application/javascript' }));
    const started = new Worker(workerUrl, {
      // A smaller heap: the worker runs one statement at a time.
      smol: true,
    });
    // Bun's Worker can be unreferenced (the DOM type does not say so): it must not keep the process alive.
    (started as Worker & { unref(): void }).unref();
    started.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      checkpointing = false;
      if (reply.type === 'failed') return fail();
      if (reply.type !== 'checkpointed') return;
      overtaken = (changes.get()?.changes ?? seen) !== checkpointedRows;
      failures = 0;
      options.onCheckpoint?.({ busy: reply.busy, log: reply.log, checkpointed: reply.checkpointed });
    };
    started.onerror = () => fail();
    return started;
  };

  const look = () => {
    const now = Date.now();
    const rows = changes.get()?.changes ?? seen;
    if (rows !== seen) {
      if (seen === checkpointedRows) firstPendingWrite = now;
      seen = rows;
      lastWrite = now;
    }
    const pending = seen - checkpointedRows;
    // Each checkpoint that empties the WAL costs the serving connection one sync when it starts the
    // WAL over (its new header must be on disk before new frames), so after a write the first
    // checkpoint waits a second or a few thousand rows. One overtaken by writes follows at once:
    // under steady writes none reaches the end of the WAL, the backstop does, and it should find
    // little left to copy.
    const due = overtaken || pending >= ROWS_PER_CHECKPOINT || now - firstPendingWrite >= delayMs;
    if (pending > 0 && !checkpointing && due) {
      checkpointedRows = seen;
      worker ??= startWorker();
      checkpointing = true;
      worker.postMessage({ type: 'checkpoint', file });
    } else if (worker && !checkpointing && pending === 0 && now - lastWrite >= idleMs) {
      retire(worker);
      worker = undefined;
    }
  };
  const timer = setInterval(look, intervalMs);
  timer.unref();

  return {
    get running() {
      return worker !== undefined;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (worker) retire(worker);
      worker = undefined;
      let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => {
        deadlineTimer = setTimeout(resolve, STOP_DEADLINE_MS);
      });
      await Promise.race([Promise.all(retiring), deadline]);
      clearTimeout(deadlineTimer);
      setAutocheckpoint(database, DEFAULT_AUTOCHECKPOINT_PAGES);
    },
  };
}
