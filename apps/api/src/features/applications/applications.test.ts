import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication, findUser } from '@latchkey/db';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { basic, tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

describe('applications', () => {
  test('a new application gets a client id and a secret (sealed at rest, shown to its admins), and the usual defaults', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          owner: 'admin',
          name: 'shop',
          organization: 'acme',
          redirectUris: ['https://shop.example/cb'],
        })
      ).data,
    ).toBe('Affected');
    const row = (await findApplication(t.context.db, 'shop'))!;
    expect(row.clientId).toMatch(/^[0-9a-f]{20}$/);
    expect(t.context.secrets.isSealed(row.clientSecret)).toBe(true);
    expect(row).toMatchObject({
      cert: 'cert-built-in',
      grantTypes: ['authorization_code'],
      expireInHours: 168,
      tokenFormat: 'JWT',
    });
    const { data } = await call(t, acme.admin, '/api/get-application?id=admin/shop');
    expect(data.clientSecret).toBe(t.context.secrets.open(row.clientSecret));
    expect(data.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    // The secret works for client authentication.
    expect(
      (
        await t.request('/api/get-user-count?owner=acme', {
          headers: { authorization: basic(row.clientId, data.clientSecret) },
        })
      ).json.status,
    ).toBe('ok');
  });

  test('others read the public view: no secret, redirect URIs, grant types or token settings', async () => {
    for (const caller of [undefined, acme.user]) {
      const { data } = await call(t, caller, '/api/get-application?id=admin/shop');
      expect(data).toMatchObject({
        name: 'shop',
        organization: 'acme',
        clientSecret: '***',
        redirectUris: [],
        grantTypes: [],
        cert: '',
        expireInHours: -1,
      });
    }
    expect((await call(t, undefined, '/api/get-applications?owner=admin')).status).toBe('error');
  });

  test('a new secret given by an admin is sealed; sending the shown secret back changes nothing', async () => {
    const app = (await call(t, acme.admin, '/api/get-application?id=admin/shop')).data;
    expect((await call(t, acme.admin, '/api/update-application?id=admin/shop', app)).data).toBe('Unaffected');
    expect(
      (await call(t, acme.admin, '/api/update-application?id=admin/shop', { ...app, clientSecret: '***' })).data,
    ).toBe('Unaffected');
    expect(
      (
        await call(t, acme.admin, '/api/update-application?id=admin/shop&columns=clientSecret', {
          clientSecret: 'a-brand-new-secret',
        })
      ).data,
    ).toBe('Affected');
    const row = (await findApplication(t.context.db, 'shop'))!;
    expect(row.clientSecret).not.toContain('a-brand-new-secret');
    expect(t.context.secrets.open(row.clientSecret)).toBe('a-brand-new-secret');
  });

  test('client ids are unique; isShared is for global administrators; the cert must be usable by the organization', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          owner: 'admin',
          name: 'copy',
          organization: 'acme',
          clientId: acme.application.clientId,
        })
      ).msg,
    ).toBe('Another application already uses this client ID.');
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          owner: 'admin',
          name: 'shared',
          organization: 'acme',
          isShared: true,
        })
      ).status,
    ).toBe('error');
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          owner: 'admin',
          name: 'signed',
          organization: 'acme',
          cert: 'no-such-cert',
        })
      ).status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-application', { owner: 'acme', name: 'owned', organization: 'acme' })).msg,
    ).toBe('The owner of this object must be "admin".');
  });

  test("a new redirect URI's origin is allowed by CORS at once", async () => {
    const fromShop = () =>
      t
        .request('/api/get-version-info', { headers: { origin: 'https://shop.example' } })
        .then((response) => response.status);
    const fromStore = () =>
      t
        .request('/api/get-version-info', { headers: { origin: 'https://store.example' } })
        .then((response) => response.status);
    expect(await fromShop()).toBe(200);
    expect(await fromStore()).toBe(403);
    await call(t, acme.admin, '/api/update-application?id=admin/shop&columns=redirectUris', {
      redirectUris: ['https://store.example/cb'],
    });
    expect(await fromStore()).toBe(200);
    expect(await fromShop()).toBe(403);
    await call(t, acme.admin, '/api/update-application?id=admin/shop&columns=redirectUris', {
      redirectUris: ['https://shop.example/cb'],
    });
  });

  test('columns= updates only the named fields', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/update-application?id=admin/shop&columns=displayName', {
          displayName: 'Shop',
          redirectUris: [],
        })
      ).data,
    ).toBe('Affected');
    expect(await findApplication(t.context.db, 'shop')).toMatchObject({
      displayName: 'Shop',
      redirectUris: ['https://shop.example/cb'],
    });
  });

  test('renaming follows into tokens, sessions and users; deleting removes its tokens', async () => {
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'buyer', signupApplication: 'shop' });
    const token = await tokenFor(t, 'shop', 'acme', 'buyer');
    const app = (await call(t, acme.admin, '/api/get-application?id=admin/shop')).data;
    expect((await call(t, acme.admin, '/api/update-application?id=admin/shop', { ...app, name: 'store' })).data).toBe(
      'Affected',
    );
    expect((await findUser(t.context.db, 'acme', 'buyer'))?.signupApplication).toBe('store');
    expect((await t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } })).json.name).toBe(
      'buyer',
    );
    expect((await call(t, acme.admin, '/api/get-user-application?id=acme/buyer')).data.name).toBe('store');
    expect((await call(t, acme.admin, '/api/delete-application', { owner: 'admin', name: 'store' })).data).toBe(
      'Affected',
    );
    expect((await t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } })).json.status).toBe(
      'error',
    );
  });

  test('an organization lists its applications; members see them as the public view', async () => {
    const asAdmin = await call(t, acme.admin, '/api/get-organization-applications?organization=acme');
    expect(asAdmin.data.map((app: { name: string }) => app.name)).toContain('acme-app');
    expect(asAdmin.data.find((app: { name: string }) => app.name === 'acme-app').clientSecret).toBe(
      acme.application.plainClientSecret,
    );
    const asMember = await call(t, acme.user, '/api/get-organization-applications?organization=acme');
    expect(asMember.data.every((app: { clientSecret: string }) => app.clientSecret === '***')).toBe(true);
  });

  test('app-built-in cannot be deleted, renamed or moved', async () => {
    const app = (await call(t, root, '/api/get-application?id=admin/app-built-in')).data;
    expect((await call(t, root, '/api/delete-application', { owner: 'admin', name: 'app-built-in' })).status).toBe(
      'error',
    );
    expect(
      (await call(t, root, '/api/update-application?id=admin/app-built-in', { ...app, name: 'portal' })).status,
    ).toBe('error');
    expect(
      (await call(t, root, '/api/update-application?id=admin/app-built-in', { ...app, organization: 'acme' })).status,
    ).toBe('error');
    expect(await findApplication(t.context.db, 'app-built-in')).toMatchObject({ organization: 'built-in' });
  });
});
