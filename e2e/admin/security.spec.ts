import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { CLIENT_RECEIVED, startClientCallback } from './support/client-callback';
import {
  adminApi,
  expect,
  expectFitsWidth,
  latchkey,
  type Page,
  signIn,
  signInAsAdmin,
  snapshot,
  test,
  unique,
} from './support/fixtures';

/**
 * Two-step verification in the console, in Chromium: setting up an authenticator app on the
 * Security page, signing in with its codes and with recovery codes, a policy that requires a
 * factor, and an administrator's reset. Codes are computed here with `otpauth`, as an app would.
 */

const STEP_MS = 30_000;
const password = 'security-password-1';

/**
 * An authenticator app holding one secret. The server accepts a code of the current 30-second step
 * or of one either side, each step once per user (a replay, or an older step, is refused), so each
 * code is computed right before it is used, for the step after the last one used: the current one,
 * or the next one when the current one is used up. Only when even the next one is used up does it
 * wait for the clock to reach the next step.
 */
class Authenticator {
  private readonly totp: TOTP;
  private lastStep = Number.NEGATIVE_INFINITY;
  constructor(readonly secret: string) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  }

  async code(): Promise<string> {
    const deadline = Date.now() + 3 * STEP_MS;
    for (;;) {
      const now = Math.floor(Date.now() / STEP_MS);
      const step = Math.max(now, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return this.totp.generate({ timestamp: step * STEP_MS });
      }
      if (Date.now() > deadline) throw new Error('the clock did not reach the next TOTP step');
      // The clock has to reach the next step; nothing else can make this code valid.
      await new Promise((resolve) => setTimeout(resolve, (now + 1) * STEP_MS - Date.now() + 250));
    }
  }

  /** Six digits that are no code of the steps around now. */
  wrong(): string {
    const now = Date.now();
    const valid = new Set([-2, -1, 0, 1, 2].map((offset) => this.totp.generate({ timestamp: now + offset * STEP_MS })));
    return ['000000', '111111', '222222', '333333', '444444', '555555'].find((code) => !valid.has(code))!;
  }
}

async function newOrganizationWithUser(prefix: string, user: string) {
  const organization = unique(prefix);
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: 'Security Org' }))
      .status,
  ).toBe('ok');
  expect((await adminApi('/api/add-user', {}, { owner: organization, name: user, password })).status).toBe('ok');
  return organization;
}

/** A new organization's user with an authenticator app set up through the API (as the Security page does it); answers the app and the recovery codes. */
async function userWithApp(prefix: string, user: string) {
  const organization = await newOrganizationWithUser(prefix, user);
  const started = await adminApi<{ secret: string; recoveryCodes: string[] }>(
    '/api/mfa/setup/initiate',
    {},
    { owner: organization, name: user, mfaType: 'app' },
  );
  const app = new Authenticator(started.data.secret);
  const verified = await adminApi(
    '/api/mfa/setup/verify',
    {},
    { owner: organization, name: user, mfaType: 'app', passcode: await app.code() },
  );
  expect(verified.status).toBe('ok');
  expect(
    (await adminApi('/api/mfa/setup/enable', {}, { owner: organization, name: user, mfaType: 'app' })).status,
  ).toBe('ok');
  return { organization, app, recoveryCodes: started.data.recoveryCodes };
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
}

async function passwordStep(page: Page, organization: string, user: string) {
  await signIn(page, organization, user, password);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
}

const signedIn = async (page: Page) => expect(page.getByTestId('user-menu')).toBeVisible();

test('a user sets up an authenticator app on the Security page, then signs in with its code, told at the field when wrong', async ({
  page,
}) => {
  const organization = await newOrganizationWithUser('sec-org', 'alice');
  await signIn(page, organization, 'alice', password);
  await signedIn(page);
  await page.getByRole('link', { name: 'Security' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('totp-status')).toHaveText('Off');

  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code that adds this account to an authenticator app' })).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  const app = new Authenticator(secret);
  await snapshot(page, 'security-set-up');

  // A wrong first code is told at the field, and nothing is turned on.
  await page.getByLabel('Code from the app').fill(app.wrong());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('totp-setup-code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The code is wrong.')).toBeVisible();
  await page.getByLabel('Code from the app').fill(await app.code());
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codesPanel = page.getByTestId('recovery-codes-panel');
  await expect(codesPanel).toBeVisible();
  const recoveryCodes = ((await page.getByTestId('mfa-recovery-codes').textContent()) ?? '').trim().split('\n');
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByTestId('totp-status')).toHaveText('On');
  await snapshot(page, 'security-recovery-codes');
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(codesPanel).toBeHidden();
  await expect(page.getByTestId('preferred-method')).toHaveValue('Authenticator app');
  await snapshot(page, 'security-on');

  // The password alone no longer signs in: the code is asked for, a wrong one is told at the field.
  await signOut(page);
  await passwordStep(page, organization, 'alice');
  await page.getByTestId('signin-passcode').fill(app.wrong());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('signin-code-error')).toHaveText('The code is wrong.');
  await expect(page.getByTestId('signin-passcode')).toHaveAttribute('aria-invalid', 'true');
  await page.setViewportSize({ width: 375, height: 800 });
  await expectFitsWidth(page);
  await snapshot(page, 'signin-second-step-375');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByTestId('signin-passcode').fill(await app.code());
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);
  // The recovery codes shown at set-up are the user's.
  await signOut(page);
  await passwordStep(page, organization, 'alice');
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[9]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);
});

test('a recovery code signs in once; new codes replace the old ones; turned off, the password alone signs in', async ({
  page,
}) => {
  const { organization, recoveryCodes } = await userWithApp('sec-recovery', 'alice');
  // A recovery code signs in once; the link to it is reachable from the keyboard.
  await passwordStep(page, organization, 'alice');
  await page.getByTestId('signin-passcode').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('signin-toggle-recovery')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);
  await signOut(page);
  await passwordStep(page, organization, 'alice');
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('signin-code-error')).toHaveText(
    'The recovery code is wrong or has already been used.',
  );
  // The answer keeps the recovery-code field, and a code that was not used works.
  await page.getByLabel('Recovery code').fill(recoveryCodes[1]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await signedIn(page);

  // New recovery codes replace the old ones.
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Make new recovery codes' }).click();
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('recovery-codes-panel')).toBeVisible();
  const newCodes = ((await page.getByTestId('mfa-recovery-codes').textContent()) ?? '').trim().split('\n');
  expect(newCodes).toHaveLength(10);
  expect(newCodes.some((code) => recoveryCodes.includes(code))).toBe(false);
  await page.getByRole('button', { name: 'I have saved these codes' }).click();

  // Turned off (after the confirmation), the password alone signs in again.
  await page.getByRole('button', { name: 'Turn off two-step verification' }).click();
  await expect(page.getByRole('dialog', { name: 'Turn off two-step verification?' })).toBeVisible();
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('totp-status')).toHaveText('Off');
  await signOut(page);
  await signIn(page, organization, 'alice', password);
  await signedIn(page);
});

test('an organization that requires two-step verification has its members set it up at sign-in', async ({
  page,
  browser,
}) => {
  const organization = await newOrganizationWithUser('sec-required', 'bob');
  // The administrator sets the policy on the organization's page.
  await signInAsAdmin(page, `/organizations/admin/${organization}`);
  await expect(page.getByTestId('mfa-policy')).toBeVisible();
  await page.getByTestId('mfa-policy').getByLabel('Required').check();
  await page.getByTestId('save-mfa-policy').click();
  await expect
    .poll(
      async () =>
        (
          await adminApi<{ mfaItems: { name: string; rule: string }[] }>('/api/get-organization', {
            id: `admin/${organization}`,
          })
        ).data.mfaItems,
      { message: 'the policy is saved', timeout: 15_000 },
    )
    .toEqual([{ name: 'app', rule: 'Required' }]);
  await snapshot(page, 'organization-mfa-policy');

  const context = await browser.newContext({ baseURL: latchkey().url, viewport: { width: 375, height: 800 } });
  try {
    const phone = await context.newPage();
    await signIn(phone, organization, 'bob', password);
    const enrolment = phone.getByTestId('signin-enrolment');
    await expect(enrolment).toBeVisible();
    await expect(
      phone.getByRole('img', { name: 'QR code that adds this account to an authenticator app' }),
    ).toBeVisible();
    expect((await phone.context().cookies()).some((cookie) => cookie.name === 'casdoor_session_id')).toBe(false);
    await expectFitsWidth(phone);
    await snapshot(phone, 'signin-required-enrolment-375');
    const app = new Authenticator(((await phone.getByTestId('mfa-secret').textContent()) ?? '').trim());
    expect((await phone.getByTestId('mfa-recovery-codes').textContent())?.trim().split('\n')).toHaveLength(10);
    await phone.getByTestId('signin-enrol-code').fill(app.wrong());
    await phone.getByRole('button', { name: 'Turn on and continue' }).click();
    await expect(phone.getByTestId('signin-code-error')).toHaveText('The code is wrong.');
    // The same secret is shown again after a wrong code.
    await expect(phone.getByTestId('mfa-secret')).toHaveText(app.secret);
    await phone.getByTestId('signin-enrol-code').fill(await app.code());
    await phone.getByRole('button', { name: 'Turn on and continue' }).click();
    await signedIn(phone);
    await phone.goto('/account/security');
    await expect(phone.getByTestId('totp-status')).toHaveText('On');
    await expect(phone.getByTestId('mfa-required-by-policy')).toBeVisible();
    await expectFitsWidth(phone);
    await snapshot(phone, 'security-375');
  } finally {
    await context.close();
  }
});

test('an administrator resets a user’s two-step verification, and the user signs in with the password alone', async ({
  page,
}) => {
  // Carol has set up an authenticator app.
  const { organization } = await userWithApp('sec-reset', 'carol');

  await signInAsAdmin(page, `/users/${organization}/carol`);
  const panel = page.getByTestId('user-mfa');
  await expect(panel.getByTestId('user-totp-status')).toHaveText('On');
  await expect(panel.getByTestId('user-preferred-mfa')).toHaveText('Authenticator app');
  await snapshot(page, 'user-mfa');
  await panel.getByRole('button', { name: 'Reset MFA' }).click();
  await expect(
    page.getByRole('dialog', { name: `Reset two-step verification of ${organization}/carol?` }),
  ).toBeVisible();
  await page.getByTestId('confirm').click();
  await expect(page.getByText(`Two-step verification of ${organization}/carol was reset.`)).toBeVisible();
  await expect(panel.getByTestId('user-totp-status')).toHaveText('Off');
  await expect(panel.getByTestId('user-preferred-mfa')).toHaveText('None');
  await expect
    .poll(
      async () =>
        (
          await adminApi<{ action: string; user: string }[]>('/api/get-records', {
            owner: organization,
            field: 'action',
            value: 'delete-mfa',
          })
        ).data?.length ?? 0,
      { message: 'the reset is in the audit log', timeout: 20_000 },
    )
    .toBeGreaterThan(0);

  await signOut(page);
  await signIn(page, organization, 'carol', password);
  await signedIn(page);
});

test('an application’s page sets whether it requires two-step verification', async ({ page }) => {
  const organization = await newOrganizationWithUser('sec-app', 'dave');
  const name = unique('sec-client');
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        { owner: 'admin', name, organization, displayName: 'Security Client', cert: 'cert-built-in' },
      )
    ).status,
  ).toBe('ok');
  await signInAsAdmin(page, `/applications/admin/${name}`);
  const toggle = page.getByTestId('object-form').getByLabel('Require two-step verification');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByTestId('object-form').getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(
      async () =>
        (await adminApi<{ requireMfa: boolean }>('/api/get-application', { id: `admin/${name}` })).data.requireMfa,
      { message: 'the setting is saved', timeout: 15_000 },
    )
    .toBe(true);
});

test('the OAuth sign-in page has the user set up a factor the application requires, and takes a recovery code from under its link', async ({
  page,
}) => {
  const { received, redirectUri, close } = await startClientCallback();
  try {
    const organization = await newOrganizationWithUser('sec-oauth', 'erin');
    const name = unique('sec-oauth-client');
    expect(
      (
        await adminApi(
          '/api/add-application',
          {},
          {
            owner: 'admin',
            name,
            organization,
            displayName: 'Strict Client',
            cert: 'cert-built-in',
            enablePassword: true,
            requireMfa: true,
            redirectUris: [redirectUri],
            expireInHours: 1,
          },
        )
      ).status,
    ).toBe('ok');
    const { clientId } = (await adminApi<{ clientId: string }>('/api/get-application', { id: `admin/${name}` })).data;
    const authorize = (state: string) =>
      `/login/oauth/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=${state}&code_challenge=${createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url')}&code_challenge_method=S256`;
    const passwordStep = async (state: string) => {
      await page.goto(authorize(state));
      await page.getByLabel('Username').fill('erin');
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByTestId('second-factor')).toBeVisible();
    };

    await passwordStep('s1');
    await expect(page.getByRole('heading', { name: 'Set up two-step verification' })).toBeVisible();
    await expect(page.getByTestId('mfa-qr-code')).toBeVisible();
    const app = new Authenticator(((await page.getByTestId('mfa-secret').textContent()) ?? '').trim());
    const recoveryCodes = await page.getByTestId('mfa-recovery-codes').locator('li').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await snapshot(page, 'oauth-required-enrolment');
    await page.getByLabel('Code from the app').fill(await app.code());
    await page.getByRole('button', { name: 'Turn on and continue' }).click();
    await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();
    expect(received.find((url) => url.searchParams.get('state') === 's1')?.searchParams.get('code')).toBeTruthy();

    // Another browser: the password, then a recovery code, opened from the keyboard under its link.
    await page.context().clearCookies();
    await passwordStep('s2');
    await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
    await expect(page.getByLabel('Recovery code')).toBeHidden();
    await page.getByText('Use a recovery code instead').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Recovery code').fill('WRONG-RECOVERY-CODE');
    await page.getByLabel('Recovery code').press('Enter');
    await expect(page.getByTestId('signin-error')).toHaveText('The recovery code is wrong or has already been used.');
    await expect(page.getByLabel('Recovery code')).toBeVisible();
    await expect(page.getByLabel('Recovery code')).toHaveAttribute('aria-invalid', 'true');
    await snapshot(page, 'oauth-recovery-code');
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByLabel('Recovery code').press('Enter');
    await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();
    expect(received.find((url) => url.searchParams.get('state') === 's2')?.searchParams.get('code')).toBeTruthy();
  } finally {
    close();
  }
});
