/**
 * Starts the real Latchkey server with its portal for the browser tests (Playwright runs under Node,
 * so this launcher uses Node's APIs), building the portal first when its sources changed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePortalBuilt as buildPortalIfChanged } from '../../../scripts/portal-build.ts';

/** Bun's type declarations of node:net and node:child_process leave out the event methods. */
interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): void;
}

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Builds apps/admin unless the build on disk was made from the same sources. */
export function ensurePortalBuilt(): void {
  const { built, seconds } = buildPortalIfChanged();
  if (built) console.log(`portal built in ${seconds.toFixed(1)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    (server as unknown as Emitter).on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningLatchkey {
  url: string;
  adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

/** What a server that found its port taken (by another process, after freePort let it go) says before it exits. */
const PORT_TAKEN = /EADDRINUSE|Is port \d+ in use/;
const START_ATTEMPTS = 5;

class PortTakenError extends Error {}

/**
 * Starts the server on a free port; when another process takes the port first, again on another.
 * `originHost` is the host name of the public origin (`localhost` where an IP address will not do,
 * as for passkeys); it always listens on 127.0.0.1.
 */
export async function startLatchkeyWithPortal(
  env: Record<string, string> = {},
  originHost = '127.0.0.1',
): Promise<RunningLatchkey> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, await freePort(), originHost);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

async function startOnce(env: Record<string, string>, port: number, originHost: string): Promise<RunningLatchkey> {
  const withPortal = env.LATCHKEY_PORTAL !== 'false';
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-portal-e2e-'));
  const adminPassword = `e2e-${randomBytes(9).toString('base64url')}`;
  const url = `http://${originHost}:${port}`;
  const listening = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('bun', [join(repositoryRoot, 'apps/api/src/index.ts')], {
    cwd: dataDir,
    env: {
      ...process.env,
      LATCHKEY_HOST: '127.0.0.1',
      LATCHKEY_PORT: String(port),
      LATCHKEY_DATA_DIR: dataDir,
      LATCHKEY_ORIGIN: url,
      LATCHKEY_ADMIN_PASSWORD: adminPassword,
      LATCHKEY_LOG_LEVEL: 'warn',
      LATCHKEY_PORTAL: 'true',
      // The browser tests sign in many times from one address.
      LATCHKEY_SIGNIN_RATE_LIMIT: '10000',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      // Its last words may still be on their way.
      await Promise.race([
        new Promise((resolve) => (child as unknown as Emitter).on('close', resolve)),
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      ]);
      rmSync(dataDir, { recursive: true, force: true });
      if (PORT_TAKEN.test(output)) throw new PortTakenError(`port ${port} was taken:\n${output}`);
      throw new Error(`Latchkey exited with ${child.exitCode}:\n${output}`);
    }
    try {
      // Both halves must answer: the API, and the portal behind it.
      const [api, portal] = await Promise.all([
        fetch(`${listening}/api/health`),
        withPortal ? fetch(`${listening}/login`) : undefined,
      ]);
      if (api.ok && (!portal || portal.ok)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Latchkey with its portal did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    adminPassword,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([
          new Promise((resolve) => (child as unknown as Emitter).on('exit', resolve)),
          new Promise((resolve) => setTimeout(resolve, 10_000)),
        ]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
