import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { codecs, insertRow, updateRows } from '@latchkey/db';
import { formatTime } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signIn, tokenFor } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from './backchannel.ts';
import { type SsoLogoutNotification, verifySsoLogoutSignature } from './notification.ts';
import { receivedLogoutTokens, receivedNotifications } from './testing/received.ts';

let t: TestApp;
let receiver: ReturnType<typeof startCallbackReceiver>;
let acmeApp: Awaited<ReturnType<typeof addApplication>>;
let otherApp: Awaited<ReturnType<typeof addApplication>>;
let gate: Promise<void> | undefined;

async function addNotificationProvider(name: string, receiverUrl: string, method = 'POST') {
  await insertRow(
    t.context.db,
    'provider',
    codecs.provider.encode({
      owner: 'acme',
      name,
      createdTime: formatTime(t.clock.now()),
      category: 'Notification',
      type: 'Custom HTTP',
      receiver: receiverUrl,
      method,
      title: 'content',
    }),
  );
}

beforeAll(async () => {
  receiver = startCallbackReceiver(async () => {
    await gate;
    return 200;
  });
  // The receiver listens on 127.0.0.1: private addresses are allowed explicitly for this test.
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5, 10], timeoutMs: 5_000 });
  await addOrganization(t, 'acme');
  await addNotificationProvider('notify', receiver.url('/sso'));
  acmeApp = await addApplication(t, 'acme-app', 'acme', {
    providers: [{ owner: 'acme', name: 'notify' } as never],
    backchannelLogoutUri: receiver.url('/backchannel/acme-app'),
  });
  otherApp = await addApplication(t, 'other-app', 'acme', {
    backchannelLogoutUri: receiver.url('/backchannel/other-app'),
  });
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

let userCount = 0;
async function freshUser() {
  const name = `user${++userCount}`;
  const user = await addUser(t, 'acme', name, 'a-good-password', {
    signupApplication: 'acme-app',
    email: `${name}@example.com`,
  });
  receiver.calls.length = 0;
  return user;
}

const accountWith = (headers: Record<string, string>) => t.request('/api/get-account', { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const signedIn = async (headers: Record<string, string>) => (await accountWith(headers)).json.status === 'ok';

const notificationsReceived = () => receivedNotifications(receiver.calls);

/** Casdoor's receiver-side check, written out independently of our implementation. */
function casdoorSignature(secret: string, n: SsoLogoutNotification) {
  return createHmac('sha256', secret)
    .update(`${n.owner}|${n.name}|${n.nonce}|${n.timestamp}|${n.sessionIds.join(',')}|${n.accessTokenHashes.join(',')}`)
    .digest('hex');
}

const logoutTokensReceived = () => receivedLogoutTokens(t, receiver.calls);

describe('SSO logout everywhere (logoutAll absent, true or 1)', () => {
  test.each([[''], ['?logoutAll=true'], ['?logoutAll=1']])(
    '%s ends every session and token, then notifies',
    async (query) => {
      const user = await freshUser();
      const cookie1 = await signIn(t, 'acme', user.name, 'a-good-password', 'acme-app');
      const cookie2 = await signIn(t, 'acme', user.name, 'a-good-password', 'other-app');
      const token1 = await tokenFor(t, 'acme-app', 'acme', user.name);
      const token2 = await tokenFor(t, 'other-app', 'acme', user.name);
      for (const headers of [{ cookie: cookie1 }, { cookie: cookie2 }, bearer(token1), bearer(token2)])
        expect(await signedIn(headers)).toBe(true);

      const response = await t.request(`/api/sso-logout${query}`, { method: 'POST', headers: bearer(token1) });
      expect(response.json).toEqual({ status: 'ok', msg: '', data: '', data2: null });

      for (const headers of [{ cookie: cookie1 }, { cookie: cookie2 }])
        expect((await accountWith(headers)).json.data).toBe('Please login first');
      for (const token of [token1, token2])
        expect((await accountWith(bearer(token))).json.msg).toBe('The access token has been revoked.');

      await deliveriesSettled(t.context);
      const [notification, ...more] = notificationsReceived();
      expect(more).toEqual([]);
      expect(notification).toMatchObject({
        owner: 'acme',
        name: user.name,
        id: user.id,
        email: user.email,
        event: 'sso-logout',
      });
      expect(Object.keys(notification!)).toEqual([
        'owner',
        'name',
        'displayName',
        'email',
        'phone',
        'id',
        'event',
        'sessionIds',
        'accessTokenHashes',
        'nonce',
        'timestamp',
        'signature',
      ]);
      expect([...notification!.sessionIds].sort()).toEqual(
        [cookie1, cookie2].map((cookie) => sha256Hex(cookie.split('=')[1]!)).sort(),
      );
      expect([...notification!.accessTokenHashes].sort()).toEqual([sha256Hex(token1), sha256Hex(token2)].sort());
      expect(notification!.signature).toBe(casdoorSignature(acmeApp.plainClientSecret, notification!));
      expect(verifySsoLogoutSignature(acmeApp.plainClientSecret, notification!)).toBe(true);
      expect(verifySsoLogoutSignature(otherApp.plainClientSecret, notification!)).toBe(false);
      expect(verifySsoLogoutSignature(acmeApp.plainClientSecret, { ...notification!, sessionIds: [] })).toBe(false);

      const logoutTokens = await logoutTokensReceived();
      expect(logoutTokens.map((token) => token.application)).toEqual(['acme-app', 'other-app']);
      for (const { header, payload } of logoutTokens) {
        expect(header.typ).toBe('logout+jwt');
        expect(payload.sub).toBe(user.id);
        expect(payload.events).toEqual({ [BACKCHANNEL_LOGOUT_EVENT]: {} });
        expect(payload.sid).toBeUndefined();
        expect(payload.nonce).toBeUndefined();
        expect(typeof payload.jti).toBe('string');
      }
    },
  );
});

describe('notification providers', () => {
  test('only providers of type Custom HTTP are delivered to', async () => {
    await addNotificationProvider('chat-custom', receiver.url('/chat-custom'));
    await insertRow(
      t.context.db,
      'provider',
      codecs.provider.encode({
        owner: 'acme',
        name: 'chat-telegram',
        createdTime: formatTime(t.clock.now()),
        category: 'Notification',
        type: 'Telegram',
        receiver: receiver.url('/chat-telegram'),
        method: 'POST',
        title: 'content',
      }),
    );
    await addApplication(t, 'chat-app', 'acme', {
      providers: [{ owner: 'acme', name: 'chat-custom' } as never, { owner: 'acme', name: 'chat-telegram' } as never],
    });
    await addUser(t, 'acme', 'chatter', 'a-good-password', { signupApplication: 'chat-app' });
    const cookie = await signIn(t, 'acme', 'chatter', 'a-good-password', 'chat-app');
    receiver.calls.length = 0;
    expect((await t.request('/api/sso-logout', { method: 'POST', headers: { cookie } })).json.status).toBe('ok');
    await deliveriesSettled(t.context);
    const paths = receiver.calls.map((call) => call.path);
    expect(paths).toContain('/chat-custom');
    expect(paths).not.toContain('/chat-telegram');
  });
});

describe('SSO logout of the current session only (logoutAll false or 0)', () => {
  test('with a cookie: that session ends; the other session and the tokens keep working', async () => {
    const user = await freshUser();
    const cookie1 = await signIn(t, 'acme', user.name, 'a-good-password', 'acme-app');
    const cookie2 = await signIn(t, 'acme', user.name, 'a-good-password', 'acme-app');
    const token = await tokenFor(t, 'acme-app', 'acme', user.name);
    expect(await signedIn({ cookie: cookie1 })).toBe(true);

    const response = await t.request('/api/sso-logout?logoutAll=false', { headers: { cookie: cookie1 } });
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');

    expect(await signedIn({ cookie: cookie1 })).toBe(false);
    expect(await signedIn({ cookie: cookie2 })).toBe(true);
    expect(await signedIn(bearer(token))).toBe(true);

    await deliveriesSettled(t.context);
    const [notification] = notificationsReceived();
    expect(notification!.sessionIds).toEqual([sha256Hex(cookie1.split('=')[1]!)]);
    expect(notification!.accessTokenHashes).toEqual([]);
    expect(notification!.signature).toBe(casdoorSignature(acmeApp.plainClientSecret, notification!));
    // The session was opened for acme-app, which is told which one ended.
    const logoutTokens = await logoutTokensReceived();
    expect(logoutTokens.map((token) => [token.application, token.payload.sid])).toEqual([
      ['acme-app', sha256Hex(cookie1.split('=')[1]!)],
    ]);
  });

  test('with a bearer token: that token stops working; other tokens and sessions stay', async () => {
    const user = await freshUser();
    const cookie = await signIn(t, 'acme', user.name, 'a-good-password', 'acme-app');
    const token1 = await tokenFor(t, 'acme-app', 'acme', user.name);
    const token2 = await tokenFor(t, 'other-app', 'acme', user.name);
    expect(await signedIn(bearer(token1))).toBe(true);

    expect(
      (await t.request('/api/sso-logout?logoutAll=0', { method: 'POST', headers: bearer(token1) })).json.status,
    ).toBe('ok');
    expect((await accountWith(bearer(token1))).json.msg).toBe('The access token has been revoked.');
    expect(await signedIn(bearer(token2))).toBe(true);
    expect(await signedIn({ cookie })).toBe(true);

    await deliveriesSettled(t.context);
    const [notification] = notificationsReceived();
    expect(notification!.accessTokenHashes).toEqual([sha256Hex(token1)]);
    expect(notification!.sessionIds).toEqual([]);
  });
});

describe('who may call it', () => {
  test('a signed-out caller gets ok and nothing happens; a wrong token is an error', async () => {
    expect((await t.request('/api/sso-logout')).json).toEqual({ status: 'ok', msg: '', data: '', data2: null });
    expect((await t.request('/api/sso-logout', { headers: bearer('forged') })).json).toMatchObject({
      status: 'error',
      msg: 'The access token is not valid.',
    });
  });

  test('an application is not a user', async () => {
    const response = await t.request('/api/sso-logout', {
      headers: { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) },
    });
    expect(response.json).toMatchObject({ status: 'error', msg: 'You are not allowed to do this.' });
  });
});

describe('delivery', () => {
  test('the logout answers before the receiver does', async () => {
    const user = await freshUser();
    const token = await tokenFor(t, 'acme-app', 'acme', user.name);
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    try {
      const response = await t.request('/api/sso-logout', { headers: bearer(token) });
      expect(response.json.status).toBe('ok');
      await until(() => receiver.calls.length >= 2, 'the receiver has both calls in hand, still unanswered');
    } finally {
      release();
      gate = undefined;
    }
    await deliveriesSettled(t.context);
    expect(notificationsReceived()).toHaveLength(1);
  });

  test('a failing receiver is retried with back-off until it accepts', async () => {
    let failures = 2;
    const flaky = startCallbackReceiver(() => (failures-- > 0 ? 503 : 200));
    try {
      await updateRows(t.context.db, 'provider', { name: 'notify' }, { receiver: flaky.url('/sso') });
      const user = await freshUser();
      const token = await tokenFor(t, 'acme-app', 'acme', user.name);
      await t.request('/api/sso-logout', { headers: bearer(token) });
      await deliveriesSettled(t.context);
      expect(flaky.calls).toHaveLength(3);
      const delivered = JSON.parse(flaky.calls[2]!.fields.content!);
      expect(verifySsoLogoutSignature(acmeApp.plainClientSecret, delivered)).toBe(true);
      expect(t.logs.entries().some((entry) => entry.msg === 'delivered' && entry.attempt === 3)).toBe(true);
    } finally {
      flaky.stop();
      await updateRows(t.context.db, 'provider', { name: 'notify' }, { receiver: receiver.url('/sso') });
    }
  });
});

describe('private addresses', () => {
  test('without the allowance, nothing is sent to loopback, private or metadata addresses, and the logout still succeeds', async () => {
    const strict = await createTestApp();
    const local = startCallbackReceiver();
    try {
      configureDeliveries(strict.context, { retryDelaysMs: [] });
      await addOrganization(strict, 'acme');
      await insertRow(
        strict.context.db,
        'provider',
        codecs.provider.encode({
          owner: 'acme',
          name: 'notify',
          category: 'Notification',
          type: 'Custom HTTP',
          receiver: local.url('/sso'),
          method: 'POST',
          title: 'content',
        }),
      );
      await addApplication(strict, 'acme-app', 'acme', {
        providers: [{ owner: 'acme', name: 'notify' } as never],
        backchannelLogoutUri: 'http://169.254.169.254/latest/meta-data',
      });
      await addUser(strict, 'acme', 'bob', 'a-good-password', { signupApplication: 'acme-app' });
      const token = await tokenFor(strict, 'acme-app', 'acme', 'bob');
      expect((await strict.request('/api/sso-logout', { headers: bearer(token) })).json.status).toBe('ok');
      expect((await strict.request('/api/get-account', { headers: bearer(token) })).json.msg).toBe(
        'The access token has been revoked.',
      );
      await deliveriesSettled(strict.context);
      expect(local.calls).toEqual([]);
      const refusals = strict.logs.entries().filter((entry) => entry.msg === 'delivery refused');
      expect(refusals.map((entry) => entry.kind).sort()).toEqual(['backchannel-logout', 'sso-logout-notification']);
    } finally {
      local.stop();
      await strict.dispose();
    }
  });
});
