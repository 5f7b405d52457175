import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, providerItem, signIn } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { configureVerificationCodes } from './codes.ts';

/**
 * Each delivery provider, against a local HTTP server playing its service: SendGrid's v3 API,
 * Casdoor's "Custom HTTP Email", Twilio's Messages API. Their base URLs are overridden to point
 * here; the codes go through the outbox.
 */
let t: TestApp;
let root: Caller;
const service = startCallbackReceiver((received) =>
  received.path.startsWith('/down') ? 503 : received.path.endsWith('/Messages.json') ? 201 : 202,
);

const item = (name: string) => providerItem('acme', name, { rule: 'signup' });

async function applicationWith(name: string, provider: Record<string, unknown>) {
  expect(
    (await call(t, root, '/api/add-provider', { owner: 'acme', name: `${name}-provider`, ...provider })).data,
  ).toBe('Affected');
  await addApplication(t, name, 'acme', { enableSignUp: true, providers: [item(`${name}-provider`)] as never });
}

beforeAll(async () => {
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureVerificationCodes(t.context, { perAddressPerHour: 10_000 });
  root = await globalAdmin(t);
  await addOrganization(t, 'acme', { displayName: 'Acme' });
  const base = service.url('');
  await applicationWith('sendgrid-app', {
    category: 'Email',
    type: 'SendGrid',
    host: base,
    clientId: 'codes@acme.test',
    clientSecret: 'SG.key-for-tests',
  });
  await applicationWith('http-mail-app', {
    category: 'Email',
    type: 'Custom HTTP Email',
    endpoint: service.url('/mail'),
    method: 'POST',
    issuerUrl: 'application/json',
    httpHeaders: { 'X-Mail-Key': 'mail-key' },
    userMapping: { toAddress: 'to' },
    clientId: 'codes@acme.test',
  });
  await applicationWith('twilio-app', {
    category: 'SMS',
    type: 'Twilio',
    endpoint: base,
    clientId: 'AC0123',
    clientSecret: 'twilio-token',
    appId: '+15550000000',
  });
  await applicationWith('refused-sms-app', { category: 'SMS', type: 'Aliyun SMS' });
  await applicationWith('path-sms-app', {
    category: 'SMS',
    type: 'Custom HTTP SMS',
    method: 'GET',
    endpoint: service.url('/gw/{mobile}/{code}'),
  });
});
afterAll(async () => {
  service.stop();
  await t.dispose();
});

const send = (application: string, type: string, dest: string, language = 'en') =>
  t.request('/api/send-verification-code', {
    body: new URLSearchParams({
      applicationId: `admin/${application}`,
      type,
      dest,
      method: 'signup',
      captchaType: 'none',
    }),
    headers: { 'accept-language': language },
  });

const received = (path: string, from: number) =>
  until(() => service.calls.slice(from).find((each) => each.path === path), `a call to ${path}`, 15_000);

describe('delivery providers', () => {
  test('SendGrid: the v3 mail API at the overridden base URL, with the API key, HTML and text', async () => {
    const from = service.calls.length;
    expect((await send('sendgrid-app', 'email', 'grace@acme.test', 'de')).json.status).toBe('ok');
    const request = await received('/v3/mail/send', from);
    expect(request.headers.authorization).toBe('Bearer SG.key-for-tests');
    const body = JSON.parse(request.body);
    expect(body.personalizations).toEqual([
      { to: [{ email: 'grace@acme.test' }], subject: 'Acme: Ihr Bestätigungscode' },
    ]);
    expect(body.from).toEqual({ email: 'codes@acme.test', name: 'Acme' });
    expect(body.content.map((part: { type: string }) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(body.content[0].value).toMatch(/\b\d{6}\b/);
  });

  test("Custom HTTP Email: Casdoor's fields (renamed by userMapping), JSON, with the headers", async () => {
    const from = service.calls.length;
    expect((await send('http-mail-app', 'email', 'heidi@acme.test')).json.status).toBe('ok');
    const request = await received('/mail', from);
    expect(request.headers['x-mail-key']).toBe('mail-key');
    const body = JSON.parse(request.body);
    expect(body.to).toBe('heidi@acme.test');
    expect(body.fromAddress).toBe('codes@acme.test');
    expect(body.subject).toBe('Acme: your verification code');
    expect(body.content).toMatch(/\b\d{6}\b/);
  });

  test('Twilio: the Messages API with the account SID and token, from the sender number', async () => {
    const from = service.calls.length;
    expect((await send('twilio-app', 'phone', '+15555550199', 'fr')).json.status).toBe('ok');
    const request = await received('/2010-04-01/Accounts/AC0123/Messages.json', from);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC0123:twilio-token').toString('base64')}`);
    expect(request.fields.To).toBe('+15555550199');
    expect(request.fields.From).toBe('+15550000000');
    expect(request.fields.Body).toMatch(/^Acme : votre code de vérification est \d{6}\./);
  });

  test("Custom HTTP SMS with the code in the endpoint's path: the logs name only the server", async () => {
    const from = service.calls.length;
    expect((await send('path-sms-app', 'phone', '+15555550166')).json.status).toBe('ok');
    const request = await until(
      () => service.calls.slice(from).find((each) => each.path.startsWith('/gw/')),
      'the gateway is called',
      15_000,
    );
    expect(request.path).toMatch(/^\/gw\/%2B15555550166\/\d{6}$/);
    await until(
      () => t.logs.entries().some((entry) => entry.kind === 'verification-sms' && entry.msg === 'delivered'),
      'the delivery is logged',
      15_000,
    );
    expect(t.logs.lines.some((line) => line.includes(request.path))).toBe(false);
  });

  test('an SMS type Latchkey does not send with is refused by name, and nothing is recorded', async () => {
    expect((await send('refused-sms-app', 'phone', '+15555550198')).json).toMatchObject({
      status: 'error',
      msg: 'SMS providers of type "Aliyun SMS" are not supported; use "Twilio" or "Custom HTTP SMS".',
    });
  });

  test('a provider item whose rule is another method is not used', async () => {
    const answer = await t.request('/api/send-verification-code', {
      body: new URLSearchParams({
        applicationId: 'admin/sendgrid-app',
        type: 'email',
        dest: 'ivan@acme.test',
        method: 'login',
        captchaType: 'none',
      }),
    });
    expect(answer.json).toMatchObject({ status: 'error', msg: 'No Email provider is set up for the application.' });
  });
});

describe('send-email and send-sms through the same providers', () => {
  test('an administrator sends through SendGrid and Twilio; a failing service is an error', async () => {
    await addUser(t, 'acme', 'acme-admin', 'Admin-password-1', { isAdmin: true });
    const admin = { headers: { cookie: await signIn(t, 'acme', 'acme-admin', 'Admin-password-1', 'sendgrid-app') } };
    let from = service.calls.length;
    const email = await call(t, admin, '/api/send-email', {
      title: 'Hello',
      content: '<p>Hi</p>',
      sender: 'Acme',
      receivers: ['judy@acme.test'],
      provider: 'sendgrid-app-provider',
    });
    expect(email).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    const mail = JSON.parse((await received('/v3/mail/send', from)).body);
    expect(mail.personalizations[0].subject).toBe('Hello');
    expect(mail.content).toEqual([{ type: 'text/html', value: '<p>Hi</p>' }]);
    from = service.calls.length;
    const sms = await call(t, admin, '/api/send-sms?provider=twilio-app-provider', {
      content: 'Hi there',
      receivers: ['+15555550177'],
    });
    expect(sms).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    expect((await received('/2010-04-01/Accounts/AC0123/Messages.json', from)).fields.Body).toBe('Hi there');
    expect(
      (
        await call(t, root, '/api/update-provider?id=acme/sendgrid-app-provider', {
          owner: 'acme',
          name: 'sendgrid-app-provider',
          category: 'Email',
          type: 'SendGrid',
          host: service.url('/down'),
        })
      ).data,
    ).toBe('Affected');
    const down = await call(t, admin, '/api/send-email', {
      title: 'Hello',
      content: '<p>Hi</p>',
      sender: 'Acme',
      receivers: ['judy@acme.test'],
      provider: 'sendgrid-app-provider',
    });
    expect(down).toMatchObject({ status: 'error', msg: 'The email service answered with HTTP status 503.' });
  });
});
