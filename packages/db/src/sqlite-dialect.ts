import type { Database as BunSqlite } from 'bun:sqlite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';

/**
 * SQLite has one connection, so one query or transaction holds it at a time. Kysely's own guard
 * for that wakes every waiting query whenever the connection is released (all but one go back to
 * sleep), which costs more than the queries themselves when many requests are in flight. This
 * driver hands the connection to the waiters one by one, in arrival order.
 */
class QueuedSqliteDriver implements Driver {
  readonly #inner: Driver;
  readonly #waiting: (() => void)[] = [];
  #busy = false;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#busy = true;
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const next = this.#waiting.shift();
    // The connection passes straight to the next waiter; it stays busy.
    if (next) next();
    else this.#busy = false;
  }

  /**
   * Transactions take the write lock when they begin. A deferred one that reads first cannot take
   * it later if another process (a command run beside the server) wrote in between: SQLite then
   * answers "database is locked" at once, without waiting. Taken at the start, the lock is waited for.
   */
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.#inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.#inner.releaseSavepoint!(connection, name, compile);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * Tells Kysely not to add its own guard: the driver above serializes access itself. And that
 * SQLite's DDL is transactional (it is), so that migrations run in one transaction: a process
 * killed in the middle of them leaves the schema as it was, not half-made.
 */
class QueuedSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }

  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class QueuedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new QueuedSqliteDriver(super.createDriver());
  }

  override createAdapter(): DialectAdapter {
    return new QueuedSqliteAdapter();
  }
}

/**
 * Kysely's SqliteDialect over bun:sqlite (which offers the statement API it drives: prepare,
 * reader, all, run, iterate), with two changes for throughput: statements are compiled once per SQL
 * text (bun:sqlite's query() cache) instead of prepared anew for every query, and waiting queries
 * are served in order instead of all woken at once.
 */
export function bunSqliteDialect(database: BunSqlite): SqliteDialect {
  // bun:sqlite's cache is asked with the SQL text and hashes all of it on every query (a multi-row
  // INSERT is kilobytes); the same text object comes back for the hot queries (prepared.ts, grouped
  // inserts), whose hash the engine keeps, so a map in front answers them for the price of a lookup.
  const known = new Map<string, ReturnType<BunSqlite['query']>>();
  const prepare = (sql: string) => {
    let statement = known.get(sql);
    if (statement === undefined) {
      statement = database.query(sql);
      if (known.size >= 512) known.clear();
      known.set(sql, statement);
    }
    return statement;
  };
  const statements = { prepare, close: () => database.close() };
  return new QueuedSqliteDialect({ database: statements as never });
}
