import { afterAll, beforeAll, expect, test } from 'bun:test';
import { codecs, insertRow } from '@latchkey/db';
import type { User } from '@latchkey/types';
import { jwtVerify } from 'jose';
import { formatTime } from '../../core/context.ts';
import { generateCertificate } from '../../core/crypto/certificates.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { applicationSigningKey } from '../../core/tokens/signing-keys.ts';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn, tokenFor } from '../../test/fixtures.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from '../sso-logout/backchannel.ts';
import { verifySsoLogoutSignature } from '../sso-logout/notification.ts';
import { receivedNotifications } from '../sso-logout/testing/received.ts';

/**
 * Deleting an organization ends every session and token of its users and, once the delete has
 * committed, tells the applications as cutting off each user does: the signed SSO-logout
 * notification and an OIDC back-channel logout token, although the same delete removed the
 * applications, their notification provider and one of their certs. Delivered to a real receiver
 * on 127.0.0.1 (private addresses allowed for this test).
 */
let t: TestApp;
let root: Caller;
let receiver: ReturnType<typeof startCallbackReceiver>;

beforeAll(async () => {
  receiver = startCallbackReceiver();
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5], timeoutMs: 5_000 });
  root = await globalAdmin(t);
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

test("deleting an organization ends its users' access and then tells their applications", async () => {
  await addOrganization(t, 'initech');
  const now = formatTime(t.clock.now());
  await insertRow(
    t.context.db,
    'provider',
    codecs.provider.encode({
      owner: 'initech',
      name: 'notify',
      createdTime: now,
      category: 'Notification',
      type: 'Custom HTTP',
      receiver: receiver.url('/sso'),
      method: 'POST',
      title: 'content',
    }),
  );
  const ownCert = await generateCertificate({ algorithm: 'ES256', commonName: 'initech-cert' });
  await insertRow(
    t.context.db,
    'cert',
    codecs.cert.encode({
      owner: 'initech',
      name: 'initech-cert',
      createdTime: now,
      scope: 'JWT',
      type: 'x509',
      cryptoAlgorithm: 'ES256',
      certificate: ownCert.certificate,
      privateKey: t.context.secrets.seal(ownCert.privateKey),
    }),
  );
  const main = await addApplication(t, 'initech-app', 'initech', {
    providers: [{ owner: 'initech', name: 'notify' } as never],
    backchannelLogoutUri: receiver.url('/backchannel/initech-app'),
  });
  const other = await addApplication(t, 'initech-other', 'initech', {
    cert: 'initech-cert',
    backchannelLogoutUri: receiver.url('/backchannel/initech-other'),
  });
  // The keys a relying party knows, taken before the delete removes the applications and the organization's cert.
  const publicKeys = {
    'initech-app': (await applicationSigningKey(t.context, main)).publicKey,
    'initech-other': (await applicationSigningKey(t.context, other)).publicKey,
  };
  const clientIds = { 'initech-app': main.clientId, 'initech-other': other.clientId };

  const people: { user: User; cookies: string[]; tokens: string[] }[] = [];
  for (const [name, applications] of [
    ['alice', ['initech-app', 'initech-other']],
    ['bob', ['initech-app']],
  ] as const) {
    const user = await addUser(t, 'initech', name, 'a-good-password', { signupApplication: 'initech-app' });
    const cookies = [];
    const tokens = [];
    for (const application of applications) {
      cookies.push(await signIn(t, 'initech', name, 'a-good-password', application));
      tokens.push(await tokenFor(t, application, 'initech', name));
    }
    people.push({ user, cookies, tokens });
  }
  // Carol has neither a session nor a token: there is nothing to tell anyone about her.
  await addUser(t, 'initech', 'carol', 'a-good-password', { signupApplication: 'initech-app' });
  await deliveriesSettled(t.context);
  receiver.calls.length = 0;

  const works = async (headers: Record<string, string>) =>
    (await t.request('/api/get-account', { headers })).json.status === 'ok';
  const credentials = people.flatMap(({ cookies, tokens }) => [
    ...cookies.map((cookie) => ({ cookie })),
    ...tokens.map((token) => ({ authorization: `Bearer ${token}` })),
  ]);
  for (const headers of credentials) expect(await works(headers)).toBe(true);

  expect((await call(t, root, '/api/delete-organization?id=admin/initech', {})).data).toBe('Affected');
  for (const headers of credentials) expect(await works(headers)).toBe(false);
  await deliveriesSettled(t.context);

  const notifications = receivedNotifications(receiver.calls).sort((a, b) => a.name.localeCompare(b.name));
  expect(notifications.map((notification) => notification.name)).toEqual(['alice', 'bob']);
  for (const [index, person] of people.entries()) {
    const notification = notifications[index]!;
    expect(notification).toMatchObject({
      owner: 'initech',
      name: person.user.name,
      id: person.user.id,
      event: 'sso-logout',
    });
    expect([...notification.sessionIds].sort()).toEqual(
      person.cookies.map((cookie) => sha256Hex(cookie.split('=')[1]!)).sort(),
    );
    expect([...notification.accessTokenHashes].sort()).toEqual(person.tokens.map((token) => sha256Hex(token)).sort());
    expect(verifySsoLogoutSignature(main.plainClientSecret, notification)).toBe(true);
  }

  const logoutTokens = [];
  for (const received of receiver.calls.filter((c) => c.path.startsWith('/backchannel/'))) {
    const application = received.path.split('/')[2] as keyof typeof publicKeys;
    const { payload } = await jwtVerify(received.fields.logout_token!, publicKeys[application], {
      issuer: t.context.config.origin,
      audience: clientIds[application],
    });
    expect(payload.events).toEqual({ [BACKCHANNEL_LOGOUT_EVENT]: {} });
    expect(payload.sid).toBeUndefined();
    logoutTokens.push(`${application} ${people.find((person) => person.user.id === payload.sub)!.user.name}`);
  }
  expect(logoutTokens.sort()).toEqual(['initech-app alice', 'initech-app bob', 'initech-other alice']);
});
