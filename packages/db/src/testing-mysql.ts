import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

const SERVER_BINARIES = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'];

export interface MysqlSource {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  query(text: string, values?: unknown[]): Promise<unknown>;
  dispose(): Promise<void>;
}

async function connectWhenReady(port: number, deadlineMs: number): Promise<mysql.Connection> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: '' });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`MariaDB did not start on port ${port}: ${String(error)}`);
      await Bun.sleep(200);
    }
  }
}

/**
 * A MySQL database for a syncer to read: on the server of LATCHKEY_TEST_MYSQL_URL, or on a
 * throw-away MariaDB started here when the machine has one (Debian's mariadb-server); undefined
 * when neither is available. It has a user of its own with a password, and is dropped at the end.
 */
export async function createMysqlSource(): Promise<MysqlSource | undefined> {
  let adminUrl = process.env.LATCHKEY_TEST_MYSQL_URL;
  let stopServer = () => {};
  let admin: mysql.Connection;
  if (adminUrl) {
    admin = await mysql.createConnection(adminUrl);
  } else {
    const binary = SERVER_BINARIES.find((path) => existsSync(path));
    if (!binary) return undefined;
    const directory = mkdtempSync(join(tmpdir(), 'latchkey-mysql-'));
    const port = 54600 + Math.floor(Math.random() * 300);
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
      admin = await connectWhenReady(port, 30_000);
    } catch (error) {
      stopServer();
      throw error;
    }
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
    query: (text, values) => admin.query(text, values),
    async dispose() {
      await admin.query(`drop database if exists ${database}`);
      await admin.query(`drop user if exists '${user}'@'%'`);
      await admin.end();
      stopServer();
    },
  };
}

/** Whether a MySQL server can be had for tests here (see createMysqlSource). */
export const mysqlAvailable = () =>
  Boolean(process.env.LATCHKEY_TEST_MYSQL_URL) || SERVER_BINARIES.some((path) => existsSync(path));
