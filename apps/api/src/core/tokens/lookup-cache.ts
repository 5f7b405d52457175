import type { AppContext } from '../context.ts';

/** How long a looked-up application or signing cert is reused before it is read again. */
export const LOOKUP_TTL_MS = 1000;
const MAX_ENTRIES = 1024;

interface Entry<V> {
  value: V;
  until: number;
}

/**
 * A short-lived memory of rows the token endpoint reads on every request (the client's
 * application, its signing cert). Entries live one second, so a change made on any node is in
 * effect everywhere a second later; changes made through this node can be applied at once with
 * forgetLookups(). Only found rows are kept. One memory per database, so that tests with many
 * databases never mix them up.
 */
export class LookupCache<V> {
  readonly #entries = new WeakMap<AppContext['db'], Map<string, Entry<V>>>();

  async get(context: Pick<AppContext, 'db'>, key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    let entries = this.#entries.get(context.db);
    if (!entries) {
      entries = new Map();
      this.#entries.set(context.db, entries);
    }
    const now = performance.now();
    const cached = entries.get(key);
    if (cached && cached.until > now) return cached.value;
    const value = await load();
    if (value === undefined) {
      entries.delete(key);
      return undefined;
    }
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, { value, until: now + LOOKUP_TTL_MS });
    return value;
  }

  /** The remembered value if it is still fresh, without waiting (no promise, no read). */
  peek(context: Pick<AppContext, 'db'>, key: string): V | undefined {
    const cached = this.#entries.get(context.db)?.get(key);
    return cached && cached.until > performance.now() ? cached.value : undefined;
  }

  forget(context: Pick<AppContext, 'db'>): void {
    this.#entries.delete(context.db);
  }
}

const caches = new Set<LookupCache<unknown>>();

export function lookupCache<V>(): LookupCache<V> {
  const cache = new LookupCache<V>();
  caches.add(cache as LookupCache<unknown>);
  return cache;
}

/** Drops every remembered application and cert of a database (after this node changed one). */
export function forgetLookups(context: Pick<AppContext, 'db'>): void {
  for (const cache of caches) cache.forget(context);
}
