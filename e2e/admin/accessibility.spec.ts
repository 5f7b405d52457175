import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from '@playwright/test';
import { objectPath, type ResourceKind, resources } from '../../apps/admin/lib/resources/index.ts';
import { totp } from '../support/totp';
import { adminApi, expect, expectFitsWidth, latchkey, type Page, signIn, test, unique } from './support/fixtures';
import { repositoryRoot, startLatchkeyWithPortal } from './support/latchkey';

/**
 * Every page of the console and of signing in, checked by axe-core against WCAG 2.1 A and AA in the
 * light and the dark colour scheme, at a desktop and a phone width. A serious or critical violation
 * fails the test; the message lists each rule, where it was found and, for contrast, the figures.
 */

const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 375, height: 800 };
const schemes = ['light', 'dark'] as const;
type Scheme = (typeof schemes)[number];

const organization = unique('a11y-org');
const application = unique('a11y-app');
const redirectUri = 'http://127.0.0.1:9/callback';
let clientId = '';
let secondFactorSecret = '';

/**
 * One object of each kind the console opens, made through the API in an organization of this test's
 * own. Keyed by every kind: a new kind does not type-check until it has its sample (or `null`, when
 * the console neither opens nor creates objects of that kind).
 */
const samples: Record<ResourceKind, Record<string, unknown> | null> = {
  organizations: { owner: 'admin', name: organization, displayName: 'Accessible Org' },
  users: { owner: organization, name: 'alice', displayName: 'Alice', password: 'alice-password-1' },
  groups: { owner: organization, name: unique('group'), displayName: 'Staff', isEnabled: true },
  applications: {
    owner: 'admin',
    name: application,
    organization,
    displayName: 'Accessible App',
    cert: 'cert-built-in',
    enablePassword: true,
    enableSignUp: true,
    redirectUris: [redirectUri],
    expireInHours: 1,
  },
  invitations: { owner: organization, name: unique('invite'), application, email: 'guest@example.com', quota: 1 },
  certs: { owner: organization, name: unique('cert'), cryptoAlgorithm: 'RS256' },
  providers: {
    owner: organization,
    name: unique('provider'),
    displayName: 'GitHub',
    category: 'OAuth',
    type: 'GitHub',
    clientId: 'a11y-client',
    clientSecret: 'a11y-secret',
  },
  roles: { owner: organization, name: unique('role'), users: [`${organization}/alice`], isEnabled: true },
  permissions: {
    owner: organization,
    name: unique('permission'),
    users: [`${organization}/alice`],
    resources: ['docs'],
    actions: ['Read'],
    effect: 'Allow',
    isEnabled: true,
  },
  models: {
    owner: organization,
    name: 'acl',
    modelText:
      '[request_definition]\nr = sub, obj, act\n\n[policy_definition]\np = sub, obj, act\n\n[policy_effect]\ne = some(where (p.eft == allow))\n\n[matchers]\nm = r.sub == p.sub && r.obj == p.obj && r.act == p.act',
    isEnabled: true,
  },
  enforcers: {
    owner: organization,
    name: unique('enforcer'),
    model: `${organization}/acl`,
    adapter: `${organization}/rules`,
  },
  keys: { owner: organization, name: unique('key'), user: 'alice' },
  webhooks: {
    owner: 'admin',
    name: unique('webhook'),
    organization,
    url: 'https://hooks.example.com/latchkey',
    method: 'POST',
    events: ['add-user'],
    isEnabled: true,
  },
  tokens: null,
  sessions: null,
  records: null,
};

/** The order objects are made in: what others refer to first. */
const creationOrder: ResourceKind[] = [
  'organizations',
  'users',
  'groups',
  'applications',
  'invitations',
  'certs',
  'providers',
  'roles',
  'permissions',
  'models',
  'enforcers',
  'keys',
  'webhooks',
];

/** The routes of the console: every page.tsx of the app tree, as a pattern of its URL path. */
function appRoutes(): { route: string; pattern: RegExp }[] {
  const appDir = join(repositoryRoot, 'apps/admin/app');
  const routes: { route: string; pattern: RegExp }[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === 'page.tsx') {
        // Route groups, "(auth)", are not part of the URL.
        const parts = segments.filter((segment) => !/^\(.*\)$/.test(segment));
        const source = parts
          .map((part) =>
            /^\[\[\.\.\..+\]\]$/.test(part)
              ? '(?:/.*)?'
              : /^\[\.\.\..+\]$/.test(part)
                ? '/.+'
                : /^\[.+\]$/.test(part)
                  ? '/[^/]+'
                  : `/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          )
          .join('');
        routes.push({ route: `/${parts.join('/')}`, pattern: new RegExp(`^${source || '/'}$`) });
      }
    }
  };
  walk(appDir, []);
  return routes;
}

/** One rule axe found broken, with the elements that break it. */
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

interface Finding {
  page: string;
  scheme: Scheme;
  width: number;
  violation: Result;
}

/** One line per element: the rule, the element and, for contrast, the colours and their ratio against the one required. */
function describe(finding: Finding): string {
  const { violation } = finding;
  const lines = [
    `${finding.page} [${finding.scheme}, ${finding.width}px] ${violation.id} (${violation.impact}): ${violation.help}`,
  ];
  for (const node of violation.nodes.slice(0, 8)) {
    const data = node.any.find((check) => check.id === 'color-contrast' || check.data?.contrastRatio)?.data as
      | {
          fgColor?: string;
          bgColor?: string;
          contrastRatio?: number;
          expectedContrastRatio?: string;
          fontSize?: string;
        }
      | undefined;
    const figures = data?.contrastRatio
      ? ` — ${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}:1, needs ${data.expectedContrastRatio} (${data.fontSize})`
      : '';
    const text = node.html.replace(/\s+/g, ' ').slice(0, 120);
    lines.push(`    ${node.target.join(' ')}${figures}\n      ${text}`);
  }
  if (violation.nodes.length > 8) lines.push(`    … and ${violation.nodes.length - 8} more`);
  return lines.join('\n');
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const colourRules = ['color-contrast', 'link-in-text-block'];

/** The serious and critical violations of WCAG 2.1 A/AA on the page as it is now. */
async function audit(page: Page, name: string, scheme: Scheme, findings: Finding[]) {
  const width = page.viewportSize()?.width ?? 0;
  const builder = new AxeBuilder({ page });
  // The dark scheme changes colours only (Mantine's CSS variables), not the document: the other rules
  // would find in it what they find in the light one.
  const results = await (scheme === 'dark' ? builder.withRules(colourRules) : builder.withTags(wcagTags)).analyze();
  for (const violation of results.violations)
    if (violation.impact === 'serious' || violation.impact === 'critical')
      findings.push({ page: name, scheme, width, violation });
}

/** Waits for what the page shows to settle: its main landmark, its fonts, no transition under way. */
async function settled(page: Page) {
  await expect(page.locator('main').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => document.getAnimations().filter((each) => each.playState === 'running').length))
    .toBe(0);
}

/** Opens a page at the desktop width and checks it there and at a phone's width. */
async function check(page: Page, path: string, scheme: Scheme): Promise<Finding[]> {
  await page.setViewportSize(WIDE);
  const response = await page.goto(path);
  expect(response?.status(), `${path} answered`).toBeLessThan(500);
  return checkBothWidths(page, path, scheme);
}

/**
 * Audits the page as it is, then narrows the window to a phone's (the same document, laid out
 * again: nothing to scroll sideways) and audits it again.
 */
async function checkBothWidths(page: Page, name: string, scheme: Scheme): Promise<Finding[]> {
  const findings: Finding[] = [];
  await settled(page);
  await audit(page, name, scheme, findings);
  await page.setViewportSize(NARROW);
  await expectFitsWidth(page, NARROW.width);
  await settled(page);
  await audit(page, name, scheme, findings);
  return findings;
}

/** Sets the colour scheme before any page of the context loads: Mantine's stored choice and the system preference. */
async function useScheme(page: Page, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.addInitScript((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
}

/** Fails with one readable entry per violation. */
function expectNone(findings: Finding[]) {
  expect(findings.map(describe), `${findings.length} serious or critical accessibility violation(s)`).toEqual([]);
}

test.beforeAll(async () => {
  for (const kind of creationOrder) {
    const sample = samples[kind];
    const add = resources[kind].api.add;
    if (!sample || !add) throw new Error(`no sample or add route for ${kind}`);
    // An enforcer keeps its policies through an adapter (not an object the console lists).
    if (kind === 'enforcers')
      expect((await adminApi('/api/add-adapter', {}, { owner: organization, name: 'rules' })).status).toBe('ok');
    const added = await adminApi(`/api/${add}`, {}, sample);
    expect(added.status, `${add}: ${added.msg}`).toBe('ok');
  }
  const stored = await adminApi<{ clientId: string }>('/api/get-application', { id: `admin/${application}` });
  clientId = stored.data.clientId;
  // Bob signs in with a second factor, to reach that step of the authorization page.
  expect(
    (await adminApi('/api/add-user', {}, { owner: organization, name: 'bob', password: 'bob-password-1' })).status,
  ).toBe('ok');
  const started = await adminApi<{ secret: string }>(
    '/api/mfa/setup/initiate',
    {},
    { owner: organization, name: 'bob', mfaType: 'app' },
  );
  secondFactorSecret = started.data.secret;
  const passcode = totp(secondFactorSecret, Date.now());
  expect(
    (await adminApi('/api/mfa/setup/verify', {}, { owner: organization, name: 'bob', mfaType: 'app', passcode }))
      .status,
  ).toBe('ok');
  expect(
    (await adminApi('/api/mfa/setup/enable', {}, { owner: organization, name: 'bob', mfaType: 'app' })).status,
  ).toBe('ok');
});

/** A page to check: a title that stays the same from one run to the next, and its path (known once the objects exist). */
interface Checked {
  title: string;
  path: () => string;
}

const authorizePath = () =>
  `/login/oauth/authorize?client_id=${clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=a11y`;

/** The signed-in pages: the dashboard, the account, each kind's list, new-object form and an object's page. */
function consolePages(): Checked[] {
  const pages: Checked[] = [
    { title: 'dashboard', path: () => '/' },
    { title: 'account', path: () => '/account' },
    { title: 'account security', path: () => '/account/security' },
  ];
  for (const spec of Object.values(resources)) {
    pages.push({ title: `${spec.kind} list`, path: () => `/${spec.kind}` });
    if (spec.can.create) pages.push({ title: `new ${spec.kind} form`, path: () => `/${spec.kind}/new` });
    const sample = samples[spec.kind];
    if (spec.can.open && sample)
      pages.push({ title: `${spec.kind} object page`, path: () => objectPath(spec, sample) });
  }
  // Signed in, the authorization page offers to continue as the administrator.
  pages.push(
    { title: 'authorization, signed in', path: authorizePath },
    { title: 'page not found', path: () => '/no-such-page' },
  );
  return pages;
}

/** The signed-out pages: sign-in, sign-up, recovery, a provider's way back, the authorization page. */
const signInPages = (): Checked[] => [
  { title: 'sign-in', path: () => '/login' },
  { title: 'sign-in of an organization', path: () => `/login/${organization}` },
  { title: 'sign-up', path: () => `/signup/${application}` },
  { title: 'forgotten password', path: () => '/forget' },
  { title: 'forgotten password of an application', path: () => `/forget/${application}` },
  { title: "a provider's way back", path: () => '/callback' },
  { title: 'authorization', path: authorizePath },
];

test('every kind of object has a sample, so each has a detail page to check', () => {
  for (const spec of Object.values(resources)) {
    const sample = samples[spec.kind];
    expect({ kind: spec.kind, sample: Boolean(sample) }).toEqual({ kind: spec.kind, sample: spec.can.open });
    if (sample) expect(creationOrder).toContain(spec.kind);
  }
});

test('the pages checked cover every route of the console', () => {
  const visited = [...consolePages(), ...signInPages()].map((each) => new URL(each.path(), 'http://console').pathname);
  const missing = appRoutes()
    .filter(({ pattern }) => !visited.some((path) => pattern.test(path)))
    .map(({ route }) => route);
  expect(missing, `routes no accessibility test visits: ${missing.join(', ')}`).toEqual([]);
});

/** A page of a browser context of its own, in the colour scheme, kept for the tests of one group. */
async function schemePage(browser: Browser, scheme: Scheme): Promise<Page> {
  const context = await browser.newContext({ baseURL: latchkey().url, locale: 'en-US', viewport: WIDE });
  const page = await context.newPage();
  await useScheme(page, scheme);
  return page;
}

for (const scheme of schemes) {
  test.describe(`the console in the ${scheme} scheme`, () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await schemePage(browser, scheme);
      await signIn(page, 'built-in', 'admin', latchkey().adminPassword);
      // The dashboard after it: the first page of a fresh context can take long on a busy machine.
      await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
    });
    test.afterAll(async () => page.context().close());
    for (const each of consolePages())
      test(`${each.title} has no serious accessibility violation`, async () => {
        const findings = await check(page, each.path(), scheme);
        expectNone(findings);
      });
  });

  test.describe(`signing in, in the ${scheme} scheme`, () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await schemePage(browser, scheme);
    });
    test.afterAll(async () => page.context().close());
    for (const each of signInPages())
      test(`${each.title} has no serious accessibility violation`, async () => {
        const findings = await check(page, each.path(), scheme);
        expectNone(findings);
      });

    test('the second step of a sign-in has no serious accessibility violation', async () => {
      await page.setViewportSize(WIDE);
      await page.goto(authorizePath());
      await page.getByLabel('Username').fill('bob');
      await page.locator('input[name="password"]').fill('bob-password-1');
      await page.getByTestId('oauth-submit').click();
      await expect(page.getByTestId('second-factor')).toBeVisible();
      const findings = await checkBothWidths(page, 'authorization, second factor', scheme);
      expectNone(findings);
    });
  });
}

test("the authorization endpoint's own pages (no portal) have no serious accessibility violation", async ({ page }) => {
  test.setTimeout(180_000);
  const bare = await startLatchkeyWithPortal({ LATCHKEY_PORTAL: 'false' });
  try {
    const api = async (path: string, body: unknown) =>
      fetch(`${bare.url}${path}?username=built-in/admin&password=${encodeURIComponent(bare.adminPassword)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ status: string; msg: string }>);
    const app = samples.applications!;
    expect((await api('/api/add-application', { ...app, organization: 'built-in' })).status).toBe('ok');
    const stored = (await fetch(
      `${bare.url}/api/get-application?id=admin/${application}&username=built-in/admin&password=${encodeURIComponent(bare.adminPassword)}`,
    ).then((response) => response.json())) as { data: { clientId: string } };
    const path = `${bare.url}/login/oauth/authorize?client_id=${stored.data.clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=openid&state=a11y`;
    const findings: Finding[] = [];
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(WIDE);
      await page.goto(path);
      await audit(page, 'authorization (no portal)', scheme, findings);
      // A wrong password: the page with its error.
      await page.getByLabel(/^Username/).fill('admin');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await audit(page, 'authorization with an error (no portal)', scheme, findings);
      await page.setViewportSize(NARROW);
      await expectFitsWidth(page, NARROW.width);
      await audit(page, 'authorization with an error (no portal)', scheme, findings);
      await page.goto(`${bare.url}/login/oauth/authorize?client_id=nobody&response_type=code`);
      await audit(page, 'authorization error page (no portal)', scheme, findings);
    }
    expectNone(findings);
  } finally {
    await bare.stop();
  }
});
