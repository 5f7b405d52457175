import { type ChangeFeed, changeFeedOf, concerns, findOrganization } from '@latchkey/db';
import type { Organization } from '@latchkey/types';
import type { AppContext } from '../context.ts';
import { REMEMBERED_TABLES } from './bearer-cache.ts';
import { freezeRow } from './frozen-row.ts';

/** Organizations a server remembers by name, at most. */
const SIZE = 1024;

/**
 * Organizations by name, as the bearer cache keeps tokens (bearer-cache.ts): any change to a token,
 * user, application, cert or organization row, here, on another server or by another process,
 * empties it; a read that began before such a change is not remembered, and nothing is while
 * changes could go unheard. Read on every call of a signed-in user's own pages (get-account).
 */
class OrganizationMemory {
  readonly #entries = new Map<string, Organization>();
  readonly #feed: ChangeFeed;
  #generation = 0;

  constructor(feed: ChangeFeed) {
    this.#feed = feed;
    feed.subscribe((table) => {
      if (!concerns(table, REMEMBERED_TABLES)) return;
      this.#generation++;
      this.#entries.clear();
    });
  }

  /** The remembered organization, without reading the database (the caller has looked for other processes' changes). */
  peek(name: string): Readonly<Organization> | undefined {
    return this.#entries.get(name);
  }

  async get(
    context: Pick<AppContext, 'db'>,
    name: string,
    looked: boolean,
  ): Promise<Readonly<Organization> | undefined> {
    if (!looked) this.#feed.look();
    const remembered = this.#entries.get(name);
    if (remembered) return remembered;
    const startedIn = this.#generation;
    const organization = await findOrganization(context.db, name);
    this.#feed.look();
    if (!organization) return undefined;
    // Shared by every later request: frozen, so that no one changes it for the others.
    freezeRow(organization);
    if (startedIn === this.#generation && this.#feed.trustworthy) {
      if (this.#entries.size >= SIZE) this.#entries.clear();
      this.#entries.set(name, organization);
    }
    return organization;
  }
}

const memories = new WeakMap<AppContext['db'], OrganizationMemory | null>();

/**
 * The organization with this name, from memory when nothing changed since it was read: the
 * remembered object itself, frozen (a caller that wants to change it copies it). Without a change
 * feed, or with the bearer cache turned off, every call reads the database. `looked`: the caller's
 * request has already asked the feed for other processes' changes (it checked its bearer token
 * through the bearer cache), so asking again now would only cost the time.
 */
export function rememberedOrganization(
  context: Pick<AppContext, 'db' | 'config'>,
  name: string,
  looked = false,
): Promise<Readonly<Organization> | undefined> {
  const memory = organizationMemoryOf(context);
  return memory ? memory.get(context, name, looked) : findOrganization(context.db, name);
}

/**
 * The organization with this name if it is remembered, without reading the database (undefined
 * otherwise, or without a memory). For a request that has already looked for other processes'
 * changes (it checked its bearer token through the bearer cache).
 */
export function peekRememberedOrganization(
  context: Pick<AppContext, 'db' | 'config'>,
  name: string,
): Readonly<Organization> | undefined {
  return organizationMemoryOf(context)?.peek(name);
}

function organizationMemoryOf(context: Pick<AppContext, 'db' | 'config'>): OrganizationMemory | null {
  let memory = memories.get(context.db);
  if (memory === undefined) {
    const feed = changeFeedOf(context.db);
    memory = feed && context.config.bearerCacheSize > 0 ? new OrganizationMemory(feed) : null;
    memories.set(context.db, memory);
  }
  return memory;
}
