import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../core/context.ts';
import { type ConcurrencyLimits, ConcurrencySlots, WaitingLine } from './concurrency.ts';

export interface DeliveryOptions extends ConcurrencyLimits {
  /** Waits before each retry; one attempt plus one per entry. */
  retryDelaysMs: number[];
  /** The deadline of one whole attempt: connecting, sending, and reading the answer. */
  timeoutMs: number;
  /** At most this many bytes of an answer's body are read. */
  maxResponseBytes: number;
  /** How often each server looks for due deliveries that no one is waiting on (left by a restart or another server). */
  pollIntervalMs: number;
  /** Deliveries of one organization that may wait on one server for a slot; beyond, new ones are dropped. */
  maxWaitingPerOrganization: number;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  pollIntervalMs: 5_000,
  maxWaitingPerOrganization: 1_000,
  maxConcurrent: 32,
  maxConcurrentPerOrganization: 4,
};

/** The options the configuration sets (the others keep their defaults). */
function configuredOptions(context: AppContext): DeliveryOptions {
  const config = context.config;
  return {
    ...defaultDeliveryOptions,
    ...(config.outboundTimeout ? { timeoutMs: config.outboundTimeout * 1000 } : {}),
    ...(config.outboundResponseLimit ? { maxResponseBytes: config.outboundResponseLimit } : {}),
    ...(config.outboundConcurrency ? { maxConcurrent: config.outboundConcurrency } : {}),
    ...(config.outboundConcurrencyPerOrganization
      ? { maxConcurrentPerOrganization: config.outboundConcurrencyPerOrganization }
      : {}),
  };
}

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
  /** Sends under way, against the concurrency limits. */
  slots: ConcurrencySlots;
  /** Due deliveries (unclaimed rows) that wait here for a slot; the poller leaves them alone too. */
  waiting: WaitingLine;
  /** Shutting down: no more waiting for retries here (the rows stay scheduled), new messages still written. */
  draining: boolean;
  stopped: boolean;
}

const outboxes = new WeakMap<AppContext, Outbox>();

export function outboxOf(context: AppContext): Outbox {
  let outbox = outboxes.get(context);
  if (!outbox) {
    outbox = {
      options: configuredOptions(context),
      nodeId: randomUUID(),
      claimCount: 0,
      pending: new Set(),
      waits: new Map(),
      driving: new Set(),
      slots: new ConcurrencySlots(),
      waiting: new WaitingLine(),
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
