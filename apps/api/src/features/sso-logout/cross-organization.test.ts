import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow, insertSession } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { formatTime } from '../../core/context.ts';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { call, type OrganizationCallers, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser } from '../../test/fixtures.ts';
import { verifySsoLogoutSignature } from './notification.ts';
import { receivedLogoutTokens, receivedNotifications } from './testing/received.ts';

let t: TestApp;
let receiver: ReturnType<typeof startCallbackReceiver>;
let x: OrganizationCallers;
let y: OrganizationCallers;
let yApp: Awaited<ReturnType<typeof addApplication>>;

beforeAll(async () => {
  receiver = startCallbackReceiver();
  // The receiver listens on 127.0.0.1: private addresses are allowed explicitly for this test.
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5, 10], timeoutMs: 5_000 });
  x = await organizationWithCallers(t, 'x-org');
  y = await organizationWithCallers(t, 'y-org');
  const provider = {
    owner: 'y-org',
    name: 'y-notify',
    createdTime: formatTime(t.clock.now()),
    category: 'Notification',
    type: 'Custom HTTP',
    receiver: receiver.url('/sso'),
    method: 'POST',
    title: 'content',
  };
  await insertRow(t.context.db, 'provider', codecs.provider.encode(provider));
  yApp = await addApplication(t, 'y-notified', 'y-org', {
    providers: [{ owner: 'y-org', name: 'y-notify' } as never],
    backchannelLogoutUri: receiver.url('/backchannel/y-notified'),
  });
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

const forbid = (caller: OrganizationCallers, owner: string, name: string) =>
  call(t, caller.admin, `/api/update-user?id=${owner}/${name}&columns=isForbidden`, { owner, name, isForbidden: true });

describe("an organization cannot make another organization's application sign", () => {
  test("add-user naming another organization's application as signupApplication is refused and nothing is written", async () => {
    const body = {
      owner: 'x-org',
      name: 'spoofer',
      email: 'victim@y-org.example',
      signupApplication: 'y-notified',
      password: 'a-good-password',
    };
    const refused = await call(t, x.admin, '/api/add-user', body);
    expect(refused.status).toBe('error');
    expect(await countStoredRows(t.context.db, 'user', { name: 'spoofer' })).toBe(0);
    const own = await call(t, x.admin, '/api/add-user', { ...body, name: 'x-own', signupApplication: 'x-org-app' });
    expect(own.data).toBe('Affected');
    expect(
      (
        await call(t, x.admin, '/api/update-user?id=x-org/x-own&columns=signupApplication', {
          owner: 'x-org',
          name: 'x-own',
          signupApplication: 'y-notified',
        })
      ).status,
    ).toBe('error');
  });

  test("a user row naming another organization's application gets no notification signed for it", async () => {
    // The row is written directly: whatever put it there, the signer looks at the user's organization.
    await addUser(t, 'x-org', 'planted', 'a-good-password', {
      signupApplication: 'y-notified',
      email: 'planted@y-org.example',
    });
    await insertSession(t.context.db, {
      owner: 'x-org',
      name: 'planted',
      application: 'y-notified',
      sessionId: 'planted-session',
      createdTime: formatTime(t.clock.now()),
      expireTime: 4102444800,
      clientIp: '',
      userAgent: '',
      factors: '',
      authTime: 0,
    });
    receiver.calls.length = 0;
    expect((await forbid(x, 'x-org', 'planted')).data).toBe('Affected');
    await deliveriesSettled(t.context);
    expect(receiver.calls).toEqual([]);

    // Positive control: Y's own user, forbidden by Y's admin, is announced to Y's application, signed with Y's secret.
    await addUser(t, 'y-org', 'y-member', 'a-good-password', { signupApplication: 'y-notified' });
    await insertSession(t.context.db, {
      owner: 'y-org',
      name: 'y-member',
      application: 'y-notified',
      sessionId: 'y-session',
      createdTime: formatTime(t.clock.now()),
      expireTime: 4102444800,
      clientIp: '',
      userAgent: '',
      factors: '',
      authTime: 0,
    });
    expect((await forbid(y, 'y-org', 'y-member')).data).toBe('Affected');
    await deliveriesSettled(t.context);
    const [notification] = receivedNotifications(receiver.calls);
    expect(notification).toMatchObject({ owner: 'y-org', name: 'y-member', event: 'sso-logout' });
    expect(verifySsoLogoutSignature(yApp.plainClientSecret, notification!)).toBe(true);
    expect((await receivedLogoutTokens(t, receiver.calls)).map((token) => token.payload.sub)).toHaveLength(1);
  });
});
