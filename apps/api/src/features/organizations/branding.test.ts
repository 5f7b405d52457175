import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { findOrganization } from '@latchkey/db';
import { type Caller, call, globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization } from '../../test/fixtures.ts';
import { authorizeQuery, REDIRECT_URI } from '../oauth/testing/flows.ts';

let t: TestApp;
let root: Caller;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  ({ admin } = await organizationWithCallers(t, 'acme'));
});
afterAll(() => t.dispose());

const organization = async () => (await call(t, admin, '/api/get-organization?id=admin/acme')).data;
const updateOrganization = async (fields: Record<string, unknown>) =>
  call(t, admin, '/api/update-organization?id=admin/acme', { ...(await organization()), ...fields });
const application = async () => (await call(t, admin, '/api/get-application?id=admin/acme-app')).data;
const updateApplication = async (fields: Record<string, unknown>) =>
  call(t, admin, '/api/update-application?id=admin/acme-app', { ...(await application()), ...fields });
const theme = (fields: Record<string, unknown>) => ({
  themeData: {
    themeType: 'default',
    colorPrimary: '#2957d9',
    borderRadius: 6,
    isCompact: false,
    isEnabled: true,
    ...fields,
  },
});

/** Addresses a page would turn into a script, a document of the attacker's or a link somewhere unexpected. */
const badUrls = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  'vbscript:msgbox(1)',
  '//evil.example/logo.png',
  '/relative/logo.png',
  'https://user:secret@example.com/logo.png',
  'https://example.com/logo.png\nhttps://evil.example',
  'https:\\\\evil.example/logo.png',
  'ftp://example.com/logo.png',
  `https://example.com/${'a'.repeat(2100)}`,
];

/** Colours that would end the declaration they are written into, or run something in old browsers. */
const badColors = [
  'red;}body{display:none}',
  '#2957d9;background:url(https://evil.example)',
  'expression(alert(1))',
  'url(javascript:alert(1))',
  '#12',
  '#zzzzzz',
  '#2957d9 ',
  'var(--x)',
  '</style><script>alert(1)</script>',
];

describe('what an organization administrator writes for sign-in pages', () => {
  for (const field of ['logo', 'favicon', 'websiteUrl', 'logoDark', 'defaultAvatar'])
    test(`the organization's ${field} must be an http(s) address`, async () => {
      for (const value of badUrls) {
        const answer = await updateOrganization({ [field]: value });
        expect({ value, status: answer.status, data: answer.data }).toEqual({
          value,
          status: 'error',
          data: { field },
        });
      }
      expect((await findOrganization(t.context.db, 'acme'))?.[field as 'logo']).toBe('');
      expect((await updateOrganization({ [field]: 'https://cdn.example.com/acme.png?v=2' })).status).toBe('ok');
      expect((await updateOrganization({ [field]: '' })).status).toBe('ok');
    });

  test('the colour must be a hex colour; theme type and corner radius are bounded', async () => {
    for (const colorPrimary of badColors) {
      const answer = await updateOrganization(theme({ colorPrimary }));
      expect({ colorPrimary, status: answer.status, data: answer.data }).toEqual({
        colorPrimary,
        status: 'error',
        data: { field: 'themeData.colorPrimary' },
      });
    }
    expect((await updateOrganization(theme({ themeType: 'x}body{' }))).status).toBe('error');
    expect((await updateOrganization(theme({ borderRadius: 1000 }))).status).toBe('error');
    expect((await updateOrganization(theme({ borderRadius: -1 }))).status).toBe('error');
    for (const colorPrimary of ['#abc', '#abcd', '#A1B2C3', '#a1b2c3d4'])
      expect((await updateOrganization(theme({ colorPrimary }))).status).toBe('ok');
    expect((await findOrganization(t.context.db, 'acme'))?.themeData?.colorPrimary).toBe('#a1b2c3d4');
  });

  test('the languages offered are languages Latchkey speaks; the password rules are Casdoor’s', async () => {
    expect(await updateOrganization({ languages: ['en', 'xx'] })).toMatchObject({
      status: 'error',
      data: { field: 'languages' },
    });
    expect(await updateOrganization({ languages: ['<script>'] })).toMatchObject({ status: 'error' });
    expect((await updateOrganization({ languages: ['en', 'fr'] })).status).toBe('ok');
    // Casdoor's other languages (its SDKs' tests offer `id`) are kept, though not spoken here.
    expect((await updateOrganization({ languages: ['en', 'id', 'ms'] })).status).toBe('ok');
    expect((await findOrganization(t.context.db, 'acme'))?.languages).toEqual(['en', 'id', 'ms']);
    expect(await updateOrganization({ passwordOptions: ['AtLeast99'] })).toMatchObject({
      status: 'error',
      data: { field: 'passwordOptions' },
    });
    expect(
      (await updateOrganization({ passwordOptions: ['AtLeast6', 'Aa123', 'SpecialChar', 'NoRepeat'] })).status,
    ).toBe('ok');
    expect((await updateOrganization({ passwordOptions: ['AtLeast8'] })).status).toBe('ok');
  });

  test('a new organization is checked the same way', async () => {
    const add = (fields: Record<string, unknown>) =>
      call(t, root, '/api/add-organization', { owner: 'admin', name: `new-${crypto.randomUUID()}`, ...fields });
    expect((await add({ logo: 'javascript:alert(1)' })).status).toBe('error');
    expect((await add(theme({ colorPrimary: 'red;}' }))).status).toBe('error');
    expect((await add({ languages: ['xx'] })).status).toBe('error');
    expect((await add({ logo: 'https://example.com/logo.svg', ...theme({ colorPrimary: '#123456' }) })).status).toBe(
      'ok',
    );
  });

  test('an organization whose stored values predate the checks can still be edited in other fields', async () => {
    await addOrganization(t, 'legacy', { logo: 'javascript:alert(1)' });
    const stored = (await call(t, root, '/api/get-organization?id=admin/legacy')).data;
    expect(
      (await call(t, root, '/api/update-organization?id=admin/legacy', { ...stored, displayName: 'Legacy' })).status,
    ).toBe('ok');
  });

  test("the application's links and colour are checked too", async () => {
    for (const field of [
      'termsOfUse',
      'homepageUrl',
      'logo',
      'signupUrl',
      'signinUrl',
      'forgetUrl',
      'affiliationUrl',
    ]) {
      for (const value of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example'])
        expect({ field, value, answer: (await updateApplication({ [field]: value })).status }).toEqual({
          field,
          value,
          answer: 'error',
        });
    }
    expect((await updateApplication(theme({ colorPrimary: 'red;}a{' }))).status).toBe('error');
    expect((await updateApplication({ termsOfUse: 'https://acme.example/terms' })).status).toBe('ok');
  });
});

describe('the authorize page shows the branding, escaped', () => {
  test('logo (whole), favicon, colour, website and terms of use, allowed by the page’s policy', async () => {
    await updateOrganization({
      displayName: 'Acme <b>"Inc"</b>',
      logo: 'https://cdn.example.com/acme.png?a=1&b="x"',
      favicon: 'https://cdn.example.com/favicon.ico',
      websiteUrl: 'https://acme.example/"onmouseover="alert(1)',
      ...theme({ colorPrimary: '#c0ffee' }),
    });
    const client = await addApplication(t, 'branded-app', 'acme', {
      redirectUris: [REDIRECT_URI],
      termsOfUse: 'https://acme.example/terms?x=<y>',
    });
    const response = await t.request(`/login/oauth/authorize?${authorizeQuery({ clientId: client.clientId })}`);
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain(
      '<img class="logo" src="https://cdn.example.com/acme.png?a=1&#38;b=&#34;x&#34;" alt="Acme &#60;b&#62;&#34;Inc&#34;&#60;/b&#62;"',
    );
    expect(html).toContain('<link rel="icon" href="https://cdn.example.com/favicon.ico">');
    expect(html).toContain('href="https://acme.example/&#34;onmouseover=&#34;alert(1)"');
    expect(html).toContain('href="https://acme.example/terms?x=&#60;y&#62;"');
    expect(html).not.toContain('<b>');
    expect(html).toContain(':root{--accent:#c0ffee}');
    // The style sheet with the colour is the one the policy allows, and pictures may come from http(s).
    const sheet = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(sheet).digest('base64')}'`);
    expect(policy).toContain('img-src data: https: http:');
    expect(policy).not.toContain('unsafe-inline');
  });

  test('values stored before the checks existed are left out, never rendered', async () => {
    await addOrganization(t, 'old', {
      logo: 'javascript:alert(1)',
      favicon: 'data:image/png;base64,AAAA',
      websiteUrl: 'javascript:alert(2)',
      themeData: {
        themeType: 'default',
        colorPrimary: 'red;}body{display:none',
        borderRadius: 6,
        isCompact: false,
        isEnabled: true,
      },
    });
    const client = await addApplication(t, 'old-app', 'old', {
      redirectUris: [REDIRECT_URI],
      termsOfUse: 'javascript:alert(3)',
    });
    const response = await t.request(`/login/oauth/authorize?${authorizeQuery({ clientId: client.clientId })}`);
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('javascript:');
    expect(response.text).not.toContain('data:image');
    expect(response.text).not.toContain('display:none');
    expect(response.text).not.toContain('class="logo"');
    expect(response.text).toContain(':root{--accent:#2957d9}');
  });
});

describe('get-sign-in-branding: what the console shows on sign-in pages, for anyone', () => {
  const branding = async (query: string) => call(t, undefined, `/api/get-sign-in-branding?${query}`);

  test("an organization's look, its default application's terms of use, and only the languages Latchkey speaks", async () => {
    await addOrganization(t, 'shown', {
      displayName: 'Shown Ltd',
      logo: 'https://shown.example/logo.svg',
      favicon: 'https://shown.example/favicon.ico',
      websiteUrl: 'https://shown.example/',
      languages: ['fr', 'id', 'en'],
      themeData: { themeType: 'default', colorPrimary: '#0b7285', borderRadius: 6, isCompact: false, isEnabled: true },
    });
    await addApplication(t, 'shown-app', 'shown', { termsOfUse: 'https://shown.example/terms' });
    const expected = {
      organization: 'Shown Ltd',
      logo: 'https://shown.example/logo.svg',
      favicon: 'https://shown.example/favicon.ico',
      colorPrimary: '#0b7285',
      websiteUrl: 'https://shown.example/',
      termsOfUse: 'https://shown.example/terms',
      languages: ['fr', 'en'],
    };
    expect(await branding('organization=shown')).toMatchObject({ status: 'ok', data: expected });
    expect(await branding('application=shown-app')).toMatchObject({ status: 'ok', data: expected });
    // Unknown names answer nothing; an unknown application is not replaced by the organization named with it.
    expect((await branding('organization=nobody')).data).toBeNull();
    expect((await branding('application=nothing&organization=shown')).data).toBeNull();
    // Nothing else of the organization is told: no secrets, no password rules.
    expect(Object.keys((await branding('organization=shown')).data).sort()).toEqual(Object.keys(expected).sort());
  });

  test('values stored before the checks existed are left out, never handed to a page', async () => {
    await addOrganization(t, 'tainted', {
      logo: 'javascript:alert(1)',
      favicon: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      websiteUrl: '//evil.example',
      languages: ['<script>', 'de'],
      themeData: {
        themeType: 'default',
        colorPrimary: 'red;}body{display:none}',
        borderRadius: 6,
        isCompact: false,
        isEnabled: true,
      },
    });
    await addApplication(t, 'tainted-app', 'tainted', { termsOfUse: 'vbscript:msgbox(1)' });
    expect((await branding('application=tainted-app')).data).toEqual({
      organization: 'tainted',
      logo: '',
      favicon: '',
      colorPrimary: '',
      websiteUrl: '',
      termsOfUse: '',
      languages: ['de'],
    });
  });
});
