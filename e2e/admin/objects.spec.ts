import {
  adminApi,
  choose,
  deleteFromEditPage,
  expect,
  fillField,
  latchkey,
  signInAsAdmin,
  snapshot,
  test,
  unique,
} from './support/fixtures';

test.describe('creating, editing and deleting objects', () => {
  test('an organization, an application in it and a user: create, edit, delete', async ({ page }) => {
    const organization = unique('org');
    const application = unique('app');
    const user = unique('user');
    await signInAsAdmin(page);

    // Organization
    await page.goto('/organizations');
    await page.getByTestId('create-object').click();
    await fillField(page, 'Name', organization);
    await fillField(page, 'Display name', 'Acme Corporation');
    await fillField(page, 'Website', 'not a url');
    await page.getByTestId('save-object').click();
    await expect(page.getByText('Enter a full address starting with http:// or https://.')).toBeVisible();
    await fillField(page, 'Website', 'https://acme.example.com');
    await page.getByTestId('save-object').click();
    await expect(page).toHaveURL(new RegExp(`/organizations/admin/${organization}(\\?created=1)?$`));
    await fillField(page, 'Display name', 'Acme Inc.');
    await page.getByTestId('save-object').click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    expect(
      (await adminApi<{ displayName: string }>('/api/get-organization', { id: `admin/${organization}` })).data
        .displayName,
    ).toBe('Acme Inc.');

    // Application in it
    await page.goto('/applications/new');
    await choose(page, 'Organization', organization);
    await fillField(page, 'Name', application);
    await fillField(page, 'Display name', 'Acme Portal');
    await page.getByTestId('object-form').getByLabel('Redirect URIs').fill('https://acme.example.com/callback');
    await page.keyboard.press('Enter');
    await page.getByTestId('save-object').click();
    await expect(page).toHaveURL(new RegExp(`/applications/admin/${application}(\\?created=1)?$`));
    await expect(page.getByTestId('client-id')).not.toHaveValue('');
    await fillField(page, 'Token lifetime (hours)', '24');
    await page.getByTestId('save-object').click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    const stored = await adminApi<{ organization: string; expireInHours: number; redirectUris: string[] }>(
      '/api/get-application',
      { id: `admin/${application}` },
    );
    expect(stored.data).toMatchObject({
      organization,
      expireInHours: 24,
      redirectUris: ['https://acme.example.com/callback'],
    });
    await snapshot(page, 'application-edit');

    // User in it
    await page.goto('/users/new');
    await choose(page, 'Organization', organization);
    await fillField(page, 'Name', 'bad/name');
    await page.getByTestId('save-object').click();
    await expect(page.getByText('A name may not contain / ? : # & % = + ; or spaces.')).toBeVisible();
    await fillField(page, 'Name', user);
    await page.getByTestId('object-form').locator('input[name="password"]').fill('a-long-password-1');
    await fillField(page, 'Email', `${user}@acme.example.com`);
    await page.getByTestId('save-object').click();
    await expect(page).toHaveURL(new RegExp(`/users/${organization}/${user}(\\?created=1)?$`));
    await fillField(page, 'Display name', 'Jane Roe');
    await page.getByTestId('save-object').click();
    await expect(page.getByText('Saved.').first()).toBeVisible();
    expect(
      (await adminApi<{ displayName: string }>('/api/get-user', { id: `${organization}/${user}` })).data.displayName,
    ).toBe('Jane Roe');
    await snapshot(page, 'user-edit');

    // An administrator gives the user a new password; the user signs in with it.
    const setPassword = page.getByTestId('set-password-form');
    await setPassword.locator('input[name="newPassword"]').fill('a-new-password-2');
    await setPassword.locator('input[name="repeatPassword"]').fill('a-new-password-2');
    await setPassword.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByText('The password was set.')).toBeVisible();
    const login = await fetch(`${latchkey().url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization, username: user, password: 'a-new-password-2', type: 'login' }),
    }).then((response) => response.json());
    expect(login.status).toBe('ok');

    // Delete them, each after a confirmation
    await deleteFromEditPage(page, user);
    await expect(page).toHaveURL(/\/users$/);
    expect((await adminApi('/api/get-user', { id: `${organization}/${user}` })).data).toBeNull();
    await page.goto(`/applications/admin/${application}`);
    await deleteFromEditPage(page, application);
    expect((await adminApi('/api/get-application', { id: `admin/${application}` })).data).toBeNull();
    await page.goto(`/organizations/admin/${organization}`);
    await deleteFromEditPage(page, organization);
    expect((await adminApi('/api/get-organization', { id: `admin/${organization}` })).data).toBeNull();
  });

  test('an error of the API is shown at the top of the form', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/organizations/new');
    // built-in exists already: the API refuses a second one.
    await fillField(page, 'Name', 'built-in');
    await page.getByTestId('save-object').click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await expect(page).toHaveURL(/\/organizations\/new$/);
  });
});
