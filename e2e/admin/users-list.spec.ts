import { adminApi, expect, signInAsAdmin, snapshot, test, unique } from './support/fixtures';

test('a list of 55 users: search and pages, kept in the URL', async ({ page }) => {
  const organization = unique('crowd');
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: 'Crowd' })).status,
  ).toBe('ok');
  for (let index = 1; index <= 55; index++) {
    const name = `person-${String(index).padStart(2, '0')}`;
    const added = await adminApi(
      '/api/add-user',
      {},
      {
        owner: organization,
        name,
        displayName: index % 5 === 0 ? `Fifth ${index}` : `Person ${index}`,
        password: 'a-long-password-1',
      },
    );
    expect(added.status).toBe('ok');
  }
  await signInAsAdmin(page);
  await page.getByTestId('organization-picker').first().click();
  await page.getByRole('option', { name: organization, exact: true }).click();
  // The choice is kept by the server; the picker shows it once the page has been refreshed with it.
  await expect(page.getByTestId('organization-picker').first()).toHaveValue(organization);
  await page.goto('/users');
  await expect(page.getByTestId('list-total')).toHaveText('55 in total');
  await expect(page.getByTestId('object-row')).toHaveCount(20);

  // Pages
  await page.getByTestId('pagination').getByRole('link', { name: '3', exact: true }).click();
  await expect(page).toHaveURL(/[?&]p=3/);
  await expect(page.getByTestId('object-row')).toHaveCount(15);

  // Sort by name, descending, then back to page 1
  await page.goto('/users?sortField=name&sortOrder=descend');
  await expect(page.getByTestId('object-row').first()).toContainText('person-55');
  await page.getByRole('link', { name: 'Sort by Name' }).click();
  await expect(page).toHaveURL(/sortOrder=ascend/);
  await expect(page.getByTestId('object-row').first()).toContainText('person-01');

  // Search: Casdoor's field + value
  await page.getByTestId('search-field').click();
  await page.getByRole('option', { name: 'Display name', exact: true }).click();
  await page.getByTestId('search-value').fill('Fifth');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/field=displayName&value=Fifth/);
  await expect(page.getByTestId('list-total')).toHaveText('11 in total');
  await expect(page.getByTestId('object-row')).toHaveCount(11);
  await snapshot(page, 'users-search');

  // The URL alone brings the same state back
  await page.goto('/users?field=name&value=person-4&pageSize=10');
  await expect(page.getByTestId('list-total')).toHaveText('10 in total');
  await page.goto('/users?field=name&value=nobody-here');
  await expect(page.getByTestId('empty-state')).toContainText('No users match “nobody-here”.');
});
