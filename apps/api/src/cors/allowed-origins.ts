import type { AppContext } from '../context.ts';

/** How long a node trusts its list of application origins before reading it again (as long as the token endpoint's lookups). */
export const ALLOWED_ORIGINS_TTL_MS = 1_000;

/** Sign in with Apple posts its form from here (response_mode=form_post). */
export const APPLE_ID_ORIGIN = 'https://appleid.apple.com';

interface OriginCache {
  origins: ReadonlySet<string>;
  loadedAt: number;
  loading?: Promise<ReadonlySet<string>>;
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

async function loadApplicationOrigins(context: AppContext): Promise<ReadonlySet<string>> {
  const rows = await context.db.selectFrom('application').select('redirectUris').execute();
  const origins = new Set<string>();
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
      if (origin) origins.add(origin);
    }
  }
  return origins;
}

/**
 * The origins of every application's redirect URIs. Read once per ALLOWED_ORIGINS_TTL_MS per node
 * (one query for all applications, shared by the requests that arrive meanwhile), so a change made
 * on another node is seen within a second and the hot path never scans the table.
 */
export async function applicationOrigins(context: AppContext): Promise<ReadonlySet<string>> {
  const now = context.clock.now().getTime();
  let cache = caches.get(context);
  const fresh = cache && now >= cache.loadedAt && now - cache.loadedAt < ALLOWED_ORIGINS_TTL_MS;
  if (cache && fresh) return cache.origins;
  if (cache?.loading) return cache.loading;
  const loading = loadApplicationOrigins(context);
  if (!cache) {
    cache = { origins: new Set(), loadedAt: Number.NEGATIVE_INFINITY };
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
 * Whether a browser page at `origin` may call the API with the user's cookie: our own public origin,
 * the configured extra origins, Sign in with Apple, or the origin of an application's redirect URI.
 * Compared exactly, never by prefix or suffix.
 */
export async function isAllowedOrigin(context: AppContext, origin: string): Promise<boolean> {
  if (origin === context.config.origin || origin === APPLE_ID_ORIGIN) return true;
  if (context.config.corsOrigins.includes(origin)) return true;
  return (await applicationOrigins(context)).has(origin);
}
