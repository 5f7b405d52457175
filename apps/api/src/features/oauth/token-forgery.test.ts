import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, deleteRows, insertRow } from '@latchkey/db';
import { storedRow, storedRows } from '@latchkey/db/testing';
import { sha256Hex } from '../../core/crypto/compare.ts';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser, clientCredentialsTokenFor, tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let root: Caller;
let x: OrganizationCallers;
let y: OrganizationCallers;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  x = await organizationWithCallers(t, 'x-org');
  y = await organizationWithCallers(t, 'y-org');
});
afterAll(() => t.dispose());

const bearer = (token: string): Caller => ({ headers: { authorization: `Bearer ${token}` } });
const rowOf = (token: string) => storedRow(t.context.db, 'token', { accessTokenHash: sha256Hex(token) });
/** Whether a bearer token works at all: as a user (get-account) or as an application (its organization's users). */
async function works(token: string): Promise<boolean> {
  if ((await call(t, bearer(token), '/api/get-account')).status === 'ok') return true;
  return (await call(t, bearer(token), '/api/get-users?owner=x-org')).status === 'ok';
}
const tokenNamed = async (name: string) => (await storedRows(t.context.db, 'token', { name }))[0];

/** What only a global administrator can do: read another organization's client secret, list every organization. */
async function actsAsGlobalAdmin(caller: Caller): Promise<boolean> {
  const secret = (await call(t, caller, `/api/get-application?id=admin/${y.application.name}`)).data?.clientSecret;
  const organizations = (await call(t, caller, '/api/get-organizations?owner=admin')).data;
  return (
    secret === y.application.plainClientSecret ||
    (Array.isArray(organizations) && organizations.some((item: { name: string }) => item.name === 'built-in'))
  );
}

describe('add-token cannot turn a token into another credential', () => {
  test("an organization's admin re-adding its application's token under app-built-in does not get a global administrator", async () => {
    const jwt = await clientCredentialsTokenFor(t, x.application.name);
    // Positive control: the token minted by the server works, as X's application and no more.
    expect((await call(t, bearer(jwt), '/api/get-account')).status).toBe('error');
    expect((await call(t, bearer(jwt), '/api/get-users?owner=x-org')).status).toBe('ok');
    expect(await actsAsGlobalAdmin(bearer(jwt))).toBe(false);

    const row = await rowOf(jwt);
    expect(
      (await call(t, x.admin, `/api/delete-token?id=admin/${row.name}`, { owner: 'admin', name: row.name })).data,
    ).toBe('Affected');
    const forged = {
      owner: 'admin',
      name: row.name,
      organization: 'x-org',
      application: 'app-built-in',
      user: '',
      grantType: 'client_credentials',
      accessToken: jwt,
      expiresIn: 3600,
    };
    expect((await call(t, x.admin, '/api/add-token', forged)).status).toBe('error');
    expect(await tokenNamed(row.name)).toBeUndefined();
    expect(await actsAsGlobalAdmin(bearer(jwt))).toBe(false);

    // Even naming its own application, the caller's token material is never stored.
    expect(
      (await call(t, x.admin, '/api/add-token', { ...forged, name: 'readded', application: x.application.name })).data,
    ).toBe('Affected');
    const added = (await tokenNamed('readded'))!;
    expect(added.accessTokenHash).not.toBe(sha256Hex(jwt));
    expect((await call(t, bearer(jwt), '/api/get-users?owner=x-org')).status).toBe('error');
    expect(await actsAsGlobalAdmin(bearer(jwt))).toBe(false);
  });

  test('add-token mints a fresh token for an application or user within reach, which then works', async () => {
    const body = {
      owner: 'admin',
      name: 'minted-for-user',
      organization: 'x-org',
      application: x.application.name,
      user: 'x-org-user',
      accessToken: 'caller-chosen',
      refreshToken: 'caller-refresh',
      code: 'caller-code',
      grantType: 'client_credentials',
      expiresIn: 3600,
      scope: 'openid',
    };
    expect((await call(t, x.admin, '/api/add-token', body)).data).toBe('Affected');
    const token = (await call(t, x.admin, '/api/get-token?id=admin/minted-for-user')).data;
    expect(token).toMatchObject({
      organization: 'x-org',
      application: x.application.name,
      user: 'x-org-user',
      scope: 'openid',
      expiresIn: 3600,
    });
    expect(token.accessToken).not.toBe('caller-chosen');
    expect(token.accessToken.split('.')).toHaveLength(3);
    expect(token.grantType).not.toBe('client_credentials');
    const row = (await tokenNamed('minted-for-user'))!;
    expect(row.refreshTokenHash).toBe('');
    expect(row.codeHash).toBe('');
    expect((await call(t, bearer(token.accessToken), '/api/get-account')).data.name).toBe('x-org-user');

    expect((await call(t, x.admin, '/api/add-token', { ...body, name: 'minted-for-app', user: '' })).data).toBe(
      'Affected',
    );
    const appToken = (await call(t, x.admin, '/api/get-token?id=admin/minted-for-app')).data;
    expect(appToken.grantType).toBe('client_credentials');
    expect((await call(t, bearer(appToken.accessToken), '/api/get-users?owner=x-org')).status).toBe('ok');
    expect(await actsAsGlobalAdmin(bearer(appToken.accessToken))).toBe(false);
  });

  test("add-token refuses another organization's or built-in's application and users, and writes nothing", async () => {
    const body = {
      owner: 'admin',
      organization: 'x-org',
      application: x.application.name,
      user: 'x-org-user',
      expiresIn: 3600,
      scope: '',
    };
    const refused = [
      { ...body, name: 'r1', application: y.application.name },
      { ...body, name: 'r2', application: 'app-built-in' },
      { ...body, name: 'r3', application: 'app-built-in', user: '' },
      { ...body, name: 'r4', organization: 'y-org', application: y.application.name, user: 'y-org-user' },
      { ...body, name: 'r5', organization: 'built-in', application: 'app-built-in', user: 'admin' },
      { ...body, name: 'r6', user: 'y-org-user' },
      { ...body, name: 'r7', user: 'no-such-user' },
    ];
    for (const forged of refused) {
      expect({ name: forged.name, status: (await call(t, x.admin, '/api/add-token', forged)).status }).toEqual({
        name: forged.name,
        status: 'error',
      });
      expect(await tokenNamed(forged.name)).toBeUndefined();
    }
    // A global administrator may mint for the portal's application.
    expect(
      (
        await call(t, root, '/api/add-token', {
          ...body,
          name: 'portal',
          organization: 'built-in',
          application: 'app-built-in',
          user: 'admin',
        })
      ).data,
    ).toBe('Affected');
  });
});

describe('a bearer token counts only when its row agrees with it', () => {
  async function forgeRow(jwt: string, change: Record<string, unknown>) {
    const row = codecs.token.decode(await rowOf(jwt));
    await deleteRows(t.context.db, 'token', { name: row.name });
    await insertRow(t.context.db, 'token', codecs.token.encode({ ...row, ...change }));
  }

  test('a row naming another application, user, organization or name refuses the token', async () => {
    const other = await addUser(t, 'x-org', 'x-org-other', 'other-password');
    await addApplication(t, 'x-org-second', 'x-org');
    const cases: [string, (jwt: string) => Promise<void>, () => Promise<string>][] = [
      [
        'application app-built-in',
        (jwt) => forgeRow(jwt, { application: 'app-built-in' }),
        () => clientCredentialsTokenFor(t, x.application.name),
      ],
      [
        'another application of the organization',
        (jwt) => forgeRow(jwt, { application: 'x-org-second' }),
        () => tokenFor(t, x.application.name, 'x-org', 'x-org-user'),
      ],
      [
        'another user',
        (jwt) => forgeRow(jwt, { user: other.name, userId: other.id }),
        () => tokenFor(t, x.application.name, 'x-org', 'x-org-user'),
      ],
      [
        'a user on an application token',
        (jwt) => forgeRow(jwt, { user: other.name, userId: other.id, grantType: 'authorization_code' }),
        () => clientCredentialsTokenFor(t, x.application.name),
      ],
      [
        'no user on a user token',
        (jwt) => forgeRow(jwt, { user: '', userId: '', grantType: 'client_credentials' }),
        () => tokenFor(t, x.application.name, 'x-org', 'x-org-admin'),
      ],
      [
        'another organization',
        (jwt) => forgeRow(jwt, { organization: 'built-in', user: 'admin' }),
        () => tokenFor(t, 'app-built-in', 'x-org', 'x-org-user'),
      ],
      [
        'another row name',
        (jwt) => forgeRow(jwt, { name: 'renamed-row', familyId: 'renamed-row' }),
        () => tokenFor(t, x.application.name, 'x-org', 'x-org-user'),
      ],
    ];
    for (const [label, forge, mint] of cases) {
      const jwt = await mint();
      // Positive control: before the row is changed, the token works.
      expect({ label, works: await works(jwt) }).toEqual({ label, works: true });
      await forge(jwt);
      expect({ label, works: await works(jwt) }).toEqual({ label, works: false });
      expect({ label, global: await actsAsGlobalAdmin(bearer(jwt)) }).toEqual({ label, global: false });
      const introspection = await t.request('/api/login/oauth/introspect', {
        headers: { authorization: `Basic ${btoa(`${x.application.clientId}:${x.application.plainClientSecret}`)}` },
        body: new URLSearchParams({ token: jwt }),
      });
      expect({ label, active: introspection.json.active }).toEqual({ label, active: false });
    }
  });
});
