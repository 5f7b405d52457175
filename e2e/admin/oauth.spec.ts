import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { CLIENT_RECEIVED, startClientCallback } from './support/client-callback';
import { adminApi, expect, latchkey, snapshot, test, unique } from './support/fixtures';
import { startLatchkeyWithPortal } from './support/latchkey';

test('the OAuth code flow: a client sends the browser to the sign-in page and gets back a code that exchanges for tokens', async ({
  page,
}) => {
  // A test client with a callback on a loopback port of its own.
  const { received, redirectUri, close } = await startClientCallback();
  try {
    const name = unique('client');
    const organization = unique('oauth-org');
    expect(
      (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: 'OAuth Org' }))
        .status,
    ).toBe('ok');
    expect(
      (await adminApi('/api/add-user', {}, { owner: organization, name: 'alice', password: 'alice-password-1' }))
        .status,
    ).toBe('ok');
    expect(
      (
        await adminApi(
          '/api/add-application',
          {},
          {
            owner: 'admin',
            name,
            organization,
            displayName: 'Test Client',
            cert: 'cert-built-in',
            enablePassword: true,
            redirectUris: [redirectUri],
            grantTypes: ['authorization_code'],
            expireInHours: 1,
          },
        )
      ).status,
    ).toBe('ok');
    const application = (
      await adminApi<{ clientId: string; clientSecret: string }>('/api/get-application', { id: `admin/${name}` })
    ).data;

    // An unregistered redirect URI gets an error page, never a redirect.
    await page.goto(
      `/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}&scope=openid&state=s1`,
    );
    await expect(page).toHaveURL(/\/login\/oauth\/authorize/);
    await expect(page.locator('body')).not.toContainText('Test Client');

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    await page.goto(
      `/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid%20profile&state=${state}&code_challenge=${challenge}&code_challenge_method=S256`,
    );
    await expect(page.getByTestId('oauth-application')).toHaveText('Sign in to Test Client');
    await snapshot(page, 'oauth-sign-in');
    await page.getByLabel('Username').fill('alice');
    await page.locator('input[name="password"]').fill('alice-password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();

    const callback = received.find((url) => url.pathname === '/callback')!;
    expect(callback.pathname).toBe('/callback');
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(latchkey().url);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const tokens = await fetch(`${latchkey().url}/api/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: application.clientId,
        client_secret: application.clientSecret,
        code_verifier: verifier,
      }),
    }).then((response) => response.json());
    expect(tokens.token_type).toBe('Bearer');
    expect(typeof tokens.access_token).toBe('string');
    const userinfo = await fetch(`${latchkey().url}/api/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    }).then((response) => response.json());
    expect(userinfo.preferred_username).toBe('alice');

    // Signed in now: the next request offers to continue as alice, with no password.
    await page.goto(
      `/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=again`,
    );
    await page.getByTestId('continue-as').click();
    await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();
    expect(
      received
        .filter((url) => url.pathname === '/callback')
        .at(-1)!
        .searchParams.get('state'),
    ).toBe('again');
  } finally {
    close();
  }
});

test("without the portal, the endpoint's own sign-in page completes the flow in a browser too", async ({ page }) => {
  const server: Server = createServer((request, response) =>
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`callback ${request.url}`),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as { port: number }).port}/cb`;
  const bare = await startLatchkeyWithPortal({ LATCHKEY_PORTAL: 'false' });
  try {
    const api = async <T>(path: string, body?: unknown) => {
      const url = `${bare.url}${path}${path.includes('?') ? '&' : '?'}username=built-in/admin&password=${encodeURIComponent(bare.adminPassword)}`;
      return (await fetch(
        url,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      ).then((r) => r.json())) as { status: string; data: T };
    };
    expect(
      (
        await api('/api/add-application', {
          owner: 'admin',
          name: 'plain-client',
          organization: 'built-in',
          cert: 'cert-built-in',
          enablePassword: true,
          redirectUris: [redirectUri],
          expireInHours: 1,
        })
      ).status,
    ).toBe('ok');
    const client = (await api<{ clientId: string }>('/api/get-application?id=admin/plain-client')).data;
    await page.goto(
      `${bare.url}/login/oauth/authorize?client_id=${client.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=plain`,
    );
    await expect(page.getByRole('heading', { name: 'Sign in to plain-client' })).toBeVisible();
    await page.getByLabel(/^Username/).fill('admin');
    await page.getByLabel('Password').fill(bare.adminPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('body')).toContainText('callback /cb?code=');
    expect(new URL(page.url()).searchParams.get('state')).toBe('plain');
  } finally {
    await bare.stop();
    server.close();
  }
});
