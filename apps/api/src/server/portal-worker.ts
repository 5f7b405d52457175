import type { Logger } from '../core/logging/logger.ts';

export interface PortalWorkerOptions {
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

export interface PortalWorker {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Resolves once the portal answers; rejects when it cannot start. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * JavaScriptCore compiles a function to machine code once it has run a number of times; the portal
 * raises those thresholds tenfold, so that code a page render runs a few times (most of Next.js and
 * React on a console that sees a handful of administrators) stays interpreted and takes no memory
 * for machine code, while what every render runs is still compiled.
 */
const PORTAL_JIT_POLICY = 10;

/**
 * How long the console must have answered nothing before its thread collects its garbage and gives
 * back what it can (Bun.shrink: JavaScriptCore drops its compiled code, which a later page compiles
 * again as needed, and returns the freed heap). A start leaves the worker about 10 MB lighter so
 * (bench/README.md, "Memory of the single binary"); each quiet spell costs one full collection of
 * the console's heap, on its own thread, not the API's.
 */
const PORTAL_QUIET_MS = 10_000;

/**
 * The worker's code, inline so that the single executable carries it too (as low-priority-rsa.ts
 * does). It runs the standalone build's Next.js server the way its server.js would, as a "custom
 * server" (next({ dir }) and a node:http server) so that nothing of server.js's process handling
 * (process title, signal handlers, exit on error) reaches the API's process. The console's lines
 * go to the API's log.
 */
const WORKER_CODE = `
const { createServer } = require('node:http');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');
const { format } = require('node:util');
const levels = { log: 'debug', info: 'debug', debug: 'debug', warn: 'warn', error: 'warn' };
for (const [method, level] of Object.entries(levels))
  console[method] = (...args) => self.postMessage({ type: 'log', level, text: format(...args) });
const fail = (error) => self.postMessage({ type: 'failed', message: String((error && error.stack) || error) });
try {
  Bun.unsafe.setJITPolicy(Number(process.env.LATCHKEY_PORTAL_JIT_POLICY));
  const directory = process.env.LATCHKEY_PORTAL_DIRECTORY;
  const port = Number(process.env.PORT);
  // What server.js sets before it starts Next.js: the build's configuration, read from the build.
  const { config } = JSON.parse(readFileSync(join(directory, '.next', 'required-server-files.json'), 'utf8'));
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
  process.env.__NEXT_PRIVATE_ORIGIN = 'http://127.0.0.1:' + port;
  const next = createRequire(join(directory, 'server.js'))('next');
  const app = next({ dir: directory, dev: false, hostname: '127.0.0.1', port });
  app.prepare().then(() => {
    const handle = app.getRequestHandler();
    // Once the console has been quiet for a moment, its thread gives back what it no longer uses.
    let quiet;
    const giveBackWhenQuiet = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        Bun.gc(true);
        Bun.shrink();
        console.debug('the console gave back the memory it no longer uses');
      }, Number(process.env.LATCHKEY_PORTAL_QUIET_MS));
    };
    giveBackWhenQuiet();
    const server = createServer(async (request, response) => {
      clearTimeout(quiet);
      response.on('close', giveBackWhenQuiet);
      try {
        await handle(request, response);
      } catch (error) {
        console.error('the console failed to answer', request.url, error);
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      }
    });
    server.on('error', fail);
    server.listen(port, '127.0.0.1', () => self.postMessage({ type: 'ready' }));
  }, fail);
} catch (error) {
  fail(error);
}`;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: 'debug' | 'warn'; text: string };

function freeLoopbackPort(): number {
  const listener = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

/**
 * Runs the portal's standalone Next.js server on a worker thread of this process, on an internal
 * loopback port: one runtime for the API and the console, each with its own JavaScript heap and
 * globals (Next.js patches fetch and its environment says NODE_ENV=production; the API's does not
 * change). A portal that fails is started again, a few times at most per minute.
 */
export function startPortalWorker(options: PortalWorkerOptions): PortalWorker {
  const port = options.port || freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const code = URL.createObjectURL(new Blob([WORKER_CODE], { type: 'application/javascript' }));
  let worker: Worker | undefined;
  let stopping = false;
  const restarts: number[] = [];
  let started!: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => {
    started = { resolve, reject };
  });

  const restartLater = (thread: Worker, reason: string) => {
    if (worker !== thread) return;
    worker = undefined;
    thread.terminate();
    if (stopping) return;
    options.log.error('the portal stopped', { reason });
    const now = Date.now();
    while (restarts.length > 0 && now - restarts[0]! > 60_000) restarts.shift();
    if (restarts.length >= 3) {
      options.log.error('the portal stopped too often; not starting it again');
      started.reject(new Error(reason));
      return;
    }
    restarts.push(now);
    setTimeout(() => {
      if (!stopping) worker = spawn();
    }, 1000);
  };

  const spawn = (): Worker => {
    const thread = new Worker(code, {
      smol: true,
      env: {
        ...(process.env as Record<string, string>),
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        LATCHKEY_API_URL: options.apiUrl,
        LATCHKEY_PUBLIC_ORIGIN: options.origin,
        LATCHKEY_PORTAL_SECRET: options.secret,
        LATCHKEY_PORTAL_DIRECTORY: options.directory,
        LATCHKEY_PORTAL_JIT_POLICY: String(PORTAL_JIT_POLICY),
        LATCHKEY_PORTAL_QUIET_MS: String(PORTAL_QUIET_MS),
      },
    } as WorkerOptions);
    thread.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'log') {
        for (const line of message.text.split('\n'))
          if (line.trim()) options.log[message.level]('portal', { output: line.trim() });
      } else if (message.type === 'ready') started.resolve();
      else restartLater(thread, message.message);
    };
    thread.onerror = (event) => {
      event.preventDefault();
      restartLater(thread, event.message);
    };
    thread.addEventListener('close', () => restartLater(thread, 'the portal thread ended'));
    return thread;
  };

  worker = spawn();
  const deadline = setTimeout(() => started.reject(new Error('the portal did not answer within 60 s')), 60_000);
  ready.then(
    () => clearTimeout(deadline),
    () => clearTimeout(deadline),
  );
  ready.then(
    () => options.log.info('portal ready', { url }),
    (error: Error) => options.log.error('the portal did not start', { error: error.message }),
  );

  return {
    url,
    ready,
    async stop() {
      stopping = true;
      clearTimeout(deadline);
      // The API drains its own requests first, the proxied ones among them: nothing is left to finish.
      worker?.terminate();
      worker = undefined;
    },
  };
}
