import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ensurePortalBuilt } from '../admin/support/latchkey.ts';
import { adminSession, databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';

// One origin: the API and the portal behind one port, as `npm start` runs them.
let latchkey: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;

beforeAll(async () => {
  ensurePortalBuilt();
  database = await databaseEnvironment();
  latchkey = await startLatchkey({ portal: true, env: database.env });
}, 600_000);
afterAll(async () => {
  await latchkey?.stop();
  await database?.dispose();
});

describe('the portal and the API on one port', () => {
  test('the API still answers /api/*, with its envelope', async () => {
    const response = await fetch(`${latchkey.url}/api/health`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    const unknown = await fetch(`${latchkey.url}/api/get-nothing`).then((r) => r.json());
    expect(unknown.status).toBe('error');
  });

  test('a signed-out visitor of a console page is sent to sign-in, on the public origin, and back afterwards', async () => {
    const response = await fetch(`${latchkey.url}/users?p=2`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${latchkey.url}/login?next=%2Fusers%3Fp%3D2`);
  });

  test('the sign-in page is server-rendered in the language the browser asks for, and its assets load', async () => {
    const english = await fetch(`${latchkey.url}/login`);
    expect(english.status).toBe(200);
    const html = await english.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Sign in');
    const german = await fetch(`${latchkey.url}/login`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } }).then(
      (r) => r.text(),
    );
    expect(german).toContain('<html lang="de"');
    expect(german).toContain('Anmelden');
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${latchkey.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  test("the API's session cookie is the console's: a signed-in page renders with the user's data", async () => {
    const cookie = await adminSession(latchkey);
    const page = await fetch(`${latchkey.url}/account`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('built-in/admin');
    // After sign-out at the API, the same cookie no longer opens the console.
    await fetch(`${latchkey.url}/api/logout`, { method: 'POST', headers: { cookie } });
    const after = await fetch(`${latchkey.url}/account`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(307);
    expect(after.headers.get('location')).toContain('/login?next=%2Faccount');
  });

  test("the portal's own cookies pass back through the proxy", async () => {
    const response = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: latchkey.url },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('latchkey_language=fr'))).toBe(true);
    const refused = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(refused.status).toBe(403);
  });

  test('only the portal may name the client address: a forged portal header is not believed', async () => {
    const username = `nobody-${Date.now()}`;
    await fetch(`${latchkey.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-latchkey-portal': 'guess', 'x-forwarded-for': '203.0.113.50' },
      body: JSON.stringify({ organization: 'built-in', username, password: 'wrong', type: 'login' }),
    });
    const query = new URLSearchParams({
      owner: 'built-in',
      p: '1',
      pageSize: '50',
      sortField: 'createdTime',
      sortOrder: 'descend',
      username: 'built-in/admin',
      password: latchkey.adminPassword,
    });
    // The audit log is written just after each answer.
    const record = await until(
      async () =>
        (
          (await fetch(`${latchkey.url}/api/get-records?${query}`).then((r) => r.json())).data as {
            clientIp: string;
            object: string;
          }[]
        ).find((entry) => entry.object.includes(username)),
      'the refused sign-in is in the audit log',
      10_000,
      100,
    );
    expect(record.clientIp).not.toBe('203.0.113.50');
    expect(record.clientIp).toMatch(/^(127\.|::1|::ffff:127\.)/);
  });
});

/** The values of `next` an attacker tries: other sites, schemes, controls, backslashes, bidi, huge, non-ASCII. */
const hostileNext = [
  '//evil.com',
  '/\\evil.com',
  '/\t/evil.com',
  '/\n',
  '/\r',
  '/\r\nSet-Cookie: x=1',
  'https://evil.com',
  'HTTPS://evil.com/users',
  'javascript:alert(1)',
  '\u202e',
  '/\u202e/evil.com',
  '/.//evil.com',
  '/\\t/evil',
  `/${'a'.repeat(10_000)}`,
  '/\u0000',
  '\\\\evil.com',
];

/** Where a Location (or form field) sends the browser, resolved as a browser would against the page it came from. */
const landing = (value: string) => new URL(value, `${latchkey.url}/login`);

/** A value a browser reads as a path of this site: no controls (which it drops), no backslash (which it reads as `/`). */
function expectSafePath(value: string) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
  expect(value).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  expect(value.startsWith('/') && !value.startsWith('//')).toBe(true);
  expect(landing(value).origin).toBe(latchkey.url);
}

describe('the page after sign-in (next) stays on the configured origin', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await adminSession(latchkey);
  });

  test('positive control: a path of the console is kept, signed in (redirect) and signed out (form field)', async () => {
    const signedIn = await fetch(`${latchkey.url}/login?next=${encodeURIComponent('/users?p=2#top')}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(307);
    expect(signedIn.headers.get('location')).toBe('/users?p=2#top');
    const signedOut = await fetch(`${latchkey.url}/login?next=${encodeURIComponent('/users?p=2')}`).then((r) =>
      r.text(),
    );
    expect(signedOut).toContain('name="next" value="/users?p=2"');
  });

  test.each(hostileNext.map((value) => [JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value), value]))(
    'next=%s: never another site, never a 5xx',
    async (_label, value) => {
      const signedIn = await fetch(`${latchkey.url}/login?next=${encodeURIComponent(value)}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(signedIn.status).toBe(307);
      const location = signedIn.headers.get('location')!;
      expectSafePath(location);
      expect(location).toBe('/');
      const signedOut = await fetch(`${latchkey.url}/login?next=${encodeURIComponent(value)}`);
      expect(signedOut.status).toBe(200);
      // `/` is the default, so the form carries no next at all.
      expect(await signedOut.text()).not.toContain('name="next"');
    },
  );

  test('non-ASCII paths of this site are kept, percent-encoded, and never a 5xx', async () => {
    for (const value of ['/users?value=été', '/%E2%80%AE', '/日本', '\u00ff', '%FF']) {
      const response = await fetch(`${latchkey.url}/login?next=${encodeURIComponent(value)}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(response.status).toBe(307);
      expectSafePath(response.headers.get('location')!);
      expect(response.headers.get('location')).toMatch(/^[\x21-\x7e]+$/);
    }
    const raw = await fetch(`${latchkey.url}/login?next=/%0a`, { headers: { cookie }, redirect: 'manual' });
    expect(raw.status).toBe(307);
    expect(raw.headers.get('location')).toBe('/');
  });

  test('a signed-out visitor is sent to sign-in on the configured origin, whatever Host and X-Forwarded-Host say', async () => {
    const forgeries: Record<string, string>[] = [
      { host: 'evil.example' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      { host: 'evil.example', 'x-forwarded-host': 'evil2.example' },
    ];
    for (const headers of forgeries) {
      const response = await fetch(`${latchkey.url}/users`, { headers, redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${latchkey.url}/login?next=%2Fusers`);
    }
    // A path that would itself be an open redirect is not carried to sign-in.
    const sneaky = await fetch(`${latchkey.url}/.//evil.com`, { redirect: 'manual' });
    expect(sneaky.status).toBeLessThan(500);
    if (sneaky.headers.get('location')) expect(landing(sneaky.headers.get('location')!).origin).toBe(latchkey.url);
  });

  test('the language switcher believes the configured origin, not a Host the client chose', async () => {
    const forged = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example.com', origin: 'http://evil.example.com' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(forged.status).toBe(403);
    const garbage = await fetch(`${latchkey.url}/preferences/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'null' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(garbage.status).toBe(403);
  });
});

/** What every HTML page must say: no framing, no sniffing, no address to other sites. */
function expectPageHeaders(response: Response, scripts: 'nonce' | 'self') {
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toMatch(
    /^(same-origin|strict-origin-when-cross-origin|no-referrer)$/,
  );
  const scriptSource =
    policy
      .split(';')
      .map((directive) => directive.trim())
      .find((directive) => directive.startsWith('script-src')) ?? '';
  expect(scriptSource).not.toContain("'unsafe-inline'");
  expect(scriptSource).not.toContain("'unsafe-eval'");
  if (scripts === 'nonce') expect(scriptSource).toMatch(/'nonce-[A-Za-z0-9+/]+={0,2}'/);
  if (scripts === 'self') expect(scriptSource).toBe("script-src 'self'");
}

/** Every <script> of a page carries the nonce of its policy (or Next.js's scripts would not run). */
async function expectNoncedScripts(response: Response) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')![1]!;
  const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  return nonce;
}

describe('security headers on every HTML page', () => {
  test('console pages, signed out and signed in, cannot be framed and run only nonced scripts (a new nonce each time)', async () => {
    const signIn = await fetch(`${latchkey.url}/login`);
    expectPageHeaders(signIn, 'nonce');
    const first = await expectNoncedScripts(signIn);
    const again = await fetch(`${latchkey.url}/login`);
    expect(await expectNoncedScripts(again)).not.toBe(first);
    const cookie = await adminSession(latchkey);
    for (const path of ['/', '/users', '/account', '/applications', '/no-such-page/x/y']) {
      const page = await fetch(`${latchkey.url}${path}`, { headers: { cookie } });
      expect(page.headers.get('content-type')).toContain('text/html');
      expectPageHeaders(page, 'nonce');
      await expectNoncedScripts(page);
    }
    // The redirect to sign-in too.
    expectPageHeaders(await fetch(`${latchkey.url}/users`, { redirect: 'manual' }), 'nonce');
    // Assets are never sniffed nor framed.
    const asset = /\/_next\/static\/[^"]+\.js/.exec(await fetch(`${latchkey.url}/login`).then((r) => r.text()))![0];
    const script = await fetch(`${latchkey.url}${asset}`);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test("the authorization endpoint's page, rendered by the portal, keeps the portal's nonce policy", async () => {
    const cookie = await adminSession(latchkey);
    const api = async (path: string, body: unknown) =>
      (
        await fetch(`${latchkey.url}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json();
    const name = `frame-app-${Date.now()}`;
    expect(
      (
        await api('/api/add-application', {
          owner: 'admin',
          name,
          organization: 'built-in',
          cert: 'cert-built-in',
          enablePassword: true,
          redirectUris: ['https://client.example/cb'],
          grantTypes: ['authorization_code'],
        })
      ).status,
    ).toBe('ok');
    const application = (
      await fetch(`${latchkey.url}/api/get-application?id=admin/${name}`, { headers: { cookie } }).then((r) => r.json())
    ).data as { clientId: string };
    const page = await fetch(
      `${latchkey.url}/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent('https://client.example/cb')}&scope=openid&state=s`,
    );
    expect(page.status).toBe(200);
    expectPageHeaders(page, 'nonce');
    expect(page.headers.get('cache-control')).toBe('no-store');
    await expectNoncedScripts(page);
    // The endpoint's error page, rendered by the portal too.
    const error = await fetch(
      `${latchkey.url}/login/oauth/authorize?client_id=nobody&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
    );
    expect(error.status).toBe(400);
    expectPageHeaders(error, 'nonce');
    await expectNoncedScripts(error);
  });

  test('the API reference (/swagger) cannot be framed and runs only scripts from this server', async () => {
    const page = await fetch(`${latchkey.url}/swagger`);
    expect(page.status).toBe(200);
    expectPageHeaders(page, 'self');
  });
});
