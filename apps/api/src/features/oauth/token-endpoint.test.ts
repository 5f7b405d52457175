import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { updateUserFields } from '@latchkey/db';
import { storedRow } from '@latchkey/db/testing';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, basic, signInAsAdmin } from '../../test/fixtures.ts';
import {
  codeFor,
  pkcePair,
  REDIRECT_URI,
  seedAcme,
  type TestClient,
  tokenRequest,
  tokensFor,
} from './testing/flows.ts';

let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t, { expireInHours: 2.5, refreshExpireInHours: 24 }));
});
afterAll(() => t.dispose());

const clientCredentials = { grant_type: 'client_credentials', scope: 'read' };

describe('client authentication (RFC 6749 §2.3)', () => {
  test('HTTP Basic', async () => {
    const response = await tokenRequest(t, clientCredentials, client);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  test('client_id and client_secret in a form body, a JSON body, and the query (Casdoor reads all three)', async () => {
    const form = await tokenRequest(t, {
      ...clientCredentials,
      client_id: client.clientId,
      client_secret: client.plainClientSecret,
    });
    expect(form.status).toBe(200);
    const json = await t.request('/api/login/oauth/access_token', {
      body: { ...clientCredentials, client_id: client.clientId, client_secret: client.plainClientSecret },
    });
    expect(json.status).toBe(200);
    const query = await t.request(
      `/api/login/oauth/access_token?grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.plainClientSecret}`,
      { method: 'POST' },
    );
    expect(query.status).toBe(200);
  });

  test("Basic and body together are accepted only when they say the same (as Casdoor's SDK sends them)", async () => {
    const same = await tokenRequest(
      t,
      { ...clientCredentials, client_id: client.clientId, client_secret: client.plainClientSecret },
      client,
    );
    expect(same.status).toBe(200);
    const different = await tokenRequest(
      t,
      { ...clientCredentials, client_id: client.clientId, client_secret: 'something else' },
      client,
    );
    expect(different.status).toBe(400);
    expect(different.json.error).toBe('invalid_request');
  });

  test('a wrong secret, an unknown client or no client at all is invalid_client with 401 and WWW-Authenticate', async () => {
    for (const fields of [
      { ...clientCredentials, client_id: client.clientId, client_secret: 'wrong' },
      { ...clientCredentials, client_id: 'unknown', client_secret: 'whatever' },
      clientCredentials,
    ]) {
      const response = await tokenRequest(t, fields);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="OAuth2"');
      expect(response.json.error).toBe('invalid_client');
    }
    const malformed = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: new URLSearchParams(clientCredentials),
      headers: { authorization: 'Basic !!!' },
    });
    expect(malformed.status).toBe(401);
  });

  test('a client secret changed through update-application stops working at once', async () => {
    const rotating = await addApplication(t, 'rotating-secret', 'acme', { grantTypes: ['client_credentials'] });
    expect((await tokenRequest(t, clientCredentials, rotating)).status).toBe(200);
    const cookie = await signInAsAdmin(t);
    const stored = (await t.request('/api/get-application?id=admin/rotating-secret', { headers: { cookie } })).json
      .data;
    const updated = await t.request('/api/update-application?id=admin/rotating-secret', {
      body: { ...stored, clientSecret: 'a-brand-new-secret-0123456789' },
      headers: { cookie },
    });
    expect(updated.json.data).toBe('Affected');
    expect((await tokenRequest(t, clientCredentials, rotating)).status).toBe(401);
    expect(
      (
        await tokenRequest(t, clientCredentials, {
          clientId: rotating.clientId,
          plainClientSecret: 'a-brand-new-secret-0123456789',
        })
      ).status,
    ).toBe(200);
  });

  test('error descriptions are English in the RFC 6749 character set, whatever the Accept-Language', async () => {
    const english = 'The client could not be authenticated: the client ID or client secret is wrong.';
    for (const language of ['zh', 'fr', 'de', 'ja;q=1, en;q=0.1']) {
      const wrongSecret = await t.request('/api/login/oauth/access_token', {
        method: 'POST',
        body: new URLSearchParams({ ...clientCredentials, client_id: client.clientId, client_secret: 'wrong' }),
        headers: { 'accept-language': language },
      });
      expect(wrongSecret.status).toBe(401);
      expect(wrongSecret.json).toEqual({ error: 'invalid_client', error_description: english });
      const missing = await t.request('/api/login/oauth/access_token', {
        method: 'POST',
        body: new URLSearchParams({}),
        headers: { 'accept-language': language, authorization: basic(client.clientId, client.plainClientSecret) },
      });
      expect(missing.json).toEqual({
        error: 'invalid_request',
        error_description: "The parameter 'grant_type' is required.",
      });
    }
    // A parameter name of the caller's own, with a quote, a backslash and non-ASCII, comes back within the character set.
    const hostile = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: 'grant_type=client_credentials&%22x%5C%C3%A9%E4%B8%AD=1&%22x%5C%C3%A9%E4%B8%AD=2',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'zh',
        authorization: basic(client.clientId, client.plainClientSecret),
      },
    });
    expect(hostile.status).toBe(400);
    expect(hostile.json.error_description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/);
    // The /api envelope stays in the caller's language.
    const envelope = await t.request('/api/get-account', { headers: { 'accept-language': 'fr' } });
    expect(envelope.json.status).toBe('error');
    expect(envelope.json.msg).toBe("Veuillez d'abord vous connecter.");
  });
});

describe('request parameters', () => {
  test('a parameter given twice is invalid_request (RFC 6749 §3.2)', async () => {
    const response = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: 'grant_type=client_credentials&scope=a&scope=b',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(client.clientId, client.plainClientSecret),
      },
    });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      error: 'invalid_request',
      error_description: "The parameter 'scope' was sent more than once.",
    });
  });

  test('a missing or unknown grant type', async () => {
    expect((await tokenRequest(t, {}, client)).json).toMatchObject({
      error: 'invalid_request',
      error_description: "The parameter 'grant_type' is required.",
    });
    expect((await tokenRequest(t, { grant_type: 'implicit' }, client)).json.error).toBe('unsupported_grant_type');
    expect((await tokenRequest(t, { grant_type: 'constructor' }, client)).json.error).toBe('unsupported_grant_type');
  });

  test('a malformed JSON body or a nested value is invalid_request, never a 500', async () => {
    const broken = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: '{"grant_type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('invalid_request');
    const nested = await t.request('/api/login/oauth/access_token', { body: { grant_type: { $ne: 1 } } });
    expect(nested.status).toBe(400);
  });
});

describe('grants', () => {
  test('client_credentials: an access token for the application, expires_in = expireInHours × 3600, no refresh or ID token', async () => {
    const response = await tokenRequest(t, clientCredentials, client);
    expect(response.json).toMatchObject({ token_type: 'Bearer', expires_in: 9000, scope: 'read' });
    expect(response.json.refresh_token).toBeUndefined();
    expect(response.json.id_token).toBeUndefined();
    const claims = JSON.parse(Buffer.from(response.json.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: 'admin/acme-app',
      type: 'application',
      aud: [client.clientId],
      exp: claims.iat + 9000,
    });
    const row = await storedRow(t.context.db, 'token', { accessTokenHash: sha256Hex(response.json.access_token) });
    expect(row).toMatchObject({ grantType: 'client_credentials', refreshTokenHash: '', expiresIn: 9000 });
  });

  test('client_credentials needs the client secret', async () => {
    const response = await tokenRequest(t, { ...clientCredentials, client_id: client.clientId });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
  });

  test('authorization_code: access, ID and refresh token; the stored row has the access token only sealed and both as hashes', async () => {
    const { tokens } = await tokensFor(t, client);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 9000, scope: 'openid profile email' });
    const row = await storedRow(t.context.db, 'token', { accessTokenHash: sha256Hex(tokens.access_token) });
    expect(row.accessToken).not.toContain(tokens.access_token.slice(0, 20));
    expect(t.context.secrets.open(row.accessToken)).toBe(tokens.access_token);
    expect(row.refreshToken).toBe('');
    expect(row.refreshTokenHash).toBe(sha256Hex(tokens.refresh_token));
    expect(JSON.stringify(row)).not.toContain(tokens.refresh_token);
    expect(row.codeIsUsed).toBe(1);
  });

  test('every grant but authorization_code must be listed in grantTypes (unauthorized_client)', async () => {
    const narrow = await addApplication(t, 'code-only', 'acme', {
      redirectUris: [REDIRECT_URI],
      grantTypes: ['authorization_code'],
    });
    for (const grant of ['client_credentials', 'password', 'refresh_token']) {
      const response = await tokenRequest(
        t,
        { grant_type: grant, username: 'alice', password: 'alice-password', refresh_token: 'x' },
        narrow,
      );
      expect({ grant, status: response.status, error: response.json.error }).toEqual({
        grant,
        status: 400,
        error: 'unauthorized_client',
      });
    }
    // authorization_code needs no listing; and without refresh_token listed, no refresh token is issued.
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: narrow.clientId, codeChallenge: pkce.challenge });
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      narrow,
    );
    expect(exchanged.status).toBe(200);
    expect(exchanged.json.refresh_token).toBeUndefined();
    expect(exchanged.json.id_token).toBeString();
  });

  test('password: signs a user of the organization in, with the usual errors as invalid_grant', async () => {
    const ok = await tokenRequest(
      t,
      { grant_type: 'password', username: 'alice', password: 'alice-password', scope: 'openid' },
      client,
    );
    expect(ok.status).toBe(200);
    expect(ok.json.refresh_token).toBeString();
    const wrong = await tokenRequest(t, { grant_type: 'password', username: 'alice', password: 'nope' }, client);
    expect(wrong.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The username or password is wrong.',
    });
    const missing = await tokenRequest(t, { grant_type: 'password', username: 'alice' }, client);
    expect(missing.json.error).toBe('invalid_request');
  });

  test("refresh_token at the token endpoint and at Casdoor's /api/login/oauth/refresh_token (JSON body, grant_type optional)", async () => {
    const { tokens } = await tokensFor(t, client);
    const viaToken = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      client,
    );
    expect(viaToken.status).toBe(200);
    expect(viaToken.json.id_token).toBeString();
    const viaRefresh = await t.request('/api/login/oauth/refresh_token', {
      body: {
        grant_type: 'refresh_token',
        refresh_token: viaToken.json.refresh_token,
        client_id: client.clientId,
        client_secret: client.plainClientSecret,
      },
    });
    expect(viaRefresh.status).toBe(200);
    const withoutGrantType = await t.request('/api/login/oauth/refresh_token', {
      body: {
        refresh_token: viaRefresh.json.refresh_token,
        client_id: client.clientId,
        client_secret: client.plainClientSecret,
      },
    });
    expect(withoutGrantType.status).toBe(200);
    const otherGrant = await t.request('/api/login/oauth/refresh_token', {
      body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.plainClientSecret },
    });
    expect(otherGrant.json.error).toBe('unsupported_grant_type');
  });

  test('a user who was disabled after sign-in can no longer redeem codes or refresh', async () => {
    const { tokens } = await tokensFor(t, client);
    const code = await codeFor(t, { clientId: client.clientId });
    await updateUserFields(t.context.db, 'acme', 'alice', { isForbidden: true });
    try {
      expect(
        (await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client)).json
          .error,
      ).toBe('invalid_grant');
      expect(
        (await tokenRequest(t, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, client)).json
          .error,
      ).toBe('invalid_grant');
    } finally {
      await updateUserFields(t.context.db, 'acme', 'alice', { isForbidden: false });
    }
  });

  test.each([
    ['the application', '/api/update-application?id=admin/acme-app&columns=disableSignin'],
    ['the organization', '/api/update-organization?id=admin/acme&columns=disableSignin'],
  ])(
    'once sign-in to %s is disabled, no code is redeemed, no token refreshed and no password grant made; allowed again, they work',
    async (_label, update) => {
      const admin = { cookie: await signInAsAdmin(t) };
      const setDisabled = async (disableSignin: boolean) => {
        expect((await t.request(update, { body: { disableSignin }, headers: admin })).json.data).toBe('Affected');
      };
      const { tokens } = await tokensFor(t, client);
      const pkce = pkcePair();
      const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
      const redeem = () =>
        tokenRequest(
          t,
          { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
          client,
        );
      const refresh = () =>
        tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client);
      await setDisabled(true);
      try {
        for (const refused of [await refresh(), await redeem()]) {
          expect(refused.status).toBe(400);
          expect(refused.json).toEqual({
            error: 'invalid_grant',
            error_description:
              'Signing in is disabled for this application or its organization, so this grant can no longer be used.',
          });
        }
        // The password grant is a fresh sign-in, refused as /api/login refuses it.
        const password = await tokenRequest(
          t,
          { grant_type: 'password', username: 'alice', password: 'alice-password' },
          client,
        );
        expect(password.json).toEqual({
          error: 'invalid_grant',
          error_description: 'Signing in with a password is not enabled here.',
        });
      } finally {
        await setDisabled(false);
      }
      // Refused, not spent: the same code and refresh token still work once sign-in is allowed again.
      expect((await redeem()).status).toBe(200);
      expect((await refresh()).status).toBe(200);
    },
  );
});
