import type { Server } from 'bun';
import type { Config } from '../core/config/index.ts';
import { createLogger, type Logger } from '../core/logging/logger.ts';
import { startSyncers } from '../features/syncers/index.ts';
import { pathOf } from '../http/paths.ts';
import { startHousekeeping } from '../jobs/housekeeping/schedule.ts';
import { drainDeliveries, stopDeliveries } from '../jobs/outbound/deliveries.ts';
import { startDeliveryPoller } from '../jobs/outbound/poller.ts';
import { createApp } from './app.ts';
import { announceFirstStart } from './first-start.ts';
import { openContext } from './open-context.ts';
import { isServedByApi, loopbackApiUrl, type Portal, startPortal } from './portal.ts';
import { type PreparingProcess, prepareDatabaseApart } from './prepare-database.ts';
import { quickLane } from './quick-lane.ts';
import { type DrainOutcome, drainServer, SHUTDOWN_GRACE_MS } from './shutdown.ts';

export interface RunningServer {
  url: string;
  server: Server<unknown>;
  /** Stops accepting, lets in-flight requests finish (for at most `graceMs`), then closes the database. */
  stop(options?: { graceMs?: number }): Promise<DrainOutcome>;
}

export interface StartOptions {
  /**
   * Migrates the database and creates the built-in objects in a short-lived process of this
   * program, run so, when they are needed (prepare-database.ts). Without it, the server does that
   * work itself.
   */
  preparing?: PreparingProcess;
  /** Aborting it while the start is under way fails the start (and kills a preparing process). */
  signal?: AbortSignal;
}

/** Opens the database, creates what a first start needs, and listens on the configured port. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: StartOptions = {},
): Promise<RunningServer> {
  const { preparing, signal } = options;
  const opened = await openContext(config, log, {
    prepare: preparing ? (db) => prepareDatabaseApart(db, log, { signal, ...preparing }) : undefined,
    // The server's SQLite checkpoints run on a worker thread, so that requests never wait for the disk to sync.
    checkpoints: 'background',
  });
  const { context, database, generatedPassword } = opened;
  if (signal?.aborted) {
    await database.close();
    throw signal.reason;
  }
  const app = createApp(context);
  const answerQuickly = quickLane(context);
  let portal: Portal | undefined;
  const server = Bun.serve({
    hostname: config.host,
    port: config.port,
    maxRequestBodySize: Math.max(config.bodyLimit, config.uploadLimit) + 1024 * 1024,
    // The API answers /api/*, /.well-known/* and /login/oauth/*; the portal every other path.
    fetch: (request, bunServer) =>
      portal && !isServedByApi(pathOf(request))
        ? portal.forward(request, bunServer)
        : (answerQuickly(request, app.server) ?? app.fetch(request)),
    error: (error) => {
      log.error('unhandled server error', { error: error.message, stack: error.stack });
      return new Response(null, { status: 500 });
    },
  });
  if (config.portal) {
    portal = startPortal(config, log, loopbackApiUrl(config, server.port ?? config.port));
    context.portalPages = portal;
  }
  // Elysia reads the client address through the server it listens on (which believes the portal's forwarded address).
  app.server = portal ? portal.clientAddressSource(server) : server;
  // Every node cleans up on its own jittered schedule; the deletes are idempotent.
  const housekeeping = startHousekeeping(context, config.housekeepingInterval * 1000);
  // Every node takes up due deliveries that no node is waiting on (left by a restart or a crash).
  const deliveryPoller = startDeliveryPoller(context);
  // Every node looks for due syncers; a claim in the database lets one of them run each.
  const syncers = startSyncers(context);
  if (generatedPassword) announceFirstStart(config, generatedPassword);
  log.info('listening', {
    url: `http://${config.host}:${server.port}`,
    origin: config.origin,
    database: database.dialect,
  });
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${server.port}`,
    server,
    async stop(options = {}) {
      const outcome = await drainServer(server, options.graceMs ?? SHUTDOWN_GRACE_MS);
      await housekeeping.stop();
      await syncers.stop();
      await portal?.stop();
      // Attempts under way get a moment to finish; pending retries stay in the database for any node.
      await deliveryPoller.stop();
      await Promise.race([drainDeliveries(context), Bun.sleep(2_000)]);
      stopDeliveries(context);
      await database.close();
      return outcome;
    },
  };
}
