import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { updateRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import type { AppContext } from '../../core/context.ts';
import { configureDeliveries, deliveriesSettled, stopDeliveries } from '../../jobs/outbound/deliveries.ts';
import { pollDueDeliveries } from '../../jobs/outbound/poller.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, providerItem } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../notifications/testing/smtp-receiver.ts';

/**
 * A code's email waits in the durable outbox: an SMTP server that answers "try later" gets it
 * again, by another server after this one stopped, and the code it carries works.
 */
let t: TestApp;
let root: Caller;
let smtp: SmtpReceiver;
let failing = true;
let refusals = 0;
let nextServer: AppContext | undefined;

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  // Retries wait long here: the one that matters is made by the next server.
  configureDeliveries(t.context, { retryDelaysMs: [600_000, 600_000], timeoutMs: 10_000 });
  root = await globalAdmin(t);
  smtp = await startSmtpReceiver({
    onMailFrom(_address, _session, callback) {
      if (!failing) return callback();
      refusals += 1;
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
    },
  });
  await addOrganization(t, 'acme');
  expect(
    (
      await call(t, root, '/api/add-provider', {
        owner: 'acme',
        name: 'acme-mail',
        category: 'Email',
        type: 'Default',
        host: '127.0.0.1',
        port: smtp.port,
        disableSsl: true,
      })
    ).data,
  ).toBe('Affected');
  await addApplication(t, 'mail-app', 'acme', {
    providers: [providerItem('acme', 'acme-mail')] as never,
  });
  await addUser(t, 'acme', 'alice', 'Alice-password-1', { email: 'alice@acme.test' });
});
afterAll(async () => {
  if (nextServer) {
    stopDeliveries(nextServer);
    await deliveriesSettled(nextServer);
  }
  await smtp.stop();
  await t.dispose();
});

describe('code emails through the outbox', () => {
  test('a failing SMTP server gets the message again after a restart, and the code works', async () => {
    const answer = await t.request('/api/send-verification-code', {
      body: new URLSearchParams({
        applicationId: 'admin/mail-app',
        type: 'email',
        dest: 'alice@acme.test',
        method: 'forget',
        checkUser: 'alice',
      }),
    });
    // The answer does not wait for the SMTP server.
    expect(answer.json).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    await until(() => refusals >= 1, 'the SMTP server refuses the first attempt', 15_000);
    const [row] = await until(
      async () => {
        const rows = await storedRows(t.context.db, 'outbound_delivery');
        return rows.length === 1 && rows[0]!.attempts === 1 ? rows : undefined;
      },
      'the retry is scheduled in the database',
      15_000,
    );
    expect(row!.kind).toBe('verification-email');
    // At rest the message, and the code in it, are sealed.
    expect(String(row!.message)).toStartWith('enc:v1:');

    // This server stops; the SMTP server recovers; another server on the same database takes over.
    stopDeliveries(t.context);
    await deliveriesSettled(t.context);
    failing = false;
    nextServer = { ...t.context };
    configureDeliveries(nextServer, { timeoutMs: 10_000 });
    await updateRows(t.context.db, 'outbound_delivery', {}, { nextAttemptAt: 0 });
    expect(await pollDueDeliveries(nextServer)).toBe(1);
    const mail = await until(
      () => smtp.mails.find((each) => each.to.includes('alice@acme.test')),
      'the mail arrives',
      15_000,
    );
    await until(
      async () => (await storedRows(t.context.db, 'outbound_delivery')).length === 0,
      'the delivery is done',
      15_000,
    );
    const code = /\b(\d{6})\b/.exec(mail.parsed.text ?? '')![1]!;
    const verified = await t.request('/api/verify-code', {
      body: { application: 'mail-app', organization: 'acme', name: 'alice', username: 'alice@acme.test', code },
    });
    expect(verified.json).toMatchObject({ status: 'ok' });
  });
});
