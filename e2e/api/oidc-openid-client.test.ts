import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { type OidcFixtures, seedOidcFixtures, signInHeadless } from './oidc-fixtures.ts';

/**
 * panva's openid-client 6 (a certified relying-party library), unmodified, against the real server:
 * discovery, the code flow with PKCE through the sign-in page and through Casdoor's SPA path,
 * UserInfo, refresh, introspection, revocation, client credentials and RP-initiated logout.
 */
let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;
let fixtures: OidcFixtures;
let config: oidc.Configuration;

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({ env: database.env });
  fixtures = await seedOidcFixtures(server);
  config = await oidc.discovery(new URL(server.url), fixtures.web.clientId, fixtures.web.clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

/** The code flow with PKCE, driven through the sign-in page as a browser would. */
async function codeFlow(scope = 'openid profile email') {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: fixtures.web.redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { callback, sessionCookie } = await signInHeadless(authorizationUrl.href, fixtures.username, fixtures.password);
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { tokens, callback, nonce, sessionCookie };
}

describe('openid-client against Latchkey', () => {
  test('discovery: the issuer is the server origin and the metadata says what works', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(server.url);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    expect(metadata.revocation_endpoint).toBe(`${server.url}/api/login/oauth/revoke`);
  });

  test('authorization code + PKCE through the sign-in page; the ID token verifies against the JWKS', async () => {
    const { tokens, callback, nonce } = await codeFlow();
    expect(callback.searchParams.get('iss')).toBe(server.url);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeString();
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: server.url,
      aud: fixtures.web.clientId,
      nonce,
      name: 'alice',
      email: 'alice@example.com',
    });
    expect(claims.auth_time).toBeNumber();
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, {
      issuer: server.url,
      audience: fixtures.web.clientId,
    });
    expect(payload.sub).toBe(claims.sub);
  });

  test('UserInfo (GET and POST), refresh with rotation, introspection and revocation', async () => {
    const { tokens } = await codeFlow();
    const sub = tokens.claims()!.sub;
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, sub);
    expect(userinfo).toMatchObject({
      sub,
      preferred_username: 'alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      email_verified: true,
    });
    const viaPost = await oidc.fetchProtectedResource(
      config,
      tokens.access_token,
      new URL(config.serverMetadata().userinfo_endpoint!),
      'POST',
    );
    expect((await viaPost.json()).sub).toBe(sub);

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()!.sub).toBe(sub);

    const active = await oidc.tokenIntrospection(config, refreshed.access_token);
    expect(active).toMatchObject({
      active: true,
      client_id: fixtures.web.clientId,
      username: 'alice',
      token_type: 'Bearer',
    });

    await oidc.tokenRevocation(config, refreshed.refresh_token!, { token_type_hint: 'refresh_token' });
    expect((await oidc.tokenIntrospection(config, refreshed.access_token)).active).toBe(false);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  test('a replayed code is refused and the first tokens are revoked', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: fixtures.web.redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const { callback } = await signInHeadless(url.href, fixtures.username, fixtures.password);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await expect(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  test('client credentials', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'read write' });
    expect(tokens.scope).toBe('read write');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.id_token).toBeUndefined();
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(true);
  });

  test("a public client: code + PKCE through Casdoor's SPA path (POST /api/login type code), no secret", async () => {
    const spa = await oidc.discovery(new URL(server.url), fixtures.spa.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const query = new URLSearchParams({
      clientId: fixtures.spa.clientId,
      responseType: 'code',
      redirectUri: fixtures.spa.redirectUri,
      scope: 'openid profile',
      state,
      code_challenge_method: 'S256',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    });
    const appLogin = await (await fetch(`${server.url}/api/get-app-login?${query}&type=code`)).json();
    expect(appLogin).toMatchObject({ status: 'ok', data: { name: 'acme-spa', clientSecret: '***' } });
    const login = await fetch(`${server.url}/api/login?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'acme-spa',
        organization: 'acme',
        username: fixtures.username,
        password: fixtures.password,
        type: 'code',
      }),
    });
    const { status, data: code } = await login.json();
    expect(status).toBe('ok');
    // What the sign-in page does next: send the browser to the redirect URI with code, state and iss.
    const callback = new URL(`${fixtures.spa.redirectUri}?${new URLSearchParams({ code, state, iss: server.url })}`);
    const tokens = await oidc.authorizationCodeGrant(spa, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()!.aud).toBe(fixtures.spa.clientId);
    const refreshed = await oidc.refreshTokenGrant(spa, tokens.refresh_token!);
    expect(refreshed.access_token).toBeString();
  });

  test('RP-initiated logout ends the session and returns to the registered URI with state', async () => {
    const { tokens, sessionCookie } = await codeFlow('openid');
    const account = async () =>
      (await (await fetch(`${server.url}/api/get-account`, { headers: { cookie: sessionCookie } })).json()).status;
    expect(await account()).toBe('ok');
    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: fixtures.web.redirectUri,
      state: 'bye',
    });
    const response = await fetch(endSession, { headers: { cookie: sessionCookie }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${fixtures.web.redirectUri}?state=bye`);
    expect(await account()).toBe('error');
  });
});
