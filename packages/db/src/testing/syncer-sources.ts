import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { quoteIdentifier, quoteTable } from '../external/identifiers.ts';

/**
 * Outside databases for syncer tests: a database of its own on a Postgres or MySQL server, with its
 * user, that tests fill through these helpers (names quoted, values bound) and drop at the end.
 */

export type SourceColumnType = 'text' | 'integer' | 'boolean';
export type SourceValue = string | number | boolean | null;

export interface SourceTables {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  createTable(table: string, columns: Record<string, SourceColumnType>): Promise<void>;
  insertRows(table: string, rows: Record<string, SourceValue>[]): Promise<void>;
  updateRows(table: string, where: Record<string, SourceValue>, set: Record<string, SourceValue>): Promise<void>;
  deleteRows(table: string, column: string, values: SourceValue[]): Promise<void>;
  countRows(table: string): Promise<number>;
  dispose(): Promise<void>;
}

type Style = 'postgres' | 'mysql';

/** The statements of the helpers, for one dialect; `run` sends one with its bound values. */
function tablesOf(style: Style, run: (text: string, values?: SourceValue[]) => Promise<unknown[]>) {
  const q = (name: string) => quoteIdentifier(name, style);
  const t = (name: string) => quoteTable(name, style);
  const placeholder = (index: number) => (style === 'postgres' ? `$${index + 1}` : '?');
  const types: Record<SourceColumnType, string> = { text: 'text', integer: 'integer', boolean: 'boolean' };
  return {
    async createTable(table: string, columns: Record<string, SourceColumnType>) {
      const list = Object.entries(columns).map(([name, type]) => `${q(name)} ${types[type]}`);
      await run(`create table ${t(table)} (${list.join(', ')})`);
    },
    async insertRows(table: string, rows: Record<string, SourceValue>[]) {
      for (const row of rows) {
        const names = Object.keys(row);
        const text = `insert into ${t(table)} (${names.map(q).join(', ')}) values (${names.map((_, index) => placeholder(index)).join(', ')})`;
        await run(text, Object.values(row));
      }
    },
    async updateRows(table: string, where: Record<string, SourceValue>, set: Record<string, SourceValue>) {
      const sets = Object.keys(set).map((name, index) => `${q(name)} = ${placeholder(index)}`);
      const offset = sets.length;
      const conditions = Object.keys(where).map((name, index) => `${q(name)} = ${placeholder(offset + index)}`);
      await run(`update ${t(table)} set ${sets.join(', ')} where ${conditions.join(' and ')}`, [
        ...Object.values(set),
        ...Object.values(where),
      ]);
    },
    async deleteRows(table: string, column: string, values: SourceValue[]) {
      await run(
        `delete from ${t(table)} where ${q(column)} in (${values.map((_, index) => placeholder(index)).join(', ')})`,
        values,
      );
    },
    async countRows(table: string) {
      const [row] = (await run(`select count(*) as n from ${t(table)}`)) as { n: number | string }[];
      return Number(row?.n ?? 0);
    },
  };
}

/** The test run's Postgres server, or one started by scripts/postgres.sh for the test: these tests never skip. */
async function postgresServer(): Promise<{ url: string; stop(): void }> {
  const known = process.env.LATCHKEY_TEST_DATABASE_URL || process.env.LATCHKEY_POSTGRES_URL;
  if (known) return { url: known, stop: () => {} };
  const usual = 'postgres://postgres@127.0.0.1:54329/postgres';
  const probe = new pg.Client({ connectionString: usual, connectionTimeoutMillis: 2_000 });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (reachable) return { url: usual, stop: () => {} };
  const directory = mkdtempSync(join(tmpdir(), 'latchkey-sync-pg-'));
  const script = join(import.meta.dir, '../../../../scripts/postgres.sh');
  // A port another server already holds makes the start fail: try a few.
  let started = Bun.spawnSync(['true']);
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 54500 + Math.floor(Math.random() * 1000);
    started = Bun.spawnSync(['bash', script, directory, String(port)], { stdout: 'pipe', stderr: 'pipe' });
    if (started.exitCode === 0) break;
  }
  if (started.exitCode !== 0) throw new Error(`scripts/postgres.sh failed: ${started.stderr.toString()}`);
  return {
    url: started.stdout.toString().trim(),
    stop() {
      const version = readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))
        .at(-1);
      const stop = `/usr/lib/postgresql/${version}/bin/pg_ctl -D ${directory}/data -m fast -w stop`;
      const command = process.getuid?.() === 0 ? ['su', 'postgres', '-s', '/bin/sh', '-c', stop] : ['sh', '-c', stop];
      Bun.spawnSync(command, { stdout: 'ignore', stderr: 'ignore' });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A database of its own on the test Postgres server, the outside database a syncer reads. */
export async function createPostgresSource(): Promise<SourceTables> {
  const server = await postgresServer();
  const database = `sync_source_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
    database,
    ...tablesOf('postgres', async (text, values) => (await client.query(text, values)).rows),
    async dispose() {
      await client.end();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      server.stop();
    },
  };
}

const MYSQL_SERVERS = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'];

/** Whether a MySQL server can be had for tests here: LATCHKEY_TEST_MYSQL_URL, or Debian's mariadb-server. */
export const mysqlAvailable = () =>
  Boolean(process.env.LATCHKEY_TEST_MYSQL_URL) || MYSQL_SERVERS.some((path) => existsSync(path));

/**
 * Connects as root through the server's own socket once it is up. Answers undefined when the
 * server exited first (its port was taken by another process): the caller starts it again on
 * another port. Through the socket, the connection is always to this server, never to another
 * one that holds the port.
 */
async function connectWhenReady(
  server: { exitCode: number | null },
  socketPath: string,
  port: number,
  withinMs: number,
): Promise<mysql.Connection | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (server.exitCode !== null) return undefined;
    try {
      return await mysql.createConnection({ socketPath, user: 'root', password: '' });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`MariaDB did not start on port ${port}: ${String(error)}`);
      await Bun.sleep(200);
    }
  }
}

/**
 * A MySQL database for a syncer to read, with a user of its own that has a password: on the server
 * of LATCHKEY_TEST_MYSQL_URL, or on a throw-away MariaDB started here (see mysqlAvailable).
 */
export async function createMysqlSource(): Promise<SourceTables> {
  let adminUrl = process.env.LATCHKEY_TEST_MYSQL_URL;
  let stopServer = () => {};
  let admin: mysql.Connection;
  if (adminUrl) {
    admin = await mysql.createConnection(adminUrl);
  } else {
    const binary = MYSQL_SERVERS.find((path) => existsSync(path));
    if (!binary) throw new Error('no MySQL server: set LATCHKEY_TEST_MYSQL_URL or install mariadb-server');
    const directory = mkdtempSync(join(tmpdir(), 'latchkey-mysql-'));
    const install = Bun.spawnSync(
      [
        'mariadb-install-db',
        `--datadir=${directory}/data`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { stdout: 'pipe', stderr: 'pipe' },
    );
    if (install.exitCode !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr.toString()}`);
    let connected: mysql.Connection | undefined;
    let port = 0;
    // A random port may be held by another process; the server then exits and starts again on another.
    for (let attempt = 1; !connected; attempt++) {
      port = 54600 + Math.floor(Math.random() * 300);
      const server = Bun.spawn(
        [
          binary,
          `--datadir=${directory}/data`,
          `--port=${port}`,
          '--bind-address=127.0.0.1',
          `--socket=${directory}/sock`,
          '--user=root',
          `--pid-file=${directory}/pid`,
          '--skip-log-bin',
        ],
        { stdout: 'ignore', stderr: 'ignore' },
      );
      stopServer = () => {
        server.kill();
        rmSync(directory, { recursive: true, force: true });
      };
      try {
        connected = await connectWhenReady(server, `${directory}/sock`, port, 30_000);
      } catch (error) {
        stopServer();
        throw error;
      }
      if (!connected && attempt >= 5) {
        stopServer();
        throw new Error(`MariaDB found no free port in ${attempt} attempts`);
      }
    }
    admin = connected;
    adminUrl = `mysql://root@127.0.0.1:${port}`;
  }
  const url = new URL(adminUrl);
  const suffix = randomBytes(4).toString('hex');
  const database = `sync_source_${suffix}`;
  const user = `syncer_${suffix}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await admin.query(`create database ${database}`);
  await admin.query(`create user '${user}'@'%' identified by '${password}'`);
  await admin.query(`grant select on ${database}.* to '${user}'@'%'`);
  await admin.query(`use ${database}`);
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user,
    password,
    database,
    ...tablesOf('mysql', async (text, values) => (await admin.query(text, values))[0] as unknown[]),
    async dispose() {
      await admin.query(`drop database if exists ${database}`);
      await admin.query(`drop user if exists '${user}'@'%'`);
      await admin.end();
      stopServer();
    },
  };
}
