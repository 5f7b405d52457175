import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { SDK } from 'casdoor-nodejs-sdk';
import { databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { certificatePem, type OidcFixtures, seedOidcFixtures, signInHeadless } from './oidc-fixtures.ts';

/**
 * Casdoor's official SDKs, unmodified, against the real server: casdoor-nodejs-sdk (server side:
 * getAuthToken, parseJwtToken with the certificate PEM and RS256, refreshToken, introspect) and
 * casdoor-js-sdk (browser side: the PKCE exchange without a client secret).
 */
let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;
let fixtures: OidcFixtures;
let certificate: string;

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({ env: database.env });
  fixtures = await seedOidcFixtures(server);
  const jwks = await (await fetch(`${server.url}/.well-known/${fixtures.web.name}/jwks`)).json();
  certificate = certificatePem(jwks.keys[0].x5c[0]);
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

/** A code for the web application, the way the SDK's own sign-in URL asks for one (no PKCE, scope "read"). */
async function codeForWebApp(sdk: SDK): Promise<string> {
  const signinUrl = sdk.getSignInUrl(fixtures.web.redirectUri);
  const { callback } = await signInHeadless(signinUrl, fixtures.username, fixtures.password);
  expect(callback.searchParams.get('state')).toBe(fixtures.web.name);
  return callback.searchParams.get('code')!;
}

describe('casdoor-nodejs-sdk', () => {
  const sdk = () =>
    new SDK({
      endpoint: server.url,
      clientId: fixtures.web.clientId,
      clientSecret: fixtures.web.clientSecret,
      certificate,
      orgName: fixtures.organization,
      appName: fixtures.web.name,
    });

  test('getAuthToken, parseJwtToken (RS256 with the certificate PEM), refreshToken, introspect', async () => {
    const casdoor = sdk();
    const code = await codeForWebApp(casdoor);
    const { access_token, refresh_token } = await casdoor.getAuthToken(code);
    expect(access_token.split('.')).toHaveLength(3);
    expect(refresh_token).toBeString();

    const user = casdoor.parseJwtToken(access_token) as unknown as Record<string, unknown>;
    expect(user).toMatchObject({
      owner: 'acme',
      name: 'alice',
      displayName: 'Alice Liddell',
      email: 'alice@example.com',
      password: '',
      tokenType: 'access-token',
      iss: server.url,
    });
    expect(user).not.toHaveProperty('passwordSalt');

    const refreshed = await casdoor.refreshToken(refresh_token);
    expect(refreshed.access_token).not.toBe(access_token);
    expect((casdoor.parseJwtToken(refreshed.access_token) as unknown as Record<string, unknown>).name).toBe('alice');

    const introspection = await casdoor.introspect(refreshed.access_token, 'access_token');
    expect(introspection.data).toMatchObject({ active: true, client_id: fixtures.web.clientId, username: 'alice' });
    const stale = await casdoor.introspect('not-a-token', 'access_token');
    expect(stale.data).toEqual({ active: false });
  });

  test('parseJwtToken refuses a token signed by another key', async () => {
    const casdoor = sdk();
    const code = await codeForWebApp(casdoor);
    const { access_token } = await casdoor.getAuthToken(code);
    const [header, payload] = access_token.split('.');
    expect(() => casdoor.parseJwtToken(`${header}.${payload}.${'A'.repeat(342)}`)).toThrow();
  });

  test('getAuthToken with a code that was already used fails', async () => {
    const casdoor = sdk();
    const code = await codeForWebApp(casdoor);
    await casdoor.getAuthToken(code);
    await expect(casdoor.getAuthToken(code)).rejects.toMatchObject({
      response: { status: 400, data: { error: 'invalid_grant' } },
    });
  });
});

/** A minimal window and sessionStorage, which casdoor-js-sdk reads in a browser. */
function browserGlobals(origin: string) {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  } as Storage;
  const location = {
    origin,
    href: `${origin}/`,
    assigned: '',
    assign(url: string) {
      location.assigned = url;
    },
  };
  Object.assign(globalThis, { window: { location, crypto: globalThis.crypto }, sessionStorage: storage });
  return { storage, location };
}

describe('casdoor-js-sdk', () => {
  test('signin_redirect and exchangeForAccessToken: the PKCE exchange without a client secret, then a public refresh', async () => {
    const { storage, location } = browserGlobals('http://localhost:5173');
    const { default: Sdk } = await import('casdoor-js-sdk');
    const casdoor = new Sdk({
      serverUrl: server.url,
      clientId: fixtures.spa.clientId,
      appName: fixtures.spa.name,
      organizationName: fixtures.organization,
      redirectPath: '/callback',
      scope: 'openid profile',
      storage,
    });

    await casdoor.signin_redirect();
    const authorizationUrl = new URL(location.assigned);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(fixtures.spa.redirectUri);

    const { callback } = await signInHeadless(authorizationUrl.href, fixtures.username, fixtures.password);
    location.href = callback.href;
    const tokens = await casdoor.exchangeForAccessToken();
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(casdoor.parseAccessToken(tokens.access_token).payload).toMatchObject({ name: 'alice', owner: 'acme' });

    // The SDK types the parsed JSON as a Response; it is the UserInfo object.
    const userinfo = (await casdoor.getUserInfo(tokens.access_token)) as unknown as Record<string, unknown>;
    expect(userinfo).toMatchObject({ preferred_username: 'alice' });

    const refreshed = await casdoor.refreshAccessToken(tokens.refresh_token);
    expect(refreshed.access_token).toBeString();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });
});
