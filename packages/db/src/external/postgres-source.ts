import { Socket } from 'node:net';
import { watchBytes } from './byte-watch.ts';
import { quoteIdentifier, quoteTable } from './identifiers.ts';

/**
 * Reading a table of an outside Postgres database, for a syncer. Everything about the server is
 * given by an administrator and may be hostile: the address is checked by the caller (it is a
 * literal IP, so nothing is resolved here), names are plain identifiers and quoted, and every way
 * the server could hold on is bounded — the connection, each statement (on the server and on our
 * side), the whole read, the rows and the bytes received.
 */

export interface SourceServer {
  /** A literal IP address, already checked against the outbound rules. */
  address: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** No TLS, or TLS with or without verifying the certificate against `servername`. */
  tls: false | { verify: boolean; servername: string };
}

export interface SourceLimits {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** The whole read: connecting, every statement and closing. */
  deadlineMs: number;
  maxRows: number;
  /** Bytes received from the server in all. */
  maxBytes: number;
  /** Characters of one value that are read; a longer value arrives as maxValueLength + 1 characters. */
  maxValueLength: number;
}

export interface SourceRequest {
  table: string;
  /** Plain column names, read as text in this order; none only checks that the server answers (`select 1`). */
  columns: readonly string[];
  /** A table of (id, name): read whole, as id → name. */
  affiliationTable?: string;
  /** Ends the read at once (the server is stopping). */
  signal?: AbortSignal;
}

export interface SourceRead {
  /** One array per row, values in the order of `columns` (null for SQL null). */
  rows: (string | null)[][];
  affiliations?: Map<string, string>;
}

export type SourceProblem = 'timeout' | 'too_many_rows' | 'too_much_data' | 'stopped' | 'failed';

export class SourceError extends Error {
  constructor(
    readonly problem: SourceProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** The server's own words, on one line and not too long (they end up in errorText). */
const shortened = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);

function selectText(request: SourceRequest, limits: SourceLimits): string {
  const width = limits.maxValueLength + 1;
  const columns = request.columns
    .map((column) => `left(${quoteIdentifier(column, 'postgres')}::text, ${width})`)
    .join(', ');
  return `select ${columns} from ${quoteTable(request.table, 'postgres')} limit ${limits.maxRows + 1}`;
}

function affiliationText(table: string, limits: SourceLimits): string {
  return `select "id"::text, left("name"::text, ${limits.maxValueLength + 1}) from ${quoteTable(table, 'postgres')} order by "id" limit ${limits.maxRows + 1}`;
}

/** Reads the rows (and the affiliations) from an outside Postgres server within the limits. */
export async function readPostgresSource(
  server: SourceServer,
  request: SourceRequest,
  limits: SourceLimits,
): Promise<SourceRead> {
  let received = 0;
  let socket: Socket | undefined;
  let stopped: SourceError | undefined;
  const stop = (error: SourceError) => {
    stopped ??= error;
    socket?.destroy(error);
  };
  // Loaded by the first Postgres syncer's read: most servers have none.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: server.address,
    port: server.port,
    user: server.user,
    // A function, so that an empty password stays empty: pg would otherwise fall back to PGPASSWORD or ~/.pgpass.
    password: async () => server.password,
    database: server.database,
    ssl: server.tls ? { rejectUnauthorized: server.tls.verify, servername: server.tls.servername } : false,
    // Every setting pg would otherwise take from the environment is given.
    options: '-c default_transaction_read_only=on',
    application_name: 'latchkey-syncer',
    client_encoding: 'UTF8',
    connectionTimeoutMillis: limits.connectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    query_timeout: limits.statementTimeoutMs,
    keepAlive: false,
    stream: () => {
      socket = new Socket();
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBytes) tooMuch();
      });
      return socket;
    },
  });
  // pg reports a lost connection as an event as well; the read's own promise carries the error.
  client.on('error', () => {});
  // Under TLS the socket's own data events stop; the counts of the socket and of pg's stream still tell.
  const tooMuch = () => stop(new SourceError('too_much_data', `the server sent more than ${limits.maxBytes} bytes`));
  const stopWatching = watchBytes(
    () => [socket, (client as unknown as { connection?: { stream?: { bytesRead?: number } } }).connection?.stream],
    limits.maxBytes,
    tooMuch,
  );
  const deadline = setTimeout(
    () => stop(new SourceError('timeout', `no answer within ${limits.deadlineMs} ms`)),
    limits.deadlineMs,
  );
  const abort = () => stop(new SourceError('stopped', 'the read was stopped'));
  if (request.signal?.aborted) abort();
  request.signal?.addEventListener('abort', abort);
  try {
    if (stopped) throw stopped;
    await client.connect();
    if (request.columns.length === 0) {
      await client.query('select 1');
      return { rows: [] };
    }
    const result = await client.query({ text: selectText(request, limits), rowMode: 'array' });
    // A limit may have been passed by the very chunk that completed the answer.
    if (stopped) throw stopped;
    const rows = result.rows as (string | null)[][];
    if (rows.length > limits.maxRows)
      throw new SourceError('too_many_rows', `the table has more than ${limits.maxRows} rows`);
    let affiliations: Map<string, string> | undefined;
    if (request.affiliationTable) {
      const read = await client.query({ text: affiliationText(request.affiliationTable, limits), rowMode: 'array' });
      if (read.rows.length > limits.maxRows)
        throw new SourceError('too_many_rows', `the affiliation table has more than ${limits.maxRows} rows`);
      affiliations = new Map(
        (read.rows as (string | null)[][]).map(([id, name]) => [String(id ?? ''), String(name ?? '')]),
      );
    }
    if (stopped) throw stopped;
    return { rows, affiliations };
  } catch (error) {
    if (stopped) throw stopped;
    if (error instanceof SourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/timeout|timed out|canceling statement/i.test(message)) throw new SourceError('timeout', shortened(message));
    throw new SourceError('failed', shortened(message));
  } finally {
    clearTimeout(deadline);
    stopWatching();
    request.signal?.removeEventListener('abort', abort);
    await Promise.race([client.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1_000))]);
    socket?.destroy();
  }
}
