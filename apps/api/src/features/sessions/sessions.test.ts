import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { call, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, signIn } from '../../test/fixtures.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;
let first: string;
let second: string;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  first = await signIn(t, 'acme', 'acme-user', 'user-password', 'acme-app');
  t.clock.advance(5000);
  second = await signIn(t, 'acme', 'acme-user', 'user-password', 'acme-app');
});
afterAll(() => t.dispose());

const idOf = (cookie: string) => sha256Hex(cookie.split('=')[1]!);
const accountOf = (cookie: string) =>
  t.request('/api/get-account', { headers: { cookie } }).then((response) => response.json);

describe('sessions', () => {
  test("the browser sessions of each user and application, as Casdoor's Session objects", async () => {
    const page = await call(
      t,
      acme.app,
      '/api/get-sessions?owner=acme&p=1&pageSize=10&sortField=name&sortOrder=ascend',
    );
    const mine = page.data.find((session: { name: string }) => session.name === 'acme-user');
    expect(mine).toMatchObject({ owner: 'acme', application: 'acme-app' });
    // The user signed in three times in all: once by organizationWithCallers, twice here.
    expect(mine.sessionId).toHaveLength(3);
    expect(mine.sessionId).toContain(idOf(first));
    expect(page.data2).toBe(page.data.length);
    expect((await call(t, acme.app, '/api/get-session?sessionPkId=acme/acme-user/acme-app')).data.sessionId).toEqual(
      mine.sessionId,
    );
    expect((await call(t, acme.app, '/api/get-session?sessionPkId=acme/nobody/acme-app')).data).toBeNull();
    expect((await call(t, acme.app, '/api/get-session?sessionPkId=acme/acme-user')).msg).toBe(
      'The session "acme/acme-user" must have the form organization/user/application.',
    );
  });

  test('is-session-duplicated', async () => {
    expect(
      (
        await call(
          t,
          acme.app,
          `/api/is-session-duplicated?sessionPkId=acme/acme-user/acme-app&sessionId=${idOf(first)}`,
        )
      ).data,
    ).toBe(true);
    expect(
      (await call(t, acme.app, `/api/is-session-duplicated?sessionPkId=acme/acme-admin/acme-app&sessionId=x`)).data,
    ).toBe(true);
    expect(
      (await call(t, acme.app, `/api/is-session-duplicated?sessionPkId=acme/nobody/acme-app&sessionId=x`)).data,
    ).toBe(false);
  });

  test('delete-session with a sessionId ends that session only; without, all of them', async () => {
    expect(
      (
        await call(t, acme.app, `/api/delete-session?sessionId=${idOf(first)}`, {
          owner: 'acme',
          name: 'acme-user',
          application: 'acme-app',
        })
      ).data,
    ).toBe('Affected');
    expect((await accountOf(first)).status).toBe('error');
    expect((await accountOf(second)).name).toBe('acme-user');
    expect(
      (await call(t, acme.app, '/api/delete-session', { owner: 'acme', name: 'acme-user', application: 'acme-app' }))
        .data,
    ).toBe('Affected');
    expect((await accountOf(second)).status).toBe('error');
    expect((await call(t, acme.app, '/api/get-session?sessionPkId=acme/acme-user/acme-app')).data).toBeNull();
  });

  test('an admin cannot end their own current session this way', async () => {
    const own = acme.admin.headers.cookie!;
    expect(
      (await call(t, acme.admin, '/api/delete-session', { owner: 'acme', name: 'acme-admin', application: 'acme-app' }))
        .msg,
    ).toBe('This is your current session; sign out instead.');
    expect((await accountOf(own)).name).toBe('acme-admin');
  });

  test('add-session and update-session record session ids for a user; a taken id is refused', async () => {
    const group = { owner: 'acme', name: 'acme-user', application: 'acme-app' };
    expect((await call(t, acme.app, '/api/add-session', { ...group, sessionId: ['one', 'two'] })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.app, '/api/add-session', { ...group, sessionId: ['two'] })).data).toBe('Unaffected');
    expect((await call(t, acme.app, '/api/update-session', { ...group, sessionId: ['two', 'three'] })).data).toBe(
      'Affected',
    );
    expect(
      (await call(t, acme.app, '/api/get-session?sessionPkId=acme/acme-user/acme-app')).data.sessionId.sort(),
    ).toEqual(['three', 'two']);
    expect(
      (
        await call(t, acme.app, '/api/add-session', {
          owner: 'acme',
          name: 'acme-admin',
          application: 'acme-app',
          sessionId: ['two'],
        })
      ).msg,
    ).toBe('A session id in the request belongs to another session.');
    expect((await call(t, acme.app, '/api/add-session', { ...group, name: 'nobody', sessionId: ['x'] })).status).toBe(
      'error',
    );
    // Only the organization's own applications, and the portal's, where every organization's users sign in.
    await addOrganization(t, 'other');
    await addApplication(t, 'other-app', 'other');
    expect(
      (await call(t, acme.app, '/api/add-session', { ...group, application: 'other-app', sessionId: ['y'] })).msg,
    ).toBe('The application "other-app" does not exist.');
    expect(
      (await call(t, acme.app, '/api/add-session', { ...group, application: 'app-built-in', sessionId: ['z'] })).data,
    ).toBe('Affected');
  });
});
