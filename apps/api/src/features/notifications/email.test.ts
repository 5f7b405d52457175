import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createServer, type Server } from 'node:net';
import { translate } from '@latchkey/i18n';
import { generateCertificate } from '../../core/crypto/certificates.ts';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { providerItem } from '../../test/fixtures.ts';
import { type SmtpReceiver, startSmtpReceiver } from './testing/smtp-receiver.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const PASSWORD = 'smtp-password-123';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let smtp: SmtpReceiver;

/** An Email provider of acme pointing at a server on this machine (plain SMTP unless said otherwise). */
async function addMailProvider(name: string, fields: Record<string, unknown>) {
  const answer = await call(t, acme.admin, '/api/add-provider', {
    owner: 'acme',
    name,
    category: 'Email',
    type: 'Default',
    host: '127.0.0.1',
    port: smtp.port,
    clientId: 'mailer@acme.test',
    clientSecret: PASSWORD,
    disableSsl: true,
    ...fields,
  });
  expect(answer.data).toBe('Affected');
}

const email = (fields: Record<string, unknown> = {}) => ({
  title: 'Welcome',
  content: '<p>Hello <b>there</b></p>',
  sender: 'Acme Team',
  receivers: ['alice@example.com'],
  ...fields,
});

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  ({
    t,
    root,
    org: acme,
  } = await startObjectTest('acme', {
    config: { allowPrivateCallbackUrls: true, outboundTimeout: 2, messageRateLimit: 1_000 },
  }));
  await addMailProvider('acme-mail', {});
  // The organization's application sends with it by default, as Casdoor's SDKs expect.
  const providers = [providerItem('acme', 'acme-mail')];
  expect(
    (
      await call(t, root, `/api/update-application?id=admin/${acme.application.name}&columns=providers`, {
        owner: 'admin',
        name: acme.application.name,
        providers,
      })
    ).data,
  ).toBe('Affected');
});
afterAll(async () => {
  await smtp.stop();
  await t.dispose();
});

describe('send-email', () => {
  test("an application sends through its organization's SMTP provider, signed in with the provider's password; the message is what the SDK sent", async () => {
    const before = smtp.mails.length;
    const answer = await call(
      t,
      acme.app,
      '/api/send-email',
      email({ receivers: ['alice@example.com', 'bob@example.com'] }),
    );
    expect(answer).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    const mails = smtp.mails.slice(before);
    expect(mails.map((mail) => mail.to)).toEqual([['alice@example.com'], ['bob@example.com']]);
    for (const mail of mails) {
      expect(mail.user).toBe('mailer@acme.test');
      expect(mail.from).toBe('mailer@acme.test');
      expect(mail.parsed.subject).toBe('Welcome');
      expect(mail.parsed.from?.value).toEqual([{ address: 'mailer@acme.test', name: 'Acme Team' }]);
      expect(String(mail.parsed.html).trim()).toBe('<p>Hello <b>there</b></p>');
    }
    expect(smtp.logins.at(-1)).toEqual({ username: 'mailer@acme.test', password: PASSWORD });
  });

  test('a provider named in the body (or the query) is used; the provider sets the sender address and name when it has them', async () => {
    await addMailProvider('acme-mail-2', { clientId2: 'noreply@acme.test', clientSecret2: 'Acme Robot' });
    const before = smtp.mails.length;
    expect((await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-mail-2' }))).status).toBe('ok');
    expect((await call(t, acme.admin, '/api/send-email?provider=acme-mail-2', email())).status).toBe('ok');
    const mails = smtp.mails.slice(before);
    expect(mails.length).toBe(2);
    for (const mail of mails)
      expect(mail.parsed.from?.value).toEqual([{ address: 'noreply@acme.test', name: 'Acme Robot' }]);
  });

  test('"TestSmtpServer" only checks the server: it connects and signs in, and sends nothing', async () => {
    const before = { mails: smtp.mails.length, logins: smtp.logins.length };
    expect(
      (await call(t, acme.admin, '/api/send-email', { receivers: ['TestSmtpServer'], provider: 'acme-mail' })).status,
    ).toBe('ok');
    expect(smtp.mails.length).toBe(before.mails);
    expect(smtp.logins.length).toBe(before.logins + 1);
  });

  test('a wrong password is a clear error; the password is neither answered nor logged', async () => {
    await addMailProvider('acme-wrong-password', { clientSecret: 'not-the-password-4711' });
    const answer = await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-wrong-password' }));
    expect(answer.msg).toBe(en('service.smtp_auth_failed'));
    expect(smtp.logins.at(-1)?.password).toBe('not-the-password-4711');
    expect(t.logs.lines.some((line) => line.includes('not-the-password-4711'))).toBe(false);
    expect(t.logs.lines.some((line) => line.includes('email not sent'))).toBe(true);
    const shown = await call(t, acme.admin, '/api/get-provider?id=acme/acme-wrong-password');
    expect(shown.data.clientSecret).toBe('***');
  });

  test('only administrators of the organization and its applications send; a plain user and anonymous callers are refused', async () => {
    const before = smtp.mails.length;
    expect((await call(t, acme.user, '/api/send-email', email())).msg).toBe(en('general.unauthorized_operation'));
    expect((await call(t, undefined, '/api/send-email', email())).msg).toBe(en('general.please_login_first'));
    expect(smtp.mails.length).toBe(before);
  });

  test("another organization's provider cannot be named", async () => {
    const beta = await organizationWithCallers(t, 'beta');
    const before = smtp.mails.length;
    const answer = await call(t, beta.admin, '/api/send-email', email({ provider: 'acme-mail' }));
    expect(answer.msg).toBe(en('service.provider_not_found', { name: 'acme-mail' }));
    // Positive control: beta's application has no Email provider of its own either.
    expect((await call(t, beta.app, '/api/send-email', email())).msg).toBe(
      en('service.no_provider', { category: 'Email' }),
    );
    expect(smtp.mails.length).toBe(before);
  });
});

describe("the console's test message", () => {
  test("names the provider with its owner, as Casdoor's console does: a global administrator tests an organization's provider, its administrator their own", async () => {
    const before = smtp.mails.length;
    const form = (receiver: string) => ({
      ...email({ receivers: [receiver], title: 'Test message', sender: 'Acme mail' }),
      provider: 'acme-mail',
      owner: 'acme',
      name: 'acme-mail',
    });
    expect(await call(t, root, '/api/send-email', form('root-test@example.com'))).toEqual({
      status: 'ok',
      msg: '',
      data: null,
      data2: null,
    });
    expect((await call(t, acme.admin, '/api/send-email', form('acme-test@example.com'))).status).toBe('ok');
    const mails = smtp.mails.slice(before);
    expect(mails.map((mail) => mail.to)).toEqual([['root-test@example.com'], ['acme-test@example.com']]);
    expect(mails[0]?.parsed.subject).toBe('Test message');
    expect(mails[0]?.user).toBe('mailer@acme.test');
  });

  test("an organization administrator cannot reach another organization's provider by naming its owner; the recipient must be an address", async () => {
    const gamma = await organizationWithCallers(t, 'gamma');
    const before = smtp.mails.length;
    const named = { ...email(), provider: 'acme-mail', owner: 'acme' };
    expect((await call(t, gamma.admin, '/api/send-email', named)).msg).toBe(
      en('service.provider_not_found', { name: 'acme-mail' }),
    );
    expect((await call(t, acme.user, '/api/send-email', named)).msg).toBe(en('general.unauthorized_operation'));
    const invalid = await call(t, root, '/api/send-email', { ...named, receivers: ['not an address'] });
    expect(invalid.msg).toBe(en('service.invalid_email_receiver', { receiver: 'not an address' }));
    expect(smtp.mails.length).toBe(before);
  });
});

describe('send-email refuses header injection and oversized messages', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a line break in the title',
      { title: 'Hi\r\nBcc: victim@example.com' },
      en('service.line_break_not_allowed', { field: 'title' }),
    ],
    [
      'a line break in the sender',
      { sender: 'Acme\nBcc: victim@example.com' },
      en('service.line_break_not_allowed', { field: 'sender' }),
    ],
    [
      'a receiver with a header after it',
      { receivers: ['alice@example.com\r\nBcc: victim@example.com'] },
      en('service.invalid_email_receiver', { receiver: 'alice@example.com??Bcc: victim@example.com' }),
    ],
    [
      'a receiver with a display name',
      { receivers: ['Alice <alice@example.com>'] },
      en('service.invalid_email_receiver', { receiver: 'Alice <alice@example.com>' }),
    ],
    [
      'two addresses in one receiver',
      { receivers: ['alice@example.com,victim@example.com'] },
      en('service.invalid_email_receiver', { receiver: 'alice@example.com,victim@example.com' }),
    ],
    ['no receiver', { receivers: [] }, en('service.receivers_required')],
    [
      'too many receivers',
      { receivers: Array.from({ length: 101 }, (_, index) => `user${index}@example.com`) },
      en('service.too_many_receivers', { max: 100 }),
    ],
    ['an empty title', { title: '' }, en('service.email_fields_required')],
    [
      'too much content',
      { content: 'x'.repeat(100_001) },
      en('service.content_too_long', { field: 'content', max: 100_000 }),
    ],
  ];
  test.each(cases)('%s is refused and nothing is sent', async (_name, fields, message) => {
    const before = { mails: smtp.mails.length, connections: smtp.connections() };
    expect((await call(t, acme.admin, '/api/send-email', email(fields))).msg).toBe(message);
    expect({ mails: smtp.mails.length, connections: smtp.connections() }).toEqual(before);
  });
});

describe('send-email reaches only what it may, within its time', () => {
  test('a private SMTP host is refused unless the configuration allows private addresses (positive control: it is allowed here)', async () => {
    const strict = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: false } });
    try {
      for (const host of ['127.0.0.1', 'localhost', '10.0.0.1', '[::1]', '::ffff:127.0.0.1']) {
        const name = `mail-${host.replace(/[^a-z0-9]/gi, '')}`;
        expect(
          (
            await call(strict.t, strict.org.admin, '/api/add-provider', {
              owner: 'acme',
              name,
              category: 'Email',
              type: 'Default',
              host,
              port: smtp.port,
              disableSsl: true,
            })
          ).data,
        ).toBe('Affected');
        const before = smtp.connections();
        const answer = await call(strict.t, strict.org.admin, '/api/send-email', email({ provider: name }));
        expect({ host, msg: answer.msg }).toEqual({ host, msg: en('service.address_refused') });
        expect(smtp.connections()).toBe(before);
      }
    } finally {
      await strict.t.dispose();
    }
  });

  test('a cloud metadata address is refused even where private addresses are allowed', async () => {
    await addMailProvider('acme-metadata', { host: '169.254.169.254', port: 25 });
    expect((await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-metadata' }))).msg).toBe(
      en('service.address_refused'),
    );
  });

  test('nothing listening is "connection refused", as Casdoor says it (its Go SDK test accepts that answer)', async () => {
    // Casdoor's own CI data points its SMTP provider at 127.0.0.1:1, where nothing listens
    // (binding port 1 needs root, so no test server can be there).
    await addMailProvider('acme-nobody', { port: 1 });
    const answer = await call(t, acme.app, '/api/send-email', email({ provider: 'acme-nobody' }));
    expect(answer).toMatchObject({ status: 'error', msg: en('service.connection_refused') });
    expect(answer.msg).toContain('connection refused');
    // Positive control: the same request to the listening server sends.
    expect((await call(t, acme.app, '/api/send-email', email({ provider: 'acme-mail' }))).status).toBe('ok');
  });

  test('a server that never greets is given up at the deadline', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      await addMailProvider('acme-silent', { port: (silent.address() as { port: number }).port });
      const started = performance.now();
      const answer = await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-silent' }));
      expect(answer.msg).toBe(en('service.delivery_timeout'));
      // The deadline is 2 s; a loaded machine gets generous slack, a hang would not finish.
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      silent.close();
    }
  });
});

describe('send-email over TLS', () => {
  let tls: SmtpReceiver;
  let plainOnly: SmtpReceiver;
  beforeAll(async () => {
    const { certificate, privateKey } = await generateCertificate({ algorithm: 'ES256', commonName: 'localhost' });
    tls = await startSmtpReceiver({ disabledCommands: [], key: privateKey, cert: certificate });
    plainOnly = await startSmtpReceiver();
  });
  afterAll(async () => {
    await tls.stop();
    await plainOnly.stop();
  });

  test('without disableSsl, a server that offers no STARTTLS gets no password (positive control: with disableSsl it gets the mail)', async () => {
    await addMailProvider('acme-needs-tls', { port: plainOnly.port, disableSsl: false });
    expect((await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-needs-tls' }))).msg).toBe(
      en('service.tls_failed'),
    );
    expect(plainOnly.logins).toEqual([]);
    expect(plainOnly.mails).toEqual([]);
    await addMailProvider('acme-plain', { port: plainOnly.port, disableSsl: true });
    expect((await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-plain' }))).status).toBe('ok');
    expect(plainOnly.mails.length).toBe(1);
  });

  test('a certificate that is not valid for the host is refused before the password is sent', async () => {
    await addMailProvider('acme-self-signed', { port: tls.port, disableSsl: false });
    expect((await call(t, acme.admin, '/api/send-email', email({ provider: 'acme-self-signed' }))).msg).toBe(
      en('service.tls_failed'),
    );
    expect(tls.logins).toEqual([]);
    expect(tls.mails).toEqual([]);
  });
});

describe("each organization's allowance of messages a minute", () => {
  test('counts every receiver; a request that would go over it sends nothing and answers 429 with Retry-After', async () => {
    const limited = await createTestApp({ config: { allowPrivateCallbackUrls: true, messageRateLimit: 3 } });
    try {
      const callers = await organizationWithCallers(limited, 'acme');
      expect(
        (
          await call(limited, callers.admin, '/api/add-provider', {
            owner: 'acme',
            name: 'mail',
            category: 'Email',
            type: 'Default',
            host: '127.0.0.1',
            port: smtp.port,
            clientId: 'mailer@acme.test',
            clientSecret: PASSWORD,
            disableSsl: true,
          })
        ).data,
      ).toBe('Affected');
      const before = smtp.mails.length;
      expect(
        (
          await call(
            limited,
            callers.admin,
            '/api/send-email',
            email({ provider: 'mail', receivers: ['a@example.com', 'b@example.com'] }),
          )
        ).status,
      ).toBe('ok');
      const over = await limited.request('/api/send-email', {
        headers: callers.admin.headers,
        body: email({ provider: 'mail', receivers: ['c@example.com', 'd@example.com'] }),
      });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(smtp.mails.length).toBe(before + 2);
      // What was refused was given back: the one message left in the allowance still goes.
      expect(
        (
          await call(
            limited,
            callers.admin,
            '/api/send-email',
            email({ provider: 'mail', receivers: ['e@example.com'] }),
          )
        ).status,
      ).toBe('ok');
      expect(smtp.mails.length).toBe(before + 3);
      // Another organization has its own allowance.
      const beta = await organizationWithCallers(limited, 'beta');
      expect(
        (
          await call(limited, beta.admin, '/api/add-provider', {
            owner: 'beta',
            name: 'mail',
            category: 'Email',
            type: 'Default',
            host: '127.0.0.1',
            port: smtp.port,
            disableSsl: true,
          })
        ).data,
      ).toBe('Affected');
      expect((await call(limited, beta.admin, '/api/send-email', email({ provider: 'mail' }))).status).toBe('ok');
    } finally {
      await limited.dispose();
    }
  });
});
