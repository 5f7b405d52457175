import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, exportPKCS8, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { expect, test } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';

/**
 * Sign in with Apple in a real browser: a local server in Apple's shape whose authorization page
 * POSTs the answer (`response_mode=form_post`) from another site (`localhost`, while Latchkey is at
 * 127.0.0.1), so the browser sends no SameSite=Lax cookie with it; the sign-in must still complete
 * for the browser that began it, and the relying party get its code.
 */

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const SERVICES_ID = 'com.example.e2e.web';
const TEAM_ID = 'TEAME2E123';
const KEY_ID = 'KEYE2E1234';

let latchkey: RunningLatchkey;
let apple: Server;
let issuer = '';
let privateKeyPem = '';
const clientSecretsChecked: string[] = [];

async function appleShapedServer() {
  const clientKey = await generateKeyPair('ES256', { extractable: true });
  privateKeyPem = await exportPKCS8(clientKey.privateKey);
  const signing = await generateKeyPair('RS256', { extractable: true });
  const published = { ...(await exportJWK(signing.publicKey)), kid: 'e2e-apple', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string }>();
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const json = (value: unknown, status = 200) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/.well-known/openid-configuration')
      return json({
        issuer,
        // The browser reaches Apple's page at another site than Latchkey's.
        authorization_endpoint: `${issuer.replace('127.0.0.1', 'localhost')}/auth/authorize`,
        token_endpoint: `${issuer}/auth/token`,
        jwks_uri: `${issuer}/auth/keys`,
        response_types_supported: ['code'],
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    if (url.pathname === '/auth/keys') return json({ keys: [published] });
    if (url.pathname === '/auth/authorize') {
      if (url.searchParams.get('response_mode') !== 'form_post') return json({ error: 'invalid_request' }, 400);
      const code = randomBytes(12).toString('base64url');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri,
        nonce: url.searchParams.get('nonce') ?? '',
      });
      const fields = { code, state: url.searchParams.get('state') ?? '', user: '{"name":{"firstName":"Ada"}}' };
      const inputs = Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
        .join('');
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><form id="f" method="post" action="${escapeHtml(redirectUri)}">${inputs}</form><script>document.getElementById('f').submit()</script>`,
        );
      return;
    }
    if (url.pathname === '/auth/token' && request.method === 'POST') {
      const form = new URLSearchParams(await readBody(request));
      try {
        await jwtVerify(form.get('client_secret') ?? '', clientKey.publicKey, {
          issuer: TEAM_ID,
          subject: SERVICES_ID,
          audience: issuer,
          algorithms: ['ES256'],
        });
        clientSecretsChecked.push('ok');
      } catch {
        return json({ error: 'invalid_client' }, 400);
      }
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri'))
        return json({ error: 'invalid_grant' }, 400);
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({ nonce: grant.nonce, email: 'ada@e2e.example', email_verified: 'true' })
        .setProtectedHeader({ alg: 'RS256', kid: 'e2e-apple' })
        .setIssuer(issuer)
        .setAudience(SERVICES_ID)
        .setSubject('000111.e2e-ada.2222')
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(signing.privateKey);
      return json({ access_token: 'e2e-access', token_type: 'Bearer', expires_in: 3600, id_token: idToken });
    }
    return json({ error: 'not_found' }, 404);
  });
}

test.beforeAll(async () => {
  apple = await appleShapedServer();
  issuer = `http://127.0.0.1:${await listen(apple)}`;
  latchkey = await startLatchkeyWithPortal({ LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' });
});

test.afterAll(async () => {
  await latchkey?.stop();
  apple?.close();
});

async function api<T = unknown>(path: string, body?: unknown) {
  const target = new URL(`${latchkey.url}${path}`);
  target.searchParams.set('username', 'built-in/admin');
  target.searchParams.set('password', latchkey.adminPassword);
  const response = await fetch(target, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { status: string; msg: string; data: T };
}

test('Apple’s answer POSTed from another site completes the sign-in for this browser; the relying party gets its code', async ({
  page,
}) => {
  const received: URL[] = [];
  const relyingParty = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/cb') received.push(url);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('the relying party received the code');
  });
  const rpBase = `http://127.0.0.1:${await listen(relyingParty)}`;
  try {
    expect(
      (await api('/api/add-organization', { owner: 'admin', name: 'apple-org', displayName: 'Fruit' })).status,
    ).toBe('ok');
    const provider = await api('/api/add-provider', {
      owner: 'apple-org',
      name: 'apple-e2e',
      displayName: 'Apple',
      category: 'OAuth',
      type: 'Apple',
      clientId: SERVICES_ID,
      clientSecret: TEAM_ID,
      clientId2: KEY_ID,
      clientSecret2: privateKeyPem,
      issuerUrl: issuer,
    });
    expect(provider.msg).toBe('');
    const item = { owner: 'apple-org', name: 'apple-e2e', canSignUp: true, canSignIn: true, canUnlink: true };
    const added = await api('/api/add-application', {
      owner: 'admin',
      name: 'apple-app',
      organization: 'apple-org',
      displayName: 'Fruit App',
      cert: 'cert-built-in',
      enablePassword: true,
      enableSignUp: true,
      redirectUris: [`${rpBase}/cb`],
      grantTypes: ['authorization_code'],
      expireInHours: 1,
      providers: [{ ...item, prompted: false, alertType: 'None', rule: 'None' }],
    });
    expect(added.msg).toBe('');
    const application = (await api<{ clientId: string }>('/api/get-application?id=admin/apple-app')).data;

    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/callback')
        posted.push(request.headers().origin ?? '');
    });
    await page.goto(
      `${latchkey.url}/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(`${rpBase}/cb`)}&scope=openid&state=rp-apple-1`,
    );
    await page.getByTestId('provider-apple-e2e').click();
    await expect(page.locator('body')).toContainText('the relying party received the code');
    // The answer came as a cross-site POST (from Apple's page at localhost), then went on as a GET.
    expect(posted).toEqual([issuer.replace('127.0.0.1', 'localhost')]);
    expect(clientSecretsChecked).toEqual(['ok']);
    expect(received).toHaveLength(1);
    expect(received[0]!.searchParams.get('state')).toBe('rp-apple-1');
    expect(received[0]!.searchParams.get('code')).toBeTruthy();
    const users = await api<{ apple: string; email: string }[]>('/api/get-users?owner=apple-org');
    expect(users.data.map((user) => [user.apple, user.email])).toEqual([['000111.e2e-ada.2222', 'ada@e2e.example']]);
  } finally {
    relyingParty.close();
  }
});
