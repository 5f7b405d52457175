import type { AppContext } from '../../core/context.ts';
import { type Audience, enforceAudience } from '../../core/identity/privileges.ts';
import { requestStateOf } from '../request-state.ts';
import { identityOf } from '../resolve-identity.ts';
import type { RequestStep } from './request-step.ts';

export interface RegisteredRoute {
  method: string;
  path: string;
  hooks: { detail?: unknown };
}

const audienceIn = (detail: unknown): Audience | undefined =>
  (detail as { 'x-latchkey-audience'?: Audience } | undefined)?.['x-latchkey-audience'];

/**
 * Refuses the callers a route does not serve before its body is read. Every credential is in the
 * headers or the query, so an anonymous caller's large body to an administrator's route costs a
 * header lookup, not a parse. The identity worked out here is the one the route's auth macro uses.
 * It runs when the request arrives (a parse hook would make Elysia read the bodies of routes that
 * read their own), for the routes whose path has no parameters.
 */
export function authenticateBeforeBody(context: AppContext, routes: () => readonly RegisteredRoute[]): RequestStep {
  let audiences: Map<string, Audience> | undefined;
  const audienceOf = (method: string, path: string) => {
    audiences ??= new Map(
      routes().flatMap((entry) =>
        audienceIn(entry.hooks.detail)
          ? [[`${entry.method} ${entry.path}`, audienceIn(entry.hooks.detail)!] as const]
          : [],
      ),
    );
    return audiences.get(`${method} ${path}`);
  };
  const refuseOthers = async (request: Request, audience: Audience) => {
    enforceAudience(await identityOf(context, request), audience);
    return undefined;
  };
  return (request) => {
    if (request.method !== 'POST' && request.method !== 'PUT' && request.method !== 'PATCH') return undefined;
    const audience = audienceOf(request.method, requestStateOf(request).routePath);
    if (!audience || audience === 'anyone') return undefined;
    return refuseOthers(request, audience);
  };
}
