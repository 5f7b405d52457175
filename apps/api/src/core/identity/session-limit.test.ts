import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser, signIn } from '../../test/fixtures.ts';

describe('sessions per user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { sessionLimit: 3 } });
    await addOrganization(t, 'acme');
    await addUser(t, 'acme', 'alice', 'alice-password');
    await addUser(t, 'acme', 'bob', 'bob-password');
  });
  afterAll(() => t.dispose());

  const sessionsOf = (name: string) => storedRows(t.context.db, 'session', { owner: 'acme', name });
  const account = (cookie: string) => t.request('/api/get-account', { headers: { cookie } });

  test('a sign-in beyond the limit ends the oldest session; the newer ones and other users’ stay', async () => {
    const bob = await signIn(t, 'acme', 'bob', 'bob-password');
    const cookies: string[] = [];
    for (let i = 0; i < 5; i++) {
      cookies.push(await signIn(t, 'acme', 'alice', 'alice-password'));
      t.clock.advance(1_000);
    }
    expect(await sessionsOf('alice')).toHaveLength(3);
    // The two oldest were ended; the three newest still sign the user in.
    for (const cookie of cookies.slice(0, 2)) expect((await account(cookie)).json.status).toBe('error');
    for (const cookie of cookies.slice(2)) expect((await account(cookie)).json.data.name).toBe('alice');
    expect((await account(bob)).json.data.name).toBe('bob');
  });

  test('many sign-ins in the same second keep the limit, and the newest session always survives', async () => {
    let last = '';
    for (let i = 0; i < 20; i++) last = await signIn(t, 'acme', 'alice', 'alice-password');
    expect(await sessionsOf('alice')).toHaveLength(3);
    expect((await account(last)).json.data.name).toBe('alice');
  });
});
