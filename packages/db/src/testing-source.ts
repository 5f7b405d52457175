import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const repositoryRoot = join(import.meta.dir, '../../..');

/** The test run's Postgres server, or a throw-away one started by scripts/postgres.sh: these tests never skip. */
async function postgresServer(): Promise<{ url: string; stop(): void }> {
  const known = process.env.LATCHKEY_TEST_DATABASE_URL || process.env.LATCHKEY_POSTGRES_URL;
  if (known) return { url: known, stop: () => {} };
  const probe = new pg.Client({
    connectionString: 'postgres://postgres@127.0.0.1:54329/postgres',
    connectionTimeoutMillis: 2_000,
  });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (reachable) return { url: 'postgres://postgres@127.0.0.1:54329/postgres', stop: () => {} };
  const directory = mkdtempSync(join(tmpdir(), 'latchkey-sync-pg-'));
  const port = 54400 + Math.floor(Math.random() * 500);
  const started = Bun.spawnSync(['bash', join(repositoryRoot, 'scripts/postgres.sh'), directory, String(port)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (started.exitCode !== 0) throw new Error(`scripts/postgres.sh failed: ${started.stderr.toString()}`);
  return {
    url: started.stdout.toString().trim(),
    stop() {
      const version = readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))
        .at(-1);
      const stop = `/usr/lib/postgresql/${version}/bin/pg_ctl -D ${directory}/data -m fast -w stop`;
      Bun.spawnSync(process.getuid?.() === 0 ? ['su', 'postgres', '-s', '/bin/sh', '-c', stop] : ['sh', '-c', stop], {
        stdout: 'ignore',
        stderr: 'ignore',
      });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface SourceDatabase {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Runs SQL in the source database (setting up tables and rows). */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** Drops the database (and stops a server started for it). */
  dispose(): Promise<void>;
}

/** A database of its own on the test Postgres server, the outside database a syncer reads; dropped at the end. */
export async function createSourceDatabase(): Promise<SourceDatabase> {
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
    database,
    query: (text, values) => client.query(text, values),
    async dispose() {
      await client.end();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      server.stop();
    },
  };
}
