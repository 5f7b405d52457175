import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { adminApiOf, expect, test, unique } from './support/fixtures';
import { type RunningLatchkey, startLatchkeyWithPortal } from './support/latchkey';

/**
 * A second factor by email in a real browser: a real SMTP server on loopback receives the codes
 * (a Latchkey of its own may reach it), the console's sign-in asks for the code after the password,
 * "Send code" mails one, and the code from the mail signs in.
 */

interface Mail {
  to: string[];
  text: string;
}

let latchkey: RunningLatchkey;
let smtp: SMTPServer;
let smtpPort: number;
const mails: Mail[] = [];

test.beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), text: parsed.text ?? '' });
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  latchkey = await startLatchkeyWithPortal({ LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS: 'true' });
});

test.afterAll(async () => {
  await latchkey?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const api = (path: string, body: unknown) => adminApiOf(latchkey, path, {}, body);

/** The code in the next mail to an address (after `from` mails). */
async function codeMailedTo(address: string, from: number): Promise<string> {
  let code = '';
  await expect
    .poll(
      () => {
        const mail = mails.slice(from).find((each) => each.to.includes(address));
        code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '';
        return code;
      },
      { timeout: 30_000, message: `a mail with a code reaches ${address}` },
    )
    .not.toBe('');
  return code;
}

test('the console’s sign-in asks for a code sent by email after the password; the mailed code signs in', async ({
  page,
}) => {
  const organization = unique('mail-mfa');
  const application = unique('mail-mfa-app');
  const email = `${unique('alice')}@mfa.example`;
  expect(
    (await api('/api/add-organization', { owner: 'admin', name: organization, displayName: 'Mail MFA' })).msg,
  ).toBe('');
  expect(
    (
      await api('/api/add-provider', {
        owner: organization,
        name: 'mailer',
        category: 'Email',
        type: 'Default',
        host: '127.0.0.1',
        port: smtpPort,
        disableSsl: true,
        clientId: 'mailer@mfa.example',
        clientSecret: 'unused',
      })
    ).msg,
  ).toBe('');
  expect(
    (
      await api('/api/add-application', {
        owner: 'admin',
        name: application,
        organization,
        cert: 'cert-built-in',
        enablePassword: true,
        providers: [{ owner: organization, name: 'mailer', rule: 'All' }],
      })
    ).msg,
  ).toBe('');
  expect(
    (
      await api('/api/add-user', {
        owner: organization,
        name: 'alice',
        password: 'alice-password-1',
        email,
        signupApplication: application,
        // Casdoor's flag, as an administrator (or an import) sets it; the API tests cover setting it up.
        mfaEmailEnabled: true,
      })
    ).msg,
  ).toBe('');

  // The console: the password, then the email code.
  await page.goto(`${latchkey.url}/login`);
  await page.getByLabel('Organization').fill(organization);
  await page.getByLabel('Username').fill('alice');
  await page.locator('input[name="password"]').fill('alice-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText(/Enter the 6-digit code sent by email to .+\*\*\*/)).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  const from = mails.length;
  await page.getByTestId('signin-send-code').click();
  await expect(page.getByTestId('signin-code-sent')).toBeVisible();
  const code = await codeMailedTo(email, from);
  await page.getByTestId('signin-passcode').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
});
