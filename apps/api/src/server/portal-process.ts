import type { Subprocess } from 'bun';
import type { Logger } from '../core/logging/logger.ts';

export interface PortalProcessOptions {
  /** 0 picks a free port on 127.0.0.1. */
  port: number;
  /** Where the portal's server components reach the API (loopback). */
  apiUrl: string;
  /** The public origin, for absolute links the portal builds. */
  origin: string;
  /** Per-process secret the portal sends with the client address it forwards. */
  secret: string;
  log: Logger;
  /** The standalone server's folder (holding server.js); see portal-server.ts. */
  directory: string;
}

export interface PortalProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Resolves once the portal answers; rejects when it cannot start. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): number {
  const listener = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

async function waitUntilAnswering(url: string, child: Subprocess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode} while starting`);
    try {
      await fetch(`${url}/favicon.ico`, { redirect: 'manual' });
      return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the portal did not answer within ${timeoutMs / 1000} s`);
    await Bun.sleep(50);
  }
}

/**
 * Starts the portal's standalone Next.js server on an internal loopback port and keeps it running: a
 * portal that stops on its own is started again, a few times at most per minute. The server runs
 * under the executable that runs the API: Bun from the source tree, or the single binary acting as
 * Bun (BUN_BE_BUN), so that nothing else needs to be installed.
 */
export function startPortalProcess(options: PortalProcessOptions): PortalProcess {
  const { directory } = options;
  const port = options.port || freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let child: Subprocess | undefined;
  let stopping = false;
  const restarts: number[] = [];

  const forward = async (stream: ReadableStream<Uint8Array>, level: 'debug' | 'warn') => {
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of stream) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.log[level]('portal', { output: line.trim() });
    }
  };

  const spawn = (): Subprocess => {
    const process_ = Bun.spawn([process.execPath, 'server.js'], {
      cwd: directory,
      env: {
        ...process.env,
        BUN_BE_BUN: '1',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        LATCHKEY_API_URL: options.apiUrl,
        LATCHKEY_PUBLIC_ORIGIN: options.origin,
        LATCHKEY_PORTAL_SECRET: options.secret,
      },
      stdout: 'pipe',
      stderr: 'pipe',
      onExit: (_process, exitCode, signal) => {
        if (stopping) return;
        options.log.error('the portal stopped', { exitCode, signal });
        const now = Date.now();
        while (restarts.length > 0 && now - restarts[0]! > 60_000) restarts.shift();
        if (restarts.length >= 3) {
          options.log.error('the portal stopped too often; not starting it again');
          return;
        }
        restarts.push(now);
        setTimeout(() => {
          if (!stopping) child = spawn();
        }, 1000);
      },
    });
    void forward(process_.stdout, 'debug');
    void forward(process_.stderr, 'warn');
    return process_;
  };

  child = spawn();
  const ready = waitUntilAnswering(url, child, 60_000);
  ready.then(
    () => options.log.info('portal ready', { url }),
    (error: Error) => options.log.error('the portal did not start', { error: error.message }),
  );

  return {
    url,
    ready,
    async stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null) return;
      running.kill('SIGTERM');
      const exited = await Promise.race([running.exited, Bun.sleep(5000).then(() => undefined)]);
      if (exited === undefined) running.kill('SIGKILL');
    },
  };
}
