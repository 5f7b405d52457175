import { readFileSync } from 'node:fs';
import {
  adminApi,
  expect as baseExpect,
  expectFitsWidth,
  latchkey,
  type Page,
  signIn,
  snapshot,
  test,
  unique,
} from './support/fixtures';

/**
 * The console's user page in sections, the users list's status, bulk actions and search, and the
 * CSV import and export of users, in Chromium against a real server.
 */

const password = 'user-page-password-1';

/** The user page reads six lists through the API; on a busy machine a page may take longer than the usual wait. */
const expect = baseExpect.configure({ timeout: 45_000 });

async function signInAsAdmin(page: Page, next?: string) {
  await signIn(page, 'built-in', 'admin', latchkey().adminPassword, next);
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

async function organizationWithUsers(prefix: string, users: string[]) {
  const organization = unique(prefix);
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: prefix })).status,
  ).toBe('ok');
  for (const name of users)
    expect(
      (await adminApi('/api/add-user', {}, { owner: organization, name, displayName: `User ${name}`, password }))
        .status,
    ).toBe('ok');
  return organization;
}

/** Signs a user in through the API, as an application's sign-in page would: a session and an audit record. */
async function apiSignIn(organization: string, username: string, secret = password) {
  const response = await fetch(`${latchkey().url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username, password: secret, type: 'login' }),
  });
  return (await response.json()) as { status: string; msg: string; data: string };
}

async function chooseOrganization(page: Page, organization: string) {
  await page.getByTestId('organization-picker').first().click();
  await page.getByRole('option', { name: organization, exact: true }).click();
  await expect(page.getByTestId('organization-picker').first()).toHaveValue(organization);
}

test('a user’s page: sections by anchor, roles and permissions, sessions revoked, activity, blocking, and the password asked for at the next sign-in', async ({
  page,
  browser,
}) => {
  const organization = await organizationWithUsers('user-page', ['dora']);
  const id = `${organization}/dora`;
  expect(
    (
      await adminApi(
        '/api/add-group',
        {},
        { owner: organization, name: 'staff', displayName: 'Staff', isEnabled: true },
      )
    ).status,
  ).toBe('ok');
  const user = await adminApi<Record<string, unknown>>('/api/get-user', { id });
  expect((await adminApi('/api/update-user', { id }, { ...user.data, groups: [`${organization}/staff`] })).status).toBe(
    'ok',
  );
  expect(
    (
      await adminApi(
        '/api/add-role',
        {},
        { owner: organization, name: 'editors', displayName: 'Editors', users: [id], isEnabled: true },
      )
    ).status,
  ).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-permission',
        {},
        {
          owner: organization,
          name: 'edit-docs',
          displayName: 'Edit documents',
          roles: [`${organization}/editors`],
          resourceType: 'Application',
          resources: ['docs'],
          actions: ['Write'],
          effect: 'Allow',
          isEnabled: true,
        },
      )
    ).status,
  ).toBe('ok');
  // A session and a record of Dora's own.
  expect((await apiSignIn(organization, 'dora')).status).toBe('ok');

  await signInAsAdmin(page, `/users/${organization}/dora`);
  const nav = page.getByRole('navigation', { name: 'Sections of this user' });
  for (const section of ['Profile', 'Security', 'Roles and groups', 'Sessions', 'Tokens', 'Activity'])
    await expect(nav.getByRole('link', { name: section, exact: true })).toBeVisible();

  // The keyboard reaches the sections' links and follows them.
  await nav.getByRole('link', { name: 'Roles and groups', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#access$/);
  const access = page.getByTestId('user-access');
  await expect(access.getByTestId('user-groups')).toContainText(`${organization}/staff`);
  await expect(access.getByTestId('user-roles')).toContainText('Editors');
  await expect(access.getByTestId('user-permissions')).toContainText('Edit documents');
  await expect(access.getByTestId('user-permissions')).toContainText(`Through ${organization}/editors`);

  const activity = page.getByTestId('user-activity');
  await expect(activity.getByTestId('user-record').first()).toContainText('login');

  const sessions = page.getByTestId('user-sessions');
  await expect(sessions.getByTestId('user-session')).toHaveCount(1);
  await sessions.getByRole('button', { name: `Sign out ${id}` }).click();
  await page.getByTestId('confirm').click();
  await expect(sessions.getByTestId('section-empty')).toHaveText('The user is not signed in anywhere.');
  await expect(page.getByTestId('user-tokens').getByTestId('section-empty')).toBeVisible();

  // Blocked: the sign-in is refused; unblocked, it works again.
  const security = page.getByTestId('user-sign-in');
  await security.getByTestId('block-user').click();
  await expect(page.getByRole('dialog', { name: `Block ${id}?` })).toBeVisible();
  await page.getByTestId('confirm').click();
  await expect(security.getByTestId('user-status')).toHaveText('Blocked');
  expect((await apiSignIn(organization, 'dora')).status).toBe('error');
  await security.getByTestId('unblock-user').click();
  await page.getByTestId('confirm').click();
  await expect(security.getByTestId('user-status')).toHaveText('Active');
  expect((await apiSignIn(organization, 'dora')).status).toBe('ok');

  // A new password, to be changed at the next sign-in.
  const form = page.getByTestId('set-password-form');
  await form.locator('input[name="newPassword"]').fill('Temporary-password-2');
  await form.locator('input[name="repeatPassword"]').fill('Temporary-password-2');
  await form.getByTestId('require-change').check();
  await form.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('The password was set.')).toBeVisible();
  await expect(security.getByTestId('must-change')).toBeChecked();

  // On a phone, the page is no wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(nav).toBeVisible();
  await expectFitsWidth(page);
  await snapshot(page, 'user-page-375');

  // Dora signs in and is asked for a new password first.
  const context = await browser.newContext({ baseURL: latchkey().url });
  try {
    const dora = await context.newPage();
    await signIn(dora, organization, 'dora', 'Temporary-password-2');
    await expect(dora).toHaveURL(/\/account\?changePassword=1/);
    await expect(dora.getByTestId('must-change-password')).toBeVisible();
    const change = dora.getByTestId('password-form');
    await change.locator('input[name="oldPassword"]').fill('Temporary-password-2');
    await change.locator('input[name="newPassword"]').fill('Doras-own-password-3');
    await change.locator('input[name="repeatPassword"]').fill('Doras-own-password-3');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(
        async () => (await adminApi<{ needUpdatePassword: boolean }>('/api/get-user', { id })).data.needUpdatePassword,
        {
          timeout: 20_000,
        },
      )
      .toBe(false);
  } finally {
    await context.close();
  }
});

test('the users list: status and last sign-in, bulk blocking with a failure shown by row, and a search that finds nothing', async ({
  page,
}) => {
  const organization = await organizationWithUsers('bulk', ['amy', 'ben', 'cat']);
  expect((await apiSignIn(organization, 'amy')).status).toBe('ok');
  await signInAsAdmin(page);
  await chooseOrganization(page, organization);
  await page.goto('/users');
  await expect(page.getByTestId('object-row')).toHaveCount(3);
  const header = page.getByTestId('object-table').locator('thead');
  await expect(header).toContainText('Status');
  await expect(header).toContainText('Last sign-in');
  const row = (name: string) => page.getByTestId('object-row').filter({ hasText: `User ${name}` });
  await expect(row('amy').getByTestId('user-status')).toHaveText('Active');
  await expect(row('ben')).toContainText('Never');

  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('3 selected');
  // Cat is deleted elsewhere meanwhile: her row fails, the others are blocked.
  expect((await adminApi('/api/delete-user', {}, { owner: organization, name: 'cat' })).status).toBe('ok');
  await page.getByTestId('bulk-block').click();
  await expect(page.getByTestId('bulk-failures')).toContainText('The action failed for 1 users');
  await expect(page.getByTestId('bulk-failure')).toHaveCount(1);
  await expect(page.getByTestId('bulk-failure')).toContainText(`${organization}/cat`);
  await expect(row('amy').getByTestId('user-status')).toHaveText('Blocked');
  await expect(row('ben').getByTestId('user-status')).toHaveText('Blocked');
  expect((await apiSignIn(organization, 'amy')).status).toBe('error');

  // Unblock one by its own check box.
  await page.getByTestId('bulk-failures').getByRole('button', { name: 'Close' }).click();
  await row('amy').getByTestId('select-row').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('1 selected');
  await page.getByTestId('bulk-unblock').click();
  await expect(row('amy').getByTestId('user-status')).toHaveText('Active');
  await expect(row('ben').getByTestId('user-status')).toHaveText('Blocked');

  await page.goto('/users?field=name&value=nobody-at-all');
  await expect(page.getByTestId('empty-state')).toContainText('No matches');
  await page.getByTestId('clear-search').click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByTestId('object-row')).toHaveCount(2);
});

test('users imported from CSV (a bad file named by line, then a good one) and exported to a file that holds no secrets', async ({
  page,
}) => {
  const organization = await organizationWithUsers('transfer', []);
  await signInAsAdmin(page);
  await chooseOrganization(page, organization);
  await page.goto('/users');

  await page.getByTestId('import-users').click();
  const dialog = page.getByRole('dialog', { name: `Import users into ${organization}` });
  const bad = 'name,displayName,isAdmin\neve,Eve,0\nfay,Fay,maybe\nbad/name,Bad,0\n';
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-error')).toContainText('2 rows have problems, so no user was added.');
  const rejected = dialog.getByTestId('import-rejected-row');
  await expect(rejected).toHaveCount(2);
  await expect(rejected.nth(0)).toContainText('3');
  await expect(rejected.nth(0)).toContainText('fay');
  await expect(rejected.nth(1)).toContainText('4');
  await expect(page.getByTestId('empty-state')).toBeVisible();

  const good = 'name,displayName,email,password\neve,=Eve,eve@example.com,Eve-password-1\nfay,Fay,fay@example.com,\n';
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await dialog.getByTestId('import-submit').click();
  await expect(page.getByText('2 users added, 0 already there.')).toBeVisible();
  await expect(page.getByTestId('object-row')).toHaveCount(2);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-users').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^users-${organization}-.*\\.csv$`));
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]!.split(',')).toContain('email');
  expect(lines).toHaveLength(3);
  expect(text).toContain('eve@example.com');
  expect(text).toContain("'=Eve");
  expect(text).not.toContain('$argon2id$');
  expect(lines[0]).not.toContain('passwordHash');
});
