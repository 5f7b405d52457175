import { createHash, randomBytes } from 'node:crypto';
import { codeAfter, totp, wrongCode } from '../support/totp';
import { CLIENT_RECEIVED, startClientCallback } from './support/client-callback';
import { adminApi, expect, test, unique } from './support/fixtures';

/** A user of a new organization with an authenticator app set up (by the global administrator, as an administrator may); answers the secret and when its code was used. */
async function userWithAuthenticator(organization: string) {
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: 'MFA Org' }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'alice', password: 'alice-password-1' })).status,
  ).toBe('ok');
  const started = await adminApi<{ secret: string }>(
    '/api/mfa/setup/initiate',
    {},
    { owner: organization, name: 'alice', mfaType: 'app' },
  );
  const { secret } = started.data;
  const usedAt = Date.now();
  expect(
    (
      await adminApi(
        '/api/mfa/setup/verify',
        {},
        { owner: organization, name: 'alice', mfaType: 'app', passcode: totp(secret, usedAt) },
      )
    ).status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/mfa/setup/enable', {}, { owner: organization, name: 'alice', mfaType: 'app' })).status,
  ).toBe('ok');
  // The code that proved the secret is used up; a later step's (within the allowed drift) is not.
  return { secret, nextCode: () => codeAfter(secret, usedAt), wrongCode: () => wrongCode(secret, usedAt) };
}

test('the OAuth sign-in page asks for the code of the authenticator app after the password', async ({ page }) => {
  const { received, redirectUri, close } = await startClientCallback();
  try {
    const organization = unique('mfa-org');
    const { nextCode, wrongCode } = await userWithAuthenticator(organization);
    const name = unique('client');
    expect(
      (
        await adminApi(
          '/api/add-application',
          {},
          {
            owner: 'admin',
            name,
            organization,
            displayName: 'MFA Client',
            cert: 'cert-built-in',
            enablePassword: true,
            redirectUris: [redirectUri],
            expireInHours: 1,
          },
        )
      ).status,
    ).toBe('ok');
    const application = (await adminApi<{ clientId: string }>('/api/get-application', { id: `admin/${name}` })).data;
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    await page.goto(
      `/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=s1&code_challenge=${challenge}&code_challenge_method=S256`,
    );
    await page.getByLabel('Username').fill('alice');
    await page.locator('input[name="password"]').fill('alice-password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('second-factor')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
    await page.getByLabel('Code from the app').fill(wrongCode());
    await page.getByRole('button', { name: 'Verify' }).first().click();
    await expect(page.getByTestId('signin-error')).toHaveText('The code is wrong.');
    await page.getByLabel('Code from the app').fill(nextCode());
    await page.getByRole('button', { name: 'Verify' }).first().click();
    await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();
    const callback = received.find((url) => url.pathname === '/callback')!;
    expect(callback.searchParams.get('state')).toBe('s1');
    expect(callback.searchParams.get('code')).toBeTruthy();
  } finally {
    close();
  }
});

test('the console’s own sign-in asks for the code after the password', async ({ page }) => {
  const organization = unique('mfa-console');
  const { nextCode } = await userWithAuthenticator(organization);
  await page.goto('/login');
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill('alice');
  await page.locator('input[name="password"]').fill('alice-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signin-passcode')).toBeVisible();
  const pending = (await page.context().cookies()).find((cookie) => cookie.name === 'latchkey_mfa');
  expect(pending?.httpOnly).toBe(true);
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'casdoor_session_id')).toBe(false);
  await page.getByTestId('signin-passcode').fill(nextCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'casdoor_session_id')).toBe(true);
});
