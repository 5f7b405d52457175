import { Socket } from 'node:net';
import type mysql from 'mysql2/promise';
import { watchBytes } from './byte-watch.ts';
import { quoteIdentifier, quoteTable } from './identifiers.ts';
import {
  SourceError,
  type SourceLimits,
  type SourceRead,
  type SourceRequest,
  type SourceServer,
} from './postgres-source.ts';

/**
 * Reading a table of an outside MySQL (or MariaDB) database, for a syncer, with the same bounds as
 * Postgres (see postgres-source.ts): a literal address, quoted plain identifiers, a connection
 * timeout, a timeout per statement, a deadline for the whole read, and caps on rows and bytes. The
 * client does not offer to send local files (a hostile server could ask for any file otherwise).
 */

const shortened = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300);

function selectText(request: SourceRequest, limits: SourceLimits): string {
  const width = limits.maxValueLength + 1;
  const columns = request.columns
    .map((column) => `left(cast(${quoteIdentifier(column, 'mysql')} as char), ${width})`)
    .join(', ');
  return `select ${columns} from ${quoteTable(request.table, 'mysql')} limit ${limits.maxRows + 1}`;
}

function affiliationText(table: string, limits: SourceLimits): string {
  return `select cast(\`id\` as char), left(cast(\`name\` as char), ${limits.maxValueLength + 1}) from ${quoteTable(table, 'mysql')} order by \`id\` limit ${limits.maxRows + 1}`;
}

export async function readMysqlSource(
  server: SourceServer,
  request: SourceRequest,
  limits: SourceLimits,
): Promise<SourceRead> {
  let received = 0;
  let socket: Socket | undefined;
  let stopped: SourceError | undefined;
  let rejectStopped: ((error: SourceError) => void) | undefined;
  const stoppedPromise = new Promise<never>((_, reject) => {
    rejectStopped = reject;
  });
  stoppedPromise.catch(() => undefined);
  const stop = (error: SourceError) => {
    stopped ??= error;
    socket?.destroy();
    rejectStopped?.(stopped);
  };
  const deadline = setTimeout(
    () => stop(new SourceError('timeout', `no answer within ${limits.deadlineMs} ms`)),
    limits.deadlineMs,
  );
  const abort = () => stop(new SourceError('stopped', 'the read was stopped'));
  if (request.signal?.aborted) abort();
  request.signal?.addEventListener('abort', abort);
  let connection: mysql.Connection | undefined;
  const tooMuch = () => stop(new SourceError('too_much_data', `the server sent more than ${limits.maxBytes} bytes`));
  // mysql2 drops the socket's data listeners when it starts TLS; the counts of the socket and of its TLS stream still tell.
  const stopWatching = watchBytes(
    () => [
      socket,
      (connection as unknown as { connection?: { stream?: { bytesRead?: number } } } | undefined)?.connection?.stream,
    ],
    limits.maxBytes,
    tooMuch,
  );
  const bounded = <T>(work: Promise<T>) => Promise.race([work, stoppedPromise]);
  try {
    if (stopped) throw stopped;
    // Loaded by the first MySQL syncer's read: most servers have none, and the client is large.
    const { default: mysql } = await import('mysql2/promise');
    connection = await bounded(
      mysql.createConnection({
        // The socket below connects to the checked address; the host name is only what TLS verifies.
        host: server.tls ? server.tls.servername : server.address,
        port: server.port,
        user: server.user,
        password: server.password,
        database: server.database,
        ssl: server.tls ? { rejectUnauthorized: server.tls.verify, verifyIdentity: server.tls.verify } : undefined,
        connectTimeout: limits.connectTimeoutMs,
        flags: ['-LOCAL_FILES', '-MULTI_STATEMENTS'],
        multipleStatements: false,
        rowsAsArray: true,
        stream: () => {
          socket = new Socket();
          socket.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > limits.maxBytes) tooMuch();
          });
          socket.connect(server.port, server.address);
          return socket;
        },
      }),
    );
    const query = (sql: string) =>
      bounded(connection!.query({ sql, timeout: limits.statementTimeoutMs, rowsAsArray: true }));
    await query('set session transaction read only');
    if (request.columns.length === 0) {
      await query('select 1');
      return { rows: [] };
    }
    const [rows] = (await query(selectText(request, limits))) as unknown as [(string | null)[][]];
    if (rows.length > limits.maxRows)
      throw new SourceError('too_many_rows', `the table has more than ${limits.maxRows} rows`);
    let affiliations: Map<string, string> | undefined;
    if (request.affiliationTable) {
      const [read] = (await query(affiliationText(request.affiliationTable, limits))) as unknown as [
        (string | null)[][],
      ];
      if (read.length > limits.maxRows)
        throw new SourceError('too_many_rows', `the affiliation table has more than ${limits.maxRows} rows`);
      affiliations = new Map(read.map(([id, name]) => [String(id ?? ''), String(name ?? '')]));
    }
    // A limit may have been passed by the very chunk that completed the answer.
    if (stopped) throw stopped;
    return { rows: rows.map((row) => row.map((value) => (value === null ? null : String(value)))), affiliations };
  } catch (error) {
    if (stopped) throw stopped;
    if (error instanceof SourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/timeout|timed out|ETIMEDOUT|max_statement_time|max_execution_time/i.test(message))
      throw new SourceError('timeout', shortened(message));
    throw new SourceError('failed', shortened(message));
  } finally {
    clearTimeout(deadline);
    stopWatching();
    request.signal?.removeEventListener('abort', abort);
    if (connection)
      await Promise.race([
        connection.end().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1_000)),
      ]);
    socket?.destroy();
  }
}
