import { adminApi, expect, latchkey, signIn, signInAsAdmin, snapshot, test, unique } from './support/fixtures';

test('a user generates an access key on their account page and a script uses it', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/account');
  await expect(page.getByTestId('account-id')).toHaveText('built-in/admin');
  const panel = page.getByTestId('access-key-panel');
  if (await page.getByTestId('delete-access-key').isVisible()) {
    await page.getByTestId('delete-access-key').click();
    await page.getByTestId('confirm').click();
  }
  await expect(page.getByTestId('no-access-key')).toBeVisible();
  await page.getByTestId('create-access-key').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByText('A new access key was created.')).toBeVisible();
  const accessKey = await panel.getByTestId('access-key').inputValue();
  await panel.getByRole('button', { name: 'Show Access secret' }).click();
  const accessSecret = await panel.getByTestId('access-secret').inputValue();
  expect(accessKey).not.toBe('');
  expect(accessSecret).not.toBe('');
  await snapshot(page, 'account');

  // A plain HTTP call with the key acts as this user.
  const response = await fetch(
    `${latchkey().url}/api/get-account?accessKey=${encodeURIComponent(accessKey)}&accessSecret=${encodeURIComponent(accessSecret)}`,
  );
  const body = await response.json();
  expect(body.status).toBe('ok');
  expect(body.name).toBe('admin');
  const wrong = await fetch(
    `${latchkey().url}/api/get-account?accessKey=${encodeURIComponent(accessKey)}&accessSecret=wrong`,
  ).then((r) => r.json());
  expect(wrong.status).toBe('error');
});

test('a user changes their password on their account page; a mismatch keeps what was typed', async ({ page }) => {
  const organization = unique('org');
  const name = unique('user');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name, password: 'first-password-1' })).status,
  ).toBe('ok');
  await signIn(page, organization, name, 'first-password-1', '/account');
  await expect(page.getByTestId('account-id')).toHaveText(`${organization}/${name}`);
  const form = page.getByTestId('password-form');
  await form.locator('input[name="oldPassword"]').fill('first-password-1');
  await form.locator('input[name="newPassword"]').fill('second-password-2');
  await form.locator('input[name="repeatPassword"]').fill('second-password-3');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('The two new passwords differ.')).toBeVisible();
  // Nothing typed is lost.
  await expect(form.locator('input[name="oldPassword"]')).toHaveValue('first-password-1');
  await expect(form.locator('input[name="newPassword"]')).toHaveValue('second-password-2');
  await form.locator('input[name="repeatPassword"]').fill('second-password-2');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed.')).toBeVisible();
  // After a success the fields are emptied; the new password signs in, the old one no longer does.
  await expect(form.locator('input[name="newPassword"]')).toHaveValue('');
  const login = (password: string) =>
    fetch(`${latchkey().url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization, username: name, password, type: 'login' }),
    }).then((response) => response.json());
  expect((await login('second-password-2')).status).toBe('ok');
  expect((await login('first-password-1')).status).toBe('error');
});
