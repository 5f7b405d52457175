import { adminApi, expect, latchkey, signIn, signInAsAdmin, test, unique } from './support/fixtures';

test('no hydration mismatch on the main pages in dark mode', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('mantine-color-scheme-value', 'dark'));
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /#418|hydrat/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/#418|hydrat/i.test(error.message)) problems.push(error.message);
  });
  await signInAsAdmin(page);
  for (const path of ['/', '/users', '/applications/admin/app-built-in', '/account']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    // Hydration has run when the theme button answers (its handler is attached by React).
    await page.getByRole('button', { name: 'Switch light or dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.getByRole('button', { name: 'Switch light or dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  }
  expect(problems).toEqual([]);
});

test('an organization administrator is not offered a new organization', async ({ page }) => {
  const organization = unique('orgadmin');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-user',
        {},
        { owner: organization, name: 'boss', password: 'boss-password-1', isAdmin: true },
      )
    ).status,
  ).toBe('ok');
  await signIn(page, organization, 'boss', 'boss-password-1');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/organizations');
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
  await expect(page.getByTestId('create-object')).toHaveCount(0);
  // Other lists still offer it (positive control), and the address itself says "not allowed".
  await page.goto('/users');
  await expect(page.getByTestId('create-object')).toBeVisible();
  await page.goto('/organizations/new');
  await expect(page.getByText('Not allowed')).toBeVisible();
});

test('deleting an organization says what goes with it, with counts', async ({ page }) => {
  const organization = unique('doomed');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  for (const name of ['a1', 'a2', 'a3'])
    expect(
      (await adminApi('/api/add-user', {}, { owner: organization, name, password: 'member-password-1' })).status,
    ).toBe('ok');
  await signInAsAdmin(page);
  await page.goto(`/organizations/admin/${organization}`);
  await page.getByTestId(`delete-${organization}`).click();
  await expect(page.getByTestId('confirm-body')).toContainText('3 users');
  await expect(page.getByTestId('confirm-body')).toContainText('0 applications');
});

test('the audit log says a failed sign-in failed', async ({ page }) => {
  const organization = unique('audited');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'guess', password: 'right-password-1' })).status,
  ).toBe('ok');
  const login = await fetch(`${latchkey().url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username: 'guess', password: 'wrong-password-1', type: 'login' }),
  }).then((response) => response.json());
  expect(login.status).toBe('error');
  await signInAsAdmin(page);
  await page.goto('/records?field=action&value=login');
  const row = page
    .getByRole('row')
    .filter({ hasText: `${organization}/guess` })
    .first();
  await expect(row.getByTestId('record-outcome')).toHaveText('Failed');
});

test('a user sees on their account page the access key an administrator made for them', async ({ page }) => {
  const organization = unique('keyed');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'holder', password: 'holder-password-1' }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-key', {}, { owner: organization, name: 'made-by-admin', user: 'holder' })).status,
  ).toBe('ok');
  const key = await adminApi<{ accessKey: string }>('/api/get-key', { id: `${organization}/made-by-admin` });
  await signIn(page, organization, 'holder', 'holder-password-1');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/account');
  await expect(page.getByTestId('other-key-made-by-admin')).toHaveValue(key.data.accessKey);
  await expect(page.getByTestId('no-access-key')).toHaveCount(0);
});

test('a language switch is recorded as set-user-language, never as update-user', async ({ page }) => {
  const organization = unique('speaker');
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'talker', password: 'talker-password-1' }))
      .status,
  ).toBe('ok');
  await signIn(page, organization, 'talker', 'talker-password-1');
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('language-picker').first().click();
  await page.getByRole('option', { name: 'Deutsch', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const records = async (action: string) =>
    (
      await adminApi<{ user: string; action: string }[] | null>('/api/get-records', {
        owner: organization,
        field: 'action',
        value: action,
      })
    ).data ?? [];
  // The switch's own record is the witness that the request has been recorded (the log is written in batches).
  await expect
    .poll(async () => (await records('set-user-language')).map((record) => record.user), { timeout: 30_000 })
    .toEqual([`${organization}/talker`]);
  expect(await records('update-user')).toEqual([]);
  expect((await adminApi<{ language: string }>('/api/get-user', { id: `${organization}/talker` })).data.language).toBe(
    'de',
  );
});
