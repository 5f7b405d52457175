import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * Casdoor's add-session records a Session object as sent: with no session ids (the SDKs' tests send
 * `sessionId: []`) and for a user that need not exist. The organization must be within the
 * caller's reach, and the application one it may use.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;

const session = (name: string, fields: Record<string, unknown> = {}) => ({
  owner: 'acme',
  name,
  application: 'acme-app',
  createdTime: '',
  sessionId: [],
  ...fields,
});
const recorded = (owner: string, name: string) => storedRows(t.context.db, 'session_group', { owner, name });
const getSession = async (caller: Caller, id: string) =>
  (await call(t, caller, `/api/get-session?sessionPkId=${id}`)).data;
const namesListed = async (caller: Caller, owner: string) =>
  (await call(t, caller, `/api/get-sessions?owner=${owner}`)).data.map((item: { name: string }) => item.name).sort();

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  beta = await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

describe('add-session records the Session object as Casdoor does', () => {
  test('with no session ids, for a user that does not exist: listed, read, updated and deleted like any', async () => {
    const added = await call(
      t,
      acme.app,
      '/api/add-session',
      session('session-x1', { createdTime: '2020-01-01T00:00:00Z' }),
    );
    expect(added).toMatchObject({ status: 'ok', data: 'Affected' });
    const stored = await getSession(acme.app, 'acme/session-x1/acme-app');
    // The creation time is the server's, as in Casdoor.
    expect(stored).toEqual({
      owner: 'acme',
      name: 'session-x1',
      application: 'acme-app',
      createdTime: expect.stringMatching(/^20\d\d-/),
      sessionId: [],
    });
    expect(stored.createdTime).not.toBe('2020-01-01T00:00:00Z');
    expect(await namesListed(acme.app, 'acme')).toContain('session-x1');
    const page = await call(t, acme.app, '/api/get-sessions?owner=acme&p=1&pageSize=50&field=name&value=session-x');
    expect(page.data.map((item: { name: string }) => item.name)).toEqual(['session-x1']);
    expect(page.data2).toBe(1);
    // Again: it is there already.
    expect((await call(t, acme.app, '/api/add-session', session('session-x1'))).data).toBe('Unaffected');

    // update-session sets what the SDK's test changes (createdTime), and is read back.
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await call(t, acme.app, '/api/update-session', { ...stored, createdTime: later })).data).toBe('Affected');
    expect((await getSession(acme.app, 'acme/session-x1/acme-app')).createdTime).toBe(later);
    expect((await call(t, acme.app, '/api/delete-session', stored)).data).toBe('Affected');
    expect(await getSession(acme.app, 'acme/session-x1/acme-app')).toBeNull();
    expect(await recorded('acme', 'session-x1')).toEqual([]);
  });

  test('Python\'s default [""] is no session id; the portal\'s application is one every organization may use', async () => {
    expect(
      (
        await call(
          t,
          acme.admin,
          '/api/add-session',
          session('session-x2', { sessionId: [''], application: 'app-built-in' }),
        )
      ).data,
    ).toBe('Affected');
    expect(await getSession(acme.admin, 'acme/session-x2/app-built-in')).toMatchObject({ sessionId: [] });
  });

  test('update-session of a Session that does not exist changes nothing, as in Casdoor', async () => {
    expect(
      (await call(t, acme.app, '/api/update-session', session('session-x3', { createdTime: '2030-01-01T00:00:00Z' })))
        .data,
    ).toBe('Unaffected');
    expect(await recorded('acme', 'session-x3')).toEqual([]);
  });

  test('update-session with what get-session answered changes nothing, also for sessions of sign-ins', async () => {
    const signedIn = await getSession(acme.app, 'acme/acme-admin/acme-app');
    expect(signedIn.sessionId).toHaveLength(1);
    expect((await call(t, acme.app, '/api/update-session', signedIn)).data).toBe('Unaffected');
    expect(await getSession(acme.app, 'acme/acme-admin/acme-app')).toEqual(signedIn);
  });

  test('session ids are recorded only for a user who exists', async () => {
    expect((await call(t, acme.app, '/api/add-session', session('session-x4', { sessionId: ['planted'] }))).msg).toBe(
      'The user "acme/session-x4" does not exist.',
    );
    expect(await recorded('acme', 'session-x4')).toEqual([]);
    expect(await countStoredRows(t.context.db, 'session', { sessionId: 'planted' })).toBe(0);
    // Positive control: for the organization's user they are.
    expect(
      (await call(t, acme.app, '/api/add-session', session('acme-user', { sessionId: ['recorded-id'] }))).data,
    ).toBe('Affected');
    expect((await getSession(acme.app, 'acme/acme-user/acme-app')).sessionId).toContain('recorded-id');
  });

  test("another organization's administrator records nothing in acme, and acme nothing with another's application", async () => {
    for (const caller of [beta.admin, beta.app, acme.user]) {
      expect((await call(t, caller, '/api/add-session', session('session-x5'))).status).toBe('error');
      expect(
        (await call(t, caller, '/api/update-session', session('acme-user', { createdTime: '1999-01-01T00:00:00Z' })))
          .status,
      ).toBe('error');
    }
    expect((await call(t, acme.admin, '/api/add-session', session('session-x5', { owner: 'beta' }))).status).toBe(
      'error',
    );
    expect(
      (await call(t, acme.admin, '/api/add-session', session('session-x5', { application: 'beta-app' }))).msg,
    ).toBe('The application "beta-app" does not exist.');
    expect(
      (await call(t, acme.admin, '/api/add-session', session('session-x5', { application: 'no-such-app' }))).msg,
    ).toBe('The application "no-such-app" does not exist.');
    expect(await recorded('acme', 'session-x5')).toEqual([]);
    expect(await recorded('beta', 'session-x5')).toEqual([]);
    expect(await namesListed(beta.admin, 'beta')).not.toContain('session-x5');
    expect((await call(t, beta.admin, '/api/get-session?sessionPkId=acme/acme-user/acme-app')).status).toBe('error');
    expect((await call(t, beta.admin, '/api/delete-session', session('acme-user'))).status).toBe('error');
    expect((await getSession(acme.app, 'acme/acme-user/acme-app')).createdTime).not.toBe('1999-01-01T00:00:00Z');
    // A global administrator records only in organizations that exist.
    expect(
      (await call(t, root, '/api/add-session', session('session-x5', { owner: 'no-such-organization' }))).msg,
    ).toBe('The organization "no-such-organization" does not exist.');
  });

  test('a recorded Session goes with its user, application and organization, and follows a renamed user', async () => {
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'leaver' });
    expect((await call(t, acme.admin, '/api/add-session', session('leaver'))).data).toBe('Affected');
    expect(
      (await call(t, acme.admin, '/api/update-user?id=acme/leaver&columns=name', { owner: 'acme', name: 'renamed' }))
        .data,
    ).toBe('Affected');
    expect(await getSession(acme.admin, 'acme/renamed/acme-app')).toMatchObject({ name: 'renamed' });
    expect((await call(t, acme.admin, '/api/delete-user', { owner: 'acme', name: 'renamed' })).data).toBe('Affected');
    expect(await recorded('acme', 'renamed')).toEqual([]);

    await call(t, acme.admin, '/api/add-application', { owner: 'admin', name: 'acme-second', organization: 'acme' });
    expect(
      (await call(t, acme.admin, '/api/add-session', session('session-x6', { application: 'acme-second' }))).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/delete-application', { owner: 'admin', name: 'acme-second' })).data).toBe(
      'Affected',
    );
    expect(await recorded('acme', 'session-x6')).toEqual([]);

    expect(
      (
        await call(t, beta.admin, '/api/add-session', {
          ...session('session-x7'),
          owner: 'beta',
          application: 'beta-app',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, root, '/api/delete-organization', { owner: 'admin', name: 'beta' })).data).toBe('Affected');
    expect(await recorded('beta', 'session-x7')).toEqual([]);
  });
});
