import { expect, latchkey, signInAsAdmin, snapshot, test } from './support/fixtures';

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
