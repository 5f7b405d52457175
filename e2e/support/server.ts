import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase as createDatabaseOn } from '@latchkey/db/testing';

export const repositoryRoot = join(import.meta.dir, '..', '..');

export interface RunningLatchkey {
  url: string;
  port: number;
  dataDir: string;
  adminPassword: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends a signal to the process (SIGTERM to test a graceful stop). */
  signal(name: NodeJS.Signals): void;
  /** The process's exit code once it has exited. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment; LATCHKEY_* defaults below can be overridden. */
  env?: Record<string, string>;
  /** Reuse a data folder (to test restarts); a fresh temporary one otherwise. */
  dataDir?: string;
  /** Serve the portal too (needs a built apps/admin). Off by default for API tests. */
  portal?: boolean;
  /** Command to run instead of the source entry (the compiled binary, for example). */
  command?: string[];
  /** Keep the data folder after stop. */
  keepData?: boolean;
  /** Working folder of the process; the data folder by default. */
  cwd?: string;
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Another process may take it before the server
 * does: startLatchkey starts again on another port when that happens.
 */
export function freePort(): number {
  const server = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

/** What a server that found its port taken says before it exits. */
export const PORT_TAKEN = /EADDRINUSE|Is port \d+ in use/;
const START_ATTEMPTS = 5;

/**
 * Starts a real Latchkey process (the same entry `npm start` runs) on a free port with its own data
 * folder, and waits until /api/health answers.
 */
export async function startLatchkey(options: StartOptions = {}): Promise<RunningLatchkey> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, freePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(options: StartOptions, port: number): Promise<RunningLatchkey> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'latchkey-e2e-'));
  const adminPassword = options.env?.LATCHKEY_ADMIN_PASSWORD ?? `e2e-${randomBytes(9).toString('base64url')}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LATCHKEY_HOST: '127.0.0.1',
    LATCHKEY_PORT: String(port),
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_ORIGIN: `http://127.0.0.1:${port}`,
    LATCHKEY_ADMIN_PASSWORD: adminPassword,
    LATCHKEY_LOG_LEVEL: 'info',
    LATCHKEY_PORTAL: options.portal ? 'true' : 'false',
    // Test suites sign in and fetch tokens far faster than people do; a test of the limit sets its own.
    LATCHKEY_SIGNIN_RATE_LIMIT: '100000',
    ...options.env,
  };
  const command = options.command ?? ['bun', join(repositoryRoot, 'apps/api/src/index.ts')];
  const child = Bun.spawn(command, { cwd: options.cwd ?? dataDir, env, stdout: 'pipe', stderr: 'pipe' });
  let output = '';
  const decoder = new TextDecoder();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  const collected = Promise.all([collect(child.stdout), collect(child.stderr)]);
  // At info level the server says it listens once it holds the port: until then, an answer on the
  // port could come from another process that took it.
  const saysListening = ['info', 'debug'].includes(env.LATCHKEY_LOG_LEVEL ?? '');
  const listening = () => !saysListening || output.includes('"msg":"listening"');

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await collected;
      if (PORT_TAKEN.test(output)) {
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
        throw new PortTakenError(`port ${port} was taken:\n${output}`);
      }
      throw new Error(`Latchkey exited with ${child.exitCode} before it answered:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok && listening()) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`Latchkey did not answer /api/health within 60 s:\n${output}`);
    }
    await Bun.sleep(100);
  }
  return {
    url,
    port,
    dataDir,
    adminPassword,
    output: () => output,
    signal: (name) => child.kill(name),
    exited: child.exited,
    async stop() {
      child.kill('SIGTERM');
      const exited = await Promise.race([child.exited, Bun.sleep(10_000).then(() => undefined)]);
      if (exited === undefined) child.kill('SIGKILL');
      if (!options.dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Postgres server of the test run, when there is one (CI starts it). */
export const postgresUrl = process.env.LATCHKEY_TEST_DATABASE_URL || process.env.LATCHKEY_POSTGRES_URL || undefined;

/** A new, empty database on the test Postgres server (or the one given); answers its URL and a function that drops it. */
export async function createPostgresDatabase(serverUrl = postgresUrl): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error('no Postgres server: set LATCHKEY_POSTGRES_URL or LATCHKEY_TEST_DATABASE_URL');
  return createDatabaseOn(serverUrl, 'e2e');
}

/** Settings that put a Latchkey process on its own Postgres database when the test run has a server. */
export async function databaseEnvironment(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (!process.env.LATCHKEY_TEST_DATABASE_URL) return { env: {}, dispose: async () => {} };
  const database = await createPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, dispose: database.drop };
}

export interface SignIn {
  organization: string;
  username: string;
  password: string;
  application?: string;
}

/** Signs in with POST /api/login and answers the session cookie ("casdoor_session_id=…"); a refused sign-in throws its message. */
export async function signInSession(
  url: string,
  { organization, username, password, application }: SignIn,
): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username, password, type: 'login', ...(application ? { application } : {}) }),
  });
  const answer = (await response.json()) as { status: string; msg: string };
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('casdoor_session_id='));
  if (answer.status !== 'ok' || !cookie) throw new Error(`sign-in of ${organization}/${username}: ${answer.msg}`);
  return cookie.split(';')[0]!;
}

/** The built-in administrator's session cookie on a running server. */
export const adminSession = (server: RunningLatchkey) =>
  signInSession(server.url, { organization: 'built-in', username: 'admin', password: server.adminPassword });

/** Calls the API at `url` with a session cookie (GET, or POST with a JSON body) and answers `data`; an error envelope throws its message. */
export async function apiWithSession(url: string, cookie: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as { status: string; msg: string; data: unknown };
  if (answer.status !== 'ok') throw new Error(`${path}: ${answer.msg}`);
  return answer.data;
}
