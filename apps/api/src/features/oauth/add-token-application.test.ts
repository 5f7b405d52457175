import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization } from '../../test/fixtures.ts';

/**
 * Casdoor's Go SDK adds a token naming no application. The token is then minted for the calling
 * application, when it is one of the token's organization, else for that organization's default
 * application (as get-default-application answers it); never for another organization's.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;

const tokenRow = async (name: string) =>
  (await storedRows(t.context.db, 'token', { name })).map(({ application, organization, user }) => ({
    application,
    organization,
    user,
  }))[0];
/** A token as the Go SDK's test sends it: no application, token material of its own (ignored). */
const goToken = (name: string, organization: string, user = '') => ({
  owner: 'admin',
  name,
  createdTime: '',
  organization,
  user,
  code: 'abc',
  accessToken: '123456',
});

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  await organizationWithCallers(t, 'beta');
  await addApplication(t, 'acme-second', 'acme');
  await call(t, root, '/api/update-organization?id=admin/acme&columns=defaultApplication', {
    defaultApplication: 'acme-second',
  });
});
afterAll(() => t.dispose());

describe('add-token without an application', () => {
  test("an application's call mints the token for that application", async () => {
    expect(await call(t, acme.app, '/api/add-token', goToken('by-app', 'acme'))).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    expect(await tokenRow('by-app')).toEqual({ application: 'acme-app', organization: 'acme', user: '' });
    const minted = (await call(t, acme.app, '/api/get-token?id=admin/by-app')).data.accessToken;
    expect(minted).not.toBe('123456');
  });

  test("an administrator's call mints it for the organization's default application, also for a user", async () => {
    expect((await call(t, acme.admin, '/api/add-token', goToken('by-admin', 'acme', 'acme-user'))).data).toBe(
      'Affected',
    );
    expect(await tokenRow('by-admin')).toEqual({ application: 'acme-second', organization: 'acme', user: 'acme-user' });
    const minted = (await call(t, acme.admin, '/api/get-token?id=admin/by-admin')).data.accessToken;
    expect((await t.request('/api/get-account', { headers: { authorization: `Bearer ${minted}` } })).json.name).toBe(
      'acme-user',
    );
  });

  test("never another organization's application, and never for an organization out of reach", async () => {
    // acme's application adding a token of beta: the calling application is not beta's, and beta is not acme's to administer.
    expect((await call(t, acme.app, '/api/add-token', goToken('cross-app', 'beta'))).status).toBe('error');
    expect((await call(t, acme.admin, '/api/add-token', goToken('cross-admin', 'beta', 'beta-user'))).status).toBe(
      'error',
    );
    expect(await tokenRow('cross-app')).toBeUndefined();
    expect(await tokenRow('cross-admin')).toBeUndefined();
    // A global administrator's call takes the organization's default, not the caller's own application.
    expect((await call(t, root, '/api/add-token', goToken('by-root', 'beta'))).data).toBe('Affected');
    expect(await tokenRow('by-root')).toEqual({ application: 'beta-app', organization: 'beta', user: '' });
  });

  test('an organization without applications gets a clear error', async () => {
    await addOrganization(t, 'empty');
    expect((await call(t, root, '/api/add-token', goToken('nowhere', 'empty'))).msg).toBe(
      'The organization "empty" has no application.',
    );
    expect(await tokenRow('nowhere')).toBeUndefined();
  });
});
