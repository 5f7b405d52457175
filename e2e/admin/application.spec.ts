import { adminApi, expect, latchkey, signInAsAdmin, test, unique } from './support/fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the client secret is copied from the application page, and a new one can be generated', async ({ page }) => {
  const name = unique('copy-app');
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        {
          owner: 'admin',
          name,
          organization: 'built-in',
          displayName: 'Copy me',
          cert: 'cert-built-in',
          enablePassword: true,
          expireInHours: 168,
        },
      )
    ).status,
  ).toBe('ok');
  const stored = await adminApi<{ clientId: string; clientSecret: string }>('/api/get-application', {
    id: `admin/${name}`,
  });
  expect(stored.data.clientSecret).toMatch(/\S{16,}/);

  await signInAsAdmin(page);
  await page.goto(`/applications/admin/${name}`);
  await expect(page.getByTestId('client-id')).toHaveValue(stored.data.clientId);
  // The secret is hidden until asked for, and copied either way.
  await expect(page.getByTestId('client-secret')).not.toHaveValue(stored.data.clientSecret);
  await page.getByTestId('client-secret-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored.data.clientSecret);
  await page.getByTestId('client-id-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored.data.clientId);

  await page.getByTestId('regenerate-secret').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByText('A new client secret was generated.')).toBeVisible();
  const renewed = await adminApi<{ clientSecret: string }>('/api/get-application', { id: `admin/${name}` });
  expect(renewed.data.clientSecret).not.toBe(stored.data.clientSecret);
  await page.getByTestId('client-secret-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(renewed.data.clientSecret);
  // The new secret works at the API; the old one does not.
  const { url } = latchkey();
  const asApp = (secret: string) =>
    fetch(`${url}/api/get-application?id=admin/${name}&clientId=${stored.data.clientId}&clientSecret=${secret}`).then(
      (response) => response.json(),
    );
  expect((await asApp(stored.data.clientSecret)).status).toBe('error');
  expect((await asApp(renewed.data.clientSecret)).status).toBe('ok');
});
