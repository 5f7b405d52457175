import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { caught } from '../../test/caught.ts';
import { startSlowReceiver } from '../../test/slow-receiver.ts';
import { until } from '../../test/until.ts';
import { exchange, OutboundDeadlineError, type OutboundRequest, sendRequest } from './http-send.ts';

/**
 * A receiver that answers slowly (a byte at a time, or an endless body) holds a connection only
 * until the deadline of the whole call, and no more than the response cap is read from it.
 */
const receiver = startSlowReceiver((path) => {
  if (path.startsWith('/drip-headers')) return { drip: { everyMs: 40 } };
  if (path.startsWith('/drip-body')) return { drip: { everyMs: 20, headers: false } };
  if (path.startsWith('/flood')) return { flood: true };
  if (path.startsWith('/hold')) return { hold: true };
  return { quick: true };
});
beforeAll(() => receiver.ready);
afterAll(() => receiver.stop());

const call = (path: string, options: Partial<OutboundRequest> = {}): OutboundRequest => ({
  url: receiver.url(path),
  method: 'POST',
  body: { contentType: 'application/json', content: '{}' },
  timeoutMs: 600,
  maxResponseBytes: 64 * 1024,
  allowPrivate: true,
  ...options,
});

/** How long a promise takes to settle, and how (the error, if it failed). */
async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await work;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/**
 * Slack past a deadline for a loaded machine. The dripping receivers never stop, so a call that
 * does not keep its deadline never ends: seconds of slack still tell the two apart.
 */
const MARGIN_MS = 10_000;

describe('one deadline for the whole call', () => {
  test('a receiver that answers at once is heard (the control)', async () => {
    const answer = await timed(exchange(call('/quick')));
    expect(answer.value).toEqual({ status: 200, bodyBytesRead: 2 });
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
  });

  test('status line and headers dripped a byte at a time: the call ends at the deadline and the connection is closed', async () => {
    const answer = await timed(sendRequest(call('/drip-headers/1')));
    expect(answer.error).toBeInstanceOf(OutboundDeadlineError);
    expect(answer.ms).toBeGreaterThanOrEqual(590);
    expect(answer.ms).toBeLessThan(600 + MARGIN_MS);
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
    expect(receiver.calls.find((entry) => entry.path === '/drip-headers/1')!.closed).toBe(true);
  });

  test('a body dripped a byte at a time (each byte well within any idle timeout) still ends at the deadline', async () => {
    const answer = await timed(sendRequest(call('/drip-body/1')));
    expect(answer.error).toBeInstanceOf(OutboundDeadlineError);
    expect(answer.ms).toBeLessThan(600 + MARGIN_MS);
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
  });

  test('a receiver that accepts the connection and says nothing is left at the deadline', async () => {
    const answer = await timed(sendRequest(call('/hold/1', { timeoutMs: 300 })));
    expect(answer.error).toBeInstanceOf(OutboundDeadlineError);
    expect(answer.ms).toBeLessThan(300 + MARGIN_MS);
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
  });
});

describe('a cap on what is read', () => {
  test('an endless body: reading stops at the cap, the status is answered and the connection closed', async () => {
    const cap = 64 * 1024;
    const answer = await timed(exchange(call('/flood/1', { maxResponseBytes: cap, timeoutMs: 30_000 })));
    expect(answer.value?.status).toBe(200);
    expect(answer.value!.bodyBytesRead).toBeGreaterThanOrEqual(cap);
    // Reading stops at the first chunk that reaches the cap (a reader that went on would meet the deadline).
    expect(answer.value!.bodyBytesRead).toBeLessThanOrEqual(2 * cap);
    expect(answer.ms).toBeLessThan(15_000);
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
  });

  test('a small cap stops a dripped body early', async () => {
    const answer = await timed(exchange(call('/drip-body/2', { maxResponseBytes: 3, timeoutMs: 30_000 })));
    // The body drips for ever: a reader that went on past the cap would meet the deadline instead.
    expect(answer.value).toEqual({ status: 200, bodyBytesRead: 3 });
    expect(answer.ms).toBeLessThan(15_000);
    await until(() => receiver.openConnections() === 0, 'the connection is closed');
  });
});

describe('a host with several addresses', () => {
  /** A name that resolves to an address where nothing listens, then to the receiver's. */
  const twoAddresses = async () => [
    { address: '127.0.0.2', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ];

  test('an address that cannot be reached is skipped for the next one', async () => {
    const url = receiver.url('/quick').replace('127.0.0.1', 'receiver.test');
    expect(await exchange({ ...call('/quick'), url }, twoAddresses)).toEqual({ status: 200, bodyBytesRead: 2 });
  });

  test("without another address, the error is the caller's", async () => {
    const url = receiver.url('/quick').replace('127.0.0.1', 'receiver.test');
    const error = (await caught(
      exchange({ ...call('/quick'), url }, async () => [{ address: '127.0.0.2', family: 4 }]),
    )) as NodeJS.ErrnoException | undefined;
    expect(error?.code).toBe('ECONNREFUSED');
  });
});
