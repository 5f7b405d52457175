import type { Database as BunSqlite } from 'bun:sqlite';
import type {
  AbortableOperationOptions,
  CompiledQuery,
  ControlConnectionProvider,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type pg from 'pg';

/**
 * The tables whose rows a server may keep in memory between requests: a bearer token's row, its user,
 * application, cert and organization, and what a user's roles and permissions are computed from. A
 * change to any of them, on this server or another, is told to the feed's listeners.
 */
export const WATCHED_TABLES = [
  'token',
  'user',
  'application',
  'cert',
  'organization',
  'role',
  'permission',
  'group',
] as const;
export type WatchedTable = (typeof WATCHED_TABLES)[number];
/**
 * Watched tables whose new rows count as changes too: a role or permission added can reach a user whose
 * grants are remembered (migration 0990), where a new token or user is one no one remembers yet.
 */
export const POLICY_TABLES = ['role', 'permission', 'group'] as const satisfies readonly WatchedTable[];
/** A change that may have touched any watched table (the notification channel was lost, another process wrote). */
export const ANY_TABLE = '*';
export type ChangedTable = WatchedTable | typeof ANY_TABLE;

/** Whether a change told as `table` may concern rows of one of `tables` (every change may, when the table is unknown). */
export const concerns = (table: ChangedTable, tables: ReadonlySet<string>) => table === ANY_TABLE || tables.has(table);

/** The Postgres channel the watched tables' triggers notify, one per schema (migrations 0940 and 0990). */
export const changeChannel = (schema: string) => `latchkey_changes:${schema}`;

const watched = new Set<string>(WATCHED_TABLES);
const insertsCount = new Set<string>(POLICY_TABLES);
const writeStatement =
  /^\s*(update|delete\s+from|insert\s+(?:or\s+replace\s+)?into|replace\s+into|truncate)\s+"?(\w+)"?/i;
const upsert = /\bon\s+conflict\b[\s\S]*\bdo\s+update\b/i;

/**
 * The watched table a statement changes, if any: one that changes existing rows, or adds rows to a
 * policy table (a plain insert elsewhere adds rows no one remembers).
 */
export function changedTable(sql: string): WatchedTable | undefined {
  const match = writeStatement.exec(sql);
  if (!match) return undefined;
  const table = match[2]!.toLowerCase();
  if (!watched.has(table)) return undefined;
  const verb = match[1]!.toLowerCase();
  if (verb.startsWith('insert into') && !insertsCount.has(table) && !upsert.test(sql)) return undefined;
  return table as WatchedTable;
}

type Listener = (table: ChangedTable) => void;

/**
 * What changed in the watched tables. Writes made through this database object are told at once (and
 * again when their transaction commits); on Postgres, writes of every other server come through
 * LISTEN/NOTIFY; on SQLite, writes of another process are noticed by `PRAGMA data_version`.
 * `trustworthy` is false while a change could go unnoticed (before LISTEN is in place, after the
 * notification connection was lost): memories must not be filled then.
 */
export class ChangeFeed {
  readonly #listeners = new Set<Listener>();
  #remote: RemoteChanges | undefined;
  readonly #startRemote: ((feed: ChangeFeed) => RemoteChanges) | undefined;

  constructor(startRemote?: (feed: ChangeFeed) => RemoteChanges) {
    this.#startRemote = startRemote;
  }

  /** Calls `listener` for every change from now on; starts watching other servers on first use. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (!this.#remote && this.#startRemote) this.#remote = this.#startRemote(this);
    return () => this.#listeners.delete(listener);
  }

  /** Whether every change is being heard (always, without other servers to hear). */
  get trustworthy(): boolean {
    return this.#remote ? this.#remote.trustworthy() : true;
  }

  /** Tells the listeners; also used when another server's or process's change is noticed. */
  tell(table: ChangedTable): void {
    for (const listener of this.#listeners) listener(table);
  }

  /** Notices what other processes wrote (SQLite; at most once per PROCESS_LOOK_INTERVAL_MS); cheap, asked before a memory is used. */
  look(): void {
    this.#remote?.look?.();
  }

  /** Resolves once every change committed before the call has been told (Postgres: a notification sent round). */
  async settled(): Promise<void> {
    await this.#remote?.settle?.();
  }

  async close(): Promise<void> {
    await this.#remote?.close();
    this.#remote = undefined;
    this.#listeners.clear();
  }
}

interface RemoteChanges {
  trustworthy(): boolean;
  look?(): void;
  settle?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long one look at other processes' writes on a SQLite file holds: a look within it of the last
 * one reads nothing. Reading `data_version` begins a read transaction (a lock on the shared memory
 * of the WAL, a system call or two), several microseconds that a request served from memory would
 * otherwise pay for itself alone; once a millisecond, another process's write (a command run against
 * the live file) is noticed within a millisecond, where a PostgreSQL node's is within a round trip of
 * a notification.
 */
export const PROCESS_LOOK_INTERVAL_MS = 1;

/** Other processes writing the same SQLite file change its `data_version`; this one's writes do not. */
export function sqliteProcessChanges(
  database: BunSqlite,
  intervalMs = PROCESS_LOOK_INTERVAL_MS,
  now: () => number = performance.now.bind(performance),
): (feed: ChangeFeed) => RemoteChanges {
  return (feed) => {
    const version = database.query<{ data_version: number }, []>('PRAGMA data_version');
    let seen = version.get()?.data_version;
    let lookedAt = now();
    return {
      trustworthy: () => true,
      look() {
        const at = now();
        if (at - lookedAt < intervalMs) return;
        lookedAt = at;
        const current = version.get()?.data_version;
        if (current !== seen) {
          seen = current;
          feed.tell(ANY_TABLE);
        }
      },
      close: async () => {},
    };
  };
}

/**
 * Other servers' changes on Postgres: a connection of its own that LISTENs on the channel of the
 * database's schema. Until it
 * listens, and from a lost connection until it listens again, the feed is not trustworthy, and a
 * reconnection tells every listener that anything may have changed.
 */
export function postgresNotifications(connection: pg.ClientConfig): (feed: ChangeFeed) => RemoteChanges {
  return (feed) => {
    let listening = false;
    let closed = false;
    let client: pg.Client | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let channel: string | undefined;
    let markers = 0;
    const waiting = new Map<string, () => void>();
    const lost = () => {
      listening = false;
      feed.tell(ANY_TABLE);
      const old = client;
      client = undefined;
      old?.end().catch(() => {});
      if (!closed && !retry) retry = setTimeout(connect, 1000);
    };
    async function connect() {
      retry = undefined;
      if (closed) return;
      const { Client } = (await import('pg')).default;
      if (closed) return;
      const next = new Client(connection);
      client = next;
      next.on('error', lost);
      next.on('end', () => client === next && lost());
      next.on('notification', (message) => {
        const marker = waiting.get(message.payload ?? '');
        if (marker) return marker();
        const table = message.payload ?? ANY_TABLE;
        feed.tell((watched.has(table) ? table : ANY_TABLE) as ChangedTable);
      });
      try {
        await next.connect();
        const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
        channel = changeChannel(rows[0]!.schema);
        await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
        if (closed || client !== next) return;
        // Whatever changed while no one listened is unknown: forget everything once, then trust.
        feed.tell(ANY_TABLE);
        listening = true;
      } catch {
        if (client === next) lost();
      }
    }
    void connect();
    return {
      trustworthy: () => listening,
      // Notifications arrive in the order their transactions committed: once a marker sent now comes
      // back, every change committed before it has been told.
      async settle() {
        if (!listening || !client || !channel) return;
        const marker = `settle:${++markers}`;
        const arrived = new Promise<void>((resolve) => waiting.set(marker, resolve));
        try {
          await client.query('select pg_notify($1, $2)', [channel, marker]);
          await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        } finally {
          waiting.delete(marker);
        }
      },
      close: async () => {
        closed = true;
        listening = false;
        if (retry) clearTimeout(retry);
        const old = client;
        client = undefined;
        await old?.end().catch(() => {});
      },
    };
  };
}

/** A connection that tells the feed of each watched write: at once, and again when its transaction commits. */
class WatchedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  readonly #feed: ChangeFeed;
  inTransaction = false;
  readonly pending = new Set<WatchedTable>();

  constructor(inner: DatabaseConnection, feed: ChangeFeed) {
    this.inner = inner;
    this.#feed = feed;
  }

  async executeQuery<R>(query: CompiledQuery, options?: AbortableOperationOptions): Promise<QueryResult<R>> {
    const table = changedTable(query.sql);
    try {
      return await this.inner.executeQuery<R>(query, options);
    } finally {
      if (table) {
        this.#feed.tell(table);
        if (this.inTransaction) this.pending.add(table);
      }
    }
  }

  streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number,
    options?: AbortableOperationOptions,
  ): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize, options);
  }

  cancelQuery(provider: ControlConnectionProvider): Promise<void> {
    return this.inner.cancelQuery ? this.inner.cancelQuery(provider) : Promise.resolve();
  }

  collectSessionInfo(): Promise<void> {
    return this.inner.collectSessionInfo ? this.inner.collectSessionInfo() : Promise.resolve();
  }

  killSession(provider: ControlConnectionProvider): Promise<void> {
    return this.inner.killSession ? this.inner.killSession(provider) : Promise.resolve();
  }
}

class WatchedDriver implements Driver {
  readonly #inner: Driver;
  readonly #feed: ChangeFeed;
  readonly #wrapped = new WeakMap<DatabaseConnection, WatchedConnection>();

  constructor(inner: Driver, feed: ChangeFeed) {
    this.#inner = inner;
    this.#feed = feed;
  }

  init(options?: AbortableOperationOptions): Promise<void> {
    return this.#inner.init(options);
  }

  async acquireConnection(options?: AbortableOperationOptions): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection(options);
    let connection = this.#wrapped.get(inner);
    if (!connection) {
      connection = new WatchedConnection(inner, this.#feed);
      this.#wrapped.set(inner, connection);
    }
    return connection;
  }

  releaseConnection(connection: DatabaseConnection, options?: AbortableOperationOptions): Promise<void> {
    return this.#inner.releaseConnection((connection as WatchedConnection).inner, options);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const watchedConnection = connection as WatchedConnection;
    await this.#inner.beginTransaction(watchedConnection.inner, settings);
    watchedConnection.inTransaction = true;
    watchedConnection.pending.clear();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const watchedConnection = connection as WatchedConnection;
    try {
      await this.#inner.commitTransaction(watchedConnection.inner);
    } finally {
      // Told again after the commit: a reader that remembered a row between the write and the commit
      // (Postgres reads the committed row meanwhile) forgets it now.
      this.#endTransaction(watchedConnection, true);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const watchedConnection = connection as WatchedConnection;
    try {
      await this.#inner.rollbackTransaction(watchedConnection.inner);
    } finally {
      this.#endTransaction(watchedConnection, false);
    }
  }

  #endTransaction(connection: WatchedConnection, committed: boolean) {
    connection.inTransaction = false;
    if (committed) for (const table of connection.pending) this.#feed.tell(table);
    connection.pending.clear();
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint!((connection as WatchedConnection).inner, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint!((connection as WatchedConnection).inner, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.releaseSavepoint!((connection as WatchedConnection).inner, name, compile);
  }

  destroy(options?: AbortableOperationOptions): Promise<void> {
    return this.#inner.destroy(options);
  }
}

/** `dialect` with every watched write told to `feed`. */
export function watchedDialect(dialect: Dialect, feed: ChangeFeed): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new WatchedDriver(dialect.createDriver(), feed),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
