import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { adminApiOf, expect, test } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';

/**
 * Sign-in through an outside provider in a real browser: a local server in GitHub's shape (its
 * authorization page approves at once), a Latchkey that may reach it (loopback), and a relying
 * party whose authorization request the person leaves for the provider and comes back to.
 */

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });

/** The account the GitHub-shaped server signs in next. */
let account = { id: 4242, login: 'octo-e2e' };

function githubShapedServer() {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const json = (value: unknown, status = 200) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/login/oauth/authorize') {
      const code = randomBytes(12).toString('base64url');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token') {
      const form = new URLSearchParams(await readBody(request));
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (!grant || grant.challenge !== challenge || form.get('client_secret') !== 'e2e-github-secret')
        return json({ error: 'bad_verification_code' });
      const token = randomBytes(12).toString('base64url');
      tokens.add(token);
      return json({ access_token: token, token_type: 'bearer', scope: 'read:user' });
    }
    const token = (request.headers.authorization ?? '').replace(/^Bearer /i, '');
    if (!tokens.has(token)) return json({ message: 'Bad credentials' }, 401);
    if (url.pathname === '/user') return json({ ...account, name: account.login, avatar_url: '' });
    if (url.pathname === '/user/emails') return json([{ email: 'octo@e2e.example', primary: true, verified: true }]);
    return json({ message: 'Not Found' }, 404);
  });
}

let latchkey: RunningLatchkey;
let github: Server;
let githubBase: string;

test.beforeAll(async () => {
  github = githubShapedServer();
  githubBase = await listen(github);
  latchkey = await startLatchkeyWithPortal({ LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' });
});

test.afterAll(async () => {
  await latchkey?.stop();
  github?.close();
});

const api = <T = unknown>(path: string, body?: unknown) => adminApiOf<T>(latchkey, path, {}, body);

test('a relying party’s sign-in page offers the provider; the relying party gets its code after the provider', async ({
  page,
}) => {
  const received: URL[] = [];
  const relyingParty = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The browser also asks for a favicon.
    if (url.pathname === '/cb') received.push(url);
    response.writeHead(200, { 'content-type': 'text/plain' }).end('the relying party received the code');
  });
  const rpBase = await listen(relyingParty);
  try {
    expect((await api('/api/add-organization', { owner: 'admin', name: 'fed-org', displayName: 'Fed' })).status).toBe(
      'ok',
    );
    const provider = await api('/api/add-provider', {
      owner: 'fed-org',
      name: 'gh-e2e',
      displayName: 'GitHub',
      category: 'OAuth',
      type: 'GitHub',
      clientId: 'e2e-github-client',
      clientSecret: 'e2e-github-secret',
      customAuthUrl: `${githubBase}/login/oauth/authorize`,
      customTokenUrl: `${githubBase}/login/oauth/access_token`,
      customUserInfoUrl: `${githubBase}/user`,
    });
    expect(provider.msg).toBe('');
    const added = await api('/api/add-application', {
      owner: 'admin',
      name: 'fed-app',
      organization: 'fed-org',
      displayName: 'Fed App',
      cert: 'cert-built-in',
      enablePassword: true,
      enableSignUp: true,
      redirectUris: [`${rpBase}/cb`],
      grantTypes: ['authorization_code'],
      expireInHours: 1,
      providers: [
        {
          owner: 'fed-org',
          name: 'gh-e2e',
          canSignUp: true,
          canSignIn: true,
          canUnlink: true,
          prompted: false,
          alertType: 'None',
          rule: 'None',
        },
      ],
    });
    expect(added.msg).toBe('');
    const application = (await api<{ clientId: string }>('/api/get-application?id=admin/fed-app')).data;

    await page.goto(
      `${latchkey.url}/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(`${rpBase}/cb`)}&scope=openid&state=rp-state-1`,
    );
    await page.getByTestId('provider-gh-e2e').click();
    await expect(page.locator('body')).toContainText('the relying party received the code');
    expect(received).toHaveLength(1);
    expect(received[0]!.searchParams.get('state')).toBe('rp-state-1');
    expect(received[0]!.searchParams.get('code')).toBeTruthy();
    expect(received[0]!.searchParams.get('iss')).toBe(latchkey.url);
    const user = await api<{ github: string; owner: string }>('/api/get-user?id=fed-org/octo-e2e');
    expect(user.data.github).toBe('4242');
  } finally {
    relyingParty.close();
  }
});

test('a signed-in user links their account on the account page, and unlinks it', async ({ page }) => {
  // The application and provider of the test before (tests of a file run in order, on one server).
  expect(
    (
      await api('/api/add-user', {
        owner: 'fed-org',
        name: 'lina',
        password: 'lina-password-1',
        signupApplication: 'fed-app',
      })
    ).msg,
  ).toBe('');
  account = { id: 5151, login: 'lina-gh' };
  await page.goto(`${latchkey.url}/login?next=%2Faccount`);
  await page.getByLabel('Organization').fill('fed-org');
  await page.getByLabel('Username').fill('lina');
  await page.locator('input[name="password"]').fill('lina-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('linked-gh-e2e')).toContainText('Not linked');
  await page.getByTestId('link-gh-e2e').click();
  await expect(page).toHaveURL(/\/account\?linked=1/);
  await expect(page.getByTestId('linked-gh-e2e')).toContainText('Linked: lina-gh');
  expect((await api<{ github: string }>('/api/get-user?id=fed-org/lina')).data.github).toBe('5151');
  await page.getByTestId('linked-gh-e2e').getByRole('button', { name: 'Unlink' }).click();
  await expect(page.getByTestId('linked-gh-e2e')).toContainText('Not linked');
  expect((await api<{ github: string }>('/api/get-user?id=fed-org/lina')).data.github).toBe('');
});
