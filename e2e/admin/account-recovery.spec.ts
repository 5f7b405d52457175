import { CLIENT_RECEIVED, startClientCallback } from './support/client-callback';
import { adminApiOf, expect, expectFitsWidth, type Page, test, unique } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';
import { type Mailbox, startMailbox } from './support/mailbox';

/**
 * A forgotten password, sign-in by code and a new email address, in Chromium, against a server of
 * its own that may reach a real SMTP server on the loopback address; the codes are read out of the
 * mails it receives.
 */
let server: RunningLatchkey;
let mailbox: Mailbox;
let client: Awaited<ReturnType<typeof startClientCallback>>;

const organization = unique('recover-org');
const application = unique('recover-app');
let clientId = '';

const api = <T = unknown>(path: string, body?: unknown) => adminApiOf<T>(server, path, {}, body);

async function addUser(name: string, password: string, email: string) {
  const answer = await api('/api/add-user', { owner: organization, name, password, email, displayName: name });
  expect(answer.status).toBe('ok');
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mailbox = await startMailbox();
  client = await startClientCallback();
  server = await startLatchkeyWithPortal({ LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' });
  expect(
    (
      await api('/api/add-organization', {
        owner: 'admin',
        name: organization,
        displayName: 'Recovery Org',
        passwordOptions: ['AtLeast8'],
      })
    ).status,
  ).toBe('ok');
  expect(
    (
      await api('/api/add-provider', {
        owner: organization,
        name: 'mail',
        category: 'Email',
        type: 'Default',
        host: '127.0.0.1',
        port: mailbox.port,
        disableSsl: true,
        clientId: mailbox.username,
        clientSecret: mailbox.password,
      })
    ).status,
  ).toBe('ok');
  expect(
    (
      await api('/api/add-application', {
        owner: 'admin',
        name: application,
        organization,
        displayName: 'Recovery Client',
        cert: 'cert-built-in',
        enablePassword: true,
        enableCodeSignin: true,
        signinMethods: [
          { name: 'Password', displayName: 'Password', rule: 'All' },
          { name: 'Verification code', displayName: 'Verification code', rule: 'All' },
        ],
        redirectUris: [client.redirectUri],
        grantTypes: ['authorization_code'],
        expireInHours: 1,
        providers: [
          {
            owner: organization,
            name: 'mail',
            canSignUp: false,
            canSignIn: false,
            canUnlink: false,
            prompted: false,
            alertType: 'None',
            rule: 'All',
          },
        ],
      })
    ).status,
  ).toBe('ok');
  clientId = (await api<{ clientId: string }>(`/api/get-application?id=admin/${application}`)).data.clientId;
});

test.afterAll(async () => {
  await server?.stop();
  await mailbox?.stop();
  client?.close();
});

const authorizeUrl = (state: string) =>
  `${server.url}/login/oauth/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent(client.redirectUri)}&scope=openid&state=${state}`;

async function consoleSignIn(page: Page, name: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill(name);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The first pages a new server renders can be slow on a busy machine.
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 30_000 });
}

test('a forgotten password from an OAuth sign-in page: a code by email, a new password, every session ended, back into the flow', async ({
  page,
  browser,
}) => {
  await addUser('rita', 'Rita-password-1', 'rita@recover.test');
  // A session elsewhere, which the new password ends.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await consoleSignIn(other, 'rita', 'Rita-password-1');

  await page.goto(authorizeUrl('forgot'));
  await expect(page.getByTestId('oauth-application')).toHaveText('Sign in to Recovery Client');
  await page.getByTestId('forgot-password').click();
  await expect(page).toHaveURL(new RegExp(`/forget/${application}\\?next=`));
  await expect(page.getByLabel('Organization')).toHaveValue(organization);
  await page.getByLabel('Username, email or phone').fill('rita');
  await page.getByLabel('Username, email or phone').press('Enter');

  // The masked address; the code goes there.
  await expect(page.getByTestId('recover-send')).toBeVisible();
  await expect(page.getByLabel('Email: r***@r***.test')).toBeChecked();
  const before = mailbox.mails.length;
  await page.getByRole('button', { name: 'Send the code' }).click();
  await expect(page.getByTestId('recover-notice')).toContainText('If the account exists');
  const code = await mailbox.codeSentTo('rita@recover.test', before);

  // A wrong code is told at its field; the right one moves on.
  await page.getByLabel('Verification code').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('recover-field-error')).toContainText('verification code is wrong');
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();

  // The organization's password rule is told at the field, and what was typed stays.
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByTestId('recover-password').getByText(/at least 8/)).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('short');
  await page.getByLabel('New password', { exact: true }).fill('Rita-new-password-2');
  await page.getByLabel('New password again').fill('Rita-new-password-2');
  await page.getByRole('button', { name: 'Set the new password' }).click();

  // Back at the application's sign-in page, where the new password signs in and the client gets its code.
  await expect(page.getByTestId('oauth-application')).toHaveText('Sign in to Recovery Client');
  await page.getByLabel('Username').fill('rita');
  await page.locator('input[name="password"]').fill('Rita-new-password-2');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(CLIENT_RECEIVED)).toBeVisible();
  const callback = client.received.filter((url) => url.pathname === '/callback').at(-1)!;
  expect(callback.searchParams.get('state')).toBe('forgot');
  expect(callback.searchParams.get('code')).toBeTruthy();

  // The session of the other browser ended with the old password.
  await other.goto(`${server.url}/account`);
  await expect(other).toHaveURL(/\/login/);
  await elsewhere.close();
});

test('the console’s forgotten-password page answers an unknown account as a known one', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('forgot-password').click();
  await expect(page).toHaveURL(/\/forget$/);
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username, email or phone').fill('nobody-here');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('recover-send')).toBeVisible();
  await page.getByRole('button', { name: 'Send the code' }).click();
  await expect(page.getByTestId('recover-notice')).toContainText('If the account exists');
  await page.getByLabel('Verification code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('recover-field-error')).toContainText('verification code is wrong');
  await page.getByTestId('recover-back').click();
  await expect(page).toHaveURL(/\/login$/);
});

test('sign-in by code in the console, on a phone-sized screen with the keyboard', async ({ page }) => {
  await addUser('cody', 'Cody-password-1', 'cody@recover.test');
  await page.setViewportSize({ width: 375, height: 800 });
  // The organization remembered from an earlier sign-in decides whether the console offers a code.
  await page.context().addCookies([{ name: 'latchkey_last_organization', value: organization, url: server.url }]);
  await page.goto(`${server.url}/login`);
  await page.getByTestId('signin-with-code').click();
  await expect(page.getByTestId('code-signin-send')).toBeVisible();
  await expect(page.getByLabel('Organization')).toHaveValue(organization);
  await page.getByLabel('Email or phone').fill('cody@recover.test');
  const before = mailbox.mails.length;
  await page.getByLabel('Email or phone').press('Enter');
  await expect(page.getByTestId('code-signin-notice')).toBeVisible();
  const code = await mailbox.codeSentTo('cody@recover.test', before);
  await expect(page.getByLabel('Verification code')).toBeFocused();
  await expectFitsWidth(page);
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/\/login/);
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(page.getByTestId('user-menu')).toBeVisible();
});

test('a new email address on the account page, confirmed by the code sent to it', async ({ page }) => {
  await addUser('emma', 'Emma-password-1', 'emma@recover.test');
  await consoleSignIn(page, 'emma', 'Emma-password-1');
  await page.goto(`${server.url}/account`);
  const section = page.getByTestId('contact-section');
  await expect(section.getByTestId('contact-current')).toHaveText('Now: emma@recover.test');
  await section.getByLabel('New email address').fill('emma.new@recover.test');
  const before = mailbox.mails.length;
  await section.getByRole('button', { name: 'Send a code' }).click();
  await expect(section.getByTestId('contact-notice')).toHaveText('A code was sent to emma.new@recover.test.');
  const code = await mailbox.codeSentTo('emma.new@recover.test', before);
  // Nothing went to the old address.
  expect(mailbox.mails.slice(before).some((mail) => mail.to.includes('emma@recover.test'))).toBe(false);
  await expect(section.getByLabel('Verification code')).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(section.getByTestId('contact-notice')).toHaveText('Your email address was changed.');
  await expect(section.getByTestId('contact-current')).toHaveText('Now: emma.new@recover.test');
  const user = await api<{ email: string; emailVerified: boolean }>(`/api/get-user?id=${organization}/emma`);
  expect(user.data).toMatchObject({ email: 'emma.new@recover.test', emailVerified: true });
});

test('the console asks for the captcha after repeated failed sign-ins when its application’s rule is Dynamic', async ({
  page,
}) => {
  await addUser('cap', 'Cap-password-1', 'cap@recover.test');
  expect(
    (
      await api('/api/add-provider', {
        owner: 'built-in',
        name: 'console-captcha',
        category: 'Captcha',
        type: 'Default',
      })
    ).status,
  ).toBe('ok');
  const builtIn = (
    await api<Record<string, unknown> & { providers: unknown[] }>('/api/get-application?id=admin/app-built-in')
  ).data;
  const item = {
    owner: 'built-in',
    name: 'console-captcha',
    canSignUp: false,
    canSignIn: false,
    canUnlink: false,
    prompted: false,
    alertType: 'None',
    rule: 'Dynamic',
  };
  expect(
    (
      await api('/api/update-application?id=admin/app-built-in', {
        ...builtIn,
        providers: [...builtIn.providers, item],
      })
    ).status,
  ).toBe('ok');
  await page.goto(`${server.url}/login`);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  // Each attempt waits for its answer: the same error text stays on screen while the next one is sent,
  // and the form is reset when an answer arrives, which would clear fields typed in the meantime.
  const attempt = async (password: string) => {
    await page.getByLabel('Organization').fill(organization);
    await page.getByLabel('Username').fill('cap');
    await page.locator('input[name="password"]').fill(password);
    const answer = page
      .waitForResponse(
        (response) =>
          response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined,
        { timeout: 15_000 },
      )
      .catch(() => {
        throw new Error('the sign-in form did not answer within 15 s');
      });
    await submit.click();
    await answer;
    await expect(submit, 'the form takes input again once the sign-in has answered').toBeEnabled();
  };
  // Half the failed sign-in limit (5) of wrong passwords, without a captcha.
  for (let index = 0; index < 3; index++) {
    await attempt('Wrong-password-1');
    await expect(page.getByTestId('signin-error')).toHaveText('The username or password is wrong.');
    await expect(page.getByTestId('signin-captcha')).toHaveCount(0);
  }
  // Then even the right password needs the captcha; a wrong answer is refused with a new image.
  await attempt('Cap-password-1');
  await expect(page.getByTestId('signin-error')).toContainText('captcha');
  await expect(page.getByTestId('signin-captcha')).toBeVisible();
  const first = await page.getByTestId('signin-captcha').getAttribute('src');
  await page.getByLabel('Characters in the image').fill('-----');
  await attempt('Cap-password-1');
  await expect(page.getByTestId('signin-captcha')).not.toHaveAttribute('src', first ?? '');
  await expect(page.getByTestId('signin-error')).toContainText('captcha');
});
