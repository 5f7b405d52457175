import { adminApi, expect, expectFitsWidth, latchkey, type Page, signIn, test, unique } from './support/fixtures';

/** Signs in as the global administrator straight onto a page (a busy machine gets a generous deadline). */
async function signInAsAdminTo(page: Page, path: string) {
  await signIn(page, 'built-in', 'admin', latchkey().adminPassword, path);
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
}

/** An organization with a display name, made through the API; answers its name. */
async function newOrganization(prefix: string, fields: Record<string, unknown> = {}) {
  const name = unique(prefix);
  expect(
    (await adminApi('/api/add-organization', {}, { owner: 'admin', name, displayName: `${name} Ltd`, ...fields }))
      .status,
  ).toBe('ok');
  return name;
}

const organizationOf = async (name: string) =>
  (await adminApi<Record<string, any>>('/api/get-organization', { id: `admin/${name}` })).data;

const logoUrl = () => `${latchkey().url}/icon.svg`;

test('the sign-in experience: the preview follows every change, bad addresses and colours are refused, a save keeps them', async ({
  page,
}) => {
  const organization = await newOrganization('brand');
  await signInAsAdminTo(page, `/organizations/admin/${organization}`);
  const section = page.getByTestId('sign-in-experience');
  const preview = page.getByTestId('sign-in-preview');
  await expect(preview.getByTestId('preview-title')).toHaveText(`Sign in to ${organization} Ltd`);
  await expect(preview.getByTestId('branding-logo')).toHaveCount(0);

  // A script address is refused at the field, and the preview never shows it.
  await section.getByLabel('Logo').fill('javascript:alert(1)');
  await expect(section.getByText('Enter a full address that begins with https:// or http://.')).toBeVisible();
  await expect(preview.getByTestId('branding-logo')).toHaveCount(0);
  await section.getByLabel('Logo').fill(logoUrl());
  await expect(preview.getByTestId('branding-logo')).toHaveAttribute('src', logoUrl());

  // The colour: a CSS injection attempt is refused; a hex colour paints the preview's button.
  const color = section.getByTestId('branding-color-input');
  await color.fill('red;}body{display:none');
  await expect(section.getByText('Enter a hex colour such as #2957d9.')).toBeVisible();
  await expect(preview).toHaveAttribute('data-color', '');
  await color.fill('#0b7285');
  await expect(preview).toHaveAttribute('data-color', '#0b7285');
  await expect(preview.getByTestId('preview-button')).toHaveCSS('background-color', 'rgb(11, 114, 133)');

  await section.getByLabel('Website').fill('https://brand.example/');
  await expect(preview.getByTestId('branding-website')).toHaveAttribute('href', 'https://brand.example/');
  await section.getByLabel('Favicon').fill(logoUrl());

  // Languages: keep two; the preview lists them.
  const languages = section.getByTestId('branding-languages-input');
  for (let index = 0; index < 14; index++) await languages.press('Backspace');
  await languages.click();
  for (const language of ['English (en)', 'Français (fr)'])
    await page.getByRole('option', { name: language, exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(preview.getByTestId('preview-languages')).toHaveText('English · Français');

  await section.getByTestId('save-sign-in-experience').click();
  await expect(page.getByText('Saved.').first()).toBeVisible();
  const stored = await organizationOf(organization);
  expect(stored).toMatchObject({
    logo: logoUrl(),
    favicon: logoUrl(),
    websiteUrl: 'https://brand.example/',
    languages: ['en', 'fr'],
    themeData: { colorPrimary: '#0b7285', isEnabled: true },
  });
  // After a reload the section shows what was saved.
  await page.reload();
  await expect(page.getByTestId('sign-in-preview').getByTestId('branding-logo')).toHaveAttribute('src', logoUrl());

  // The whole page fits a 375 px window.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByTestId('sign-in-preview')).toBeVisible();
  await expectFitsWidth(page);
});

test("the authorize page shows the organization's logo (whole), colour, favicon, website and terms of use", async ({
  page,
}) => {
  const organization = await newOrganization('branded', {
    logo: logoUrl(),
    favicon: logoUrl(),
    websiteUrl: 'https://branded.example/',
    themeData: { themeType: 'default', colorPrimary: '#c2255c', borderRadius: 6, isCompact: false, isEnabled: true },
  });
  const redirectUri = 'https://client.example/callback';
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        {
          owner: 'admin',
          name: `${organization}-app`,
          organization,
          cert: 'cert-built-in',
          redirectUris: [redirectUri],
          termsOfUse: 'https://branded.example/terms',
        },
      )
    ).status,
  ).toBe('ok');
  const application = (
    await adminApi<{ clientId: string }>('/api/get-application', { id: `admin/${organization}-app` })
  ).data;
  await page.goto(
    `/login/oauth/authorize?client_id=${application.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=brand`,
  );
  const logo = page.getByTestId('branding-logo');
  await expect(logo).toHaveAttribute('src', logoUrl());
  await expect(logo).toHaveCSS('object-fit', 'contain');
  // Shown whole: its box keeps the picture's own proportions.
  await expect
    .poll(() =>
      logo.evaluate((image: HTMLImageElement) =>
        image.naturalWidth > 0
          ? Math.abs(image.clientWidth / image.clientHeight - image.naturalWidth / image.naturalHeight) < 0.02
          : false,
      ),
    )
    .toBe(true);
  await expect(page.getByTestId('oauth-submit')).toHaveCSS('background-color', 'rgb(194, 37, 92)');
  await expect(page.getByTestId('branding-website')).toHaveAttribute('href', 'https://branded.example/');
  await expect(page.getByTestId('branding-terms')).toHaveAttribute('href', 'https://branded.example/terms');
  await expect(page.getByTestId('branding-terms')).toHaveText('Terms of use');
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', logoUrl());

  // At 375 px the logo stays inside the card and nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await expectFitsWidth(page);
  const box = await logo.boundingBox();
  expect(box && box.width <= 375).toBe(true);
});

test('the password policy form: chosen with the keyboard, saved as passwordOptions, enforced when a password is set', async ({
  page,
}) => {
  const organization = await newOrganization('policy', { passwordOptions: ['AtLeast6'] });
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'pat', password: 'Pat-password-1' })).status,
  ).toBe('ok');
  await signInAsAdminTo(page, `/organizations/admin/${organization}`);
  const form = page.getByTestId('password-policy');
  await expect(form.getByLabel('At least 6 characters')).toBeChecked();
  // Radios move with the arrow keys, checkboxes toggle with Space.
  await form.getByLabel('At least 6 characters').focus();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByLabel('At least 8 characters')).toBeChecked();
  await form.getByLabel('Uppercase and lowercase letters and a digit').focus();
  await page.keyboard.press('Space');
  await form.getByLabel('At least one special character, such as ! or #').focus();
  await page.keyboard.press('Space');
  await form.getByTestId('save-password-policy').focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await organizationOf(organization)).passwordOptions)
    .toEqual(['AtLeast8', 'Aa123', 'SpecialChar']);

  // The user's page refuses a password the new rules do not allow, at the field.
  await page.goto(`/users/${organization}/pat`);
  const setPassword = page.getByTestId('set-password-form');
  await setPassword.locator('input[name="newPassword"]').fill('Short1!');
  await setPassword.locator('input[name="repeatPassword"]').fill('Short1!');
  await setPassword.getByRole('button', { name: 'Set password' }).click();
  await expect(setPassword.getByText('The password must have at least 8 characters.')).toBeVisible();
  await setPassword.locator('input[name="newPassword"]').fill('long-enough-but-plain');
  await setPassword.locator('input[name="repeatPassword"]').fill('long-enough-but-plain');
  await setPassword.getByRole('button', { name: 'Set password' }).click();
  await expect(setPassword.getByText(/uppercase/i)).toBeVisible();

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/organizations/admin/${organization}`);
  await expect(page.getByTestId('password-policy')).toBeVisible();
  await expectFitsWidth(page);
});

test("model templates: each one is explained, inserted into the model's text and accepted when saved", async ({
  page,
}) => {
  const organization = await newOrganization('models');
  const model = 'access-model';
  expect(
    (
      await adminApi(
        '/api/add-model',
        {},
        {
          owner: organization,
          name: model,
          modelText:
            '[request_definition]\nr = sub, obj, act\n\n[policy_definition]\np = sub, obj, act\n\n[policy_effect]\ne = some(where (p.eft == allow))\n\n[matchers]\nm = r.sub == p.sub',
          isEnabled: true,
        },
      )
    ).status,
  ).toBe('ok');
  await signInAsAdminTo(page, `/models/${organization}/${model}`);
  const templates = page.getByTestId('model-templates');
  const text = page.getByTestId('object-form').getByLabel('Model text');
  const cases = [
    { chip: 'ACL', explains: 'Access control list', line: 'm = r.sub == p.sub && r.obj == p.obj && r.act == p.act' },
    { chip: 'RBAC', explains: 'Role-based access control', line: 'g = _, _' },
    { chip: 'RBAC with domains', explains: 'within a domain', line: 'r = sub, dom, obj, act' },
    { chip: 'ABAC', explains: 'Attribute-based access control', line: 'r.sub == r.obj.Owner' },
  ];
  // The templates are one radio group: the arrow keys move between them.
  await templates.getByRole('radio', { name: 'RBAC', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(templates.getByRole('radio', { name: 'RBAC with domains', exact: true })).toBeChecked();
  await expect(page.getByTestId('model-template-explanation')).toContainText('within a domain');
  for (const { chip, explains, line } of cases) {
    await templates.getByText(chip, { exact: true }).click();
    await expect(templates.getByRole('radio', { name: chip, exact: true })).toBeChecked();
    await expect(page.getByTestId('model-template-explanation')).toContainText(explains);
    await templates.getByTestId('insert-model-template').click();
    await expect(text).toHaveValue(new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.getByTestId('save-object').click();
    await expect(page.getByTestId('form-error')).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await adminApi<{ modelText: string }>('/api/get-model', { id: `${organization}/${model}` })).data.modelText,
      )
      .toContain(line);
  }
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(templates).toBeVisible();
  await expectFitsWidth(page);
});

test('Test access agrees with /api/enforce, allowed and denied; a role lists the permissions that use it', async ({
  page,
}) => {
  const organization = await newOrganization('access');
  for (const name of ['alice', 'bob'])
    expect(
      (await adminApi('/api/add-user', {}, { owner: organization, name, password: `${name}-Password-1` })).status,
    ).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-role',
        {},
        { owner: organization, name: 'readers', users: [`${organization}/alice`], isEnabled: true },
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
          name: 'read-docs',
          displayName: 'Read the docs',
          roles: [`${organization}/readers`],
          resources: ['docs'],
          actions: ['read'],
          effect: 'Allow',
          state: 'Approved',
          isEnabled: true,
        },
      )
    ).status,
  ).toBe('ok');

  await signInAsAdminTo(page, `/permissions/${organization}/read-docs`);
  const panel = page.getByTestId('test-access');
  const ask = async (subject: string, resource: string, action: string) => {
    await panel.getByTestId('test-subject').fill(subject);
    await panel.getByTestId('test-resource').fill(resource);
    await panel.getByTestId('test-action').fill(action);
    // Submitted with the keyboard.
    await panel.getByTestId('test-action').press('Enter');
    const api = await adminApi<boolean[]>('/api/enforce', { permissionId: `${organization}/read-docs` }, [
      subject,
      resource,
      action,
    ]);
    expect(api.status).toBe('ok');
    const allowed = api.data.some(Boolean);
    await expect(panel.getByTestId('test-decision')).toHaveAttribute('data-allowed', String(allowed));
    await expect(panel.getByTestId('test-decision')).toContainText(allowed ? 'Allowed' : 'Denied');
    return allowed;
  };
  expect(await ask(`${organization}/alice`, 'docs', 'read')).toBe(true);
  expect(await ask(`${organization}/bob`, 'docs', 'read')).toBe(false);
  expect(await ask(`${organization}/alice`, 'docs', 'write')).toBe(false);
  expect(await ask(`${organization}/alice`, 'docs', 'read')).toBe(true);

  // The role's page lists the permission and tests access across the organization's permissions.
  await page.goto(`/roles/${organization}/readers`);
  const listed = page.getByTestId('role-permissions');
  await expect(listed.getByRole('link', { name: 'Read the docs' })).toHaveAttribute(
    'href',
    `/permissions/${organization}/read-docs`,
  );
  const rolePanel = page.getByTestId('test-access');
  await rolePanel.getByTestId('test-subject').fill(`${organization}/alice`);
  await rolePanel.getByTestId('test-resource').fill('docs');
  await rolePanel.getByTestId('test-action').fill('read');
  await rolePanel.getByTestId('run-test-access').click();
  await expect(rolePanel.getByTestId('test-decision')).toHaveAttribute('data-allowed', 'true');

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(rolePanel).toBeVisible();
  await expectFitsWidth(page);
});
