import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow, updateRows } from '@latchkey/db';
import { storedRow, storedRows } from '@latchkey/db/testing';
import type { User } from '@latchkey/types';
import { formatTime } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn, tokenFor } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { BACKCHANNEL_LOGOUT_EVENT } from '../sso-logout/backchannel.ts';
import { verifySsoLogoutSignature } from '../sso-logout/notification.ts';
import { receivedLogoutTokens, receivedNotifications } from '../sso-logout/testing/received.ts';

/**
 * An administrator deleting, forbidding or moving a user cuts them off everywhere, and the
 * applications hear of it exactly as for an SSO logout of everything: the signed notification to
 * their notification providers and an OIDC back-channel logout token. Delivered to a real receiver
 * on 127.0.0.1 (private addresses allowed for this test), after the write has committed and
 * without holding up its answer.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let receiver: ReturnType<typeof startCallbackReceiver>;
let gate: Promise<void> | undefined;
let acmeSecret: string;

beforeAll(async () => {
  receiver = startCallbackReceiver(async () => {
    await gate;
    return 200;
  });
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5], timeoutMs: 5_000 });
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  await addOrganization(t, 'globex');
  await insertRow(
    t.context.db,
    'provider',
    codecs.provider.encode({
      owner: 'acme',
      name: 'notify',
      createdTime: formatTime(t.clock.now()),
      category: 'Notification',
      type: 'Custom HTTP',
      receiver: receiver.url('/sso'),
      method: 'POST',
      title: 'content',
    }),
  );
  await updateRows(
    t.context.db,
    'application',
    { name: 'acme-app' },
    {
      providers: JSON.stringify([{ owner: 'acme', name: 'notify' }]),
      backchannelLogoutUri: receiver.url('/backchannel/acme-app'),
    },
  );
  acmeSecret = acme.application.plainClientSecret;
  await addApplication(t, 'other-app', 'acme', { backchannelLogoutUri: receiver.url('/backchannel/other-app') });
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

let count = 0;
/** A user of acme signed in to two applications, with a token from each. */
async function signedInUser() {
  const name = `person-${++count}`;
  const user = await addUser(t, 'acme', name, 'a-good-password', {
    signupApplication: 'acme-app',
    email: `${name}@example.com`,
  });
  const cookies = [
    await signIn(t, 'acme', name, 'a-good-password', 'acme-app'),
    await signIn(t, 'acme', name, 'a-good-password', 'other-app'),
  ];
  const tokens = [await tokenFor(t, 'acme-app', 'acme', name), await tokenFor(t, 'other-app', 'acme', name)];
  await deliveriesSettled(t.context);
  receiver.calls.length = 0;
  return { user, cookies, tokens };
}

const works = async (headers: Record<string, string>) =>
  (await t.request('/api/get-account', { headers })).json.status === 'ok';
const credentials = ({ cookies, tokens }: { cookies: string[]; tokens: string[] }) => [
  ...cookies.map((cookie) => ({ cookie })),
  ...tokens.map((token) => ({ authorization: `Bearer ${token}` })),
];

const notifications = () => receivedNotifications(receiver.calls);
const logoutTokens = () => receivedLogoutTokens(t, receiver.calls);

/** What every cut-off must have sent: one notification naming every ended session and token, and a logout token to each application. */
async function expectAnnounced(
  person: { user: User; cookies: string[]; tokens: string[] },
  as: { owner: string; name: string } = person.user,
) {
  await deliveriesSettled(t.context);
  const [notification, ...more] = notifications();
  expect(more).toEqual([]);
  expect(notification).toMatchObject({ owner: as.owner, name: as.name, id: person.user.id, event: 'sso-logout' });
  expect([...notification!.sessionIds].sort()).toEqual(
    person.cookies.map((cookie) => sha256Hex(cookie.split('=')[1]!)).sort(),
  );
  expect([...notification!.accessTokenHashes].sort()).toEqual(person.tokens.map((token) => sha256Hex(token)).sort());
  expect(verifySsoLogoutSignature(acmeSecret, notification!)).toBe(true);
  const tokens = await logoutTokens();
  expect(tokens.map((token) => token.application)).toEqual(['acme-app', 'other-app']);
  for (const { payload } of tokens) {
    expect(payload.sub).toBe(person.user.id);
    expect(payload.events).toEqual({ [BACKCHANNEL_LOGOUT_EVENT]: {} });
    expect(payload.sid).toBeUndefined();
  }
}

describe('cutting a user off tells the applications', () => {
  test.each([
    ['delete-user', (name: string) => call(t, acme.admin, `/api/delete-user?id=acme/${name}`, { owner: 'acme', name })],
    [
      'update-user isForbidden',
      (name: string) => call(t, acme.admin, `/api/update-user?id=acme/${name}`, { isForbidden: true }),
    ],
    [
      'update-user columns=isDeleted',
      (name: string) => call(t, acme.app, `/api/update-user?id=acme/${name}&columns=isDeleted`, { isDeleted: true }),
    ],
    [
      'update-user with a new password',
      (name: string) =>
        call(t, acme.admin, `/api/update-user?id=acme/${name}&columns=password`, { password: 'A-new-password-9' }),
    ],
  ])('%s: every session and token ends, then the notification and the logout tokens go out', async (_label, write) => {
    const person = await signedInUser();
    for (const headers of credentials(person)) expect(await works(headers)).toBe(true);
    expect((await write(person.user.name)).data).toBe('Affected');
    for (const headers of credentials(person)) expect(await works(headers)).toBe(false);
    await expectAnnounced(person);
  });

  test('soft deletion (the organization keeps deleted users) announces the same', async () => {
    await call(t, acme.admin, '/api/update-organization?id=admin/acme&columns=enableSoftDeletion', {
      enableSoftDeletion: true,
    });
    try {
      const person = await signedInUser();
      expect((await call(t, acme.admin, `/api/delete-user?id=acme/${person.user.name}`, {})).data).toBe('Affected');
      expect((await storedRow(t.context.db, 'user', { name: person.user.name })).isDeleted).toBe(1);
      for (const headers of credentials(person)) expect(await works(headers)).toBe(false);
      await expectAnnounced(person);
    } finally {
      await call(t, acme.admin, '/api/update-organization?id=admin/acme&columns=enableSoftDeletion', {
        enableSoftDeletion: false,
      });
    }
  });

  test('a user moved to another organization is announced under the name the applications knew', async () => {
    const person = await signedInUser();
    expect(
      (await call(t, root, `/api/update-user?id=acme/${person.user.name}&columns=owner`, { owner: 'globex' })).data,
    ).toBe('Affected');
    for (const headers of credentials(person)) expect(await works(headers)).toBe(false);
    await expectAnnounced(person, { owner: 'acme', name: person.user.name });
  });

  test("set-password by an administrator (or the organization's application) ends every session and token of the user", async () => {
    for (const admin of [acme.admin, acme.app]) {
      const person = await signedInUser();
      const reset = await call(t, admin, '/api/set-password', {
        userOwner: 'acme',
        userName: person.user.name,
        newPassword: 'A-new-password-9',
      });
      expect(reset.status).toBe('ok');
      for (const headers of credentials(person)) expect(await works(headers)).toBe(false);
      // The refresh tokens are revoked with them: nothing can be refreshed back into access.
      const rows = await storedRows(t.context.db, 'token', { user: person.user.name });
      expect(rows.length).toBe(2);
      for (const row of rows)
        expect({ expiresIn: row.expiresIn, refreshExpiresAt: row.refreshExpiresAt }).toEqual({
          expiresIn: 0,
          refreshExpiresAt: 0,
        });
      await expectAnnounced(person);
      receiver.calls.length = 0;
    }
  });

  test('a user changing their own password keeps only the browser session they changed it from; every token ends', async () => {
    const person = await signedInUser();
    const [current, other] = person.cookies as [string, string];
    const change = await call(t, { headers: { cookie: current } } as Caller, '/api/set-password', {
      userOwner: 'acme',
      userName: person.user.name,
      oldPassword: 'a-good-password',
      newPassword: 'A-new-password-9',
    });
    expect(change.status).toBe('ok');
    expect(await works({ cookie: current })).toBe(true);
    for (const headers of credentials({ cookies: [other], tokens: person.tokens }))
      expect(await works(headers)).toBe(false);
    await expectAnnounced({ ...person, cookies: [other] });
  });

  test('a user changing their own password with a bearer token keeps no session and no token', async () => {
    const person = await signedInUser();
    const change = await call(
      t,
      { headers: { authorization: `Bearer ${person.tokens[0]}` } } as Caller,
      '/api/set-password',
      {
        userOwner: 'acme',
        userName: person.user.name,
        oldPassword: 'a-good-password',
        newPassword: 'A-new-password-9',
      },
    );
    expect(change.status).toBe('ok');
    for (const headers of credentials(person)) expect(await works(headers)).toBe(false);
    await expectAnnounced(person);
  });

  test('a refused password change ends nothing', async () => {
    const person = await signedInUser();
    const wrong = await call(t, { headers: { cookie: person.cookies[0]! } } as Caller, '/api/set-password', {
      userOwner: 'acme',
      userName: person.user.name,
      oldPassword: 'not-the-password',
      newPassword: 'A-new-password-9',
    });
    expect(wrong.status).toBe('error');
    expect(
      (
        await call(t, acme.user, '/api/set-password', {
          userOwner: 'acme',
          userName: person.user.name,
          newPassword: 'A-new-password-9',
        })
      ).status,
    ).toBe('error');
    // The password shown masked and sent back unchanged is no new password.
    expect(
      (await call(t, acme.admin, `/api/update-user?id=acme/${person.user.name}&columns=password`, { password: '***' }))
        .status,
    ).toBe('ok');
    await deliveriesSettled(t.context);
    expect(receiver.calls).toEqual([]);
    for (const headers of credentials(person)) expect(await works(headers)).toBe(true);
  });

  test('a write that cuts nobody off, or that is refused, sends nothing', async () => {
    const person = await signedInUser();
    expect(
      (await call(t, acme.admin, `/api/update-user?id=acme/${person.user.name}`, { displayName: 'Renamed' })).data,
    ).toBe('Affected');
    expect((await call(t, acme.user, `/api/delete-user?id=acme/${person.user.name}`, {})).status).toBe('error');
    expect(
      (
        await call(t, acme.user, `/api/update-user?id=acme/${person.user.name}&columns=isForbidden`, {
          isForbidden: true,
        })
      ).status,
    ).toBe('error');
    await deliveriesSettled(t.context);
    expect(receiver.calls).toEqual([]);
    for (const headers of credentials(person)) expect(await works(headers)).toBe(true);
  });

  test('the write answers before any receiver does', async () => {
    const person = await signedInUser();
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    try {
      expect((await call(t, acme.admin, `/api/delete-user?id=acme/${person.user.name}`, {})).data).toBe('Affected');
      // The receiver holds the three deliveries, still unanswered, while the delete has answered.
      await until(() => receiver.calls.length >= 3, 'the receiver holds the three deliveries');
    } finally {
      release();
      gate = undefined;
    }
    await expectAnnounced(person);
  });
});
