import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic } from '../../test/fixtures.ts';
import {
  codeFor,
  pkcePair,
  postForm,
  REDIRECT_URI,
  seedAcme,
  type TestClient,
  tokenRequest,
  tokensFor,
} from './testing/flows.ts';

let t: TestApp;
let client: TestClient;
let sibling: TestClient;
let foreign: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  sibling = await addApplication(t, 'acme-api', 'acme', { grantTypes: ['client_credentials'] });
  await addOrganization(t, 'globex');
  foreign = await addApplication(t, 'globex-app', 'globex', { grantTypes: ['client_credentials'] });
});
afterAll(() => t.dispose());

const introspect = (token: string, caller: TestClient = client, hint?: string) =>
  postForm(t, '/api/login/oauth/introspect', { token, token_type_hint: hint }, caller);
const revoke = (
  token: string,
  caller: { clientId: string; plainClientSecret: string } | undefined,
  fields: Record<string, string> = {},
) => postForm(t, '/api/login/oauth/revoke', { token, ...fields }, caller);

describe('introspection (RFC 7662)', () => {
  test('an active access token is described; a resource server of the same organization may ask', async () => {
    const { tokens } = await tokensFor(t, client);
    for (const caller of [client, sibling]) {
      const response = await introspect(tokens.access_token, caller);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        active: true,
        scope: 'openid profile email',
        client_id: client.clientId,
        username: 'alice',
        token_type: 'Bearer',
        iss: t.context.config.origin,
        aud: [client.clientId],
      });
      expect(response.json.exp).toBe(response.json.iat + 168 * 3600);
      expect(response.json.sub).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test('a refresh token is described too (with the hint or without)', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await introspect(tokens.refresh_token, client, 'refresh_token')).json).toMatchObject({
      active: true,
      client_id: client.clientId,
    });
    expect((await introspect(tokens.refresh_token)).json.active).toBe(true);
  });

  test('unknown, revoked and expired tokens are inactive; so is a token of another organization', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await introspect('nonsense')).json).toEqual({ active: false });
    expect((await introspect(tokens.access_token, foreign)).json).toEqual({ active: false });
    await revoke(tokens.access_token, client);
    expect((await introspect(tokens.access_token)).json).toEqual({ active: false });
    const fresh = await tokensFor(t, client);
    t.clock.advance(169 * 3600_000);
    try {
      expect((await introspect(fresh.tokens.access_token)).json).toEqual({ active: false });
    } finally {
      t.clock.advance(-169 * 3600_000);
    }
  });

  test('the caller must authenticate as a confidential client', async () => {
    const { tokens } = await tokensFor(t, client);
    const anonymous = await postForm(t, '/api/login/oauth/introspect', { token: tokens.access_token });
    expect(anonymous.status).toBe(401);
    const publicClient = await postForm(t, '/api/login/oauth/introspect', {
      token: tokens.access_token,
      client_id: client.clientId,
    });
    expect(publicClient.status).toBe(401);
    const wrong = await postForm(
      t,
      '/api/login/oauth/introspect',
      { token: tokens.access_token },
      { clientId: client.clientId, plainClientSecret: 'wrong' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="OAuth2"');
    expect((await postForm(t, '/api/login/oauth/introspect', {}, client)).json.error).toBe('invalid_request');
  });
});

describe('revocation (RFC 7009)', () => {
  test('revoking a refresh token revokes the whole grant', async () => {
    const { tokens } = await tokensFor(t, client);
    const rotated = (
      await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client)
    ).json;
    expect((await revoke(rotated.refresh_token, client, { token_type_hint: 'refresh_token' })).status).toBe(200);
    for (const token of [tokens.access_token, rotated.access_token])
      expect((await introspect(token)).json.active).toBe(false);
    expect(
      (await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: rotated.refresh_token }, client)).json.error,
    ).toBe('invalid_grant');
  });

  test('a public client revokes its own tokens with its client_id; unknown tokens are fine', async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const tokens = (
      await tokenRequest(t, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: pkce.verifier,
        client_id: client.clientId,
      })
    ).json;
    expect((await revoke(tokens.access_token, undefined, { client_id: client.clientId })).status).toBe(200);
    expect((await introspect(tokens.access_token)).json.active).toBe(false);
    expect((await revoke('never-issued', undefined, { client_id: client.clientId })).status).toBe(200);
  });

  test("another client's token is answered 200 and left alone (RFC 7009 §2.2); its own client revokes it", async () => {
    const { tokens } = await tokensFor(t, client);
    for (const caller of [sibling, foreign]) {
      const response = await revoke(tokens.access_token, caller);
      expect(response.status).toBe(200);
      expect((await introspect(tokens.access_token)).json.active).toBe(true);
    }
    expect((await revoke(tokens.refresh_token, sibling, { token_type_hint: 'refresh_token' })).status).toBe(200);
    expect((await introspect(tokens.refresh_token)).json.active).toBe(true);
    expect((await revoke(tokens.access_token, client)).status).toBe(200);
    expect((await introspect(tokens.access_token)).json.active).toBe(false);
  });

  test('a token of a grant begun with the client secret is not revoked with the client_id alone (RFC 7009 §2.1)', async () => {
    const { tokens } = await tokensFor(t, client);
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      const response = await revoke(token, undefined, { client_id: client.clientId });
      expect(response.status).toBe(401);
      expect(response.json.error).toBe('invalid_client');
      expect(response.headers.get('www-authenticate')).toContain('Basic');
      expect((await introspect(token)).json.active).toBe(true);
    }
    const machine = (await tokenRequest(t, { grant_type: 'client_credentials' }, sibling)).json;
    expect((await revoke(machine.access_token, undefined, { client_id: sibling.clientId })).status).toBe(401);
    expect((await introspect(machine.access_token, sibling)).json.active).toBe(true);
    // With the secret in the body (client_secret_post), as at the token endpoint, it goes.
    expect(
      (
        await revoke(tokens.access_token, undefined, {
          client_id: client.clientId,
          client_secret: client.plainClientSecret,
        })
      ).status,
    ).toBe(200);
    expect((await introspect(tokens.access_token)).json.active).toBe(false);
    expect((await revoke(machine.access_token, sibling)).status).toBe(200);
    expect((await introspect(machine.access_token, sibling)).json.active).toBe(false);
  });

  test("a public client may not revoke another client's public token either", async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const tokens = (
      await tokenRequest(t, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: pkce.verifier,
        client_id: client.clientId,
      })
    ).json;
    expect((await revoke(tokens.access_token, undefined, { client_id: sibling.clientId })).status).toBe(200);
    expect((await introspect(tokens.access_token)).json.active).toBe(true);
    expect((await revoke(tokens.refresh_token, undefined, { client_id: client.clientId })).status).toBe(200);
    expect((await introspect(tokens.access_token)).json.active).toBe(false);
  });

  test('a wrong secret is invalid_client; a missing token invalid_request', async () => {
    expect((await revoke('x', { clientId: client.clientId, plainClientSecret: 'wrong' })).status).toBe(401);
    expect((await postForm(t, '/api/login/oauth/revoke', {}, client)).json.error).toBe('invalid_request');
  });
});

describe('UserInfo (OIDC Core 5.3) and /api/user', () => {
  test('claims by scope, with the header, a form body or the query', async () => {
    const { tokens } = await tokensFor(t, client, { scope: 'openid profile email phone address' });
    const viaHeader = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json).toMatchObject({
      iss: t.context.config.origin,
      aud: client.clientId,
      preferred_username: 'alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      email_verified: true,
      phone: '+15551234567',
      phone_number: '+15551234567',
      groups: [],
    });
    expect(viaHeader.json.sub).toBe(
      JSON.parse(Buffer.from(tokens.id_token.split('.')[1]!, 'base64url').toString()).sub,
    );
    expect(viaHeader.json.address).toMatchObject({ formatted: '' });
    const viaBody = await t.request('/api/userinfo', {
      method: 'POST',
      body: new URLSearchParams({ access_token: tokens.access_token }),
    });
    expect(viaBody.json).toEqual(viaHeader.json);
    const viaQuery = await t.request(`/api/userinfo?access_token=${tokens.access_token}`);
    expect(viaQuery.json).toEqual(viaHeader.json);
  });

  test("email_verified is the user's own flag, and Casdoor's real_name and is_verified are not claims", async () => {
    await addUser(t, 'acme', 'una', 'una-password', {
      email: 'una@example.com',
      emailVerified: false,
      displayName: 'Una Verified-Not',
    });
    const { tokens } = await tokensFor(t, client, {
      scope: 'openid profile email',
      username: 'una',
      password: 'una-password',
    });
    const response = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.json).toMatchObject({ preferred_username: 'una', email: 'una@example.com', email_verified: false });
    expect(response.json.real_name).toBeUndefined();
    expect(response.json.is_verified).toBeUndefined();
  });

  test('only what the scope grants', async () => {
    const { tokens } = await tokensFor(t, client, { scope: 'openid' });
    const response = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(Object.keys(response.json).sort()).toEqual(['aud', 'iss', 'sub']);
  });

  test('no token, a bad token, a token sent twice or an application token: RFC 6750 errors with WWW-Authenticate', async () => {
    const missing = await t.request('/api/userinfo');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="latchkey"');
    const bad = await t.request('/api/userinfo', { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const { tokens } = await tokensFor(t, client);
    const twice = await t.request(`/api/userinfo?access_token=${tokens.access_token}`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(twice.status).toBe(400);
    expect(twice.json.error).toBe('invalid_request');
    const appToken = (await tokenRequest(t, { grant_type: 'client_credentials' }, client)).json.access_token;
    const application = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${appToken}` } });
    expect(application.status).toBe(401);
  });

  test('tokenFields, when set, limit the claims as in Casdoor', async () => {
    const limited = await addApplication(t, 'limited-app', 'acme', {
      redirectUris: [REDIRECT_URI],
      tokenFields: ['Email'],
    });
    const { tokens } = await tokensFor(t, limited);
    const response = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.json.email).toBe('alice@example.com');
    expect(response.json.preferred_username).toBeUndefined();
  });

  test('/api/user answers the Laravel shape for a signed-in user', async () => {
    const { tokens } = await tokensFor(t, client);
    const response = await t.request('/api/user', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(Object.keys(response.json).sort()).toEqual([
      'created_at',
      'email',
      'email_verified_at',
      'id',
      'name',
      'updated_at',
    ]);
    expect(response.json).toMatchObject({ name: 'alice', email: 'alice@example.com' });
    const anonymous = await t.request('/api/user');
    expect(anonymous.json.status).toBe('error');
    const viaBasic = await t.request('/api/user', {
      headers: { authorization: basic(client.clientId, client.plainClientSecret) },
    });
    expect(viaBasic.json.status).toBe('error');
  });
});
