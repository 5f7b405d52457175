import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { findApplication } from '@latchkey/db';
import { applicationSigningKey } from '../../core/tokens/signing-keys.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication } from '../../test/fixtures.ts';
import {
  authorizeQuery,
  codeFor,
  pkcePair,
  REDIRECT_URI,
  seedAcme,
  type TestClient,
  tokenRequest,
  tokensFor,
} from './testing/flows.ts';

/**
 * One test per rule, named after the OpenID conformance module or the RFC 9700 section it mirrors,
 * so that a later run of the real conformance suite maps onto these one to one.
 */
let t: TestApp;
let client: TestClient;
let other: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  other = await addApplication(t, 'other-app', 'acme', {
    redirectUris: ['https://other.example.com/cb'],
    grantTypes: ['authorization_code', 'refresh_token'],
  });
});
afterAll(() => t.dispose());

const account = (token: string) => t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } });
const authorize = (redirectUri: string, extra: Record<string, string> = {}) =>
  t.request(
    `/login/oauth/authorize?${authorizeQuery({ clientId: client.clientId, redirectUri, state: 'xyz', extra })}`,
  );

describe('redirect URIs (RFC 9700 §4.1.3, ASVS 10.4.1)', () => {
  test('oidcc-ensure-registered-redirect-uri: an unregistered redirect_uri gets an error page and is never redirected to', async () => {
    const response = await authorize('https://evil.example.net/callback');
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('The redirect URI is not registered for this application.');
    expect(response.text).not.toContain('evil.example.net');
  });

  test('oidcc-ensure-redirect-uri-in-authorization-request: a missing redirect_uri is an error page', async () => {
    const response = await t.request(
      `/login/oauth/authorize?client_id=${client.clientId}&response_type=code&state=xyz`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  test('an unknown client_id is an error page, even with a redirect URI another client registered', async () => {
    const response = await t.request(
      `/login/oauth/authorize?client_id=nobody&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.text).toContain('There is no application with this client ID.');
  });

  test('RFC 9700 §4.1.3 exact matching: prefix, suffix, path, case, slash, port, userinfo, query and fragment variants are refused', async () => {
    const variants = [
      'https://app.example.com/callback/',
      'https://app.example.com/callback/../callback',
      'https://app.example.com/callbackx',
      'https://app.example.com/Callback',
      'https://APP.example.com/callback',
      'https://app.example.com:443/callback',
      'https://app.example.com:8443/callback',
      'http://app.example.com/callback',
      'https://app.example.com/callback?next=x',
      'https://app.example.com/callback#frag',
      'https://user@app.example.com/callback',
      'https://evil.com@app.example.com/callback',
      'https://app.example.com.evil.com/callback',
      'https://evilapp.example.com/callback',
      'https://sub.app.example.com/callback',
      'https://evil.com/?r=https://app.example.com/callback',
      'https://app.example.com%2F@evil.com/callback',
      'https://app.example.com/callback%2F..%2F..%2Fevil',
    ];
    for (const variant of variants) {
      const response = await authorize(variant);
      expect({ variant, status: response.status, location: response.headers.get('location') }).toEqual({
        variant,
        status: 400,
        location: null,
      });
    }
  });

  test('open redirect attempts (CVE-2026-5467): //evil.com, https://good.example.com.evil.com/cb, javascript:, data: are refused without redirect', async () => {
    const withEvil = await addApplication(t, 'registered-evil', 'acme', {
      redirectUris: ['https://good.example.com/cb', 'javascript:alert(1)', 'data:text/html,hi'],
    });
    for (const variant of [
      '//evil.com',
      '//evil.com/cb',
      'https://good.example.com.evil.com/cb',
      'https://good.example.com@evil.com/cb',
      'javascript:alert(1)',
      'data:text/html,hi',
      '/cb',
    ]) {
      const response = await t.request(
        `/login/oauth/authorize?${authorizeQuery({ clientId: withEvil.clientId, redirectUri: variant, state: 's' })}`,
      );
      expect({ variant, status: response.status, location: response.headers.get('location') }).toEqual({
        variant,
        status: 400,
        location: null,
      });
    }
  });

  test('Casdoor\'s "any localhost is fine" rule is not copied', async () => {
    for (const variant of [
      'http://localhost:3000/callback',
      'http://127.0.0.1:8080/anything',
      'http://localhost/callback',
    ]) {
      const response = await authorize(variant);
      expect({ variant, status: response.status }).toEqual({ variant, status: 400 });
    }
  });

  test('RFC 8252 §7.3: a registered loopback redirect may change only its port', async () => {
    const ok = await authorize('http://127.0.0.1:53127/native-callback');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<form');
    for (const variant of [
      'http://127.0.0.1:53127/native-callback/x',
      'http://127.0.0.2:53127/native-callback',
      'https://127.0.0.1:53127/native-callback',
      'http://localhost:53127/native-callback',
    ]) {
      expect({ variant, status: (await authorize(variant)).status }).toEqual({ variant, status: 400 });
    }
    const code = await codeFor(t, { clientId: client.clientId, redirectUri: 'http://127.0.0.1:61000/native-callback' });
    expect(code.length).toBeGreaterThan(40);
  });

  test('a private-use scheme of a native app matches exactly', async () => {
    expect((await authorize('com.example.app:/oauth2redirect')).status).toBe(200);
    expect((await authorize('com.example.app:/oauth2redirect2')).status).toBe(400);
  });
});

describe('authorization codes (RFC 6749 §4.1.2, RFC 9700 §4.2.4)', () => {
  test('oidcc-codereuse: a code redeemed twice is refused and revokes the tokens of the first redemption', async () => {
    const { code, verifier, tokens } = await tokensFor(t, client);
    expect((await account(tokens.access_token)).json.status).toBe('ok');
    const replay = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      client,
    );
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe('invalid_grant');
    expect((await account(tokens.access_token)).json.msg).toBe('The access token has been revoked.');
    const refresh = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client);
    expect(refresh.json.error).toBe('invalid_grant');
  });

  test('RFC 6749 §4.1.3: a code issued to another client is refused (and stays usable by its own client)', async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const stolen = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      other,
    );
    expect(stolen.status).toBe(400);
    expect(stolen.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The authorization code was issued to another client.',
    });
    const own = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      client,
    );
    expect(own.status).toBe(200);
  });

  test('RFC 6749 §4.1.3: the redirect_uri of the token request must be the one of the authorization request', async () => {
    const code = await codeFor(t, { clientId: client.clientId, redirectUri: 'http://127.0.0.1:5000/native-callback' });
    const response = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      client,
    );
    expect(response.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The redirect URI is not the one the authorization code was issued for.',
    });
  });

  test('ASVS 10.4.3: a code expires after five minutes', async () => {
    const code = await codeFor(t, { clientId: client.clientId });
    t.clock.advance(301_000);
    try {
      const response = await tokenRequest(
        t,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
        client,
      );
      expect(response.json).toMatchObject({
        error: 'invalid_grant',
        error_description: 'The authorization code has expired.',
      });
    } finally {
      t.clock.advance(-301_000);
    }
  });

  test('an unknown code is invalid_grant', async () => {
    const response = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: REDIRECT_URI },
      client,
    );
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_grant');
  });
});

describe('PKCE (RFC 7636, RFC 9700 §2.1.1)', () => {
  test('RFC 9700 §2.1.1 PKCE downgrade: a code_verifier for a code issued without a challenge is refused', async () => {
    const code = await codeFor(t, { clientId: client.clientId });
    const response = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkcePair().verifier },
      client,
    );
    expect(response.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'A code verifier was sent for a code that was issued without a code challenge.',
    });
  });

  test('RFC 7636 §4.6: a wrong code_verifier is refused, and so is a missing one', async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const wrong = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkcePair().verifier },
      client,
    );
    expect(wrong.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The code verifier does not match the code challenge.',
    });
    const missing = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      client,
    );
    expect(missing.json).toMatchObject({ error: 'invalid_grant', error_description: 'The code verifier is missing.' });
    // The failed attempts did not burn the code.
    expect(
      (
        await tokenRequest(
          t,
          { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
          client,
        )
      ).status,
    ).toBe(200);
  });

  test('ASVS 10.4.6: the plain method, and a challenge without a method, are refused at the authorization endpoint', async () => {
    const attempts: Record<string, string>[] = [
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
      { code_challenge: 'a'.repeat(43) },
      { code_challenge_method: 'S256' },
    ];
    for (const extra of attempts) {
      const response = await authorize(REDIRECT_URI, extra);
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('xyz');
    }
  });

  test('a public client (no secret) must use PKCE', async () => {
    const code = await codeFor(t, { clientId: client.clientId });
    const response = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: client.clientId,
    });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
  });
});

describe('refresh tokens (RFC 6749 §6, RFC 9700 §4.14)', () => {
  test('RFC 6749 §6: a refresh token of another client is refused', async () => {
    const { tokens } = await tokensFor(t, client);
    const response = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, other);
    expect(response.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The refresh token was issued to another client.',
    });
  });

  test('RFC 9700 §4.14.2 refresh token reuse: presenting a rotated refresh token revokes the whole grant', async () => {
    const { tokens } = await tokensFor(t, client);
    const first = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client);
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(tokens.refresh_token);
    const second = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: first.json.refresh_token },
      client,
    );
    expect(second.status).toBe(200);

    const reuse = await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, client);
    expect(reuse.json).toMatchObject({
      error: 'invalid_grant',
      error_description: 'The refresh token has already been used or revoked; the whole grant is revoked.',
    });
    // Everything the grant produced is dead: the newest refresh token and every access token.
    expect(
      (await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: second.json.refresh_token }, client)).json
        .error,
    ).toBe('invalid_grant');
    for (const token of [tokens.access_token, first.json.access_token, second.json.access_token]) {
      expect((await account(token)).json.msg).toBe('The access token has been revoked.');
    }
  });

  test('a refresh token of a confidential grant needs the client secret again', async () => {
    const { tokens } = await tokensFor(t, client);
    const response = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: client.clientId,
    });
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
  });

  test('ASVS 10.4.8: rotation keeps the absolute expiry of the first refresh token', async () => {
    const { tokens } = await tokensFor(t, client);
    t.clock.advance(100 * 3600_000);
    try {
      const rotated = await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        client,
      );
      expect(rotated.status).toBe(200);
      t.clock.advance(69 * 3600_000);
      const late = await tokenRequest(
        t,
        { grant_type: 'refresh_token', refresh_token: rotated.json.refresh_token },
        client,
      );
      expect(late.json).toMatchObject({ error: 'invalid_grant', error_description: 'The refresh token has expired.' });
    } finally {
      t.clock.advance(-169 * 3600_000);
    }
  });

  test('a refresh may narrow the scope but never widen it', async () => {
    const { tokens } = await tokensFor(t, client, { scope: 'openid profile' });
    const wider = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: 'openid profile email' },
      client,
    );
    expect(wider.json).toMatchObject({ error: 'invalid_scope' });
    const narrower = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: 'openid' },
      client,
    );
    expect(narrower.json.scope).toBe('openid');
  });
});

describe('tokens presented to the API (RFC 8725, ASVS 9.1)', () => {
  const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function forged(header: Record<string, unknown>, sign: (input: string) => string) {
    const { tokens } = await tokensFor(t, client);
    const payload = tokens.access_token.split('.')[1]!;
    const input = `${segment(header)}.${payload}`;
    return { original: tokens.access_token, forged: `${input}.${sign(input)}` };
  }

  test('RFC 8725 §3.1: an alg "none" token is refused', async () => {
    const { forged: token } = await forged({ alg: 'none', typ: 'JWT' }, () => '');
    expect((await account(token)).json.msg).toBe('The access token is not valid.');
    const userinfo = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${token}` } });
    expect(userinfo.status).toBe(401);
  });

  test('RFC 8725 §3.1: an HS256 token keyed with the public key is refused (key confusion)', async () => {
    const application = (await findApplication(t.context.db, 'acme-app'))!;
    const key = await applicationSigningKey(t.context, application);
    const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const { forged: token } = await forged({ alg: 'HS256', kid: key.kid, typ: 'JWT' }, (input) =>
      createHmac('sha256', publicPem).update(input).digest('base64url'),
    );
    expect((await account(token)).json.msg).toBe('The access token is not valid.');
  });

  test('a token whose payload was changed after signing is refused', async () => {
    const { tokens } = await tokensFor(t, client);
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const changed = `${header}.${segment({ ...claims, name: 'admin', owner: 'built-in' })}.${signature}`;
    expect((await account(changed)).json.msg).toBe('The access token is not valid.');
  });

  test('an expired access token is refused', async () => {
    const { tokens } = await tokensFor(t, client);
    t.clock.advance((168 * 3600 + 1) * 1000);
    try {
      expect((await account(tokens.access_token)).json.msg).toBe('The access token has expired.');
      expect(
        (await t.request('/api/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } })).json.error,
      ).toBe('invalid_token');
    } finally {
      t.clock.advance(-(168 * 3600 + 1) * 1000);
    }
  });

  test('a revoked access token is refused', async () => {
    const { tokens } = await tokensFor(t, client);
    const revoked = await t.request('/api/login/oauth/revoke', {
      method: 'POST',
      body: new URLSearchParams({
        token: tokens.access_token,
        client_id: client.clientId,
        client_secret: client.plainClientSecret,
      }),
    });
    expect(revoked.status).toBe(200);
    expect((await account(tokens.access_token)).json.msg).toBe('The access token has been revoked.');
  });

  test('an ID token is not an access token', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await account(tokens.id_token)).json.msg).toBe('The access token is not valid.');
  });
});
