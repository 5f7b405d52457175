import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminApi, expect, latchkey, type Page, signIn, snapshot, test, unique } from './support/fixtures';
import { freePort } from './support/latchkey';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Bun's type declarations of node:child_process leave out the event methods. */
interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): void;
}

const e2eRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Application {
  clientId: string;
  clientSecret: string;
}

async function addApplication(fields: Record<string, unknown>): Promise<Application> {
  const added = await adminApi(
    '/api/add-application',
    {},
    { owner: 'admin', cert: 'cert-built-in', enablePassword: true, expireInHours: 1, ...fields },
  );
  expect(added.status).toBe('ok');
  return (await adminApi<Application>('/api/get-application', { id: `admin/${String(fields.name)}` })).data;
}

/** An organization of its own with one user, so that the flows never meet the console's session. */
async function addOrganizationWithUser(): Promise<{ organization: string; username: string; password: string }> {
  const organization = unique('qs-org');
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: 'Quick start' }))
      .status,
  ).toBe('ok');
  const user = { username: 'alice', password: 'alice-password-1' };
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: user.username, password: user.password })).status,
  ).toBe('ok');
  return { organization, ...user };
}

/**
 * Signs in as the administrator straight to an application's page and waits for it (a page that reads the
 * application and its discovery document can take a while on a busy machine).
 */
async function openApplicationAsAdmin(page: Page, application: string, tab?: 'quickstart') {
  await signIn(
    page,
    'built-in',
    'admin',
    latchkey().adminPassword,
    `/applications/admin/${application}${tab ? `?tab=${tab}` : ''}`,
  );
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId(tab ? 'quickstart' : 'object-form')).toBeVisible();
}

/** Opens the quick start of an application, picks a kind, and copies the openid-client example with its button. */
async function copyOpenidClientExample(page: Page, application: string, kind: string): Promise<string> {
  await openApplicationAsAdmin(page, application, 'quickstart');
  await page.getByRole('radio', { name: kind }).check();
  await page.getByTestId('library-openid-client').click();
  const shown = await page.getByTestId('snippet-openid-client').textContent();
  await page.getByTestId('snippet-openid-client-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  return copied;
}

/** A copied example, run as its first line says (`node file.mjs`), with the e2e packages at hand. */
class RunningExample {
  private output = '';
  private readonly child: ChildProcess;
  private readonly folder: string;
  readonly exited: Promise<number | null>;

  constructor(code: string, env: Record<string, string> = {}) {
    this.folder = mkdtempSync(join(tmpdir(), 'latchkey-quickstart-'));
    symlinkSync(join(e2eRoot, 'node_modules'), join(this.folder, 'node_modules'), 'dir');
    writeFileSync(join(this.folder, 'example.mjs'), code);
    this.child = spawn('node', ['example.mjs'], {
      cwd: this.folder,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk) => (this.output += chunk));
    this.child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) =>
      (this.child as unknown as Emitter).on('exit', () => resolve(this.child.exitCode)),
    );
  }

  get text(): string {
    return this.output;
  }

  /** The first match of a pattern in what the example printed, waiting for it. */
  async waitFor(pattern: RegExp, timeout = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the example never printed ${pattern}:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async exitCode(timeout = 30_000): Promise<number | null> {
    return Promise.race([
      this.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the example did not finish:\n${this.output}`)), timeout),
      ),
    ]);
  }

  stop() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.folder, { recursive: true, force: true });
  }
}

test('the machine-to-machine openid-client example, copied from the quick start, gets a token with the client credentials grant', async ({
  page,
}) => {
  const name = unique('qs-m2m');
  const application = await addApplication({
    name,
    organization: 'built-in',
    displayName: 'Reporting job',
    grantTypes: ['client_credentials'],
    redirectUris: [],
  });
  const code = await copyOpenidClientExample(page, name, 'Machine to machine');
  // A confidential client reads its secret from the environment; the example holds none.
  expect(code).toContain('process.env.LATCHKEY_CLIENT_SECRET');
  expect(code).not.toContain(application.clientSecret);
  expect(code).toContain(application.clientId);
  await expect(page.getByTestId('quickstart-requirements').locator('[data-status="missing"]')).toHaveCount(0);

  const example = new RunningExample(code, { LATCHKEY_CLIENT_SECRET: application.clientSecret });
  try {
    const [, token] = await example.waitFor(/Access token \(expires in \d+ s\): (\S+)/);
    expect(await example.exitCode()).toBe(0);
    // The token is the application's own, and alive.
    const introspection = await fetch(`${latchkey().url}/api/login/oauth/introspect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${application.clientId}:${application.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token: token! }),
    }).then((response) => response.json());
    expect(introspection).toMatchObject({ active: true, client_id: application.clientId });
  } finally {
    example.stop();
  }
});

test('the native-app openid-client example, copied from the quick start, completes the code flow with PKCE and no secret', async ({
  page,
  browser,
}) => {
  const { organization, username, password } = await addOrganizationWithUser();
  const name = unique('qs-cli');
  const application = await addApplication({
    name,
    organization,
    displayName: 'Command line',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/callback'],
  });
  const code = await copyOpenidClientExample(page, name, 'Native or CLI app');
  // A public client: neither the secret nor a place for one.
  expect(code).not.toContain(application.clientSecret);
  expect(code).not.toContain('LATCHKEY_CLIENT_SECRET');
  expect(code).toContain('client.None()');

  const example = new RunningExample(code);
  // The user's own browser, with no console session.
  const context = await browser.newContext();
  try {
    const [, authorizationUrl] = await example.waitFor(/Sign in at (\S+)/);
    const url = new URL(authorizationUrl!);
    expect(url.origin + url.pathname).toBe(`${latchkey().url}/login/oauth/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const user = await context.newPage();
    await user.goto(url.href);
    await expect(user.getByTestId('oauth-application')).toHaveText('Sign in to Command line', { timeout: 30_000 });
    await user.getByLabel('Username').fill(username);
    await user.locator('input[name="password"]').fill(password);
    await user.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(user.getByText('Signed in. You can close this tab.')).toBeVisible({ timeout: 30_000 });
    expect(await example.exitCode()).toBe(0);
    expect(example.text).toContain(`Signed in as ${username}`);
  } finally {
    example.stop();
    await context.close();
  }
});

test('the web-server openid-client example, copied from the quick start, completes the code flow with its secret from the environment', async ({
  page,
  browser,
}) => {
  const { organization, username, password } = await addOrganizationWithUser();
  // The example listens on its redirect URI's port; should another process take that port first, again on another.
  for (let attempt = 1; ; attempt++) {
    const name = unique('qs-server');
    const port = await freePort();
    const application = await addApplication({
      name,
      organization,
      displayName: 'Web server',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [`http://127.0.0.1:${port}/callback`],
    });
    const code = await copyOpenidClientExample(page, name, 'Web server app');
    expect(code).toContain('process.env.LATCHKEY_CLIENT_SECRET');
    expect(code).not.toContain(application.clientSecret);
    expect(code).toContain(`'http://127.0.0.1:${port}/callback'`);

    const example = new RunningExample(code, { LATCHKEY_CLIENT_SECRET: application.clientSecret });
    const context = await browser.newContext();
    try {
      const printed = await example.waitFor(/Sign in at (\S+)/).catch(() => undefined);
      if (!printed && /EADDRINUSE/.test(example.text) && attempt < 3) continue;
      expect(printed, example.text).toBeTruthy();
      const url = new URL(printed![1]!);
      expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      const user = await context.newPage();
      await user.goto(url.href);
      await expect(user.getByTestId('oauth-application')).toHaveText('Sign in to Web server', { timeout: 30_000 });
      await user.getByLabel('Username').fill(username);
      await user.locator('input[name="password"]').fill(password);
      await user.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(user.getByText(`Signed in as ${username}`)).toBeVisible({ timeout: 30_000 });
      expect(await example.exitCode()).toBe(0);
      return;
    } finally {
      example.stop();
      await context.close();
    }
  }
});

test('the endpoints of the quick start are those of the discovery document, and Try sign-in opens the authorize page with PKCE', async ({
  page,
}) => {
  const name = unique('qs-web');
  const redirectUri = 'https://app.example.com/auth/callback';
  const application = await addApplication({
    name,
    organization: 'built-in',
    displayName: 'Web shop',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: [redirectUri],
  });
  await openApplicationAsAdmin(page, name);
  await page.getByTestId('tab-quickstart').click();
  await expect(page).toHaveURL(/[?&]tab=quickstart/);

  const { url } = latchkey();
  const own = await fetch(`${url}/.well-known/${name}/openid-configuration`).then((r) => r.json());
  const global = await fetch(`${url}/.well-known/openid-configuration`).then((r) => r.json());
  await expect(page.getByTestId('endpoint-discovery')).toHaveValue(`${url}/.well-known/${name}/openid-configuration`);
  const keys = [
    'issuer',
    'authorization_endpoint',
    'token_endpoint',
    'userinfo_endpoint',
    'jwks_uri',
    'end_session_endpoint',
    'introspection_endpoint',
    'revocation_endpoint',
  ];
  for (const key of keys) {
    expect(typeof own[key]).toBe('string');
    await expect(page.getByTestId(`endpoint-${key}`)).toHaveValue(own[key]);
    // The same server: everything but the application's own key set is the server's document too.
    if (key !== 'jwks_uri') expect(own[key]).toBe(global[key]);
  }
  // A device flow is listed only when the server serves one.
  await expect(page.getByTestId('endpoint-device_authorization_endpoint')).toHaveCount(
    own.device_authorization_endpoint ? 1 : 0,
  );
  await page.getByTestId('endpoint-token_endpoint-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(own.token_endpoint);

  // A web server app: the examples use the first redirect URI and the secret from the environment.
  await page.getByRole('radio', { name: 'Web server app' }).check();
  await snapshot(page, 'quickstart');
  const example = (await page.getByTestId('snippet-openid-client').textContent()) ?? '';
  expect(example).toContain(`'${redirectUri}'`);
  expect(example).toContain(`'${url}/.well-known/${name}/openid-configuration'`);
  expect(example).not.toContain(application.clientSecret);
  // A single-page app never sees the secret, whichever library.
  await page.getByRole('radio', { name: 'Single-page app' }).check();
  for (const library of ['casdoor-js-sdk', 'openid-client']) {
    await page.getByTestId(`library-${library}`).click();
    const text = (await page.getByTestId(`snippet-${library}`).textContent()) ?? '';
    expect(text).toContain(application.clientId);
    expect(text).not.toContain(application.clientSecret);
    expect(text).not.toContain('LATCHKEY_CLIENT_SECRET');
  }

  const popupOpened = page.waitForEvent('popup');
  await page.getByTestId('try-sign-in').click();
  const popup = await popupOpened;
  await expect(popup.getByTestId('oauth-application')).toHaveText('Sign in to Web shop', { timeout: 30_000 });
  const opened = new URL(popup.url());
  expect(opened.pathname).toBe('/login/oauth/authorize');
  expect(opened.searchParams.get('client_id')).toBe(application.clientId);
  expect(opened.searchParams.get('redirect_uri')).toBe(redirectUri);
  expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
  const verifier = await page.getByTestId('try-code-verifier').inputValue();
  const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString(
    'base64url',
  );
  expect(opened.searchParams.get('code_challenge')).toBe(challenge);
  await popup.close();
});

test('an application without a usable redirect URI says so instead of offering a sign-in to try', async ({ page }) => {
  const name = unique('qs-none');
  await addApplication({ name, organization: 'built-in', grantTypes: ['authorization_code'], redirectUris: [] });
  await openApplicationAsAdmin(page, name, 'quickstart');
  await expect(page.getByTestId('try-sign-in-none')).toBeVisible();
  await expect(page.getByTestId('try-sign-in')).toHaveCount(0);
  // The web server app needs a redirect URI: the quick start says what is missing.
  await page.getByRole('radio', { name: 'Web server app' }).check();
  await expect(page.getByTestId('quickstart-requirements')).toContainText('Add one under Settings');
});

test.describe('on a 375 px phone, with the keyboard', () => {
  test('the quick start fits the screen and is used with the keyboard; the form explains each grant type', async ({
    page,
  }) => {
    const name = unique('qs-phone');
    await addApplication({
      name,
      organization: 'built-in',
      grantTypes: ['authorization_code'],
      redirectUris: ['https://phone.example.com/callback'],
    });
    await openApplicationAsAdmin(page, name);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    // The tabs, by keyboard: focus the selected one and move to the next with an arrow key.
    await page.getByTestId('tab-settings').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('tab-quickstart')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quickstart')).toBeVisible();
    // The kinds are radio buttons: arrows change the kind, and the examples follow.
    await page.getByRole('radio', { name: 'Web server app' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Native or CLI app' })).toBeChecked();
    await expect(page.getByTestId('library-authjs')).toHaveCount(0);
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: 'Web server app' })).toBeChecked();
    await expect(page.getByTestId('library-authjs')).toBeVisible();
    // The code can be reached and scrolled with the keyboard, and copied with a button.
    await page.getByTestId('snippet-openid-client').focus();
    await expect(page.getByTestId('snippet-openid-client')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('snippet-openid-client-copy')).toBeFocused();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    await snapshot(page, 'quickstart-375');

    // Each grant type of the form says what it is for.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('object-form').getByLabel('Grant types').first().click();
    await expect(
      page.getByRole('option', { name: /client_credentials/ }).getByText('A service gets tokens for itself'),
    ).toBeVisible();
    await page.keyboard.press('Escape');
  });
});
