import { listApplicationRedirectUris } from '@latchkey/db';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';

/** How long a node trusts its list of application origins before reading it again (as long as the token endpoint's lookups). */
export const ALLOWED_ORIGINS_TTL_MS = 1_000;

/** Sign in with Apple posts its form from here (response_mode=form_post). */
export const APPLE_ID_ORIGIN = 'https://appleid.apple.com';

/** Each origin of an application redirect URI, with the organizations whose applications registered it. */
export type ApplicationOrigins = ReadonlyMap<string, ReadonlySet<string>>;

interface OriginCache {
  origins: ApplicationOrigins;
  loadedAt: number;
  loading?: Promise<ApplicationOrigins>;
}

const caches = new WeakMap<AppContext, OriginCache>();

/**
 * The serialized origin (scheme://host[:port]) of an http(s) URL, or undefined for anything else.
 * Default ports are dropped and the host lower-cased, exactly as browsers send the Origin header.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}

async function loadApplicationOrigins(context: AppContext): Promise<ApplicationOrigins> {
  const rows = await listApplicationRedirectUris(context.db);
  const origins = new Map<string, Set<string>>();
  for (const row of rows) {
    let uris: unknown;
    try {
      uris = JSON.parse(row.redirectUris || '[]');
    } catch {
      continue;
    }
    if (!Array.isArray(uris)) continue;
    for (const uri of uris) {
      const origin = typeof uri === 'string' ? originOf(uri) : undefined;
      if (!origin) continue;
      const organizations = origins.get(origin) ?? new Set<string>();
      organizations.add(row.organization);
      origins.set(origin, organizations);
    }
  }
  return origins;
}

/**
 * The origins of every application's redirect URIs, each with the organizations that registered it. Read once per ALLOWED_ORIGINS_TTL_MS per node
 * (one query for all applications, shared by the requests that arrive meanwhile), so a change made
 * on another node is seen within a second and the hot path never scans the table.
 */
export async function applicationOrigins(context: AppContext): Promise<ApplicationOrigins> {
  const now = context.clock.now().getTime();
  let cache = caches.get(context);
  const fresh = cache && now >= cache.loadedAt && now - cache.loadedAt < ALLOWED_ORIGINS_TTL_MS;
  if (cache && fresh) return cache.origins;
  if (cache?.loading) return cache.loading;
  const loading = loadApplicationOrigins(context);
  if (!cache) {
    cache = { origins: new Map(), loadedAt: Number.NEGATIVE_INFINITY };
    caches.set(context, cache);
  }
  cache.loading = loading;
  try {
    const origins = await loading;
    cache.origins = origins;
    cache.loadedAt = now;
    return origins;
  } finally {
    cache.loading = undefined;
  }
}

/** Makes this node read the application origins again on the next request (after an application changed here). */
export function forgetApplicationOrigins(context: AppContext): void {
  caches.delete(context);
}

/**
 * Whom a browser page at `origin` may act for with the user's cookie:
 * - `everyone`: our own public origin, the configured extra origins (`LATCHKEY_CORS_ORIGINS`), Sign in
 *   with Apple, and the redirect-URI origins of `built-in` applications (the global administrator's);
 * - `organizations`: an origin only other organizations' applications registered, trusted only on
 *   behalf of those organizations' users and applications (an organization administrator chose it);
 * - `nobody`: any other origin.
 * Compared exactly, never by prefix or suffix.
 */
export type OriginTrust =
  | { kind: 'everyone' }
  | { kind: 'organizations'; organizations: ReadonlySet<string> }
  | { kind: 'nobody' };

export async function trustOfOrigin(context: AppContext, origin: string): Promise<OriginTrust> {
  if (origin === context.config.origin || origin === APPLE_ID_ORIGIN) return { kind: 'everyone' };
  if (context.config.corsOrigins.includes(origin)) return { kind: 'everyone' };
  const organizations = (await applicationOrigins(context)).get(origin);
  if (!organizations) return { kind: 'nobody' };
  if (organizations.has(BUILT_IN_ORGANIZATION)) return { kind: 'everyone' };
  return { kind: 'organizations', organizations };
}
