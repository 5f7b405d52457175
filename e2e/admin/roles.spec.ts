import { adminApi, expect, latchkey, signIn, test, unique } from './support/fixtures';

test('an organization administrator works on their organization only', async ({ page }) => {
  const mine = unique('mine');
  const theirs = unique('theirs');
  for (const organization of [mine, theirs]) {
    expect(
      (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: organization }))
        .status,
    ).toBe('ok');
  }
  expect(
    (await adminApi('/api/add-user', {}, { owner: mine, name: 'boss', password: 'boss-password-1', isAdmin: true }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: mine, name: 'colleague', password: 'colleague-password-1' })).status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: theirs, name: 'stranger', password: 'stranger-password-1' })).status,
  ).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        { owner: 'admin', name: `${theirs}-app`, organization: theirs, cert: 'cert-built-in' },
      )
    ).status,
  ).toBe('ok');

  await signIn(page, mine, 'boss', 'boss-password-1');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  // The selector offers their own organization only.
  await expect(page.getByTestId('organization-picker').first()).toHaveValue(mine);
  await expect(page.getByTestId('organization-picker').first()).toBeDisabled();

  await page.goto('/users');
  await expect(page.getByTestId('object-table')).toContainText('colleague');
  await expect(page.getByTestId('object-table')).not.toContainText('stranger');

  // Another organization's pages show no data and no form.
  for (const path of [
    `/users/${theirs}/stranger`,
    `/organizations/admin/${theirs}`,
    `/applications/admin/${theirs}-app`,
  ]) {
    await page.goto(path);
    await expect(page.getByTestId('object-form')).toHaveCount(0);
    await expect(
      page.getByTestId('api-error').or(page.getByTestId('empty-state')).or(page.getByTestId('forbidden')),
    ).toBeVisible();
    await expect(page.locator('body')).not.toContainText('stranger@');
  }
  // And the API refuses the same with this session, whatever the UI shows.
  const cookie = (await page.context().cookies()).find((entry) => entry.name === 'casdoor_session_id')!;
  const { url } = latchkey();
  const answer = await fetch(`${url}/api/get-user?id=${theirs}/stranger`, {
    headers: { cookie: `casdoor_session_id=${cookie.value}` },
  }).then((response) => response.json());
  expect(answer.status === 'error' || answer.data === null).toBe(true);
});

test('a normal user sees only their account', async ({ page }) => {
  const organization = unique('plain');
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: organization }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'member', password: 'member-password-1' }))
      .status,
  ).toBe('ok');
  await signIn(page, organization, 'member', 'member-password-1');
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByTestId('forbidden')).toBeVisible();
});
