import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRow } from '@latchkey/db/testing';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const stored = (owner: string, name: string) => storedRow(t.context.db, 'provider', { owner, name });

describe('providers', () => {
  test('secrets are sealed at rest and masked, unless a global administrator asks withSecret=1', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-provider', {
          owner: 'acme',
          name: 'github',
          category: 'OAuth',
          clientId: 'gh-id',
          clientSecret: 'gh-secret',
        })
      ).data,
    ).toBe('Affected');
    const row = await stored('acme', 'github');
    expect(t.context.secrets.isSealed(row.clientSecret)).toBe(true);
    expect((await call(t, acme.admin, '/api/get-provider?id=acme/github')).data).toMatchObject({
      clientId: 'gh-id',
      clientSecret: '***',
    });
    expect((await call(t, acme.admin, '/api/get-provider?id=acme/github&withSecret=1')).data.clientSecret).toBe('***');
    const github = (list: { name: string; clientSecret: string }[]) => list.find((each) => each.name === 'github');
    expect(github((await call(t, acme.app, '/api/get-providers?owner=acme&withSecret=1')).data)?.clientSecret).toBe(
      '***',
    );
    expect((await call(t, root, '/api/get-provider?id=acme/github&withSecret=1')).data.clientSecret).toBe('gh-secret');
    expect(github((await call(t, root, '/api/get-global-providers?withSecret=1')).data)?.clientSecret).toBe(
      'gh-secret',
    );
  });

  test('saving the masked form back keeps the secret; a new one replaces it', async () => {
    const shown = (await call(t, acme.admin, '/api/get-provider?id=acme/github')).data;
    expect(
      (await call(t, acme.admin, '/api/update-provider?id=acme/github', { ...shown, displayName: 'GitHub' })).data,
    ).toBe('Affected');
    expect(t.context.secrets.open((await stored('acme', 'github')).clientSecret)).toBe('gh-secret');
    expect(
      (await call(t, acme.admin, '/api/update-provider?id=acme/github', { ...shown, clientSecret: 'rotated' })).data,
    ).toBe('Affected');
    expect(t.context.secrets.open((await stored('acme', 'github')).clientSecret)).toBe('rotated');
  });

  test('a storage path prefix cannot climb out of its folder', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-provider', {
          owner: 'acme',
          name: 'files',
          category: 'Storage',
          pathPrefix: 'uploads/../../etc',
        })
      ).msg,
    ).toBe('The path prefix may not contain "..".');
  });

  test('global providers are listed with an organization’s own, read-only for its admins', async () => {
    await call(t, root, '/api/add-provider', {
      owner: 'admin',
      name: 'smtp',
      category: 'Email',
      clientSecret: 'smtp-secret',
    });
    const listed = (await call(t, acme.admin, '/api/get-providers?owner=acme')).data.map(
      (provider: { owner: string; name: string }) => `${provider.owner}/${provider.name}`,
    );
    // With Casdoor's global payment providers of the first start.
    expect(listed.sort()).toEqual([
      'acme/github',
      'admin/provider_balance',
      'admin/provider_payment_dummy',
      'admin/smtp',
    ]);
    expect((await call(t, acme.admin, '/api/get-provider?id=admin/smtp')).data.clientSecret).toBe('***');
    expect(
      (await call(t, acme.admin, '/api/update-provider?id=admin/smtp', { owner: 'admin', name: 'smtp', host: 'evil' }))
        .status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/get-global-providers')).status).toBe('error');
  });
});
