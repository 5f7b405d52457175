import { expect, latchkey, signInAsAdmin, test } from './support/fixtures';

test('the language follows Accept-Language, and the switcher changes it and remembers it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await context.close();
});

test('switching to two other languages translates the console', async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

  await page.getByTestId('language-picker').first().click();
  await page.getByRole('option', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { name: 'Tableau de bord' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Utilisateurs' })).toBeVisible();

  await page.getByTestId('language-picker').first().click();
  await page.getByRole('option', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { name: 'ユーザー' })).toBeVisible();
  // Remembered: a new page load keeps it.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ユーザー' })).toBeVisible();

  // Signed out, the browser keeps the choice, and the API's own messages come in that language too.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
  await page.getByLabel('ユーザー名').fill('admin');
  await page.locator('input[name="password"]').fill('certainly-wrong');
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await expect(page.getByTestId('signin-error')).toHaveText('ユーザー名またはパスワードが間違っています。');

  // Signed in again, still Japanese; then back to English (for the user too) for the other tests of this run.
  await page.locator('input[name="password"]').fill(latchkey().adminPassword);
  await page.getByRole('button', { name: 'サインイン', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await page.getByTestId('language-picker').first().click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});
