import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { deleteRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { ConfigError, loadConfig } from '../../core/config/index.ts';
import type { AppContext } from '../../core/context.ts';
import { metrics } from '../../core/metrics/metrics.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { startSlowReceiver } from '../../test/slow-receiver.ts';
import { until } from '../../test/until.ts';
import { ConcurrencySlots, WaitingLine } from './concurrency.ts';
import {
  configureDeliveries,
  type DeliveryOptions,
  deliveriesSettled,
  enqueueDelivery,
  stopDeliveries,
} from './deliveries.ts';
import { startDeliveryPoller } from './poller.ts';

/**
 * A receiver that drips its answer holds each connection until the deadline. However many
 * deliveries are queued for it, a server opens no more connections than its limits allow, in all
 * and per organization; the rest wait as rows in the outbox, and another organization's
 * delivery still goes out at once.
 */
let t: TestApp;
const receiver = startSlowReceiver(() => ({ drip: { everyMs: 25 } }));
const servers: AppContext[] = [];

beforeAll(async () => {
  await receiver.ready;
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    stopDeliveries(server);
    await deliveriesSettled(server);
  }
  await deleteRows(t.context.db, 'outbound_delivery', {});
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

function startServer(options: Partial<DeliveryOptions>): AppContext {
  const server: AppContext = { ...t.context };
  configureDeliveries(server, { retryDelaysMs: [], ...options });
  servers.push(server);
  return server;
}

const callsTo = (group: string) => receiver.calls.filter((call) => call.path.startsWith(`/${group}/`));
const rows = () => storedRows(t.context.db, 'outbound_delivery');

function enqueue(server: AppContext, organization: string, group: string, count: number) {
  for (let n = 0; n < count; n++) {
    enqueueDelivery(server, {
      kind: 'webhook',
      organization,
      url: receiver.url(`/${group}/${n}`),
      method: 'POST',
      body: { contentType: 'application/json', content: '{}' },
    });
  }
}

describe('concurrency limits on outbound deliveries', () => {
  test('50 deliveries of ten organizations never hold more connections than the server-wide limit', async () => {
    receiver.resetCounts();
    // Each call holds its connection for half a second, long enough for six to be open at once on a loaded machine.
    const server = startServer({ timeoutMs: 500, maxConcurrent: 6, maxConcurrentPerOrganization: 4 });
    for (let org = 0; org < 10; org++) enqueue(server, `org-${org}`, `wide${org}`, 5);
    await deliveriesSettled(server);
    const calls = receiver.calls.filter((call) => call.path.startsWith('/wide'));
    expect(calls.length).toBe(50);
    expect(receiver.maxOpen()).toBe(6);
    for (let org = 0; org < 10; org++) expect(receiver.maxOpen(`wide${org}`)).toBeLessThanOrEqual(4);
    await until(() => receiver.openConnections() === 0, 'every connection is closed', 10_000);
    expect(await rows()).toEqual([]);
  }, 60_000);

  test('one organization with more deliveries than its share gets its share only, and another organization is served at once', async () => {
    receiver.resetCounts();
    // Each call holds until the deadline: the noisy organization's second turn starts seconds later.
    const server = startServer({ timeoutMs: 3_000, maxConcurrent: 8, maxConcurrentPerOrganization: 3 });
    enqueue(server, 'noisy', 'noisy', 6);
    await until(() => receiver.openIn('noisy') === 3, 'the noisy organization has its share of connections', 10_000);
    // The rest wait as due, unclaimed rows in the outbox, with no connection open.
    await until(
      async () => (await rows()).filter((row) => row.claimedBy === '').length === 3,
      'the others wait in the outbox',
      10_000,
    );

    enqueue(server, 'quiet', 'quiet', 1);
    await until(() => callsTo('quiet').length === 1, 'the quiet organization is called', 10_000);
    // Before any waiting noisy delivery: the receiver heard the noisy organization's first turn only.
    const heard = receiver.calls.filter((call) => /^\/(noisy|quiet)\//.test(call.path)).map((call) => call.path);
    expect(heard.findIndex((path) => path.startsWith('/quiet/'))).toBe(3);

    await deliveriesSettled(server);
    expect(callsTo('noisy').length).toBe(6);
    expect(receiver.maxOpen('noisy')).toBe(3);
    expect(receiver.maxOpen()).toBeLessThanOrEqual(4);
    await until(() => receiver.openConnections() === 0, 'every connection is closed', 10_000);
    expect(await rows()).toEqual([]);
  }, 60_000);

  test('an organization whose receivers cannot keep up has a bounded backlog; beyond it new deliveries are dropped and counted', async () => {
    receiver.resetCounts();
    const droppedBefore = metrics.deliveryAttempts('webhook', 'dropped');
    const server = startServer({
      timeoutMs: 300,
      maxConcurrent: 8,
      maxConcurrentPerOrganization: 1,
      maxWaitingPerOrganization: 5,
    });
    enqueue(server, 'flood', 'flood', 40);
    await until(async () => (await rows()).length === 6, 'one delivery sent and five waiting are written', 10_000);
    expect(metrics.deliveryAttempts('webhook', 'dropped') - droppedBefore).toBe(34);
    // Another organization has a backlog of its own (positive control).
    enqueue(server, 'calm', 'calm', 3);
    await until(() => callsTo('calm').length >= 1, 'the calm organization is called', 10_000);
    await deliveriesSettled(server);
    expect(callsTo('flood').length).toBe(6);
    expect(callsTo('calm').length).toBe(3);
    expect(await rows()).toEqual([]);
  }, 30_000);

  test('deliveries waiting for a slot stay in the outbox when the server stops, and another server sends them within its limits', async () => {
    receiver.resetCounts();
    // The two sent hold until the deadline, seconds after the server is stopped: no slot frees before.
    const first = startServer({ timeoutMs: 3_000, maxConcurrent: 2, maxConcurrentPerOrganization: 2 });
    enqueue(first, 'kept', 'kept', 10);
    await until(
      async () => (await rows()).length === 10 && receiver.openIn('kept') === 2,
      'two are sent and eight wait',
      10_000,
    );
    stopDeliveries(first);
    await deliveriesSettled(first);
    expect(callsTo('kept').length).toBe(2);
    expect((await rows()).every((row) => row.claimedBy === '' && row.attempts === 0)).toBe(true);
    expect((await rows()).length).toBe(8);

    // A deadline long enough for a loaded machine to open each connection (a call cut off before the
    // receiver hears it is given up, as no retry is configured).
    const second = startServer({ timeoutMs: 1_000, maxConcurrent: 3, maxConcurrentPerOrganization: 3 });
    const poller = startDeliveryPoller(second, 20);
    await until(async () => (await rows()).length === 0, 'the second server has sent them', 30_000);
    await poller.stop();
    await deliveriesSettled(second);
    expect(callsTo('kept').length).toBe(10);
    expect(receiver.maxOpen('kept')).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('the limits come from the configuration', () => {
  test('the settings are read, and a limit below 1 stops the start', () => {
    const config = loadConfig({
      LATCHKEY_OUTBOUND_TIMEOUT: '3',
      LATCHKEY_OUTBOUND_RESPONSE_LIMIT: '2048',
      LATCHKEY_OUTBOUND_CONCURRENCY: '7',
      LATCHKEY_OUTBOUND_CONCURRENCY_PER_ORGANIZATION: '2',
    });
    expect(config).toMatchObject({
      outboundTimeout: 3,
      outboundResponseLimit: 2048,
      outboundConcurrency: 7,
      outboundConcurrencyPerOrganization: 2,
    });
    expect(loadConfig({})).toMatchObject({
      outboundTimeout: 10,
      outboundResponseLimit: 65536,
      outboundConcurrency: 32,
      outboundConcurrencyPerOrganization: 4,
    });
    expect(() => loadConfig({ LATCHKEY_OUTBOUND_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ LATCHKEY_OUTBOUND_TIMEOUT: 'soon' })).toThrow(ConfigError);
  });

  test('a server started with them holds to them', async () => {
    const configured = await createTestApp({
      config: {
        allowPrivateCallbackUrls: true,
        outboundTimeout: 1,
        outboundConcurrency: 5,
        outboundConcurrencyPerOrganization: 2,
      },
    });
    try {
      receiver.resetCounts();
      configureDeliveries(configured.context, { retryDelaysMs: [] });
      const started = performance.now();
      enqueue(configured.context, 'configured', 'configured', 4);
      await deliveriesSettled(configured.context);
      const tookMs = performance.now() - started;
      expect(callsTo('configured').length).toBe(4);
      expect(receiver.maxOpen('configured')).toBe(2);
      // Two turns of two calls, each cut off at the one-second deadline (at the default ten seconds,
      // two turns would take twenty).
      expect(tookMs).toBeGreaterThanOrEqual(1_900);
      expect(tookMs).toBeLessThan(10_000);
    } finally {
      stopDeliveries(configured.context);
      await configured.dispose();
    }
  }, 60_000);
});

describe('the line of deliveries waiting for a slot', () => {
  test('organizations are served in turns, each only while it has room', () => {
    const line = new WaitingLine();
    for (const id of ['a1', 'a2', 'a3']) line.add('a', id);
    line.add('b', 'b1');
    line.add('c', 'c1');
    line.add('a', 'a1');
    expect(line.size).toBe(5);
    const order: string[] = [];
    for (let next = line.takeNext(() => true); next; next = line.takeNext(() => true)) order.push(next.id);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);

    const slots = new ConcurrencySlots();
    const limits = { maxConcurrent: 3, maxConcurrentPerOrganization: 2 };
    expect([slots.tryAcquire('a', limits), slots.tryAcquire('a', limits), slots.tryAcquire('a', limits)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(slots.tryAcquire('b', limits)).toBe(true);
    expect(slots.tryAcquire('c', limits)).toBe(false);
    slots.release('a');
    expect(slots.tryAcquire('c', limits)).toBe(true);
    expect(slots.inUse()).toBe(3);
  });
});
