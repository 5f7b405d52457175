import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { changeFeedOf } from '@latchkey/db';
import type { Organization } from '@latchkey/types';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import { rememberedOrganization } from './remembered-organization.ts';

let t: TestApp;
let root: Caller;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'initech', { displayName: 'Initech' });
  await addUser(t, 'initech', 'peter', 'peter-password');
  root = await globalAdmin(t);
  cookie = await signIn(t, 'initech', 'peter', 'peter-password');
});
afterAll(() => t.dispose());

const account = async () =>
  (await t.request('/api/get-account', { headers: { cookie } })).json as { data2: { displayName: string } };

describe("a signed-in user's organization is remembered until something changes", () => {
  test('an organization changed through the API is answered as changed at once', async () => {
    expect((await account()).data2.displayName).toBe('Initech');
    expect((await account()).data2.displayName).toBe('Initech');
    const { data: organization } = await call(t, root, '/api/get-organization?id=admin/initech');
    const renamed = await call(t, root, '/api/update-organization?id=admin/initech', {
      ...organization,
      displayName: 'Initech Corporation',
    });
    expect(renamed.status).toBe('ok');
    expect((await account()).data2.displayName).toBe('Initech Corporation');
  });

  test('what a request is handed is frozen: an attempt to change it changes nothing for the next', async () => {
    await changeFeedOf(t.context.db)?.settled();
    await rememberedOrganization(t.context, 'initech');
    const remembered = await rememberedOrganization(t.context, 'initech');
    const before = structuredClone(remembered);
    const writable = remembered as Organization;
    expect(() => {
      writable.displayName = 'changed by a request';
    }).toThrow(TypeError);
    expect(() => writable.tags.push('changed')).toThrow(TypeError);
    const next = await rememberedOrganization(t.context, 'initech');
    expect(next).toEqual(before!);
    expect((await account()).data2.displayName).toBe(before!.displayName);
  });

  test('an organization that does not exist is read again each time, and found once it is added', async () => {
    expect(await rememberedOrganization(t.context, 'umbrella')).toBeUndefined();
    await addOrganization(t, 'umbrella', { displayName: 'Umbrella' });
    expect((await rememberedOrganization(t.context, 'umbrella'))?.displayName).toBe('Umbrella');
  });
});
