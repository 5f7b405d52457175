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

async function api(path: string, body?: unknown) {
  const target = new URL(`${latchkey.url.replace('localhost', '127.0.0.1')}${path}`);
  target.searchParams.set('username', 'built-in/admin');
  target.searchParams.set('password', latchkey.adminPassword);
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

async function withAuthenticator(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable');
  await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return session;
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
  await withAuthenticator(page);

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

  // Now the password asks for the passkey as second factor.
  await page.context().clearCookies();
  await passwordStep(page);
  await expect(page.getByTestId('signin-passkey-second-factor')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await page.getByTestId('signin-passkey-second-factor').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // The passkey alone (discoverable, with user verification).
  await page.context().clearCookies();
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(organization);
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
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(organization);
  await page.getByTestId('signin-passkey').click();
  await expect(page.getByTestId('signin-error')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
});
