import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export type { Page };
export { expect };

const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'artifacts');

export interface Latchkey {
  url: string;
  adminPassword: string;
}

export function latchkey(): Latchkey {
  const url = process.env.LATCHKEY_E2E_URL;
  const adminPassword = process.env.LATCHKEY_E2E_ADMIN_PASSWORD;
  if (!url || !adminPassword) throw new Error('the global setup did not start Latchkey');
  return { url, adminPassword };
}

/** A name no other test uses. */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Calls the public API as the global administrator (username/password query, as scripts may). */
export const adminApi = <T = unknown>(path: string, query: Record<string, string | number> = {}, body?: unknown) =>
  adminApiOf<T>(latchkey(), path, query, body);

/** The same against another server (one a spec starts for itself). */
export async function adminApiOf<T = unknown>(
  { url, adminPassword }: Latchkey,
  path: string,
  query: Record<string, string | number> = {},
  body?: unknown,
): Promise<{ status: string; msg: string; data: T; data2: unknown }> {
  const target = new URL(`${url}${path}`);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, String(value));
  target.searchParams.set('username', 'built-in/admin');
  target.searchParams.set('password', adminPassword);
  const response = await fetch(
    target,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return response.json() as Promise<{ status: string; msg: string; data: T; data2: unknown }>;
}

export async function signIn(page: Page, organization: string, username: string, password: string, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInAsAdmin(page: Page, next?: string) {
  await signIn(page, 'built-in', 'admin', latchkey().adminPassword, next);
  // The dashboard it lands on counts every object: on a busy machine it may take longer than the usual wait.
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
}

/** Saves a screenshot of the page under e2e/artifacts/ (kept out of git) for people to look at. */
export async function snapshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  // From the top, so that the fixed header and navigation are drawn where they belong.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

export const test = base.extend<{ baseURL: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern and refuses any other.
  baseURL: async ({}, use) => use(latchkey().url),
});

/** Picks an option of a Mantine Select (or MultiSelect) found by its label inside the object form. */
export async function choose(page: Page, label: string, option: string) {
  await page.getByTestId('object-form').getByLabel(label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fills a text field of the object form by its label. */
export async function fillField(page: Page, label: string, value: string) {
  await page.getByTestId('object-form').getByLabel(label, { exact: false }).first().fill(value);
}

/** Deletes from an edit page, after the confirmation. */
export async function deleteFromEditPage(page: Page, name: string) {
  await page.getByTestId(`delete-${name}`).click();
  await expect(page.getByRole('dialog')).toContainText(`Delete ${name}?`);
  await page.getByTestId('confirm').click();
  await expect(page.getByText(`${name} was deleted.`)).toBeVisible();
}

/**
 * Nothing of the page is wider than `width` (nothing to scroll sideways), once the layout has
 * settled after the window was narrowed (a notification sliding in or out is laid out for a moment).
 */
export async function expectFitsWidth(page: Page, width = 375) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), {
      message: `the page is wider than ${width} px`,
      timeout: 15_000,
    })
    .toBeLessThanOrEqual(width);
}
