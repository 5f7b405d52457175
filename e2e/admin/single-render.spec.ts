import { expect, type Page, signInAsAdmin, test } from './support/fixtures';

/**
 * A console page holds its content once: one main region, one list, one account panel, at every
 * moment of loading, hydrating and navigating. Content streamed behind a Suspense boundary could
 * be in the document twice for a moment (the browser's render and the server's hidden copy),
 * which screen readers, focus and tests all trip over.
 */
const PAGES = ['/', '/users', '/roles', '/tokens', '/applications', '/account', '/users/new'];
const ONCE = ['object-table', 'account-id', 'create-object', 'user-menu'];

/** Records, from the first byte of every document on, each moment a page holds a main region or a marked part twice. */
async function watchForDoubles(page: Page) {
  await page.addInitScript((testIds: string[]) => {
    const seen: string[] = [];
    (window as unknown as { __doubles: string[] }).__doubles = seen;
    const check = () => {
      const counts = [
        `main:${document.querySelectorAll('main').length}`,
        ...testIds.map((id) => `${id}:${document.querySelectorAll(`[data-testid="${id}"]`).length}`),
      ];
      const doubled = counts.filter((entry) => Number(entry.split(':')[1]) > 1);
      if (doubled.length > 0) seen.push(`${location.pathname} ${doubled.join(' ')}`);
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true });
  }, ONCE);
}

const doubles = (page: Page) => page.evaluate(() => (window as unknown as { __doubles?: string[] }).__doubles ?? []);

test('every console page arrives whole: no part of it is streamed to be revealed later', async ({ page }) => {
  await signInAsAdmin(page);
  for (const path of PAGES) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    // Positive control: the page's own content is in the answer.
    expect(html, path).toContain('<main');
    // React streams a late Suspense boundary as <div hidden id="S:n"> and reveals it with $RC.
    expect(html.match(/<div hidden id="S:\d+"/g) ?? [], path).toEqual([]);
  }
});

test('loading a page and navigating between pages never holds the content twice', async ({ page }) => {
  await watchForDoubles(page);
  await signInAsAdmin(page);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('main')).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    expect(await doubles(page), path).toEqual([]);
  }
  // Client-side navigation through the menu, without reloading the document.
  await page.goto('/');
  for (const link of ['Users', 'Roles', 'Tokens', 'Applications', 'Users']) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${link.toLowerCase()}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    expect(await doubles(page), link).toEqual([]);
  }
  // The observer itself works (positive control): a second main region is seen.
  await page.evaluate(() => document.body.append(document.createElement('main')));
  await expect
    .poll(async () => (await doubles(page)).length, {
      message: 'the watcher sees a doubled main region',
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
});
