import { adminApi, expect, signInAsAdmin, test, unique } from './support/fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('an invitation’s link is copied from its page, and the sign-up page it opens is filled in from the code', async ({
  page,
}) => {
  const application = unique('invite-app');
  const invitation = unique('invite');
  const email = `${unique('invitee')}@example.com`;
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        {
          owner: 'admin',
          name: application,
          organization: 'built-in',
          cert: 'cert-built-in',
          enablePassword: true,
          enableSignUp: true,
          expireInHours: 168,
        },
      )
    ).status,
  ).toBe('ok');
  const added = await adminApi(
    '/api/add-invitation',
    {},
    { owner: 'built-in', name: invitation, application, email, quota: 1 },
  );
  expect(added.status).toBe('ok');
  const stored = await adminApi<{ code: string }>('/api/get-invitation', { id: `built-in/${invitation}` });

  await signInAsAdmin(page);
  await page.goto(`/invitations/built-in/${invitation}`);
  await expect(page.getByTestId('invitation-link')).toHaveValue(
    new RegExp(`/signup/${application}\\?invitationCode=${stored.data.code}$`),
  );
  await page.getByTestId('invitation-link-copy').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`invitationCode=${stored.data.code}`);

  // A visitor without a session opens the link.
  await page.context().clearCookies();
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByTestId('invitation-found')).toBeVisible();
  await expect(page.getByTestId('invitation-code')).toHaveValue(stored.data.code);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  const username = unique('invited').replaceAll('-', '');
  await page.getByLabel('Username').fill(username);
  await page.locator('input[name="password"]').fill('Invited-pass-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const used = await adminApi<{ usedCount: number }>('/api/get-invitation', { id: `built-in/${invitation}` });
  expect(used.data.usedCount).toBe(1);
});
