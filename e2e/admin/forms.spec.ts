import { adminApi, expect, latchkey, type Page, signInAsAdmin, test, unique } from './support/fixtures';

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
