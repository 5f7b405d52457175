import { adminApi, expect, latchkey, signInAsAdmin, test, unique } from './support/fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a session is signed out from the Sessions page, and its cookie stops working', async ({ page }) => {
  const organization = unique('sess');
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name: organization, displayName: organization }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'walker', password: 'walker-password-1' }))
      .status,
  ).toBe('ok');
  // The user signs in somewhere else.
  const login = await fetch(`${latchkey().url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username: 'walker', password: 'walker-password-1', type: 'login' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((header) => header.startsWith('casdoor_session_id='))!
    .split(';')[0]!;
  const account = () =>
    fetch(`${latchkey().url}/api/get-account`, { headers: { cookie } }).then((response) => response.json());
  expect((await account()).status).toBe('ok');

  await signInAsAdmin(page);
  await page.goto(`/sessions?field=name&value=walker`);
  const row = page.getByTestId('object-row').filter({ hasText: organization });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `Sign out ${organization}/walker` }).click();
  await expect(page.getByRole('dialog')).toContainText(`Sign ${organization}/walker out?`);
  await page.getByTestId('confirm').click();
  await expect(page.getByText(`${organization}/walker was signed out of`)).toBeVisible();
  await expect(page.getByTestId('object-row').filter({ hasText: organization })).toHaveCount(0);
  expect((await account()).status).toBe('error');
});

test('the Tokens page lists an issued token, copies it, and revokes it', async ({ page }) => {
  const name = unique('m2m');
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        {
          owner: 'admin',
          name,
          organization: 'built-in',
          cert: 'cert-built-in',
          grantTypes: ['client_credentials'],
          expireInHours: 1,
        },
      )
    ).status,
  ).toBe('ok');
  const application = (
    await adminApi<{ clientId: string; clientSecret: string }>('/api/get-application', { id: `admin/${name}` })
  ).data;
  const issued = await fetch(`${latchkey().url}/api/login/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: application.clientId,
      client_secret: application.clientSecret,
    }),
  }).then((response) => response.json());
  expect(typeof issued.access_token).toBe('string');
  const call = () =>
    fetch(`${latchkey().url}/api/get-application?id=admin/${name}`, {
      headers: { authorization: `Bearer ${issued.access_token}` },
    }).then((response) => response.json());
  expect((await call()).status).toBe('ok');

  await signInAsAdmin(page);
  await page.goto(`/tokens?field=application&value=${name}`);
  // The row of this application's token; the list is read again after the page settles, so each
  // step finds the row afresh rather than a node of an earlier render.
  const row = page.getByTestId('object-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(page.getByText('1 in total')).toBeVisible();
  await row.getByRole('button', { name: 'Copy access token' }).click();
  await expect(page.getByText('Copied').first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issued.access_token);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(page.getByRole('dialog')).toContainText('Revoke this token?');
  await page.getByTestId('confirm').click();
  await expect(page.getByText('The token was revoked.')).toBeVisible();
  expect((await call()).status).toBe('error');
});
