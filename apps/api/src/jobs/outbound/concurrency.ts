/** How many sends may be under way at once on one server: in all, and for one key (an organization). */
export interface ConcurrencyLimits {
  maxConcurrent: number;
  maxConcurrentPerOrganization: number;
}

/**
 * Counts the sends under way on one server, in all and per key, against the limits. Any channel
 * that opens connections for an organization (webhooks and logout notifications, later email
 * or SMS) takes a slot before it connects and gives it back when the call has ended.
 */
export class ConcurrencySlots {
  private total = 0;
  private readonly byKey = new Map<string, number>();

  inUse(key?: string): number {
    return key === undefined ? this.total : (this.byKey.get(key) ?? 0);
  }

  hasRoom(key: string, limits: ConcurrencyLimits): boolean {
    return this.total < limits.maxConcurrent && this.inUse(key) < limits.maxConcurrentPerOrganization;
  }

  /** Takes a slot when there is room; false (and nothing taken) otherwise. */
  tryAcquire(key: string, limits: ConcurrencyLimits): boolean {
    if (!this.hasRoom(key, limits)) return false;
    this.total += 1;
    this.byKey.set(key, this.inUse(key) + 1);
    return true;
  }

  release(key: string): void {
    const held = this.inUse(key);
    if (held <= 0) return;
    this.total -= 1;
    if (held === 1) this.byKey.delete(key);
    else this.byKey.set(key, held - 1);
  }
}

/**
 * Deliveries waiting for a slot, by key, served in turns: each key with room gives one, then
 * goes to the back, so that one organization's backlog does not keep another's waiting. Only ids
 * are kept; the deliveries themselves stay in the database.
 */
export class WaitingLine {
  private readonly lines = new Map<string, string[]>();
  private readonly ids = new Set<string>();

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Places held for deliveries still being written, by key. */
  private readonly reserved = new Map<string, number>();

  /** How many wait under one key, counting places held for deliveries still being written. */
  sizeOf(key: string): number {
    return (this.lines.get(key)?.length ?? 0) + (this.reserved.get(key) ?? 0);
  }

  /** Holds a place under a key for a delivery being written; `add` or `unreserve` gives it back. */
  reserve(key: string): void {
    this.reserved.set(key, (this.reserved.get(key) ?? 0) + 1);
  }

  unreserve(key: string): void {
    const held = (this.reserved.get(key) ?? 0) - 1;
    if (held > 0) this.reserved.set(key, held);
    else this.reserved.delete(key);
  }

  add(key: string, id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    const line = this.lines.get(key);
    if (line) line.push(id);
    else this.lines.set(key, [id]);
  }

  /** The next id of the first key (in turn) that `hasRoom` allows, taken out of the line. */
  takeNext(hasRoom: (key: string) => boolean): { key: string; id: string } | undefined {
    for (const [key, line] of this.lines) {
      if (!hasRoom(key)) continue;
      const id = line.shift()!;
      this.lines.delete(key);
      if (line.length > 0) this.lines.set(key, line);
      this.ids.delete(id);
      return { key, id };
    }
    return undefined;
  }

  clear(): void {
    this.lines.clear();
    this.ids.clear();
    this.reserved.clear();
  }
}
