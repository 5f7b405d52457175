import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createRemoteJWKSet, decodeProtectedHeader, importPKCS8, jwtVerify, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import {
  apiWithSession,
  databaseEnvironment,
  type RunningLatchkey,
  signInSession,
  startLatchkey,
} from '../support/server.ts';
import { type OidcFixtures, seedOidcFixtures, signInHeadless } from './oidc-fixtures.ts';

/**
 * Keys verify only their own tenant, against the real server with panva's openid-client 6: an
 * organization (globex) whose administrator creates its own cert and an application signing with it.
 * A relying party of that application discovers it through `/.well-known/<application>/openid-configuration`
 * and verifies the ID token's signature (non-repudiation checks on) with the application's JWKS; the
 * global JWKS does not hold globex's key, so nothing globex's administrator signs verifies as
 * another tenant's token there.
 */
let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;
let acme: OidcFixtures;
let globex: { clientId: string; clientSecret: string; redirectUri: string; privateKey: string; password: string };

const apiAs = (cookie: string, path: string, body?: unknown) => apiWithSession(server.url, cookie, path, body);

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({ env: database.env });
  acme = await seedOidcFixtures(server);
  const root = await signInSession(server.url, {
    organization: 'built-in',
    username: 'admin',
    password: server.adminPassword,
  });
  const password = `globex-${crypto.randomUUID()}`;
  await apiAs(root, '/api/add-organization', { owner: 'admin', name: 'globex', displayName: 'Globex' });
  await apiAs(root, '/api/add-user', {
    owner: 'globex',
    name: 'hank',
    displayName: 'Hank Scorpio',
    isAdmin: true,
    password,
  });
  await apiAs(root, '/api/add-user', {
    owner: 'globex',
    name: 'bob',
    displayName: 'Bob',
    email: 'bob@globex.example',
    emailVerified: true,
    password,
  });
  // From here on globex's own administrator acts: a cert of globex, an application signing with it.
  const hank = await signInSession(server.url, { organization: 'globex', username: 'hank', password });
  await apiAs(hank, '/api/add-cert', { owner: 'globex', name: 'globex-cert', cryptoAlgorithm: 'RS256' });
  await apiAs(hank, '/api/add-cert', { owner: 'globex', name: 'cert-built-in', cryptoAlgorithm: 'RS256' });
  const privateKey: string = (await apiAs(hank, '/api/get-cert?id=globex/globex-cert')).privateKey;
  await apiAs(hank, '/api/add-application', {
    owner: 'admin',
    name: 'globex-web',
    displayName: 'Globex Web',
    organization: 'globex',
    cert: 'globex-cert',
    enablePassword: true,
    expireInHours: 1,
    refreshExpireInHours: 24,
    tokenFormat: 'JWT',
    redirectUris: ['https://rp.globex.example/callback'],
    grantTypes: ['authorization_code', 'refresh_token'],
  });
  const application = await apiAs(root, '/api/get-application?id=admin/globex-web');
  globex = {
    clientId: application.clientId,
    clientSecret: application.clientSecret,
    redirectUri: application.redirectUris[0],
    privateKey,
    password,
  };
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

const insecure = { execute: [oidc.allowInsecureRequests] };

/** The code flow with PKCE through the sign-in page, as bob of globex. */
async function codeFlow(config: oidc.Configuration) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: globex.redirectUri,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { callback } = await signInHeadless(url.href, 'bob', globex.password);
  return oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
}

describe('an application of an organization with its own cert', () => {
  test("openid-client discovers it through the application's document and verifies the ID token with its JWKS", async () => {
    const config = await oidc.discovery(
      new URL(`${server.url}/.well-known/globex-web/openid-configuration`),
      globex.clientId,
      globex.clientSecret,
      undefined,
      insecure,
    );
    oidc.enableNonRepudiationChecks(config);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(server.url);
    expect(metadata.jwks_uri).toBe(`${server.url}/.well-known/globex-web/jwks`);

    const tokens = await codeFlow(config);
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: 'RS256', kid: 'globex/globex-cert' });
    expect(tokens.claims()).toMatchObject({ iss: server.url, aud: globex.clientId, name: 'bob' });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo.email).toBe('bob@globex.example');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()!.sub).toBe(tokens.claims()!.sub);
    const { payload } = await jwtVerify(refreshed.id_token!, createRemoteJWKSet(new URL(metadata.jwks_uri!)), {
      issuer: server.url,
      audience: globex.clientId,
    });
    expect(payload.sub).toBe(tokens.claims()!.sub);
  });

  test('the global discovery does not publish its key: the same client with signature checks refuses the ID token', async () => {
    const config = await oidc.discovery(new URL(server.url), globex.clientId, globex.clientSecret, undefined, insecure);
    oidc.enableNonRepudiationChecks(config);
    expect(config.serverMetadata().jwks_uri).toBe(`${server.url}/.well-known/jwks`);
    await expect(codeFlow(config)).rejects.toMatchObject({ code: 'OAUTH_KEY_SELECTION_FAILED' });
  });

  test("a token globex's administrator signs for acme's application verifies neither globally nor at acme's application", async () => {
    const forged = await new SignJWT({ name: 'alice', owner: 'acme' })
      .setProtectedHeader({ alg: 'RS256', kid: 'globex/globex-cert', typ: 'JWT' })
      .setIssuer(server.url)
      .setAudience(acme.web.clientId)
      .setSubject('acme/alice')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importPKCS8(globex.privateKey, 'RS256'));
    const global = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    const acmeWeb = (await (await fetch(`${server.url}/.well-known/${acme.web.name}/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    const options = { issuer: server.url, audience: acme.web.clientId };
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(global.jwks_uri)), options)).rejects.toThrow();
    await expect(jwtVerify(forged, createRemoteJWKSet(new URL(acmeWeb.jwks_uri)), options)).rejects.toThrow();
    // Positive control: the forgery is well formed; it verifies where globex's key is published.
    const { payload } = await jwtVerify(
      forged,
      createRemoteJWKSet(new URL(`${server.url}/.well-known/globex-web/jwks`)),
      options,
    );
    expect(payload.sub).toBe('acme/alice');
  });

  test("positive control: acme's application on the global cert still verifies against the global JWKS; one key per kid", async () => {
    const config = await oidc.discovery(
      new URL(server.url),
      acme.web.clientId,
      acme.web.clientSecret,
      undefined,
      insecure,
    );
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'read' });
    expect(decodeProtectedHeader(tokens.access_token).kid).toBe('cert-built-in');
    await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
      issuer: server.url,
    });
    const global = (await (await fetch(`${server.url}/.well-known/jwks`)).json()) as { keys: { kid: string }[] };
    expect(global.keys.map((key) => key.kid)).toEqual(['cert-built-in']);
  });
});
