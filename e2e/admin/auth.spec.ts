import { adminApi, expect, latchkey, signIn, signInAsAdmin, snapshot, test } from './support/fixtures';

test.describe('signing in and out', () => {
  test('a signed-out visitor is sent to sign-in and back, then signs out', async ({ page }) => {
    await page.goto('/users?value=adm&field=name');
    await expect(page).toHaveURL(/\/login\?next=/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await snapshot(page, 'sign-in');
    await page.getByLabel('Organization').fill('built-in');
    await page.getByLabel('Username').fill('admin');
    await page.locator('input[name="password"]').fill(latchkey().adminPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/users\?value=adm&field=name$/);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'casdoor_session_id');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    // The session is over at the API too: the old cookie no longer works.
    const response = await fetch(`${latchkey().url}/api/get-account`, {
      headers: { cookie: `casdoor_session_id=${session!.value}` },
    });
    expect((await response.json()).status).toBe('error');
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a wrong password shows the API error, translated, and keeps what was typed', async ({ page }) => {
    await signIn(page, 'built-in', 'admin', 'not-the-password');
    await expect(page.getByTestId('signin-error')).toHaveText('The username or password is wrong.');
    await expect(page.getByLabel('Username')).toHaveValue('admin');
    await page.locator('input[name="password"]').fill('');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('signin-error')).toHaveText('Enter your organization, username and password.');
  });

  test('the console opens on the dashboard', async ({ page }) => {
    await signInAsAdmin(page);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    // The cards show what the API counts (other specs add users and organizations before this one).
    const counts = await adminApi<{ users: number; organizations: number }>('/api/get-dashboard', { organization: '' });
    expect(counts.status).toBe('ok');
    expect(counts.data.users).toBeGreaterThan(0);
    await expect(page.getByTestId('stat-users')).toContainText(counts.data.users.toLocaleString('en-US'));
    await expect(page.getByTestId('stat-organizations')).toContainText(
      counts.data.organizations.toLocaleString('en-US'),
    );
    await snapshot(page, 'dashboard');
  });
});
