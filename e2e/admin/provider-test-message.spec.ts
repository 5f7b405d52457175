import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { adminApiOf, expect, expectFitsWidth, type Page, test, unique } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';

/**
 * The console's provider, webhook, cert and key pages in a real browser, against a Latchkey that
 * may reach this machine (loopback): a real SMTP server receives the provider's test message, a
 * local HTTP receiver the webhook's test event.
 */

interface Received {
  to: string[];
  user: string;
  parsed: ParsedMail;
}

const mails: Received[] = [];
const hookCalls: { path: string; body: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let receiver: Server;
let receiverBase: string;
let latchkey: RunningLatchkey;

const SMTP_USER = 'mailer@e2e.example';
const SMTP_PASSWORD = 'e2e-smtp-password-1';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            user: typeof session.user === 'string' ? session.user : '',
            parsed,
          });
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      hookCalls.push({ path: request.url ?? '', body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverBase = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  latchkey = await startLatchkeyWithPortal({ LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' });
});

test.afterAll(async () => {
  await latchkey?.stop();
  receiver?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const api = <T = unknown>(path: string, body?: unknown) => adminApiOf<T>(latchkey, path, {}, body);

async function signIn(page: Page) {
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill('built-in');
  await page.getByLabel('Username').fill('admin');
  await page.locator('input[name="password"]').fill(latchkey.adminPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Generous: a loaded machine takes its time over the first pages of a fresh server.
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 60_000 });
}

/** Waits for the page a save leads to. */
const landsOn = (page: Page, path: RegExp) => expect(page).toHaveURL(path, { timeout: 60_000 });

const form = (page: Page) => page.getByTestId('object-form');
/** A field of the object form by its whole label (a required field's ends in an asterisk). */
const field = (page: Page, label: string) =>
  form(page)
    .getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`))
    .first();

/** Picks an option of a select of the object form. */
async function pick(page: Page, label: string, option: string) {
  const input = field(page, label);
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(input).toHaveValue(option);
}

test('an Email provider is set up from its type’s own fields, and its test message arrives', async ({ page }) => {
  await signIn(page);
  const name = unique('smtp');
  await page.goto(`${latchkey.url}/providers/new`);
  await field(page, 'Name').fill(name);
  await pick(page, 'Category', 'Email');
  // The category's first type, and only the fields an SMTP server uses.
  await expect(field(page, 'Type')).toHaveValue('Default');
  await expect(field(page, 'Client ID')).toHaveCount(0);
  await expect(form(page).getByText('The name of your SMTP server, such as smtp.example.com.')).toBeVisible();
  await field(page, 'Host').fill('127.0.0.1');
  await field(page, 'Port').fill(String(smtpPort));
  await form(page).getByRole('switch', { name: 'Allow unencrypted SMTP' }).press('Space');
  await expect(form(page).getByRole('switch', { name: 'Allow unencrypted SMTP' })).toBeChecked();
  await field(page, 'SMTP username').fill(SMTP_USER);
  await field(page, 'Password').fill(SMTP_PASSWORD);
  await field(page, 'From address').fill('noreply@e2e.example');
  await page.getByTestId('save-object').click();
  await landsOn(page, new RegExp(`/providers/built-in/${name}(\\?created=1)?$`));

  // The secret is kept but shown masked, never in clear.
  const password = field(page, 'Password');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(password).not.toHaveValue(SMTP_PASSWORD);
  expect((await api<{ clientSecret: string }>(`/api/get-provider?id=built-in/${name}`)).data.clientSecret).toBe('***');

  // The test message, sent with the keyboard.
  const panel = page.getByTestId('provider-test');
  await expect(panel).toContainText('Send a test message');
  const to = `${unique('alice')}@e2e.example`;
  await panel.getByLabel('Email address').fill(to);
  await panel.getByLabel('Email address').press('Enter');
  await expect(page.getByText(`Test message sent to ${to}.`)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => mails.filter((mail) => mail.to.includes(to)).length, { timeout: 20_000 }).toBe(1);
  const mail = mails.find((each) => each.to.includes(to))!;
  expect(mail.user).toBe(SMTP_USER);
  expect(mail.parsed.subject).toBe('Test message from Latchkey');
  expect(mail.parsed.from?.value[0]?.address).toBe('noreply@e2e.example');

  // A recipient that is not an address is refused with the API's message, and nothing is sent.
  const before = mails.length;
  await panel.getByLabel('Email address').fill('not-an-address');
  await page.getByTestId('provider-test-send').click();
  await expect(page.getByText('not-an-address', { exact: false }).last()).toBeVisible();
  expect(mails.length).toBe(before);

  // At phone width nothing spills sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await expectFitsWidth(page, 375);
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('each type shows its own fields: captcha site keys, Twilio’s account, an OpenID issuer', async ({ page }) => {
  await signIn(page);
  await page.goto(`${latchkey.url}/providers/new`);
  await pick(page, 'Category', 'Captcha');
  await pick(page, 'Type', 'Cloudflare Turnstile');
  await expect(field(page, 'Site key')).toBeVisible();
  await expect(field(page, 'Secret key')).toHaveAttribute('type', 'password');
  await pick(page, 'Category', 'SMS');
  await expect(field(page, 'Type')).toHaveValue('Twilio');
  await expect(field(page, 'Account SID')).toBeVisible();
  await expect(field(page, 'Site key')).toHaveCount(0);
  await pick(page, 'Category', 'OAuth');
  await pick(page, 'Type', 'Custom');
  await expect(field(page, 'Issuer URL')).toBeVisible();
  await expect(field(page, 'Account SID')).toHaveCount(0);
});

test('a webhook’s test event reaches the receiver and its delivery is logged', async ({ page }) => {
  await signIn(page);
  const name = unique('hook');
  expect(
    (
      await api('/api/add-webhook', {
        owner: 'admin',
        name,
        organization: 'built-in',
        url: `${receiverBase}/${name}`,
        isEnabled: true,
        events: ['add-group'],
      })
    ).status,
  ).toBe('ok');
  await page.goto(`${latchkey.url}/webhooks/admin/${name}`);
  const panel = page.getByTestId('webhook-deliveries');
  await expect(panel.getByTestId('webhook-deliveries-empty')).toBeVisible();
  await page.getByTestId('webhook-test-send').click();
  await expect.poll(() => hookCalls.filter((call) => call.path === `/${name}`).length, { timeout: 20_000 }).toBe(1);
  expect(JSON.parse(hookCalls.find((call) => call.path === `/${name}`)!.body)).toMatchObject({
    action: 'test-webhook',
    owner: 'built-in',
    user: 'built-in/admin',
  });
  const row = panel.getByTestId('webhook-delivery').first();
  await expect(row).toHaveAttribute('data-state', 'delivered', { timeout: 20_000 });
  await expect(row).toContainText('test-webhook');
  await expect(row).toContainText('Delivered');
  await expect(row).toContainText('1 of 3');
  await expect(row.getByTestId('webhook-delivery-answer')).toHaveText('HTTP 200');
  await page.setViewportSize({ width: 375, height: 800 });
  await expectFitsWidth(page, 375);
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('a cert’s certificate and public key can be read, copied and downloaded; a key’s expiry is picked as a date', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: latchkey.url });
  await signIn(page);
  await page.goto(`${latchkey.url}/certs/admin/cert-built-in`);
  const certificate = page.getByTestId('cert-certificate-text');
  await expect(certificate).toContainText('-----BEGIN CERTIFICATE-----');
  await expect(page.getByTestId('cert-public-key-text')).toContainText('-----BEGIN PUBLIC KEY-----');
  expect(await certificate.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/mono/i);
  await page.getByTestId('cert-certificate-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('-----BEGIN CERTIFICATE-----');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('cert-public-key-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('cert-built-in.pub.pem');
  expect(readFileSync(await download.path(), 'utf8')).toContain('-----BEGIN PUBLIC KEY-----');
  // The buttons are reached with the keyboard too.
  await page.getByTestId('cert-certificate-download').focus();
  await expect(page.getByTestId('cert-certificate-download')).toBeFocused();

  await page.goto(`${latchkey.url}/keys/new`);
  const name = unique('key');
  await field(page, 'Name').fill(name);
  await pick(page, 'User', 'admin');
  const expiry = field(page, 'Expires');
  await expect(expiry).toHaveAttribute('type', 'datetime-local');
  await expiry.fill('2031-05-04T10:30');
  await page.getByTestId('save-object').click();
  await landsOn(page, new RegExp(`/keys/built-in/${name}(\\?created=1)?$`));
  const stored = await api<{ expireTime: string }>(`/api/get-key?id=built-in/${name}`);
  expect(new Date(stored.data.expireTime).getTime()).toBe(new Date('2031-05-04T10:30').getTime());
  await expect(field(page, 'Expires')).toHaveValue('2031-05-04T10:30');
});
