import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { updateRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import { deleteExpiredSessions } from '../../jobs/housekeeping/clean-up.ts';
import type { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, type OrganizationCallers } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { until } from '../../test/until.ts';
import { startWebhookTest, webhooksSettled } from './testing/webhook-test-app.ts';

/**
 * A webhook's test event and its delivery log (Latchkey's test-webhook and get-webhook-deliveries),
 * against a real receiver on 127.0.0.1.
 */
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let globex: OrganizationCallers;
let receiver: ReturnType<typeof startCallbackReceiver>;

beforeAll(async () => {
  ({ receiver, t, root, acme, globex } = await startWebhookTest());
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

const settled = () => webhooksSettled(t);

async function addWebhook(name: string, fields: Record<string, unknown>) {
  const answer = await call(t, acme.admin, '/api/add-webhook', {
    owner: 'admin',
    name,
    organization: 'acme',
    isEnabled: false,
    events: [],
    ...fields,
  });
  expect({ name, status: answer.status, msg: answer.msg }).toEqual({ name, status: 'ok', msg: '' });
}

const deliveries = async (caller: Caller, name: string) =>
  (await call(t, caller, `/api/get-webhook-deliveries?id=admin/${name}`)).data as Record<string, unknown>[];

describe('test-webhook', () => {
  test('sends an audit record with the action "test-webhook" now, whatever the webhook listens for, and logs the delivery', async () => {
    await addWebhook('hook-ok', {
      url: receiver.url('/ok'),
      headers: [{ name: 'X-Hook-Token', value: 'shared-secret-7' }],
    });
    expect(await call(t, acme.admin, '/api/test-webhook?id=admin/hook-ok', {})).toEqual({
      status: 'ok',
      msg: '',
      data: null,
      data2: null,
    });
    await settled();
    const calls = receiver.calls.filter((each) => each.path === '/ok');
    expect(calls.length).toBe(1);
    expect(calls[0]!.headers['x-hook-token']).toBe('shared-secret-7');
    const payload = JSON.parse(calls[0]!.body);
    expect(payload).toMatchObject({
      owner: 'acme',
      organization: 'acme',
      user: 'acme/acme-admin',
      action: 'test-webhook',
      method: 'POST',
      extendedUser: null,
    });
    const log = await deliveries(acme.admin, 'hook-ok');
    expect(log.length).toBe(1);
    expect(log[0]).toMatchObject({
      event: 'test-webhook',
      state: 'delivered',
      attempts: 1,
      maxAttempts: 3,
      statusCode: 200,
      error: '',
      nextAttemptTime: '',
    });
    // The message is not kept: nothing of the headers or body is in the log.
    const rows = await storedRows(t.context.db, 'outbound_delivery_log', {});
    expect(JSON.stringify(rows)).not.toContain('shared-secret-7');
  });

  test('a failing receiver is retried: the log shows each attempt, the answer, and gives up after the last', async () => {
    await addWebhook('hook-failing', { url: receiver.url('/failing'), maxRetries: 2 });
    expect((await call(t, acme.admin, '/api/test-webhook?id=admin/hook-failing', {})).status).toBe('ok');
    await settled();
    expect(receiver.calls.filter((each) => each.path === '/failing').length).toBe(2);
    const [entry] = await deliveries(acme.admin, 'hook-failing');
    expect(entry).toMatchObject({
      state: 'given_up',
      attempts: 2,
      maxAttempts: 2,
      statusCode: 503,
      nextAttemptTime: '',
    });
  });

  test('a real event is logged under its action too, newest first', async () => {
    await addWebhook('hook-events', { url: receiver.url('/events'), isEnabled: true, events: ['add-group'] });
    expect((await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'logged-group' })).status).toBe('ok');
    await settled();
    expect((await call(t, acme.admin, '/api/test-webhook?id=admin/hook-events', {})).status).toBe('ok');
    await settled();
    expect((await deliveries(acme.admin, 'hook-events')).map((entry) => [entry.event, entry.state])).toEqual([
      ['test-webhook', 'delivered'],
      ['add-group', 'delivered'],
    ]);
  });

  test("only the webhook's organization's administrators (and global ones) send and read; a webhook without a URL has nothing to test", async () => {
    const before = receiver.calls.length;
    const refused = en('general.unauthorized_operation');
    expect((await call(t, globex.admin, '/api/test-webhook?id=admin/hook-ok', {})).msg).toBe(refused);
    expect((await call(t, globex.admin, '/api/get-webhook-deliveries?id=admin/hook-ok')).msg).toBe(refused);
    expect((await call(t, acme.admin, '/api/test-webhook?id=admin/no-such-hook', {})).msg).toBe(
      en('object.webhook_not_found', { id: 'admin/no-such-hook' }),
    );
    expect((await call(t, acme.user, '/api/test-webhook?id=admin/hook-ok', {})).msg).toBe(
      en('general.unauthorized_operation'),
    );
    expect((await call(t, undefined, '/api/get-webhook-deliveries?id=admin/hook-ok')).msg).toBe(
      en('general.please_login_first'),
    );
    // Positive control: a global administrator reads acme's log.
    expect((await deliveries(root, 'hook-ok')).length).toBe(1);
    await addWebhook('hook-empty', { url: '' });
    expect((await call(t, acme.admin, '/api/test-webhook?id=admin/hook-empty', {})).msg).toBe(
      en('object.webhook_url_required'),
    );
    await settled();
    expect(receiver.calls.length).toBe(before);
  });

  test('housekeeping forgets deliveries a week after their last attempt', async () => {
    expect((await deliveries(acme.admin, 'hook-ok')).length).toBe(1);
    await updateRows(t.context.db, 'outbound_delivery_log', {}, { updatedAt: Date.now() - 8 * 86_400_000 });
    await deleteExpiredSessions(t.context);
    expect(await deliveries(acme.admin, 'hook-ok')).toEqual([]);
  });

  test('while a retry waits, the log says when it is due', async () => {
    await addWebhook('hook-waiting', { url: receiver.url('/failing'), maxRetries: 2, retryInterval: 3600 });
    const sentAt = Date.now();
    expect((await call(t, acme.admin, '/api/test-webhook?id=admin/hook-waiting', {})).status).toBe('ok');
    const entry = await until(
      async () => (await deliveries(acme.admin, 'hook-waiting')).find((each) => each.state === 'retrying'),
      'the first attempt is logged',
    );
    expect(entry).toMatchObject({ attempts: 1, maxAttempts: 2, statusCode: 503 });
    const due = Date.parse(String(entry.nextAttemptTime));
    expect(due).toBeGreaterThanOrEqual(sentAt + 3_599_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 3_601_000);
  });
});
