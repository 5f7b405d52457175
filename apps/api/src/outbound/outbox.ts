import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';

export interface DeliveryOptions {
  /** Waits before each retry; one attempt plus one per entry. */
  retryDelaysMs: number[];
  timeoutMs: number;
  /** How often each server looks for due deliveries that no one is waiting on (left by a restart or another server). */
  pollIntervalMs: number;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  timeoutMs: 10_000,
  pollIntervalMs: 5_000,
};

/** What one server (one context) knows about the deliveries it is working on. */
export interface Outbox {
  options: DeliveryOptions;
  /** Names this server in the claims it takes. */
  nodeId: string;
  claimCount: number;
  /** Work under way: first attempts, retries waited for here, background look-ups. */
  pending: Set<Promise<void>>;
  waits: Map<ReturnType<typeof setTimeout>, () => void>;
  /** Deliveries this server is sending or waiting to retry (the poller leaves them alone). */
  driving: Set<string>;
  /** Shutting down: no more waiting for retries here (the rows stay scheduled), new messages still written. */
  draining: boolean;
  stopped: boolean;
}

const outboxes = new WeakMap<AppContext, Outbox>();

export function outboxOf(context: AppContext): Outbox {
  let outbox = outboxes.get(context);
  if (!outbox) {
    outbox = {
      options: defaultDeliveryOptions,
      nodeId: randomUUID(),
      claimCount: 0,
      pending: new Set(),
      waits: new Map(),
      driving: new Set(),
      draining: false,
      stopped: false,
    };
    outboxes.set(context, outbox);
  }
  return outbox;
}

/** Counts a piece of work as pending until it settles. */
export function track(outbox: Outbox, job: Promise<void>): void {
  outbox.pending.add(job);
  void job.finally(() => outbox.pending.delete(job));
}

/** Waits, unless the server is shutting down (then at once); a shutdown ends every wait early. */
export function wait(outbox: Outbox, milliseconds: number): Promise<void> {
  if (outbox.draining || outbox.stopped) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      outbox.waits.delete(timer);
      resolve();
    }, milliseconds);
    (timer as { unref?: () => void }).unref?.();
    outbox.waits.set(timer, resolve);
  });
}

export function endWaits(outbox: Outbox): void {
  for (const [timer, resolve] of outbox.waits) {
    clearTimeout(timer);
    resolve();
  }
  outbox.waits.clear();
}
