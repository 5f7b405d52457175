import type { Server } from 'bun';
import type { Config } from '../core/config/index.ts';
import type { PortalPages } from '../core/context.ts';
import { secretsEqual } from '../core/crypto/compare.ts';
import { randomToken } from '../core/crypto/random.ts';
import type { Logger } from '../core/logging/logger.ts';
import { clientAddress } from '../http/request-info.ts';
import { portalPageRequestHeaders } from './portal-pages.ts';
import { proxyToPortal } from './portal-proxy.ts';
import { PORTAL_SECRET_HEADER } from './portal-routes.ts';
import { locatePortalServer } from './portal-server.ts';
import { type PortalWorker, startPortalWorker } from './portal-worker.ts';

export { isServedByApi } from './portal-routes.ts';

export interface Portal extends PortalPages {
  /** Answers a browser request for a portal page. */
  forward(request: Request, server: Server<unknown>): Promise<Response>;
  /** The server object the API should read client addresses from (it trusts the portal's forwarded address). */
  clientAddressSource(server: Server<unknown>): Server<unknown>;
  stop(): Promise<void>;
}

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * The server as Elysia should see it: a request from loopback that carries the portal's secret is
 * from the client whose address the portal forwards; any other request is from its socket's address.
 */
export function portalClientAddressSource<S extends Pick<Server<unknown>, 'requestIP'>>(server: S, secret: string): S {
  return new Proxy(server, {
    get(target, property) {
      if (property === 'requestIP') {
        return (request: Request) => {
          const socket = target.requestIP(request);
          const claimed = request.headers.get(PORTAL_SECRET_HEADER);
          if (claimed && socket && isLoopback(socket.address) && secretsEqual(claimed, secret)) {
            const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
            if (forwarded) return { ...socket, address: forwarded };
          }
          return socket;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The API's own address on loopback, for the portal's server-side calls. */
export function loopbackApiUrl(config: Config, port: number): string {
  const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === 'localhost';
  const host = wildcard ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The admin portal behind the API's port: starts the Next.js server on a worker thread and proxies
 * every non-API path to it. The portal calls the API back over loopback with the user's cookie; the
 * client address it forwards is believed only with this process's secret.
 */
export function startPortal(config: Config, log: Logger, apiUrl: string): Portal {
  const secret = randomToken();
  // Finding the server may mean unpacking it (the binary's first start); requests wait for it.
  const starting: Promise<PortalWorker | undefined> = locatePortalServer(config).then(
    (location) => {
      if ('directory' in location)
        return startPortalWorker({
          port: config.portalPort,
          apiUrl,
          origin: config.origin,
          secret,
          log,
          directory: location.directory,
        });
      log.warn(`only the API answers: ${location.missing}`);
      return undefined;
    },
    (error: Error) => {
      log.error('the portal could not be prepared; only the API answers', { error: error.message });
      return undefined;
    },
  );
  return {
    async forward(request, server) {
      const process_ = await starting;
      if (!process_) {
        return new Response(
          'The Latchkey console is not available: it is not built (bun run --cwd apps/admin build) or could not start; see the server log. The API at /api/ answers.\n',
          {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          },
        );
      }
      return proxyToPortal(process_, {
        request,
        clientIp: clientAddress(request, server, config.trustProxy),
        origin: config.origin,
      });
    },
    clientAddressSource: (server) => portalClientAddressSource(server, secret),
    async render(request, path, view) {
      const process_ = await starting;
      if (!process_) return undefined;
      try {
        await process_.ready;
        const query = new URL(request.url).search;
        const response = await fetch(`${process_.url}${path}${query}`, {
          headers: portalPageRequestHeaders(request, [PORTAL_SECRET_HEADER, secret], view),
          redirect: 'manual',
        });
        return response.ok ? response : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      await (await starting)?.stop();
    },
  };
}
