import { type ChangeFeed, changeFeedOf, concerns, type TokenRecord } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import type { JWTPayload } from 'jose';
import type { AppContext } from '../context.ts';

/** What a checked bearer token stands for: its row, application, verified claims and user (none for an application's token). */
export interface CheckedBearer {
  token: TokenRecord;
  application: Application;
  claims: JWTPayload;
  user: User | undefined;
  /** Unix seconds from which it is expired (its row's or its claims' expiry, the earlier): set on what the cache keeps. */
  expiresAt?: number;
}

/** The tables whose rows a checked bearer token is made of (and that of the organization memory). */
export const REMEMBERED_TABLES: ReadonlySet<string> = new Set(['token', 'user', 'application', 'cert', 'organization']);

/**
 * Checked bearer tokens by the SHA-256 of the token, most recently used last, at most `size` of them.
 * Any change to a token, user, application, cert or organization row — made on this server, on
 * another server (Postgres notifications) or by another process (SQLite) — empties it, so a
 * revocation, a sign-out, a password change, a blocked user or a changed application or key counts
 * at once. A check that began before such a change is not remembered (the generation moved on), and
 * nothing is remembered while changes could go unheard (`trustworthy`). Expiry is judged on every use.
 */
export class BearerCache {
  readonly #entries = new Map<string, CheckedBearer>();
  readonly #feed: ChangeFeed;
  readonly #size: number;
  #generation = 0;
  hits = 0;

  constructor(feed: ChangeFeed, size: number) {
    this.#feed = feed;
    this.#size = size;
    feed.subscribe((table) => concerns(table, REMEMBERED_TABLES) && this.#forgetAll());
  }

  #forgetAll() {
    this.#generation++;
    this.#entries.clear();
  }

  /** The generation a check starts in; remember() keeps its result only if nothing changed since. */
  get generation(): number {
    this.#feed.look();
    return this.#generation;
  }

  get(hash: string): CheckedBearer | undefined {
    this.#feed.look();
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    this.#entries.delete(hash);
    this.#entries.set(hash, entry);
    this.hits++;
    return entry;
  }

  remember(hash: string, checked: CheckedBearer, startedIn: number): void {
    this.#feed.look();
    if (startedIn !== this.#generation || !this.#feed.trustworthy) return;
    if (this.#entries.size >= this.#size) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, checked);
  }

  get size(): number {
    return this.#entries.size;
  }
}

const caches = new WeakMap<AppContext['db'], BearerCache | null>();

/** The bearer cache of the context's database, or undefined when it is turned off or the database has no change feed. */
export function bearerCacheOf(context: Pick<AppContext, 'db' | 'config'>): BearerCache | undefined {
  let cache = caches.get(context.db);
  if (cache === undefined) {
    const feed = changeFeedOf(context.db);
    cache = feed && context.config.bearerCacheSize > 0 ? new BearerCache(feed, context.config.bearerCacheSize) : null;
    caches.set(context.db, cache);
  }
  return cache ?? undefined;
}
