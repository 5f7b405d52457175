import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRow } from '@latchkey/db/testing';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { call, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;
let accessToken: string;
let name: string;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  accessToken = await tokenFor(t, 'acme-app', 'acme', 'acme-user');
  name = (await storedRow(t.context.db, 'token', { accessTokenHash: sha256Hex(accessToken) })).name;
});
afterAll(() => t.dispose());

const account = (token: string) =>
  t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } }).then((response) => response.json);

describe('tokens', () => {
  test("an admin lists the organization's tokens, sees the access token opened, never a refresh token", async () => {
    const page = await call(t, acme.app, '/api/get-tokens?owner=admin&p=1&pageSize=10');
    expect(page.data2).toBe(1);
    expect(page.data[0]).toMatchObject({
      owner: 'admin',
      name,
      organization: 'acme',
      user: 'acme-user',
      application: 'acme-app',
      accessToken,
      refreshToken: '',
      code: '',
    });
    expect(page.data[0].refreshTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(page.data[0])).not.toContain('familyId');
    expect((await call(t, acme.admin, `/api/get-token?id=admin/${name}`)).data.accessToken).toBe(accessToken);
    const row = await storedRow(t.context.db, 'token', { name });
    expect(row.accessToken).not.toContain(accessToken);
    expect(row.refreshToken).toBe('');
  });

  test('an update changes only the lifetime, the scope and the code note (token-code-note.test.ts); expiresIn 0 revokes the token', async () => {
    const token = (await call(t, acme.admin, `/api/get-token?id=admin/${name}`)).data;
    expect(
      (
        await call(t, acme.admin, `/api/update-token?id=admin/${name}`, {
          ...token,
          user: 'acme-admin',
          accessToken: 'forged',
          application: 'app-built-in',
        })
      ).data,
    ).toBe('Unaffected');
    expect(
      (await call(t, acme.admin, `/api/update-token?id=admin/${name}`, { ...token, organization: 'built-in' })).status,
    ).toBe('error');
    expect((await account(accessToken)).name).toBe('acme-user');
    expect((await call(t, acme.admin, `/api/update-token?id=admin/${name}`, { ...token, expiresIn: 0 })).data).toBe(
      'Affected',
    );
    expect((await account(accessToken)).msg).toBe('The access token has been revoked.');
  });

  test('deleting a token revokes it', async () => {
    const other = await tokenFor(t, 'acme-app', 'acme', 'acme-admin');
    const otherName = (await storedRow(t.context.db, 'token', { accessTokenHash: sha256Hex(other) })).name;
    expect((await account(other)).name).toBe('acme-admin');
    expect(
      (await call(t, acme.app, `/api/delete-token?id=admin/${otherName}`, { owner: 'admin', name: otherName })).data,
    ).toBe('Affected');
    expect((await account(other)).status).toBe('error');
    expect((await call(t, acme.app, `/api/get-token?id=admin/${otherName}`)).data).toBeNull();
  });

  test('add-token mints the token itself: the access token kept sealed, no refresh token, nothing of the body stored', async () => {
    const body = {
      owner: 'admin',
      name: 'imported',
      organization: 'acme',
      application: 'acme-app',
      user: 'acme-user',
      accessToken: 'not-a-jwt',
      refreshToken: 'some-refresh',
      expiresIn: 3600,
      scope: 'openid',
    };
    expect((await call(t, acme.admin, '/api/add-token', body)).data).toBe('Affected');
    const row = await storedRow(t.context.db, 'token', { name: 'imported' });
    expect(row.accessTokenHash).not.toBe(sha256Hex('not-a-jwt'));
    expect(row.refreshToken).toBe('');
    expect(row.refreshTokenHash).toBe('');
    const minted = (await call(t, acme.admin, '/api/get-token?id=admin/imported')).data.accessToken;
    expect(row.accessToken).not.toContain(minted);
    expect(row.accessTokenHash).toBe(sha256Hex(minted));
    expect((await account('not-a-jwt')).status).toBe('error');
    expect((await account(minted)).name).toBe('acme-user');
    expect(
      (await call(t, acme.admin, '/api/add-token', { ...body, name: 'elsewhere', application: 'no-such-app' })).status,
    ).toBe('error');
  });
});
