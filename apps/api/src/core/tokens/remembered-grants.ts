import { type ChangeFeed, changeFeedOf, concerns, POLICY_TABLES } from '@latchkey/db';
import type { Permission, Role } from '@latchkey/types';
import type { AppContext } from '../context.ts';

/** A permission that reaches a user, with when it stops being in effect (Infinity: never). */
export interface ReachingPermission {
  permission: Permission;
  expiresAt: number;
}

/**
 * What a user holds whatever the time: the roles, and the enabled, approved permissions that reach
 * them with their expiry. Which of the permissions are in effect is judged on every use.
 */
export interface StandingGrants {
  roles: readonly Role[];
  permissions: readonly ReachingPermission[];
}

/** Users whose grants a server remembers, at most. */
const SIZE = 10_000;
/** A user's grants are computed from roles, permissions and groups, and from the user's row (its groups). */
const SOURCE_TABLES: ReadonlySet<string> = new Set<string>([...POLICY_TABLES, 'user']);

/**
 * Standing grants by user (and the groups they were computed for), as the bearer cache keeps tokens
 * (bearer-cache.ts): any change to a role, permission, group or user row, here, on another server or
 * by another process, empties it; a computation that began before such a change is not remembered,
 * and nothing is while changes could go unheard. Read on every UserInfo call with the profile scope
 * and for every token whose claims carry the user's roles and permissions.
 */
export class GrantsMemory {
  readonly #entries = new Map<string, StandingGrants>();
  readonly #feed: ChangeFeed;
  #generation = 0;
  hits = 0;

  constructor(feed: ChangeFeed) {
    this.#feed = feed;
    feed.subscribe((table) => {
      if (!concerns(table, SOURCE_TABLES)) return;
      this.#generation++;
      this.#entries.clear();
    });
  }

  /**
   * The grants remembered under `key`, if any. `looked`: the caller's request has already asked the
   * feed for other processes' changes (it checked its bearer token), so asking again now would only
   * cost the time.
   */
  get(key: string, looked = false): StandingGrants | undefined {
    if (!looked) this.#feed.look();
    const remembered = this.#entries.get(key);
    if (remembered) this.hits++;
    return remembered;
  }

  /** The grants `compute` finds, remembered under `key` when nothing changed meanwhile. */
  async fill(key: string, compute: () => Promise<StandingGrants>): Promise<StandingGrants> {
    this.#feed.look();
    const startedIn = this.#generation;
    const grants = await compute();
    this.#feed.look();
    if (startedIn === this.#generation && this.#feed.trustworthy) {
      if (this.#entries.size >= SIZE) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      // Shared by every later request: frozen, so that no one changes it for the others.
      for (const role of grants.roles) Object.freeze(role);
      for (const reaching of grants.permissions) Object.freeze(reaching.permission);
      this.#entries.set(key, grants);
    }
    return grants;
  }

  get size(): number {
    return this.#entries.size;
  }
}

const memories = new WeakMap<AppContext['db'], GrantsMemory | null>();

/** The grants memory of the context's database, or undefined when the bearer cache is turned off or there is no change feed. */
export function grantsMemoryOf(context: Pick<AppContext, 'db' | 'config'>): GrantsMemory | undefined {
  let memory = memories.get(context.db);
  if (memory === undefined) {
    const feed = changeFeedOf(context.db);
    memory = feed && context.config.bearerCacheSize > 0 ? new GrantsMemory(feed) : null;
    memories.set(context.db, memory);
  }
  return memory ?? undefined;
}
