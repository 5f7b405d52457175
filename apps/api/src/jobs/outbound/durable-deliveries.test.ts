import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { claimDelivery, deleteRows, updateRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import type { AppContext } from '../../core/context.ts';
import { metrics } from '../../core/metrics/metrics.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { until } from '../../test/until.ts';
import { configureDeliveries, deliveriesSettled, enqueueDelivery, stopDeliveries } from './deliveries.ts';
import { insertDelivery } from './delivery-store.ts';
import { pollDueDeliveries, startDeliveryPoller } from './poller.ts';

/**
 * Deliveries live in the database: a retry outlives the server that queued it, any server on the
 * same database takes it up when due, a claim keeps two servers from sending one attempt, and the
 * message is sealed at rest. Each "server" is a context of its own over one database.
 */
let t: TestApp;
let receiver: ReturnType<typeof startCallbackReceiver>;
/** The status the receiver answers, per path (200 when unset); a list is answered in order, then 200. */
const answers = new Map<string, number | number[]>();
/** What the receiver answered, per path, in order. */
const answered = new Map<string, number[]>();
const servers: AppContext[] = [];

beforeAll(async () => {
  receiver = startCallbackReceiver((call) => {
    const planned = answers.get(call.path);
    const status = Array.isArray(planned) ? (planned.shift() ?? 200) : (planned ?? 200);
    answered.set(call.path, [...(answered.get(call.path) ?? []), status]);
    return status;
  });
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

/** Another server on the same database (and secret key): a context with its own deliveries. */
function startServer(options: { retryDelaysMs?: number[] } = {}): AppContext {
  const server: AppContext = { ...t.context };
  configureDeliveries(server, { timeoutMs: 5_000, ...options });
  servers.push(server);
  return server;
}

const rows = () => storedRows(t.context.db, 'outbound_delivery');

/** Time passes: every scheduled retry falls due. */
const retriesFallDue = () => updateRows(t.context.db, 'outbound_delivery', {}, { nextAttemptAt: 0 });

describe('durable deliveries', () => {
  test('a delivery that fails once is retried, delivered once, and its row removed', async () => {
    const server = startServer({ retryDelaysMs: [5, 5] });
    answers.set('/flaky', 503);
    enqueueDelivery(server, {
      kind: 'test',
      organization: 'acme',
      url: receiver.url('/flaky'),
      method: 'POST',
      form: { n: '1' },
    });
    await until(async () => (answered.get('/flaky')?.length ?? 0) > 0, 'the first attempt');
    answers.set('/flaky', 200);
    await deliveriesSettled(server);
    const calls = answered.get('/flaky')!.length;
    expect(answered.get('/flaky')).toEqual([...Array(calls - 1).fill(503), 200]);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(await rows()).toEqual([]);
  });

  test('every attempt is counted in the metrics by kind and outcome', async () => {
    const kind = 'counted';
    const outcomes = ['delivered', 'rejected', 'refused', 'retrying', 'given_up'] as const;
    const before = Object.fromEntries(outcomes.map((outcome) => [outcome, metrics.deliveryAttempts(kind, outcome)]));
    const server = startServer({ retryDelaysMs: [5] });
    answers.set('/counted-flaky', [503]);
    answers.set('/counted-gone', 404);
    answers.set('/counted-down', 503);
    enqueueDelivery(server, {
      kind,
      organization: 'acme',
      url: receiver.url('/counted-flaky'),
      method: 'POST',
      form: {},
    });
    enqueueDelivery(server, {
      kind,
      organization: 'acme',
      url: receiver.url('/counted-gone'),
      method: 'POST',
      form: {},
    });
    enqueueDelivery(server, {
      kind,
      organization: 'acme',
      url: receiver.url('/counted-down'),
      method: 'POST',
      form: {},
      retryDelaysMs: [],
    });
    enqueueDelivery(server, {
      kind,
      organization: 'acme',
      url: 'http://169.254.169.254/latest/meta-data',
      method: 'POST',
      form: {},
    });
    await deliveriesSettled(server);
    const counted = Object.fromEntries(
      outcomes.map((outcome) => [outcome, metrics.deliveryAttempts(kind, outcome) - before[outcome]!]),
    );
    expect(counted).toEqual({ delivered: 1, rejected: 1, refused: 1, retrying: 1, given_up: 1 });
    expect(metrics.render()).toContain(
      `latchkey_outbound_deliveries_total{kind="counted",outcome="given_up"} ${before.given_up! + 1}`,
    );
  });

  test('a pending retry survives a restart and arrives exactly once', async () => {
    answers.set('/restart', 503);
    const first = startServer({ retryDelaysMs: [60_000] });
    enqueueDelivery(first, {
      kind: 'test',
      organization: 'acme',
      url: receiver.url('/restart'),
      method: 'POST',
      form: { n: 'kept' },
    });
    await until(async () => (await rows()).some((row) => row.attempts === 1), 'the first attempt is recorded');
    stopDeliveries(first);
    await deliveriesSettled(first);
    expect((await rows()).map((row) => ({ attempts: row.attempts, claimedBy: row.claimedBy }))).toEqual([
      { attempts: 1, claimedBy: '' },
    ]);

    answers.set('/restart', 200);
    await retriesFallDue();
    const second = startServer();
    const poller = startDeliveryPoller(second, 10);
    await until(async () => (await rows()).length === 0, 'the second server has delivered it');
    await poller.stop();
    await deliveriesSettled(second);
    expect(await pollDueDeliveries(second)).toBe(0);
    await deliveriesSettled(second);
    expect(answered.get('/restart')).toEqual([503, 200]);
    expect(receiver.calls.filter((call) => call.path === '/restart').map((call) => call.fields.n)).toEqual([
      'kept',
      'kept',
    ]);
  });

  test('two servers looking at once never both send the same attempt', async () => {
    const now = Date.now();
    for (let n = 0; n < 12; n++) {
      await insertDelivery(
        t.context,
        {
          kind: 'test',
          message: { url: receiver.url('/race'), method: 'POST', form: { n: String(n) } },
          retryDelaysMs: [],
        },
        now,
      );
    }
    const [one, two] = [startServer(), startServer()];
    const taken = await Promise.all([
      pollDueDeliveries(one),
      pollDueDeliveries(two),
      pollDueDeliveries(one),
      pollDueDeliveries(two),
    ]);
    await Promise.all([deliveriesSettled(one), deliveriesSettled(two)]);
    expect(taken.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(12);
    const sent = receiver.calls.filter((call) => call.path === '/race').map((call) => Number(call.fields.n));
    expect(sent.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(await rows()).toEqual([]);
  });

  test('of two claims of one due attempt, exactly one wins', async () => {
    const now = Date.now();
    const id = await insertDelivery(
      t.context,
      { kind: 'test', message: { url: receiver.url('/claimed'), method: 'POST', form: {} }, retryDelaysMs: [] },
      now,
    );
    const claims = ['server-a:1', 'server-b:1', 'server-a:2', 'server-b:2'].map((by) => ({ by, until: now + 60_000 }));
    const won = await Promise.all(claims.map((claim) => claimDelivery(t.context.db, id, claim, now)));
    expect(won.filter(Boolean)).toEqual([true]);
    const [row] = await rows();
    expect(row!.claimedBy).toBe(claims[won.indexOf(true)]!.by);
  });

  test('a claim is respected until it expires, then another server takes the attempt over', async () => {
    const now = Date.now();
    await insertDelivery(
      t.context,
      {
        kind: 'test',
        message: { url: receiver.url('/orphan'), method: 'POST', form: {} },
        retryDelaysMs: [],
        claim: { by: 'crashed-server:1', until: now + 60_000 },
      },
      now,
    );
    const server = startServer();
    expect(await pollDueDeliveries(server)).toBe(0);
    await deliveriesSettled(server);
    expect(answered.get('/orphan')).toBeUndefined();

    // Time passes: the crashed server's claim runs out.
    await updateRows(t.context.db, 'outbound_delivery', {}, { claimedUntil: 0 });
    expect(await pollDueDeliveries(server)).toBe(1);
    await deliveriesSettled(server);
    expect(answered.get('/orphan')).toEqual([200]);
    expect(await rows()).toEqual([]);
  });

  test('what would be sent is sealed in the table', async () => {
    answers.set('/sealed', 503);
    const server = startServer({ retryDelaysMs: [60_000] });
    enqueueDelivery(server, {
      kind: 'webhook',
      organization: 'acme',
      url: `${receiver.url('/sealed')}?token=query-secret`,
      method: 'PUT',
      headers: { Authorization: 'Bearer header-secret' },
      body: { contentType: 'application/json', content: JSON.stringify({ payload: 'body-secret' }) },
      afterDelivery: { markRecordTriggered: { owner: 'acme', name: 'record-1' } },
    });
    await until(async () => (await rows()).some((row) => row.attempts === 1), 'the first attempt is recorded');
    const [row] = await rows();
    expect(row!.message.startsWith('enc:v1:')).toBe(true);
    const stored = JSON.stringify(row);
    for (const secret of ['query-secret', 'header-secret', 'body-secret', '/sealed', 'Bearer'])
      expect(stored).not.toContain(secret);
    expect(t.context.secrets.open(row!.message)).toContain('body-secret');
    expect(receiver.calls.find((call) => call.path === '/sealed')?.headers.authorization).toBe('Bearer header-secret');
  });
});
