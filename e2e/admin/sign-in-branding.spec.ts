import { adminApi, expect, expectFitsWidth, latchkey, type Page, test, unique } from './support/fixtures';

/**
 * The console's own sign-in, sign-up and recovery pages of an organization or application
 * (/login/<organization>, /signup/<application>, /forget/<application>) wear the organization's
 * sign-in experience: logo (whole), favicon, colour, website, terms of use and only its languages.
 */

const logoUrl = () => `${latchkey().url}/icon.svg`;
const theme = (colorPrimary: string) => ({
  themeData: { themeType: 'default', colorPrimary, borderRadius: 6, isCompact: false, isEnabled: true },
});

/** An organization with its default application, made through the API; answers both names. */
async function brandedOrganization(prefix: string, fields: Record<string, unknown>, termsOfUse = '') {
  const organization = unique(prefix);
  const application = `${organization}-app`;
  expect(
    (
      await adminApi(
        '/api/add-organization',
        {},
        { owner: 'admin', name: organization, displayName: `${organization} Ltd`, ...fields },
      )
    ).status,
  ).toBe('ok');
  expect(
    (
      await adminApi(
        '/api/add-application',
        {},
        { owner: 'admin', name: application, organization, cert: 'cert-built-in', termsOfUse },
      )
    ).status,
  ).toBe('ok');
  return { organization, application };
}

/** The logo is shown whole: its box keeps the picture's own proportions. */
async function expectWholeLogo(page: Page) {
  const logo = page.getByTestId('branding-logo');
  await expect(logo).toHaveAttribute('src', logoUrl());
  await expect(logo).toHaveCSS('object-fit', 'contain');
  await expect
    .poll(() =>
      logo.evaluate((image: HTMLImageElement) =>
        image.naturalWidth > 0
          ? Math.abs(image.clientWidth / image.clientHeight - image.naturalWidth / image.naturalHeight) < 0.02
          : false,
      ),
    )
    .toBe(true);
}

/** The language picker offers these languages (opened, read as it renders, closed again). */
async function expectLanguages(page: Page, expected: string[] | number) {
  await page.getByTestId('language-picker').click();
  const options = page.getByRole('option');
  if (typeof expected === 'number') await expect(options).toHaveCount(expected);
  else await expect(options).toHaveText(expected);
  await page.keyboard.press('Escape');
  await expect(options).toHaveCount(0);
}

test("an organization's sign-in, sign-up and recovery pages show its logo, colour, favicon, links and languages", async ({
  page,
}) => {
  const { organization, application } = await brandedOrganization(
    'signinbrand',
    {
      logo: logoUrl(),
      favicon: logoUrl(),
      websiteUrl: 'https://signinbrand.example/',
      languages: ['en', 'fr'],
      ...theme('#c2255c'),
    },
    'https://signinbrand.example/terms',
  );
  const user = 'pat';
  const password = 'Pat-branded-password-1';
  expect((await adminApi('/api/add-user', {}, { owner: organization, name: user, password })).status).toBe('ok');

  for (const path of [`/login/${organization}`, `/signup/${application}`, `/forget/${application}`]) {
    await page.goto(path);
    await expectWholeLogo(page);
    await expect(page.getByTestId('branding-logo')).toHaveAttribute('alt', `${organization} Ltd`);
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', logoUrl());
    await expect(page.getByTestId('branding-website')).toHaveAttribute('href', 'https://signinbrand.example/');
    await expect(page.getByTestId('branding-terms')).toHaveAttribute('href', 'https://signinbrand.example/terms');
    await expect(page.getByTestId('branding-terms')).toHaveText('Terms of use');
    // The brand colour paints the page's main button.
    await expect(page.locator('main button[type="submit"]').first()).toHaveCSS('background-color', 'rgb(194, 37, 92)');
    await expectLanguages(page, ['English', 'Français']);
  }

  // The console's own sign-in page keeps the console's look and every language.
  await page.goto('/login');
  await expect(page.getByTestId('branding-logo')).toHaveCount(0);
  await expectLanguages(page, 14);

  // The organization's page signs its users in, the organization fixed.
  await page.goto(`/login/${organization}`);
  await expect(page.getByLabel('Organization')).toHaveValue(organization);
  await expect(page.getByLabel('Organization')).toHaveAttribute('readonly', '');
  await page.getByLabel('Username').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });

  // At 375 px the logo stays inside the card and nothing scrolls sideways.
  await page.context().clearCookies();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/login/${organization}`);
  await expectWholeLogo(page);
  await expectFitsWidth(page);
});

test('a page speaks a language its organization offers, whatever the browser asks for', async ({ page }) => {
  const { organization, application } = await brandedOrganization('germanonly', { languages: ['de'] });
  // The browser asks for English (en-US), which the organization does not offer.
  await page.goto(`/signup/${application}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectLanguages(page, ['Deutsch']);
  await page.goto(`/login/${organization}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  // An organization that does not exist has no sign-in page.
  const missing = await page.goto(`/login/${unique('nobody')}`);
  expect(missing?.status()).toBe(404);
});

test('what an organization administrator writes cannot reach the page as markup, script or style', async ({ page }) => {
  const { organization, application } = await brandedOrganization('abuse', { websiteUrl: 'https://abuse.example/' });
  const stored = async () =>
    (await adminApi<Record<string, any>>('/api/get-organization', { id: `admin/${organization}` })).data;
  const update = async (fields: Record<string, unknown>) =>
    adminApi('/api/update-organization', { id: `admin/${organization}` }, { ...(await stored()), ...fields });

  // Addresses that are not http(s) and colours that would leave their declaration are refused, and nothing is kept.
  for (const fields of [
    { logo: 'javascript:alert(1)' },
    { favicon: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' },
    { websiteUrl: '//evil.example' },
    theme('red;}body{display:none}'),
    theme('#2957d9;background:url(https://evil.example)'),
  ])
    expect((await update(fields)).status).toBe('error');
  expect(
    (
      await adminApi(
        '/api/update-application',
        { id: `admin/${application}` },
        {
          ...(
            await adminApi<Record<string, unknown>>('/api/get-application', { id: `admin/${application}` })
          ).data,
          termsOfUse: 'javascript:alert(1)',
        },
      )
    ).status,
  ).toBe('error');
  expect(await stored()).toMatchObject({ logo: '', favicon: '', websiteUrl: 'https://abuse.example/' });

  // A display name is any text: it is shown as text, never as markup.
  const markup = '<img src=x onerror="window.brandingAbused=1"><style>body{display:none}</style>';
  expect((await update({ displayName: markup, logo: logoUrl() })).status).toBe('ok');
  for (const path of [`/login/${organization}`, `/signup/${application}`]) {
    await page.goto(path);
    await expect(page.getByTestId('branding-logo')).toHaveAttribute('alt', markup);
    await expect(page.getByTestId('branding-website')).toContainText(markup);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('body')).toBeVisible();
    expect(await page.evaluate(() => (window as { brandingAbused?: number }).brandingAbused)).toBeUndefined();
    await expect(page.getByTestId('branding-terms')).toHaveCount(0);
    // No colour was kept: the button has the console's own.
    await expect(page.locator('main')).toHaveAttribute('data-brand-color', '');
  }
});
