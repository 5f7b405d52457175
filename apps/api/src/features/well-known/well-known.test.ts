import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { TestApp } from '../../test/create-test-app.ts';
import { startAcmeTest, type TestClient } from '../oauth/testing/flows.ts';

let t: TestApp;
let client: TestClient;

beforeAll(async () => ({ t, client } = await startAcmeTest()));
afterAll(() => t.dispose());

const pathOf = (url: string) => new URL(url).pathname;

describe('discovery (OIDC Discovery 1.0, RFC 8414)', () => {
  test('oidcc-server-metadata: issuer is the configured origin; the OpenID and OAuth documents are the same', async () => {
    const openid = await t.request('/.well-known/openid-configuration');
    expect(openid.status).toBe(200);
    expect(openid.headers.get('cache-control')).toBe('public, max-age=300');
    const document = openid.json;
    expect(document).toMatchObject({
      issuer: t.context.config.origin,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      request_uri_parameter_supported: false,
      subject_types_supported: ['public'],
    });
    expect([...document.grant_types_supported].sort()).toEqual([
      'authorization_code',
      'client_credentials',
      'password',
      'refresh_token',
    ]);
    expect(document.id_token_signing_alg_values_supported).toContain('RS256');
    expect(document.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
      'none',
    ]);
    expect((await t.request('/.well-known/oauth-authorization-server')).json).toEqual(document);
  });

  test('every advertised endpoint is served (none answers 404)', async () => {
    const document = (await t.request('/.well-known/openid-configuration')).json;
    for (const name of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'introspection_endpoint',
      'revocation_endpoint',
      'end_session_endpoint',
    ]) {
      const url: string = document[name];
      expect(url.startsWith(t.context.config.origin)).toBe(true);
      const method = ['token_endpoint', 'introspection_endpoint', 'revocation_endpoint'].includes(name)
        ? 'POST'
        : 'GET';
      const response = await t.request(pathOf(url), { method });
      expect({ name, status: response.status }).not.toEqual({ name, status: 404 });
      expect(response.text).not.toContain('There is no API at');
    }
  });

  test("the per-application variants point at the application's JWKS; an unknown application is 404", async () => {
    const document = (await t.request('/.well-known/acme-app/openid-configuration')).json;
    expect(document.issuer).toBe(t.context.config.origin);
    expect(document.jwks_uri).toBe(`${t.context.config.origin}/.well-known/acme-app/jwks`);
    expect((await t.request('/.well-known/acme-app/oauth-authorization-server')).json.jwks_uri).toBe(document.jwks_uri);
    expect((await t.request('/.well-known/no-such-app/openid-configuration')).status).toBe(404);
    expect((await t.request('/.well-known/no-such-app/jwks')).status).toBe(404);
  });

  test('an unknown application is the whole error envelope, translated', async () => {
    const unknown = await t.request('/.well-known/no-such-app/jwks', { headers: { 'accept-language': 'de' } });
    expect(unknown.json).toEqual({
      status: 'error',
      msg: expect.stringContaining('no-such-app'),
      data: null,
      data2: null,
    });
    expect(unknown.json.msg).not.toBe((await t.request('/.well-known/no-such-app/openid-configuration')).json.msg);
  });
});

describe('JWKS', () => {
  test('the global cert, kid = cert name, with its certificate in x5c; the private key never appears', async () => {
    const jwks = (await t.request('/.well-known/jwks')).json;
    const builtIn = jwks.keys.find((key: { kid: string }) => key.kid === 'cert-built-in');
    expect(builtIn).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(builtIn.x5c[0]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const key of jwks.keys)
      for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(privatePart);
    const viaPost = await t.request('/.well-known/jwks', { method: 'POST' });
    expect(viaPost.json).toEqual(jwks);
    expect(
      (await t.request(`/.well-known/${client.name}/jwks`)).json.keys.map((key: { kid: string }) => key.kid),
    ).toEqual(['cert-built-in']);
  });
});

describe('WebFinger (RFC 7033, OIDC Discovery 1.0 §2)', () => {
  const issuerRelation = 'http://openid.net/specs/connect/1.0/issuer';

  test('the issuer of an account, globally and per application; the same for an unknown account', async () => {
    for (const path of ['/.well-known/webfinger', '/.well-known/acme-app/webfinger']) {
      for (const resource of ['acct:alice@example.com', 'acct:nobody@nowhere.example']) {
        const response = await t.request(`${path}?${new URLSearchParams({ resource, rel: issuerRelation })}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toStartWith('application/jrd+json');
        expect(response.json).toEqual({
          subject: resource,
          links: [{ rel: issuerRelation, href: t.context.config.origin }],
        });
      }
    }
    // No rel: every link; another rel only: none.
    expect((await t.request('/.well-known/webfinger?resource=acct:alice@example.com')).json.links).toHaveLength(1);
    expect(
      (await t.request('/.well-known/webfinger?resource=acct:alice@example.com&rel=http://webfinger.net/rel/avatar'))
        .json.links,
    ).toEqual([]);
    expect(
      (
        await t.request(
          `/.well-known/webfinger?resource=acct:alice@example.com&rel=http://webfinger.net/rel/avatar&rel=${encodeURIComponent(issuerRelation)}`,
        )
      ).json.links,
    ).toHaveLength(1);
  });

  test('a missing or malformed resource is 400 with the envelope; an unknown application is 404', async () => {
    const missing = await t.request('/.well-known/webfinger');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      status: 'error',
      msg: 'The parameter "resource" is required.',
      data: null,
      data2: null,
    });
    for (const resource of ['alice@example.com', 'acct:', ':x', `acct:${'a'.repeat(3000)}`]) {
      const response = await t.request(`/.well-known/webfinger?${new URLSearchParams({ resource })}`);
      expect({ resource, status: response.status, msg: response.json.msg }).toEqual({
        resource,
        status: 400,
        msg: 'The parameter "resource" has a value that is not allowed.',
      });
    }
    expect((await t.request('/.well-known/no-such-app/webfinger?resource=acct:alice@example.com')).status).toBe(404);
  });
});
