import type { CDPSession } from '@playwright/test';
import { expect, type Page, test, unique } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';

/*
 * Passkeys in real Chromium, with the browser's virtual authenticator (CTAP2, built in, resident
 * keys, user verification): a user adds one on the account page, passes the second step of a
 * password sign-in with it, signs in with it alone, and removes it. WebAuthn refuses an IP address
 * as relying party, so this file runs its own server whose public origin is http://localhost.
 */
let latchkey: RunningLatchkey;
const organization = unique('pk-org');
const password = 'passkey-user-password-1';

async function api(path: string, body?: unknown, server: RunningLatchkey = latchkey) {
  const target = new URL(`${server.url.replace('localhost', '127.0.0.1')}${path}`);
  target.searchParams.set('username', 'built-in/admin');
  target.searchParams.set('password', server.adminPassword);
  const response = await fetch(target, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { status: string; msg: string; data: Record<string, unknown> };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  latchkey = await startLatchkeyWithPortal({}, 'localhost');
  const application = await api('/api/get-application?id=admin/app-built-in');
  expect(application.status).toBe('ok');
  const enabled = await api('/api/update-application?id=admin/app-built-in', {
    ...application.data,
    enableWebAuthn: true,
  });
  expect(enabled).toMatchObject({ status: 'ok' });
  expect(
    (await api('/api/add-organization', { owner: 'admin', name: organization, displayName: 'Passkeys' })).status,
  ).toBe('ok');
  expect((await api('/api/add-user', { owner: organization, name: 'alice', password })).status).toBe('ok');
});
test.afterAll(async () => {
  await latchkey?.stop();
});

/**
 * Chromium's virtual authenticator, and a switch of its simulated user presence. With presence on,
 * the authenticator answers at once, a conditional request (the autofill's) included: Chromium
 * picks the one passkey of the site as a person would in the autofill. With presence off, requests
 * wait (a page's autofill request stays pending, as it does until a person picks a passkey).
 */
interface Authenticator {
  session: CDPSession;
  presence(enabled: boolean): Promise<void>;
}

async function withAuthenticator(page: Page): Promise<Authenticator> {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable');
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    session,
    presence: async (enabled) => {
      await session.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
    },
  };
}

async function passwordStep(page: Page) {
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill('alice');
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a passkey: added on the account page, a second factor, a sign-in alone, then removed', async ({ page }) => {
  test.setTimeout(180_000);
  const authenticator = await withAuthenticator(page);
  const mediations = await noteCredentialRequests(page);
  /** Opens the sign-in page with the authenticator's presence off, and waits until its autofill request is made (it then waits). */
  const signInPageWithAutofillWaiting = async () => {
    await authenticator.presence(false);
    const before = mediations.length;
    await page.goto(`${latchkey.url}/login`);
    await expect.poll(() => mediations.slice(before), { timeout: 60_000 }).toContain('conditional');
  };

  // A password alone signs in while the user has no second factor.
  await passwordStep(page);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${latchkey.url}/account`);
  await expect(page.getByTestId('no-passkeys')).toBeVisible();
  await page.getByTestId('new-passkey-name').fill('Test laptop');
  await page.getByTestId('add-passkey').click();
  await expect(page.getByTestId('passkey-name')).toHaveText('Test laptop');

  // Renamed, and still listed after a reload (read from the server).
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByTestId('passkey-name-input').fill('Work laptop');
  await page.getByTestId('save-passkey-name').click();
  await expect(page.getByText('The passkey was renamed.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('passkey-name')).toHaveText('Work laptop');

  // Now the password asks for the passkey as second factor. (The page's autofill request waits,
  // with the authenticator's presence off, until the password stops it.)
  await page.context().clearCookies();
  await authenticator.presence(false);
  await passwordStep(page);
  await expect(page.getByTestId('signin-passkey-second-factor')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await authenticator.presence(true);
  await page.getByTestId('signin-passkey-second-factor').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // The passkey alone (discoverable, with user verification), by its button: the button stops the
  // autofill's pending request and makes its own.
  await page.context().clearCookies();
  await signInPageWithAutofillWaiting();
  await page.getByLabel('Organization').fill(organization);
  await authenticator.presence(true);
  await page.getByTestId('signin-passkey').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${latchkey.url}/account`);
  await expect(page.getByTestId('passkey-row')).toHaveCount(1);
  await expect(page.getByTestId('passkeys-panel')).not.toContainText('Not used yet');

  // Removed: the list is empty, and the passkey no longer signs in.
  await page.getByTestId('remove-passkey').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('no-passkeys')).toBeVisible();
  await page.context().clearCookies();
  await signInPageWithAutofillWaiting();
  await page.getByLabel('Organization').fill(organization);
  await authenticator.presence(true);
  await page.getByTestId('signin-passkey').click();
  await expect(page.getByTestId('signin-error')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
});

/** A user of the file's organization with a password and a passkey in the page's authenticator (added on the account page); signed out after. */
async function userWithPasskey(page: Page, name: string) {
  expect((await api('/api/add-user', { owner: organization, name, password })).status).toBe('ok');
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${latchkey.url}/account`);
  await page.getByTestId('new-passkey-name').fill('Autofill key');
  await page.getByTestId('add-passkey').click();
  await expect(page.getByTestId('passkey-name')).toHaveText('Autofill key');
  await page.context().clearCookies();
}

/**
 * Notes the `mediation` of every navigator.credentials.get() the pages make (passed through to
 * Chromium unchanged), across navigations.
 */
async function noteCredentialRequests(page: Page): Promise<string[]> {
  const mediations: string[] = [];
  await page.exposeFunction('noteCredentialRequest', (mediation: string) => {
    mediations.push(mediation);
  });
  await page.addInitScript(() => {
    const credentials = navigator.credentials;
    const get = credentials.get.bind(credentials);
    credentials.get = (options?: CredentialRequestOptions) => {
      const request = get(options);
      (window as unknown as { noteCredentialRequest(m: string): void }).noteCredentialRequest(
        String(options?.mediation ?? 'optional'),
      );
      return request;
    };
  });
  return mediations;
}

test('the username autofill offers the passkey (conditional mediation), and picking it signs in to the console', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const authenticator = await withAuthenticator(page);
  await userWithPasskey(page, 'bob');
  const mediations = await noteCredentialRequests(page);

  // Loaded, the page asks for a passkey in the autofill of its username field (the request waits).
  await authenticator.presence(false);
  await page.goto(`${latchkey.url}/login`);
  await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'username webauthn');
  await expect.poll(() => mediations, { timeout: 60_000 }).toContain('conditional');

  // With a person present, Chromium answers the autofill's request with the site's one passkey, as
  // picking it in the autofill does (its virtual authenticator needs no focus nor autofill menu);
  // that alone signs in, no button clicked.
  await authenticator.presence(true);
  const finished = page.waitForRequest((request) => request.url().includes('/api/webauthn/signin/finish'), {
    timeout: 60_000,
  });
  await page.reload();
  await finished;
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(mediations.every((mediation) => mediation === 'conditional')).toBe(true);
  await page.goto(`${latchkey.url}/account`);
  await expect(page.getByTestId('passkeys-panel')).not.toContainText('Not used yet');
});

/** An OAuth client of the file's organization whose callback the browser is stopped at. */
async function oauthClient(fields: Record<string, unknown>) {
  const name = unique('pk-client');
  const redirectUri = `https://client.example.test/${name}/callback`;
  const added = await api('/api/add-application', {
    owner: 'admin',
    name,
    displayName: 'Passkey Client',
    cert: 'cert-built-in',
    enablePassword: true,
    redirectUris: [redirectUri],
    grantTypes: ['authorization_code'],
    expireInHours: 1,
    organization,
    ...fields,
  });
  expect(added.status).toBe('ok');
  const client = await api(`/api/get-application?id=admin/${name}`);
  const authorizeUrl = `${latchkey.url}/login/oauth/authorize?client_id=${client.data.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=pk-state`;
  return { redirectUri, authorizeUrl };
}

/** Stops the browser at the client's callback; answers the callback's URL once reached. */
async function callbackOf(page: Page, redirectUri: string): Promise<() => Promise<URL>> {
  await page.route(`${redirectUri}**`, (route) => route.fulfill({ status: 200, body: 'client received the code' }));
  const reached = page.waitForRequest((request) => request.url().startsWith(redirectUri), { timeout: 60_000 });
  return async () => new URL((await reached).url());
}

test("the authorization page's username autofill offers the passkey when the application allows it, and picking it answers the client", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const authenticator = await withAuthenticator(page);
  await userWithPasskey(page, 'dora');
  const { redirectUri, authorizeUrl } = await oauthClient({ enableWebAuthn: true });
  const mediations = await noteCredentialRequests(page);

  await authenticator.presence(false);
  await page.goto(authorizeUrl);
  await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'username webauthn');
  await expect(page.getByTestId('authorize-signin-passkey')).toBeVisible();
  await expect.poll(() => mediations, { timeout: 60_000 }).toContain('conditional');

  await authenticator.presence(true);
  const callback = await callbackOf(page, redirectUri);
  await page.reload();
  const reached = await callback();
  expect(reached.searchParams.get('code')).toBeTruthy();
  expect(reached.searchParams.get('state')).toBe('pk-state');
  expect(mediations.every((mediation) => mediation === 'conditional')).toBe(true);
});

test('an application without passkey sign-in: its authorization page offers no passkey', async ({ page }) => {
  const { authorizeUrl } = await oauthClient({});
  await page.goto(authorizeUrl);
  await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByTestId('authorize-signin-passkey')).toHaveCount(0);
});

test('a second factor the organization requires: the sign-in sets up a passkey in place of the app, and it signs in next time', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const strict = unique('pk-strict');
  expect(
    (
      await api('/api/add-organization', {
        owner: 'admin',
        name: strict,
        displayName: 'Strict',
        mfaItems: [{ name: 'app', rule: 'Required' }],
      })
    ).status,
  ).toBe('ok');
  expect((await api('/api/add-user', { owner: strict, name: 'erin', password })).status).toBe('ok');
  const authenticator = await withAuthenticator(page);

  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(strict);
  await page.getByLabel('Username').fill('erin');
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signin-enrolment')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await page.getByTestId('signin-enrol-passkey').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`${latchkey.url}/account`);
  await expect(page.getByTestId('passkey-row')).toHaveCount(1);

  // The next password sign-in asks for the passkey as the second factor.
  await page.context().clearCookies();
  await authenticator.presence(false);
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(strict);
  await page.getByLabel('Username').fill('erin');
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signin-passkey-second-factor')).toBeVisible();
  await authenticator.presence(true);
  await page.getByTestId('signin-passkey-second-factor').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
});

test('an application that requires a second factor: its authorization page sets up a passkey and answers the client', async ({
  page,
}) => {
  test.setTimeout(180_000);
  expect((await api('/api/add-user', { owner: organization, name: 'fay', password })).status).toBe('ok');
  const { redirectUri, authorizeUrl } = await oauthClient({ requireMfa: true });
  await withAuthenticator(page);
  await page.goto(authorizeUrl);
  await page.getByLabel('Username').fill('fay');
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('mfa-qr-code')).toBeVisible();
  const callback = await callbackOf(page, redirectUri);
  await page.getByTestId('authorize-enrol-passkey').click();
  const reached = await callback();
  expect(reached.searchParams.get('code')).toBeTruthy();
  expect(reached.searchParams.get('state')).toBe('pk-state');
});

test("without the console, the endpoint's own page offers the passkey in the autofill too, and picking it answers the client", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const bare = await startLatchkeyWithPortal({ LATCHKEY_PORTAL: 'false' }, 'localhost');
  try {
    const redirectUri = 'https://client.example.test/bare/callback';
    const owner = unique('pk-bare');
    expect(
      (await api('/api/add-organization', { owner: 'admin', name: owner, displayName: 'Bare' }, bare)).status,
    ).toBe('ok');
    expect((await api('/api/add-user', { owner, name: 'gus', password }, bare)).status).toBe('ok');
    const added = await api(
      '/api/add-application',
      {
        owner: 'admin',
        name: 'bare-client',
        organization: owner,
        cert: 'cert-built-in',
        enablePassword: true,
        enableWebAuthn: true,
        redirectUris: [redirectUri],
        expireInHours: 1,
      },
      bare,
    );
    expect(added.status).toBe('ok');
    const client = await api('/api/get-application?id=admin/bare-client', undefined, bare);

    // A passkey made by the browser for gus, through the API (this server has no account page).
    const authenticator = await withAuthenticator(page);
    await page.goto(`${bare.url}/api/health`);
    const registered = await page.evaluate(
      async ({ organization, secret }) => {
        const text = (buffer: ArrayBuffer) =>
          btoa(String.fromCharCode(...new Uint8Array(buffer)))
            .replace(/[+]/g, '-')
            .replace(/[/]/g, '_')
            .replace(/=+$/, '');
        const bytes = (value: string) =>
          Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        const post = (path: string, body: unknown) =>
          fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        await post('/api/login', { type: 'login', organization, username: 'gus', password: secret });
        const options = (await (await fetch('/api/webauthn/signup/begin')).json()).publicKey;
        const created = (await navigator.credentials.create({
          publicKey: {
            ...options,
            challenge: bytes(options.challenge),
            user: { ...options.user, id: bytes(options.user.id) },
            excludeCredentials: [],
          },
        })) as PublicKeyCredential;
        const response = created.response as AuthenticatorAttestationResponse;
        const finished = await post('/api/webauthn/signup/finish', {
          id: created.id,
          rawId: text(created.rawId),
          type: created.type,
          response: {
            clientDataJSON: text(response.clientDataJSON),
            attestationObject: text(response.attestationObject),
            transports: response.getTransports(),
          },
          clientExtensionResults: {},
        });
        return ((await finished.json()) as { status: string }).status;
      },
      { organization: owner, secret: password },
    );
    expect(registered).toBe('ok');
    await page.context().clearCookies();

    const mediations = await noteCredentialRequests(page);
    const authorizeUrl = `${bare.url}/login/oauth/authorize?client_id=${client.data.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=bare-state`;
    await authenticator.presence(false);
    await page.goto(authorizeUrl);
    await expect(page.getByLabel(/^Username/)).toHaveAttribute('autocomplete', 'username webauthn');
    await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
    await expect.poll(() => mediations, { timeout: 60_000 }).toContain('conditional');

    await authenticator.presence(true);
    const callback = await callbackOf(page, redirectUri);
    await page.reload();
    const reached = await callback();
    expect(reached.searchParams.get('code')).toBeTruthy();
    expect(reached.searchParams.get('state')).toBe('bare-state');
    expect(mediations.every((mediation) => mediation === 'conditional')).toBe(true);
  } finally {
    await bare.stop();
  }
});
