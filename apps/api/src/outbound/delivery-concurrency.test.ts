import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import type { AppContext } from '../context.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { startSlowReceiver } from '../test/slow-receiver.ts';
import { configureDeliveries, deliveriesSettled, enqueueDelivery, stopDeliveries, type DeliveryOptions } from './deliveries.ts';
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
  await t.context.db.deleteFrom('outbound_delivery').execute();
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

async function until(condition: () => boolean | Promise<boolean>, what: string, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await Bun.sleep(5);
  }
}

const callsTo = (group: string) => receiver.calls.filter((call) => call.path.startsWith(`/${group}/`));
const rows = () => t.context.db.selectFrom('outbound_delivery').selectAll().execute();

function enqueue(server: AppContext, organization: string, group: string, count: number) {
  for (let n = 0; n < count; n++) {
    enqueueDelivery(server, { kind: 'webhook', organization, url: receiver.url(`/${group}/${n}`), method: 'POST', body: { contentType: 'application/json', content: '{}' } });
  }
}

describe('concurrency limits on outbound deliveries', () => {
  test('50 deliveries of ten organizations never hold more connections than the server-wide limit', async () => {
    receiver.resetCounts();
    const server = startServer({ timeoutMs: 150, maxConcurrent: 6, maxConcurrentPerOrganization: 4 });
    for (let org = 0; org < 10; org++) enqueue(server, `org-${org}`, `wide${org}`, 5);
    await deliveriesSettled(server);
    const calls = receiver.calls.filter((call) => call.path.startsWith('/wide'));
    expect(calls.length).toBe(50);
    expect(receiver.maxOpen()).toBe(6);
    for (let org = 0; org < 10; org++) expect(receiver.maxOpen(`wide${org}`)).toBeLessThanOrEqual(4);
    await until(() => receiver.openConnections() === 0, 'every connection is closed');
    expect(await rows()).toEqual([]);
  }, 20_000);

  test('one organization with 50 deliveries gets its share only, and another organization is served at once', async () => {
    receiver.resetCounts();
    const server = startServer({ timeoutMs: 200, maxConcurrent: 8, maxConcurrentPerOrganization: 3 });
    enqueue(server, 'noisy', 'noisy', 50);
    await until(() => receiver.openIn('noisy') === 3, 'the noisy organization has its share of connections');
    // The rest wait as due, unclaimed rows in the outbox, with no connection open.
    await until(async () => (await rows()).filter((row) => row.claimedBy === '').length === 47, 'the others wait in the outbox');

    const queuedAt = performance.now();
    enqueue(server, 'quiet', 'quiet', 1);
    await until(() => callsTo('quiet').length === 1, 'the quiet organization is called', 2_000);
    const waitedMs = performance.now() - queuedAt;
    // Sooner than any of the noisy organization's calls could have ended (each holds until the deadline).
    expect(waitedMs).toBeLessThan(150);
    expect(receiver.openIn('noisy')).toBe(3);

    await deliveriesSettled(server);
    expect(callsTo('noisy').length).toBe(50);
    expect(receiver.maxOpen('noisy')).toBe(3);
    expect(receiver.maxOpen()).toBeLessThanOrEqual(4);
    await until(() => receiver.openConnections() === 0, 'every connection is closed');
    expect(await rows()).toEqual([]);
  }, 30_000);

  test('deliveries waiting for a slot stay in the outbox when the server stops, and another server sends them within its limits', async () => {
    receiver.resetCounts();
    const first = startServer({ timeoutMs: 300, maxConcurrent: 2, maxConcurrentPerOrganization: 2 });
    enqueue(first, 'kept', 'kept', 10);
    await until(async () => (await rows()).length === 10 && receiver.openIn('kept') === 2, 'two are sent and eight wait');
    stopDeliveries(first);
    await deliveriesSettled(first);
    expect(callsTo('kept').length).toBe(2);
    expect((await rows()).every((row) => row.claimedBy === '' && row.attempts === 0)).toBe(true);
    expect((await rows()).length).toBe(8);

    const second = startServer({ timeoutMs: 100, maxConcurrent: 3, maxConcurrentPerOrganization: 3 });
    const poller = startDeliveryPoller(second, 20);
    await until(async () => (await rows()).length === 0, 'the second server has sent them');
    await poller.stop();
    await deliveriesSettled(second);
    expect(callsTo('kept').length).toBe(10);
    expect(receiver.maxOpen('kept')).toBeLessThanOrEqual(3);
  }, 20_000);
});
