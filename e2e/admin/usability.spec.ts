import { expect, latchkey, type Page, signInAsAdmin, snapshot, test } from './support/fixtures';

/** Inputs that a person can reach and that have no accessible name. */
async function unlabelledInputs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input, select, textarea')]
      .filter((element) => (element as HTMLInputElement).type !== 'hidden' && element.offsetParent !== null)
      .filter((element) => {
        const labelledBy = element.getAttribute('aria-labelledby');
        const byIds = labelledBy?.split(' ').some((id) => document.getElementById(id)?.textContent?.trim());
        const byFor =
          element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent?.trim();
        return !(
          element.getAttribute('aria-label')?.trim() ||
          byIds ||
          byFor ||
          element.closest('label')?.textContent?.trim()
        );
      })
      .map((element) => element.outerHTML.slice(0, 120)),
  );
}

test('every input has a label, on the main pages', async ({ page }) => {
  await page.goto('/login');
  expect(await unlabelledInputs(page)).toEqual([]);
  await signInAsAdmin(page);
  for (const path of [
    '/',
    '/users',
    '/applications/new',
    '/users/new',
    '/account',
    '/applications/admin/app-built-in',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect({ path, unlabelled: await unlabelledInputs(page) }).toEqual({ path, unlabelled: [] });
  }
});

test('the keyboard alone signs in, with a visible focus', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Organization').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username')).toBeFocused();
  const outline = await page
    .getByLabel('Username')
    .evaluate((element) => `${getComputedStyle(element).outlineStyle} ${getComputedStyle(element).borderColor}`);
  expect(outline).not.toBe('none rgb(206, 212, 218)');
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await page.keyboard.type(latchkey().adminPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // The first Tab offers to skip to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeInViewport();
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('pages fit the screen and the menu opens the other pages', async ({ page }) => {
    await signInAsAdmin(page);
    for (const path of ['/', '/users', '/applications/admin/app-built-in', '/account']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await page.goto('/');
    await snapshot(page, 'phone-dashboard');
    await page.getByRole('button', { name: 'Open the navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Latchkey console' })
      .getByRole('link', { name: 'Applications', exact: true })
      .click();
    await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
    await snapshot(page, 'phone-applications');
  });
});
