import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertRow } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { addApplication } from '../../../test/fixtures.ts';
import { flushAuditLog } from '../../records/audit-log.ts';
import {
  authorizeQuery,
  hiddenInputs,
  REDIRECT_URI,
  seedAcme,
  signInThroughPage,
  type TestClient,
  tokenRequest,
} from '../testing/flows.ts';

let t: TestApp;
let client: TestClient;
const issuer = () => t.context.config.origin;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
});
afterAll(() => t.dispose());

const page = (query: string, headers: Record<string, string> = {}) =>
  t.request(`/login/oauth/authorize?${query}`, { headers });

describe('the sign-in page', () => {
  test('is a real form with the request in hidden fields, a CSRF token, and headers that forbid framing, scripts and caching', async () => {
    const response = await page(
      authorizeQuery({ clientId: client.clientId, scope: 'openid', state: 'st', nonce: 'n-1' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    // same-origin, so that the browser's form post carries our Origin (no-referrer would send Origin: null, which CORS refuses).
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('set-cookie')).toMatch(
      /^latchkey_authorize_csrf=[\w-]{43}; Path=\/login\/oauth; HttpOnly; SameSite=Strict/,
    );
    expect(response.text).toContain('<h1>Sign in to acme-app</h1>');
    const fields = hiddenInputs(response.text);
    expect(Object.fromEntries(fields)).toMatchObject({
      client_id: client.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      state: 'st',
      nonce: 'n-1',
      action: 'signin',
    });
    expect(fields.get('csrf')).toMatch(/^[\w-]{43}$/);
  });

  test('speaks the language of ui_locales, else Accept-Language', async () => {
    const french = await page(authorizeQuery({ clientId: client.clientId, extra: { ui_locales: 'fr-CA fr' } }));
    expect(french.text).toContain('Se connecter à acme-app');
    const japanese = await page(authorizeQuery({ clientId: client.clientId }), { 'accept-language': 'ja' });
    expect(japanese.text).toContain('acme-app にサインイン');
  });

  test('escapes what the request carries (no reflected markup)', async () => {
    const response = await page(
      authorizeQuery({
        clientId: client.clientId,
        state: '"><script>alert(1)</script>',
        extra: { login_hint: '<img src=x>' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).not.toContain('<img src=x>');
    expect(response.text).toContain('&#34;&#62;&#60;script&#62;');
  });

  test('signing in answers 303 to the redirect URI with code, state and iss (RFC 9207), and starts a session', async () => {
    const { response, parameters, sessionCookie } = await signInThroughPage(t, {
      clientId: client.clientId,
      state: 'abc',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')!.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(parameters.get('code')).toMatch(/^[\w-]{43}$/);
    expect(parameters.get('state')).toBe('abc');
    expect(parameters.get('iss')).toBe(issuer());
    expect(sessionCookie).toMatch(/^casdoor_session_id=/);
    expect((await t.request('/api/get-account', { headers: { cookie: sessionCookie! } })).json.name).toBe('alice');
  });

  test('signing in with the form ends the session the browser presented, as POST /api/login does', async () => {
    const first = (await signInThroughPage(t, { clientId: client.clientId })).sessionCookie!;
    const again = await signInThroughPage(t, { clientId: client.clientId, cookie: first, extra: { prompt: 'login' } });
    expect(again.response.status).toBe(303);
    expect(again.sessionCookie).toMatch(/^casdoor_session_id=/);
    expect((await t.request('/api/get-account', { headers: { cookie: first } })).json.data).toBe('Please login first');
    expect((await t.request('/api/get-account', { headers: { cookie: again.sessionCookie! } })).json.name).toBe(
      'alice',
    );
  });

  test('a wrong password shows the page again with the error; no redirect', async () => {
    const { response } = await signInThroughPage(t, { clientId: client.clientId, password: 'wrong' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.text).toContain('The username or password is wrong.');
    expect(response.text).toContain('value="alice"');
  });

  test('a user of another organization cannot sign in to the application', async () => {
    const { response } = await signInThroughPage(t, {
      clientId: client.clientId,
      username: 'admin',
      password: 'admin-password-for-tests',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  test('oidcc-ensure-post-request-succeeds: an authorization request may come as a form POST', async () => {
    const response = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: new URLSearchParams(authorizeQuery({ clientId: client.clientId, state: 'posted' })),
    });
    expect(response.status).toBe(200);
    expect(hiddenInputs(response.text).get('state')).toBe('posted');
    const refused = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: new URLSearchParams(authorizeQuery({ clientId: client.clientId, extra: { prompt: 'none' } })),
    });
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('login_required');
  });

  test('a form post without the CSRF cookie is refused (login CSRF)', async () => {
    const form = new URLSearchParams(
      Object.fromEntries(hiddenInputs((await page(authorizeQuery({ clientId: client.clientId }))).text)),
    );
    form.set('username', 'alice');
    form.set('password', 'alice-password');
    const response = await t.request('/login/oauth/authorize', { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.text).toContain('The sign-in form has expired.');
  });

  test('the posted form is checked again: a redirect URI changed in the form is an error page', async () => {
    const first = await page(authorizeQuery({ clientId: client.clientId }));
    const csrf = /latchkey_authorize_csrf=([^;]+)/.exec(first.headers.get('set-cookie')!)![1];
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(first.text)));
    form.set('redirect_uri', 'https://evil.example.net/cb');
    form.set('username', 'alice');
    form.set('password', 'alice-password');
    const response = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: form,
      headers: { cookie: `latchkey_authorize_csrf=${csrf}` },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('errors sent back to the client (RFC 6749 §4.1.2.1)', () => {
  const errorOf = async (query: string, headers: Record<string, string> = {}) => {
    const response = await page(query, headers);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('iss')).toBe(issuer());
    return location.searchParams;
  };

  test('unsupported response types (implicit and hybrid are not offered)', async () => {
    for (const responseType of ['token', 'id_token', 'code id_token', 'code token']) {
      const query = authorizeQuery({ clientId: client.clientId, state: 's1' }).replace(
        'response_type=code',
        `response_type=${encodeURIComponent(responseType)}`,
      );
      const parameters = await errorOf(query);
      expect(parameters.get('error')).toBe('unsupported_response_type');
      expect(parameters.get('state')).toBe('s1');
    }
  });

  test('bad scope, response_mode, prompt, max_age and request objects', async () => {
    expect((await errorOf(authorizeQuery({ clientId: client.clientId, scope: 'openid "quoted"' }))).get('error')).toBe(
      'invalid_scope',
    );
    expect(
      (await errorOf(authorizeQuery({ clientId: client.clientId, extra: { response_mode: 'fragment' } }))).get('error'),
    ).toBe('invalid_request');
    expect(
      (await errorOf(authorizeQuery({ clientId: client.clientId, extra: { prompt: 'none login' } }))).get('error'),
    ).toBe('invalid_request');
    expect((await errorOf(authorizeQuery({ clientId: client.clientId, extra: { max_age: '-1' } }))).get('error')).toBe(
      'invalid_request',
    );
    expect(
      (await errorOf(authorizeQuery({ clientId: client.clientId, extra: { request: 'eyJ...' } }))).get('error'),
    ).toBe('request_not_supported');
    expect(
      (await errorOf(authorizeQuery({ clientId: client.clientId, extra: { request_uri: 'urn:x' } }))).get('error'),
    ).toBe('request_uri_not_supported');
  });

  test('error_description is English in the RFC 6749 character set, whatever ui_locales or Accept-Language ask for', async () => {
    const unsupported = authorizeQuery({ clientId: client.clientId }).replace(
      'response_type=code',
      `response_type=${encodeURIComponent('tok"en\\é中')}`,
    );
    for (const [query, headers] of [
      [unsupported, { 'accept-language': 'zh' }],
      [`${unsupported}&ui_locales=fr`, {}],
      [authorizeQuery({ clientId: client.clientId, extra: { max_age: '-1', ui_locales: 'ja' } }), {}],
    ] as const) {
      const description = (await errorOf(query, headers)).get('error_description')!;
      expect(description).toMatch(/^[\x20\x21\x23-\x5b\x5d-\x7e]+$/);
      expect(description).toMatch(/^The /);
    }
    expect((await errorOf(unsupported, { 'accept-language': 'fr' })).get('error_description')).toBe(
      "The response type 'tok'en???' is not supported; use 'code'.",
    );
  });

  test('a registered redirect URI that has a query keeps it', async () => {
    const withQuery = await addApplication(t, 'query-app', 'acme', {
      redirectUris: ['https://q.example.com/cb?tenant=7'],
    });
    const response = await page(
      authorizeQuery({
        clientId: withQuery.clientId,
        redirectUri: 'https://q.example.com/cb?tenant=7',
        extra: { response_type: 'token' },
      }),
    );
    expect(
      response.headers.get('location')!.startsWith('https://q.example.com/cb?tenant=7&error=unsupported_response_type'),
    ).toBe(true);
  });
});

describe('single sign-on and prompt (OIDC Core 3.1.2.1)', () => {
  test('oidcc-prompt-none-not-logged-in: prompt=none without a session answers login_required', async () => {
    const response = await page(authorizeQuery({ clientId: client.clientId, state: 'p', extra: { prompt: 'none' } }));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe('p');
  });

  test('oidcc-prompt-none-logged-in: prompt=none with a session answers a code at once', async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    const response = await page(authorizeQuery({ clientId: client.clientId, state: 'q', extra: { prompt: 'none' } }), {
      cookie: sessionCookie!,
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('iss')).toBe(issuer());
    const exchanged = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT_URI },
      client,
    );
    expect(exchanged.status).toBe(200);
  });

  test('oidcc-max-age-1: a session older than max_age needs a new sign-in', async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    t.clock.advance(5000);
    try {
      const none = await page(authorizeQuery({ clientId: client.clientId, extra: { prompt: 'none', max_age: '1' } }), {
        cookie: sessionCookie!,
      });
      expect(new URL(none.headers.get('location')!).searchParams.get('error')).toBe('login_required');
      const shown = await page(authorizeQuery({ clientId: client.clientId, extra: { max_age: '1' } }), {
        cookie: sessionCookie!,
      });
      expect(shown.status).toBe(200);
      expect(shown.text).not.toContain('Continue as');
    } finally {
      t.clock.advance(-5000);
    }
  });

  test('with a session the page offers to continue as the user; prompt=login does not', async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    const offered = await page(authorizeQuery({ clientId: client.clientId }), { cookie: sessionCookie! });
    expect(offered.text).toContain('Continue as Alice Liddell');
    const forced = await page(authorizeQuery({ clientId: client.clientId, extra: { prompt: 'login' } }), {
      cookie: sessionCookie!,
    });
    expect(forced.text).not.toContain('Continue as');

    const csrf = /latchkey_authorize_csrf=([^;]+)/.exec(offered.headers.get('set-cookie')!)![1];
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(offered.text, 0)));
    expect(form.get('action')).toBe('continue');
    const continued = await t.request('/login/oauth/authorize', {
      method: 'POST',
      body: form,
      headers: { cookie: `latchkey_authorize_csrf=${csrf}; ${sessionCookie}` },
    });
    expect(continued.status).toBe(303);
    expect(new URL(continued.headers.get('location')!).searchParams.get('code')).toBeString();
  });

  test('an application with enableAutoSignin answers a signed-in user at once, as Casdoor does', async () => {
    const auto = await addApplication(t, 'auto-app', 'acme', { redirectUris: [REDIRECT_URI], enableAutoSignin: true });
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    const response = await page(authorizeQuery({ clientId: auto.clientId }), { cookie: sessionCookie! });
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).searchParams.get('code')).toBeString();
  });

  test('a session of another organization is not used', async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    await insertRow(t.context.db, 'organization', { owner: 'admin', name: 'globex' });
    const foreign = await addApplication(t, 'globex-app', 'globex', { redirectUris: [REDIRECT_URI] });
    const response = await page(authorizeQuery({ clientId: foreign.clientId, extra: { prompt: 'none' } }), {
      cookie: sessionCookie!,
    });
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('login_required');
  });
});

describe('rate limit', () => {
  test('password attempts on the sign-in page count against the per-address sign-in limit (429, Retry-After, no redirect)', async () => {
    const limited = await createTestApp({ config: { signinRateLimit: 2 } });
    try {
      const { client: limitedClient } = await seedAcme(limited);
      const attempt = () => signInThroughPage(limited, { clientId: limitedClient.clientId, password: 'wrong' });
      expect((await attempt()).response.status).toBe(400);
      expect((await attempt()).response.status).toBe(400);
      const refused = (await attempt()).response;
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('location')).toBeNull();
      expect(refused.text).toContain('Too many requests.');
    } finally {
      await limited.dispose();
    }
  });

  test('successful sign-ins on the page count nothing: more than the limit from one address all go through', async () => {
    const limited = await createTestApp({ config: { signinRateLimit: 2 } });
    try {
      const { client: limitedClient } = await seedAcme(limited);
      for (let i = 0; i < 5; i++)
        expect(
          (await signInThroughPage(limited, { clientId: limitedClient.clientId })).parameters.get('code'),
        ).toBeTruthy();
      expect(
        (await signInThroughPage(limited, { clientId: limitedClient.clientId, password: 'wrong' })).response.status,
      ).toBe(400);
    } finally {
      await limited.dispose();
    }
  });

  test('forms refused before the password (no double-submit token, no session to continue) count too, and past the limit nothing is recorded', async () => {
    const limited = await createTestApp({ config: { signinRateLimit: 2 } });
    try {
      const { client: limitedClient } = await seedAcme(limited);
      const page = await limited.request(
        `/login/oauth/authorize?${authorizeQuery({ clientId: limitedClient.clientId })}`,
      );
      const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text, 0)));
      const forged = () => limited.request('/login/oauth/authorize', { method: 'POST', body: form });
      const statuses = [
        (await forged()).status,
        (await forged()).status,
        (await forged()).status,
        (await forged()).status,
      ];
      expect(statuses).toEqual([400, 400, 429, 429]);
      await flushAuditLog(limited.context);
      expect(
        (await storedRows(limited.context.db, 'record', { action: 'login' })).map((record) => record.statusCode),
      ).toEqual([400, 400]);
    } finally {
      await limited.dispose();
    }
  });
});
