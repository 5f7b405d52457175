import { expect, signInAsAdmin, test } from './support/fixtures';

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
  // API messages come back in the chosen language too.
  await page.goto('/users?field=name&value=nobody-at-all');
  await expect(page.getByTestId('empty-state')).toBeVisible();

  // Remembered: a new page load keeps it, and so does the user's account.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ユーザー' })).toBeVisible();
  await page.getByTestId('language-picker').first().click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
});
