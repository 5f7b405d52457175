import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const repository = join(import.meta.dir, '..', '..');

export function freePort(): number {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

export interface LatchkeyProcessOptions {
  /** Words to run the server under (`taskset -c 0` to pin it to a core). */
  prefix?: string[];
  /** More LATCHKEY_* settings. */
  env?: Record<string, string>;
  /** Flags for bun itself, before the script (`--cpu-prof`). */
  bunFlags?: string[];
}

/** Starts the real server (`bun apps/api/src/index.ts`) on a data folder, on 127.0.0.1, and waits for /api/health. */
export async function startLatchkeyProcess(dataDir: string, options: LatchkeyProcessOptions = {}) {
  const port = freePort();
  const child = Bun.spawn(
    [...(options.prefix ?? []), 'bun', ...(options.bunFlags ?? []), join(repository, 'apps/api/src/index.ts')],
    {
      cwd: dataDir,
      env: {
        ...(process.env as Record<string, string>),
        LATCHKEY_HOST: '127.0.0.1',
        LATCHKEY_PORT: String(port),
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_ORIGIN: `http://127.0.0.1:${port}`,
        LATCHKEY_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
        LATCHKEY_LOG_LEVEL: 'warn',
        LATCHKEY_PORTAL: 'false',
        ...options.env,
      },
      stdout: 'ignore',
      stderr: 'inherit',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`Latchkey exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) {
      child.kill('SIGKILL');
      throw new Error('Latchkey did not start within 60 s');
    }
    await Bun.sleep(100);
  }
  return {
    url,
    pid: child.pid,
    exited: child.exited,
    /** SIGTERM, then SIGKILL when the process has not ended within 10 s (a server stuck in a loop). */
    async stop() {
      child.kill('SIGTERM');
      const ended = await Promise.race([child.exited, Bun.sleep(10_000).then(() => undefined)]);
      if (ended === undefined) {
        child.kill('SIGKILL');
        await child.exited;
      }
    },
  };
}
