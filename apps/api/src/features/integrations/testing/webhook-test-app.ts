import { configureDeliveries, deliveriesSettled } from '../../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../../test/callback-receiver.ts';
import { globalAdmin, organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { flushAuditLog } from '../../records/audit-log.ts';

/**
 * A test app for webhooks: a receiver on 127.0.0.1 (private addresses allowed for these tests only)
 * that answers 503 on /failing and 200 elsewhere, quick delivery retries, the global administrator,
 * and the organizations acme and globex with their callers.
 */
export async function startWebhookTest() {
  const receiver = startCallbackReceiver((received) => (received.path === '/failing' ? 503 : 200));
  const t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5, 5, 5], timeoutMs: 5_000 });
  return {
    receiver,
    t,
    root: await globalAdmin(t),
    acme: await organizationWithCallers(t, 'acme'),
    globex: await organizationWithCallers(t, 'globex'),
  };
}

/** Waits until the audit records of the requests so far are written and their webhooks have had their answer. */
export async function webhooksSettled(t: TestApp) {
  await flushAuditLog(t.context);
  await deliveriesSettled(t.context);
}
