import type { Server } from 'bun';
import type { Logger } from '../core/logging/logger.ts';

/** How long in-flight requests get to finish after a stop signal before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 8_000;

export type DrainOutcome = 'drained' | 'forced';

/**
 * Stops accepting connections and waits for the requests in flight to finish; those still running
 * after `graceMs` have their connections closed.
 */
export async function drainServer(server: Pick<Server<unknown>, 'stop'>, graceMs: number): Promise<DrainOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'forced'>((resolve) => {
    timer = setTimeout(() => resolve('forced'), graceMs);
  });
  const outcome = await Promise.race([server.stop(false).then(() => 'drained' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'forced') await server.stop(true);
  return outcome;
}

export const shutdownSignals = ['SIGTERM', 'SIGINT'] as const;
export type ShutdownSignal = (typeof shutdownSignals)[number];

/**
 * Resolves on the first SIGTERM or SIGINT. A second signal while shutting down ends the process at
 * once with exit code 1, for an operator who does not want to wait.
 */
export function nextShutdownSignal(log: Logger): Promise<ShutdownSignal> {
  return new Promise((resolve) => {
    let received = false;
    for (const signal of shutdownSignals) {
      process.on(signal, () => {
        if (received) {
          log.warn('second stop signal: exiting without waiting', { signal });
          process.exit(1);
        }
        received = true;
        resolve(signal);
      });
    }
  });
}

/** Serves until a stop signal, then stops gracefully: no new connections, in-flight requests finish, the database closes. */
export async function serveUntilStopped(
  running: { stop(options?: { graceMs?: number }): Promise<DrainOutcome> },
  log: Logger,
  graceMs = SHUTDOWN_GRACE_MS,
): Promise<DrainOutcome> {
  const signal = await nextShutdownSignal(log);
  log.info('shutting down', { signal, graceSeconds: graceMs / 1000 });
  const outcome = await running.stop({ graceMs });
  log.info('stopped', { outcome });
  return outcome;
}
