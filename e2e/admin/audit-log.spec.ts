import { readFileSync } from 'node:fs';
import { parseCsv } from './support/csv';
import { adminApi, expect, expectFitsWidth, latchkey, signIn, snapshot, test, unique } from './support/fixtures';

const login = (organization: string, username: string, password: string) =>
  fetch(`${latchkey().url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username, password, type: 'login' }),
  }).then((response) => response.json() as Promise<{ status: string }>);

test('an organization administrator filters the audit log by outcome, opens a record and downloads the CSV', async ({
  page,
}) => {
  const organization = unique('audit');
  const other = unique('audit-other');
  for (const name of [organization, other])
    expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name })).status).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-user',
        {},
        { owner: organization, name: 'boss', password: 'boss-password-1', isAdmin: true },
      )
    ).status,
  ).toBe('ok');
  for (const owner of [organization, other])
    expect((await adminApi('/api/add-user', {}, { owner, name: 'guess', password: 'right-password-1' })).status).toBe(
      'ok',
    );
  expect((await login(organization, 'guess', 'wrong-password-1')).status).toBe('error');
  expect((await login(organization, 'guess', 'right-password-1')).status).toBe('ok');
  expect((await login(other, 'guess', 'wrong-password-1')).status).toBe('error');

  await signIn(page, organization, 'boss', 'boss-password-1');
  // Generous: the first sign-in of a fresh server on a busy machine may take a while.
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
  await page.goto('/records');
  await expect(page.getByTestId('object-row').first()).toBeVisible();

  // Only the failures, by keyboard: the outcome select, then the Filter button.
  const outcome = page.getByTestId('filter-outcome');
  await outcome.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'Failed', exact: true }).click();
  await expect(outcome).toHaveValue('Failed');
  await page.getByTestId('filter-action').fill('login');
  await page.getByRole('button', { name: 'Filter', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]outcome=error/);
  await expect(page).toHaveURL(/[?&]action=login/);
  await expect(page.getByTestId('list-total')).toHaveText('1 in total');
  await expect(page.getByTestId('object-row').getByTestId('record-outcome')).toHaveText(['Failed']);
  await snapshot(page, 'records-filtered');

  // The record in the drawer: its request (the password redacted) and the answer; Escape closes it.
  const details = page.getByTestId('record-details').first();
  await details.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('Request');
  await expect(drawer).toContainText('"username": "guess"');
  await expect(drawer).toContainText('"password": "[REDACTED]"');
  await expect(drawer).toContainText('The username or password is wrong.');
  await expect(drawer).not.toContainText('wrong-password-1');
  await snapshot(page, 'records-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(details).toBeFocused();

  // The CSV of what the filters select: this organization's failed sign-in, nothing of the other's.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-records').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^records-.+\.csv$/);
  const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
  expect(rows.map((row) => [row.owner, row.action, row.outcome])).toEqual([[organization, 'login', 'error']]);
  expect(JSON.parse(rows[0]!.object!)).toMatchObject({ username: 'guess', password: '[REDACTED]' });

  // On a phone: the filters, the list and the drawer fit.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByTestId('record-filters')).toBeVisible();
  await expectFitsWidth(page);
  await page.getByTestId('record-details').first().click();
  await expect(page.getByRole('dialog')).toContainText('Answer');
  await expectFitsWidth(page);
  await snapshot(page, 'records-drawer-375');
});
