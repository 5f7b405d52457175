import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { updateRows, updateUserFields } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { sha256Hex } from '../core/crypto/compare.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test/create-test-app.ts';
import {
  addApplication,
  addOrganization,
  addUser,
  basic,
  clientCredentialsTokenFor,
  signIn,
  tokenFor,
} from '../test/fixtures.ts';

let t: TestApp;
let acmeApp: Awaited<ReturnType<typeof addApplication>>;

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addUser(t, 'acme', 'alice', 'alice-password');
  acmeApp = await addApplication(t, 'acme-app', 'acme');
});
afterAll(() => t.dispose());

const account = (init?: Parameters<TestApp['request']>[1], query = '') => t.request(`/api/get-account${query}`, init);

describe('each way to authenticate', () => {
  test('anonymous callers are asked to sign in', async () => {
    const { json } = await account();
    expect(json).toMatchObject({ status: 'error', data: 'Please login first' });
  });

  test('session cookie from POST /api/login', async () => {
    const cookie = await signIn(t, 'acme', 'alice', 'alice-password', 'acme-app');
    const { json } = await account({ headers: { cookie } });
    expect(json).toMatchObject({ status: 'ok', name: 'alice' });
    expect(json.data.password).toBe('***');
    expect(json.data2.name).toBe('acme');
  });

  test('an unknown session cookie just means signed out', async () => {
    const { json } = await account({ headers: { cookie: 'casdoor_session_id=forged' } });
    expect(json).toMatchObject({ status: 'error', data: 'Please login first' });
  });

  test('access token as Bearer header, access_token and accessToken query', async () => {
    const token = await tokenFor(t, 'acme-app', 'acme', 'alice');
    for (const init of [{ headers: { authorization: `Bearer ${token}` } }, undefined, undefined]) {
      expect((await account(init, init ? '' : `?access_token=${token}`)).json.name).toBe('alice');
    }
    expect((await account(undefined, `?accessToken=${token}`)).json.name).toBe('alice');
  });

  test('a wrong, tampered or revoked token is refused, never anonymous', async () => {
    const token = await tokenFor(t, 'acme-app', 'acme', 'alice');
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await account({ headers: { authorization: `Bearer ${tampered}` } })).json.msg).toBe(
      'The access token is not valid.',
    );
    expect((await account({ headers: { authorization: 'Bearer nonsense' } })).json.msg).toBe(
      'The access token is not valid.',
    );
    await updateRows(t.context.db, 'token', { accessTokenHash: sha256Hex(token) }, { expiresIn: 0 });
    expect((await account({ headers: { authorization: `Bearer ${token}` } })).json.msg).toBe(
      'The access token has been revoked.',
    );
  });

  test('an expired token is refused', async () => {
    const token = await tokenFor(t, 'acme-app', 'acme', 'alice');
    t.clock.advance(169 * 3600 * 1000);
    try {
      expect((await account({ headers: { authorization: `Bearer ${token}` } })).json.msg).toBe(
        'The access token has expired.',
      );
    } finally {
      t.clock.advance(-169 * 3600 * 1000);
    }
  });

  test('a malformed Authorization header is a clear error', async () => {
    for (const header of ['Bearer', 'Token abc', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
      const { json, status } = await account({ headers: { authorization: header } });
      expect(status).toBe(200);
      expect(json).toMatchObject({
        status: 'error',
        msg: 'The Authorization header must be "Bearer <token>" or "Basic <credentials>".',
      });
    }
  });

  test('HTTP Basic credentials holding NUL are a malformed header, on every database', async () => {
    for (const [id, secret] of [
      ['acme-\u0000app', 'secret'],
      [acmeApp.clientId, 'se\u0000cret'],
      ['%00', 'x'],
    ]) {
      const header = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
      for (const path of ['/api/get-account', '/api/get-application?id=admin/acme-app']) {
        const { json, status } = await t.request(path, { headers: { authorization: header } });
        expect(status).toBe(200);
        expect(json).toMatchObject({
          status: 'error',
          msg: 'The Authorization header must be "Bearer <token>" or "Basic <credentials>".',
        });
      }
    }
  });

  test('client id + secret by HTTP Basic and by query identify the application; a wrong secret is refused', async () => {
    const ok = await t.request('/api/get-version-info', {
      headers: { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) },
    });
    expect(ok.json.status).toBe('ok');
    // get-account needs a user, and an application is not one.
    expect(
      (await account({ headers: { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) } })).json.msg,
    ).toBe('You are not allowed to do this.');
    expect(
      (await account(undefined, `?clientId=${acmeApp.clientId}&clientSecret=${acmeApp.plainClientSecret}`)).json.msg,
    ).toBe('You are not allowed to do this.');
    expect((await account({ headers: { authorization: basic(acmeApp.clientId, 'wrong') } })).json.msg).toBe(
      'The client ID or client secret is wrong.',
    );
    expect((await account(undefined, `?clientId=${acmeApp.clientId}&clientSecret=wrong`)).json.msg).toBe(
      'The client ID or client secret is wrong.',
    );
  });

  test('a client-credentials token stands for the application', async () => {
    const token = await clientCredentialsTokenFor(t, 'acme-app');
    expect((await account({ headers: { authorization: `Bearer ${token}` } })).json.msg).toBe(
      'You are not allowed to do this.',
    );
  });

  test('a user access key + secret', async () => {
    await updateUserFields(t.context.db, 'acme', 'alice', {
      accessKey: 'alice-key',
      accessSecret: t.context.secrets.seal('alice-secret'),
    });
    expect((await account(undefined, '?accessKey=alice-key&accessSecret=alice-secret')).json.name).toBe('alice');
    expect((await account(undefined, '?accessKey=alice-key&accessSecret=wrong')).json.msg).toBe(
      'The access key or access secret is wrong.',
    );
    expect((await account(undefined, '?accessKey=nobody&accessSecret=x')).json.msg).toBe(
      'The access key or access secret is wrong.',
    );
  });

  test('username=org/name&password= in the query', async () => {
    expect((await account(undefined, '?username=acme/alice&password=alice-password')).json.name).toBe('alice');
    expect((await account(undefined, `?username=built-in/admin&password=${TEST_ADMIN_PASSWORD}`)).json.name).toBe(
      'admin',
    );
    expect((await account(undefined, '?username=acme/alice&password=nope')).json.msg).toBe(
      'The username or password is wrong.',
    );
    expect((await account(undefined, '?username=alice&password=alice-password')).json.msg).toBe(
      'The username must have the form organization/name.',
    );
  });

  test('a credential in the query does not sign in the cookie session the browser presents', async () => {
    const token = await tokenFor(t, 'acme-app', 'acme', 'alice');
    const sessionCount = () => countStoredRows(t.context.db, 'session');
    const before = await sessionCount();
    const cookie = 'casdoor_session_id=presented-by-the-browser';
    for (const query of ['?username=acme/alice&password=alice-password', `?access_token=${token}`]) {
      const response = await account({ headers: { cookie } }, query);
      expect(response.json.name).toBe('alice');
      expect(response.headers.get('set-cookie')).toBeNull();
      expect((await account({ headers: { cookie } })).json).toMatchObject({
        status: 'error',
        data: 'Please login first',
      });
    }
    expect(await sessionCount()).toBe(before);
  });

  test('an unknown user and a wrong password give the same answer', async () => {
    const unknown = await account(undefined, '?username=acme/nobody&password=x');
    const wrong = await account(undefined, '?username=acme/alice&password=x');
    const noOrg = await account(undefined, '?username=nowhere/alice&password=x');
    expect(unknown.json).toEqual(wrong.json);
    expect(noOrg.json).toEqual(wrong.json);
  });
});
