import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, postgresUrl, repositoryRoot } from './server.ts';

export interface PostgresServer {
  url: string;
  /** Stops the server when this helper started it. */
  stop(): Promise<void>;
}

/**
 * The test run's Postgres server (LATCHKEY_TEST_DATABASE_URL or LATCHKEY_POSTGRES_URL), or, when
 * there is none, a throw-away one started with scripts/postgres.sh on a free port and stopped by
 * `stop()`: tests that need Postgres never skip.
 */
export async function testPostgresServer(): Promise<PostgresServer> {
  if (postgresUrl) return { url: postgresUrl, stop: async () => {} };
  const directory = mkdtempSync(join(tmpdir(), 'latchkey-pg-'));
  const port = freePort();
  const started = Bun.spawnSync(['bash', join(repositoryRoot, 'scripts/postgres.sh'), directory, String(port)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  if (started.exitCode !== 0) throw new Error(`scripts/postgres.sh failed: ${started.stderr.toString()}`);
  const url = started.stdout.toString().trim();
  return {
    url,
    async stop() {
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
