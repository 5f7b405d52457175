import { createServer, type Server } from 'node:http';
import type { Frame } from '@playwright/test';
import { expect, latchkey, type Page, signIn, signInAsAdmin, test } from './support/fixtures';

/** A tiny site on another origin (its own loopback port) that answers every path with `html(path)`. */
async function otherSite(html: (path: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(request.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A page that frames `src` and notes when the frame has finished loading (whatever it loaded). */
const framer = (src: string) => `<!doctype html><html><body><h1>Attacker</h1>
<iframe id="target" src="${src}" width="1000" height="700" onload="document.body.dataset.loaded = 'yes'"></iframe></body></html>`;

/** What the frame test counts as "the console rendered": its sign-in heading and form are in the document. */
async function showsSignIn(frame: Frame | Page): Promise<boolean> {
  return frame
    .evaluate(() =>
      Boolean(
        document.querySelector('h1')?.textContent?.includes('Sign in') &&
          document.querySelector('input[name="password"]'),
      ),
    )
    .catch(() => false);
}

async function framedDocument(page: Page, site: string): Promise<Frame> {
  await page.goto(site);
  await page.waitForFunction(() => document.body.dataset.loaded === 'yes', undefined, { timeout: 30_000 });
  const frame = await (await page.locator('#target').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the framer page has no frame');
  return frame;
}

test.describe('the console cannot be framed by another site', () => {
  test('a page on another origin that frames the sign-in page gets nothing rendered; the same check sees it unframed and a frameable look-alike', async ({
    page,
  }) => {
    const consoleUrl = `${latchkey().url}/login`;
    // Positive controls: the console itself renders at the top level, and a look-alike without the headers renders in a frame.
    await page.goto(consoleUrl);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await showsSignIn(page)).toBe(true);
    const lookAlike = await otherSite(
      () => '<!doctype html><h1>Sign in</h1><form><input name="password" type="password"></form>',
    );
    const attacker = await otherSite((path) => framer(path === '/control' ? `${lookAlike.url}/` : consoleUrl));
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
    });
    try {
      const control = await framedDocument(page, `${attacker.url}/control`);
      expect(await showsSignIn(control)).toBe(true);

      const framed = await framedDocument(page, `${attacker.url}/`);
      expect(await showsSignIn(framed)).toBe(false);
      expect(framed.url()).not.toBe(consoleUrl);
      // Chromium says why.
      await expect
        .poll(() => refusals.length, { message: 'Chromium reports the refused frame', timeout: 15_000 })
        .toBeGreaterThan(0);
    } finally {
      await attacker.close();
      await lookAlike.close();
    }
  });

  test('a signed-in console page cannot be framed either', async ({ page }) => {
    await signInAsAdmin(page);
    const attacker = await otherSite(() => framer(`${latchkey().url}/users`));
    try {
      const framed = await framedDocument(page, `${attacker.url}/`);
      const rendered = await framed
        .evaluate(() => Boolean(document.querySelector('[data-testid="user-menu"]')))
        .catch(() => false);
      expect(rendered).toBe(false);
      // Positive control: the same check sees the page at the top level.
      await page.goto('/users');
      expect(await page.evaluate(() => Boolean(document.querySelector('[data-testid="user-menu"]')))).toBe(true);
    } finally {
      await attacker.close();
    }
  });
});

/** Collects Content-Security-Policy violations and console errors of a page, from its first script on. */
async function watchPolicy(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []),
  };
}

test.describe('the console works under its Content-Security-Policy', () => {
  test('signing in, navigating and a menu work, with no policy violation and no console error', async ({ page }) => {
    const watch = await watchPolicy(page);
    await signInAsAdmin(page, '/users');
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    // The page under test does carry a nonce policy (so that "no violation" means something).
    const reloaded = await page.reload();
    expect(reloaded?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
    expect(await watch.violations()).toEqual([]);
    // Client-side navigation and a menu need the hydrated scripts.
    await page
      .getByRole('navigation', { name: 'Latchkey console' })
      .getByRole('link', { name: 'Applications', exact: true })
      .click();
    await expect(page.getByRole('heading', { name: 'Applications' })).toBeVisible();
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('sign-out')).toBeVisible();
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors.filter((error) => /Content Security Policy|Refused to/i.test(error))).toEqual([]);
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    expect(await watch.violations()).toEqual([]);
  });

  test('the API reference (/swagger) still works under its policy', async ({ page }) => {
    const watch = await watchPolicy(page);
    const response = await page.goto('/swagger');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('.swagger-ui .information-container')).toContainText('Latchkey', { timeout: 30_000 });
    await expect(page.locator('.opblock-tag').first()).toBeVisible();
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors.filter((error) => /Content Security Policy|Refused to/i.test(error))).toEqual([]);
  });
});

test.describe('the page after sign-in never leaves the site', () => {
  test('a hostile next (tab trick) signs in to the dashboard of this site; a console path is kept', async ({
    page,
  }) => {
    const { url, adminPassword } = latchkey();
    await page.goto('/login?next=/%09/evil.com');
    await expect(page.locator('input[name="next"]')).toHaveCount(0);
    await signIn(page, 'built-in', 'admin', adminPassword, '/\t/evil.com');
    await expect(page.getByTestId('user-menu')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(url);
    expect(new URL(page.url()).pathname).toBe('/');
    // Positive control: a real console path is where sign-in goes back to (when already signed in, too).
    await page.goto('/login?next=%2Faccount');
    await expect(page).toHaveURL(`${url}/account`);
  });
});
