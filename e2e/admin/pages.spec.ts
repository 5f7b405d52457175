import { expect, signInAsAdmin, test } from './support/fixtures';

const kinds = [
  'organizations',
  'users',
  'groups',
  'invitations',
  'applications',
  'certs',
  'providers',
  'tokens',
  'sessions',
  'roles',
  'permissions',
  'models',
  'enforcers',
  'keys',
  'webhooks',
  'records',
];
const creatable = [
  'organizations',
  'users',
  'groups',
  'invitations',
  'applications',
  'certs',
  'providers',
  'roles',
  'permissions',
  'models',
  'enforcers',
  'keys',
  'webhooks',
];

test('every console page opens for a global administrator, with its list or its empty state', async ({ page }) => {
  await signInAsAdmin(page);
  for (const kind of kinds) {
    await page.goto(`/${kind}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('object-table').or(page.getByTestId('empty-state'))).toBeVisible();
    expect({ kind, errors: await page.getByTestId('api-error').count() }).toEqual({ kind, errors: 0 });
  }
  for (const kind of creatable) {
    await page.goto(`/${kind}/new`);
    // (A page left behind may stay in the document, hidden, for a quick way back.)
    await expect(page.locator('[data-testid="object-form"]:visible')).toHaveCount(1);
    await expect(page.locator('[data-testid="save-object"]:visible')).toBeEnabled();
  }
});

test('a model and a role can be created from the console', async ({ page }) => {
  await signInAsAdmin(page);
  const suffix = Date.now().toString(36);
  await page.goto('/models/new');
  await page.getByTestId('object-form').getByLabel('Name', { exact: false }).first().fill(`rbac-${suffix}`);
  await page.getByTestId('save-object').click();
  await expect(page).toHaveURL(new RegExp(`/models/built-in/rbac-${suffix}(\\?created=1)?$`));
  await expect(page.getByTestId('object-form').getByLabel('Model text')).toHaveValue(/\[request_definition\]/);

  await page.goto('/roles/new');
  await page.getByTestId('object-form').getByLabel('Name', { exact: false }).first().fill(`editors-${suffix}`);
  await page.getByTestId('object-form').getByLabel('Users').fill('admin');
  await page.getByRole('option', { name: 'built-in/admin', exact: true }).click();
  await page.getByTestId('save-object').click();
  await expect(page).toHaveURL(new RegExp(`/roles/built-in/editors-${suffix}(\\?created=1)?$`));
  await expect(page.getByTestId('object-form')).toContainText('built-in/admin');
});
