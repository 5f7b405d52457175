import { readFileSync } from 'node:fs';
import { parseCsv } from './support/csv';
import { adminApi, expect as baseExpect, type Page, signIn, test, unique } from './support/fixtures';

/**
 * An organization administrator (not the global one) moves their organization's users in and out
 * as CSV from the users list: a large file with bad rows is refused whole, line by line; the good
 * file is imported, exported and read back the same; another organization's users stay out of reach.
 */

/** A thousand users take a while to check and write on a busy machine. */
const expect = baseExpect.configure({ timeout: 60_000 });

const bossPassword = 'Boss-import-password-1';

/** An organization with its administrator "boss", made by the global administrator; answers its name. */
async function organizationWithAdmin(prefix: string) {
  const organization = unique(prefix);
  expect((await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization })).status).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-user',
        {},
        { owner: organization, name: 'boss', password: bossPassword, isAdmin: true, email: 'boss@example.com' },
      )
    ).status,
  ).toBe('ok');
  return organization;
}

const usersOf = async (organization: string) =>
  (await adminApi<{ name: string }[]>('/api/get-users', { owner: organization })).data.map((user) => user.name).sort();

/** Chooses a file in the import dialog and sends it. */
async function importFile(page: Page, organization: string, content: string) {
  const dialog = page.getByRole('dialog', { name: `Import users into ${organization}` });
  if (!(await dialog.isVisible())) await page.getByTestId('import-users').click();
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
  await dialog.getByTestId('import-submit').click();
  return dialog;
}

/** Downloads the users list's export; answers its rows. */
async function exportUsers(page: Page, organization: string) {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-users').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^users-${organization}-.*\\.csv$`));
  return readFileSync((await download.path())!, 'utf8');
}

test('an organization administrator imports 1,000 users (bad rows named by line, nothing half-written), exports them and reads them back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const organization = await organizationWithAdmin('importer');
  await signIn(page, organization, 'boss', bossPassword, '/users');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await expect(page.getByTestId('object-row')).toHaveCount(1);

  const lines = ['name,displayName,email,isAdmin'];
  for (let index = 0; index < 1000; index++) lines.push(`bulk-${index},Bulk ${index},bulk-${index}@example.com,0`);
  const good = [...lines];
  // Line n of the file is lines[n - 1]; the header is line 1.
  lines[301] = 'bulk-300,Bulk 300,bulk-300@example.com,maybe';
  lines[502] = 'bulk/501,Bulk 501,bulk-501@example.com,0';
  lines[900] = 'bulk-5,Twice,twice@example.com,0';
  const dialog = await importFile(page, organization, lines.join('\n'));
  await expect(dialog.getByTestId('import-error')).toContainText('3 rows have problems, so no user was added.');
  const rejected = dialog.getByTestId('import-rejected-row');
  await expect(rejected).toHaveCount(3);
  for (const [index, [line, name]] of [
    ['302', 'bulk-300'],
    ['503', 'bulk/501'],
    ['901', 'bulk-5'],
  ].entries()) {
    await expect(rejected.nth(index)).toContainText(line!);
    await expect(rejected.nth(index)).toContainText(name!);
  }
  // Nothing of the file was written.
  expect(await usersOf(organization)).toEqual(['boss']);

  await importFile(page, organization, good.join('\n'));
  await expect(page.getByText('1000 users added, 0 already there.')).toBeVisible();
  await expect(dialog).toBeHidden();
  expect((await usersOf(organization)).length).toBe(1001);

  // The export holds every user as imported.
  const rows = parseCsv(await exportUsers(page, organization));
  expect(rows).toHaveLength(1001);
  const exported = new Map(rows.map((row) => [row.name, row]));
  for (let index = 0; index < 1000; index++)
    expect({ name: `bulk-${index}`, ...exported.get(`bulk-${index}`) }).toMatchObject({
      name: `bulk-${index}`,
      displayName: `Bulk ${index}`,
      email: `bulk-${index}@example.com`,
    });
  expect(exported.get('boss')).toMatchObject({ email: 'boss@example.com' });

  // The exported file is a file the import reads: every user is already there.
  await importFile(page, organization, await exportUsers(page, organization));
  await expect(page.getByText('0 users added, 1001 already there.')).toBeVisible();
  expect((await usersOf(organization)).length).toBe(1001);
});

test('an organization administrator cannot import into or export another organization', async ({ page }) => {
  const organization = await organizationWithAdmin('own');
  const other = await organizationWithAdmin('other');
  expect((await adminApi('/api/add-user', {}, { owner: other, name: 'hidden-member' })).status).toBe('ok');
  await signIn(page, organization, 'boss', bossPassword, '/users');
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // The console offers only their own organization: the picker cannot change, export and import name it.
  const picker = page.getByTestId('organization-picker').first();
  await expect(picker).toHaveValue(organization);
  await expect(picker).toBeDisabled();
  await expect(page.getByTestId('export-users')).toHaveAttribute('href', `/api/export-users?owner=${organization}`);
  await page.getByTestId('import-users').click();
  await expect(page.getByRole('dialog', { name: `Import users into ${organization}` })).toBeVisible();
  await page.keyboard.press('Escape');
  // A global administrator's choice of organization, written by hand, changes nothing for them.
  await page.context().addCookies([{ name: 'latchkey_organization', value: other, url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId('organization-picker').first()).toHaveValue(organization);
  await expect(page.getByTestId('object-row')).toHaveCount(1);
  await expect(page.getByTestId('object-table')).not.toContainText('hidden-member');

  // The API refuses them, with their own session, whatever the console sends (from the console's own origin).
  const headers = { origin: new URL(page.url()).origin };
  const form = { file: { name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('name\nintruder\n') } };
  const upload = await (
    await page.request.post(`/api/upload-users?owner=${other}`, { multipart: form, headers })
  ).json();
  expect(upload).toMatchObject({ status: 'error', msg: 'You are not allowed to do this.' });
  const exported = await page.request.get(`/api/export-users?owner=${other}`);
  expect(exported.headers()['content-type']).not.toContain('text/csv');
  expect(await exported.json()).toMatchObject({ status: 'error', msg: 'You are not allowed to do this.' });
  // A file naming the other organization's users is refused in their own organization too.
  const foreign = {
    file: { name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(`owner,name\n${other},intruder\n`) },
  };
  expect(
    (await (await page.request.post(`/api/upload-users?owner=${organization}`, { multipart: foreign, headers })).json())
      .status,
  ).toBe('error');
  expect(await usersOf(other)).toEqual(['boss', 'hidden-member']);
  // Positive control: the same requests for their own organization are answered.
  expect(
    (await (await page.request.post(`/api/upload-users?owner=${organization}`, { multipart: form, headers })).json())
      .status,
  ).toBe('ok');
  expect(await usersOf(organization)).toEqual(['boss', 'intruder']);
  expect((await page.request.get(`/api/export-users?owner=${organization}`)).headers()['content-type']).toContain(
    'text/csv',
  );
});
