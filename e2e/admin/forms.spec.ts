import { adminApi, choose, expect, latchkey, type Page, signInAsAdmin, test, unique } from './support/fixtures';

/** A new organization with one user, made through the API. */
async function organizationWithUser(prefix: string, user = 'member', password = 'member-password-1') {
  const organization = unique(prefix);
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect((await adminApi('/api/add-user', {}, { owner: organization, name: user, password })).status).toBe('ok');
  return organization;
}

async function forgetSession(page: Page) {
  await page.context().clearCookies({ name: 'casdoor_session_id' });
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('casdoor_session_id');
}

test('a save after the session ended keeps the edits, asks for the password and saves', async ({ page }) => {
  const organization = await organizationWithUser('expired');
  await signInAsAdmin(page);
  await page.goto(`/users/${organization}/member`);
  const displayName = page.getByTestId('object-form').getByLabel('Display name');
  await displayName.fill('Edited after expiry');
  await forgetSession(page);
  await page.getByTestId('save-object').click();

  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await expect(dialog).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  // The form behind the dialog still holds what was typed.
  await expect(displayName).toHaveValue('Edited after expiry');
  await expect(dialog.getByLabel('Organization')).toHaveValue('built-in');
  await expect(dialog.getByLabel('Username')).toHaveValue('admin');
  await dialog.locator('input[name="password"]').fill(latchkey().adminPassword);
  await dialog.getByRole('button', { name: 'Sign in and save' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText('Saved.')).toBeVisible();
  const stored = await adminApi<{ displayName: string }>('/api/get-user', { id: `${organization}/member` });
  expect(stored.data.displayName).toBe('Edited after expiry');
});

test('a wrong password in the sign-in dialog says so and saves nothing', async ({ page }) => {
  const organization = await organizationWithUser('expired-wrong');
  await signInAsAdmin(page);
  await page.goto(`/users/${organization}/member`);
  await page.getByTestId('object-form').getByLabel('Display name').fill('Not saved');
  await forgetSession(page);
  await page.getByTestId('save-object').click();
  const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
  await dialog.locator('input[name="password"]').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Sign in and save' }).click();
  await expect(dialog.getByTestId('signin-error')).toBeVisible();
  const stored = await adminApi<{ displayName: string }>('/api/get-user', { id: `${organization}/member` });
  expect(stored.data.displayName).not.toBe('Not saved');
});

test('pickers follow the form organization and search the server as one types', async ({ page }) => {
  const organization = await organizationWithUser('pickers');
  // More users than the 200 the pickers once loaded: whatever the order of such a first page (by name
  // or by creation, up or down), one of u0, u99 and u249 is not on it, so only a search finds all three.
  const file = new FormData();
  file.append(
    'file',
    new Blob([['name', ...Array.from({ length: 250 }, (_, index) => `u${index}`)].join('\n')]),
    'users.csv',
  );
  const upload = new URL(`${latchkey().url}/api/upload-users`);
  for (const [name, value] of Object.entries({
    owner: organization,
    username: 'built-in/admin',
    password: latchkey().adminPassword,
  }))
    upload.searchParams.set(name, value);
  expect((await (await fetch(upload, { method: 'POST', body: file })).json()).status).toBe('ok');
  // With "All organizations" (the global administrator's start), a new role starts in built-in.
  await signInAsAdmin(page);
  await page.goto('/roles/new');
  await choose(page, 'Organization', organization);
  const users = page.getByTestId('object-form').getByLabel('Users');
  await users.click();
  await expect(page.getByRole('option', { name: `${organization}/member`, exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'built-in/admin', exact: true })).toHaveCount(0);
  for (const name of ['u0', 'u99', 'u249']) {
    await users.fill(name);
    await page.getByRole('option', { name: `${organization}/${name}`, exact: true }).click();
    await expect(page.getByTestId('object-form')).toContainText(`${organization}/${name}`);
  }
});

test('half-typed text in a users field is not a value', async ({ page }) => {
  const organization = await organizationWithUser('halftyped');
  await signInAsAdmin(page);
  await page.goto('/roles/new');
  await choose(page, 'Organization', organization);
  await page.getByTestId('object-form').getByLabel('Name', { exact: false }).first().fill(unique('role'));
  const users = page.getByTestId('object-form').getByLabel('Users');
  await users.fill('u0');
  // Clicking elsewhere leaves no pill behind.
  await page.getByTestId('object-form').getByLabel('Display name').click();
  await expect(page.getByTestId('object-form').locator('.mantine-Pill-root')).toHaveCount(0);
  await expect(users).not.toHaveValue('u0');
});

test('nonsense in an application is refused at its field, and a value is removed with the keyboard', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/applications/new');
  const form = page.getByTestId('object-form');
  await form.getByLabel('Name', { exact: false }).first().fill(unique('nonsense'));
  const redirectUris = form.getByLabel('Redirect URIs');
  await redirectUris.fill('javascript:alert(1)');
  await page.keyboard.press('Enter');
  await page.getByTestId('save-object').click();
  await expect(redirectUris).toHaveAttribute('aria-invalid', 'true');
  await expect(redirectUris).toHaveAccessibleDescription(/"javascript:alert\(1\)" cannot be a redirect URI/);
  await expect(redirectUris).toBeFocused();
  await expect(page.getByTestId('form-error')).toHaveCount(0);

  // The pill's remove button is reached with Tab and pressed with Enter.
  const remove = form.getByRole('button', { name: 'Remove javascript:alert(1)' });
  // Pills come before the text box of their field: one Tab from the field before reaches the first one.
  await form.getByLabel('Terms of use', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(remove).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(remove).toHaveCount(0);

  await redirectUris.fill('https://app.example.com/callback');
  await page.keyboard.press('Enter');
  const lifetime = form.getByLabel('Token lifetime (hours)', { exact: true });
  await lifetime.fill('-5');
  await page.getByTestId('save-object').click();
  await expect(lifetime).toHaveAttribute('aria-invalid', 'true');
  await expect(lifetime).toBeFocused();
  await lifetime.fill('24');
  await page.getByTestId('save-object').click();
  await expect(page).toHaveURL(/\/applications\/admin\/nonsense-/);
});

test('one password rule: a new user and a set password are refused at the field, and nothing typed is lost', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/users/new');
  const form = page.getByTestId('object-form');
  const name = unique('weak');
  await form.getByLabel('Name', { exact: false }).first().fill(name);
  const password = form.locator('input[name="password"]');
  await password.fill('1');
  await page.getByTestId('save-object').click();
  await expect(password).toHaveAccessibleDescription(/The password must have at least 8 characters\./);
  await expect(password).toBeFocused();
  await password.fill('a-long-password-1');
  await page.getByTestId('save-object').click();
  await expect(page).toHaveURL(new RegExp(`/users/built-in/${name}`));

  const setPassword = page.getByTestId('set-password-form');
  const newPassword = setPassword.getByLabel('New password', { exact: true });
  const repeat = setPassword.getByLabel('New password again');
  await newPassword.fill('first-password-1');
  await repeat.fill('other-password-1');
  await setPassword.getByRole('button', { name: 'Set password' }).click();
  await expect(repeat).toHaveAccessibleDescription('The two new passwords differ.');
  await expect(repeat).toBeFocused();
  await expect(newPassword).toHaveValue('first-password-1');
  await expect(repeat).toHaveValue('other-password-1');

  await newPassword.fill('short');
  await repeat.fill('short');
  await setPassword.getByRole('button', { name: 'Set password' }).click();
  await expect(newPassword).toHaveAccessibleDescription(/The password must have at least 8 characters\./);
  await expect(newPassword).toBeFocused();
  await expect(newPassword).toHaveValue('short');
});
