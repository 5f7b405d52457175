import type { AppContext } from '../context.ts';
import { RefusedAddressError } from './address-guard.ts';
import { InvalidCallbackUrlError, sendForm, sendRequest, type OutboundMethod } from './http-send.ts';

interface DeliveryCommon {
  /** What it is, for logs (never its content). */
  kind: string;
  url: string;
  /** Waits before each retry, when this message has a schedule of its own (else the outbox's). */
  retryDelaysMs?: number[];
  /** Runs once, when the receiver has accepted the message (2xx). */
  onDelivered?: () => Promise<void>;
}

/** One message to deliver: form fields (the body of a POST, the query of a GET), or a body with headers. */
export type Delivery = DeliveryCommon &
  (
    | { method: 'GET' | 'POST'; form: Record<string, string> }
    | { method: OutboundMethod; form?: undefined; body?: { contentType: string; content: string }; headers?: Record<string, string> }
  );

export interface DeliveryOptions {
  /** Waits before each retry; one attempt plus one per entry. */
  retryDelaysMs: number[];
  timeoutMs: number;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000],
  timeoutMs: 10_000,
};

interface Outbox {
  options: DeliveryOptions;
  pending: Set<Promise<void>>;
  waits: Map<ReturnType<typeof setTimeout>, () => void>;
  stopped: boolean;
}

const outboxes = new WeakMap<AppContext, Outbox>();

function outboxOf(context: AppContext): Outbox {
  let outbox = outboxes.get(context);
  if (!outbox) {
    outbox = { options: defaultDeliveryOptions, pending: new Set(), waits: new Map(), stopped: false };
    outboxes.set(context, outbox);
  }
  return outbox;
}

/** The waits before each retry that messages without a schedule of their own get. */
export function defaultRetryDelays(context: AppContext): readonly number[] {
  return outboxOf(context).options.retryDelaysMs;
}

/** Changes retry timing (tests use short delays). */
export function configureDeliveries(context: AppContext, options: Partial<DeliveryOptions>): void {
  const outbox = outboxOf(context);
  outbox.options = { ...outbox.options, ...options };
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

function wait(outbox: Outbox, milliseconds: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      outbox.waits.delete(timer);
      resolve();
    }, milliseconds);
    (timer as { unref?: () => void }).unref?.();
    outbox.waits.set(timer, resolve);
  });
}

function send(context: AppContext, delivery: Delivery, timeoutMs: number): Promise<number> {
  const common = { url: delivery.url, timeoutMs, allowPrivate: context.config.allowPrivateCallbackUrls };
  if (delivery.form) return sendForm({ ...common, method: delivery.method, form: delivery.form });
  return sendRequest({ ...common, method: delivery.method, body: delivery.body, headers: delivery.headers });
}

async function run(context: AppContext, outbox: Outbox, delivery: Delivery): Promise<void> {
  const { timeoutMs } = outbox.options;
  const retryDelaysMs = delivery.retryDelaysMs ?? outbox.options.retryDelaysMs;
  const target = (() => {
    try {
      const url = new URL(delivery.url);
      return `${url.origin}${url.pathname}`;
    } catch {
      return '(not a URL)';
    }
  })();
  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
    if (attempt > 0) await wait(outbox, retryDelaysMs[attempt - 1]!);
    if (outbox.stopped) return;
    try {
      const status = await send(context, delivery, timeoutMs);
      if (status >= 200 && status < 300) {
        context.log.info('delivered', { kind: delivery.kind, target, attempt: attempt + 1, status });
        // Its failure is logged; the message was delivered and is not sent again.
        await delivery.onDelivered?.().catch((error: unknown) => {
          context.log.error('after delivery failed', { kind: delivery.kind, target, error: error instanceof Error ? error.message : String(error) });
        });
        return;
      }
      context.log.warn('delivery answered with an error', { kind: delivery.kind, target, attempt: attempt + 1, status });
      if (!retryable(status)) return;
    } catch (error) {
      if (error instanceof RefusedAddressError || error instanceof InvalidCallbackUrlError) {
        context.log.warn('delivery refused', { kind: delivery.kind, target, reason: error.message });
        return;
      }
      context.log.warn('delivery failed', { kind: delivery.kind, target, attempt: attempt + 1, error: error instanceof Error ? error.message : String(error) });
    }
  }
  context.log.error('delivery given up', { kind: delivery.kind, target, attempts: retryDelaysMs.length + 1 });
}

/**
 * Sends a message in the background, retrying with growing waits on network errors, 408, 429 and
 * 5xx. Never throws and never delays the caller; outcomes go to the log (the target without its
 * query, never the message). Deliveries live in this process: a restart drops those not yet sent.
 */
export function enqueueDelivery(context: AppContext, delivery: Delivery): void {
  const outbox = outboxOf(context);
  if (outbox.stopped) return;
  const job = run(context, outbox, delivery).catch((error) => {
    context.log.error('delivery crashed', { kind: delivery.kind, error: error instanceof Error ? error.message : String(error) });
  });
  outbox.pending.add(job);
  void job.finally(() => outbox.pending.delete(job));
}

/**
 * Runs work after the response (looking up who to notify, then queueing deliveries). It is
 * counted as pending like a delivery, and its failure is logged, never thrown.
 */
export function runInBackground(context: AppContext, kind: string, task: () => Promise<void>): void {
  const outbox = outboxOf(context);
  if (outbox.stopped) return;
  const job = Promise.resolve()
    .then(task)
    .catch((error) => {
      context.log.error('background work failed', { kind, error: error instanceof Error ? error.message : String(error) });
    });
  outbox.pending.add(job);
  void job.finally(() => outbox.pending.delete(job));
}

/** Resolves once every delivery queued so far has succeeded, failed for good or been given up. */
export async function deliveriesSettled(context: AppContext): Promise<void> {
  const outbox = outboxOf(context);
  while (outbox.pending.size > 0) await Promise.all([...outbox.pending]);
}

/** Drops pending retries (shutdown, end of a test). */
export function stopDeliveries(context: AppContext): void {
  const outbox = outboxOf(context);
  outbox.stopped = true;
  for (const [timer, resolve] of outbox.waits) {
    clearTimeout(timer);
    resolve();
  }
  outbox.waits.clear();
}
