import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { signInAsAdmin } from '../../test/fixtures.ts';
import { seedAcme, type TestClient, tokenRequest, tokensFor } from './testing/flows.ts';

let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
});
afterAll(() => t.dispose());

describe('what the token endpoint does not offer', () => {
  test('the password grant needs the client secret: a client_id alone is invalid_client and signs nobody in', async () => {
    const response = await tokenRequest(t, {
      grant_type: 'password',
      client_id: client.clientId,
      username: 'alice',
      password: 'alice-password',
    });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
    expect(response.json.access_token).toBeUndefined();
  });

  test.each([
    ['device', 'urn:ietf:params:oauth:grant-type:device_code'],
    ['JWT bearer', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    ['token exchange', 'urn:ietf:params:oauth:grant-type:token-exchange'],
  ])('the %s grant is unsupported_grant_type', async (_label, grantType) => {
    const response = await tokenRequest(
      t,
      { grant_type: grantType, device_code: 'x', assertion: 'x', subject_token: 'x' },
      client,
    );
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('unsupported_grant_type');
  });

  test('NUL in HTTP Basic credentials is invalid_client, and in a parameter invalid_request, on every database', async () => {
    const header = `Basic ${Buffer.from(`${client.clientId}\u0000:x`).toString('base64')}`;
    const basic = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: 'grant_type=client_credentials',
      headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect({ status: basic.status, error: basic.json.error }).toEqual({ status: 401, error: 'invalid_client' });
    const parameter = await tokenRequest(t, {
      grant_type: 'client_credentials',
      client_id: `${client.clientId}\u0000`,
    });
    expect({ status: parameter.status, ...parameter.json }).toEqual({
      status: 400,
      error: 'invalid_request',
      error_description: 'The request contains the NUL character, which is not allowed.',
    });
  });

  test('a client assertion (private_key_jwt) does not authenticate the client', async () => {
    const response = await tokenRequest(t, {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln',
    });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
    expect(response.json.access_token).toBeUndefined();
  });
});

describe("Casdoor's refresh path", () => {
  test('/api/login/oauth/refresh_token refuses an application that no longer lists refresh_token (unauthorized_client)', async () => {
    const { tokens } = await tokensFor(t, client);
    const cookie = await signInAsAdmin(t);
    const current = (await t.request('/api/get-application?id=admin/acme-app', { headers: { cookie } })).json.data;
    const narrowed = await t.request('/api/update-application?id=admin/acme-app', {
      body: { ...current, grantTypes: ['authorization_code', 'client_credentials', 'password'] },
      headers: { cookie },
    });
    expect(narrowed.json.data).toBe('Affected');
    const refreshed = await t.request('/api/login/oauth/refresh_token', {
      body: {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: client.clientId,
        client_secret: client.plainClientSecret,
      },
    });
    expect(refreshed.status).toBe(400);
    expect(refreshed.json.error).toBe('unauthorized_client');
    expect(refreshed.json.error_description).toContain('refresh_token');
    expect(refreshed.json.access_token).toBeUndefined();
  });
});
