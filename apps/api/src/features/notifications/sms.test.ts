import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { translate } from '@latchkey/i18n';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { providerItem } from '../../test/fixtures.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let acme: OrganizationCallers;
let root: Caller;
const gateway = startCallbackReceiver((call) => (call.path === '/fail' ? 503 : 200));

async function addSmsProvider(name: string, fields: Record<string, unknown>) {
  const answer = await call(t, acme.admin, '/api/add-provider', {
    owner: 'acme',
    name,
    category: 'SMS',
    type: 'Custom HTTP SMS',
    method: 'POST',
    endpoint: gateway.url('/sms'),
    ...fields,
  });
  expect(answer.data).toBe('Affected');
}

beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  await addSmsProvider('acme-sms', {
    title: 'text',
    templateCode: 'Your code is %s.',
    httpHeaders: { 'X-Api-Key': 'gateway-key' },
  });
  const providers = [providerItem('acme', 'acme-sms')];
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
  gateway.stop();
  await t.dispose();
});

const sms = (fields: Record<string, unknown> = {}) => ({ content: '123456', receivers: ['+15555550100'], ...fields });

describe('send-sms through a "Custom HTTP SMS" provider', () => {
  test("an application sends through its organization's provider: one form POST per receiver, with the provider's headers and template", async () => {
    const before = gateway.calls.length;
    expect(await call(t, acme.app, '/api/send-sms', sms({ receivers: ['+15555550100', '+15555550101'] }))).toEqual({
      status: 'ok',
      msg: '',
      data: null,
      data2: null,
    });
    const calls = gateway.calls.slice(before);
    expect(calls.map((each) => [each.method, each.path, each.fields.phoneNumber, each.fields.text])).toEqual([
      ['POST', '/sms', '+15555550100', 'Your code is 123456.'],
      ['POST', '/sms', '+15555550101', 'Your code is 123456.'],
    ]);
    expect(calls[0]!.headers['x-api-key']).toBe('gateway-key');
    expect(calls[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  test("Casdoor's console test (provider in the query, its owner in the body) reaches the organization's provider for a global administrator", async () => {
    const before = gateway.calls.length;
    const form = { ...sms({ receivers: ['+15555550177'] }), owner: 'acme', name: 'acme-sms' };
    expect((await call(t, root, '/api/send-sms?provider=acme-sms', form)).status).toBe('ok');
    expect(gateway.calls.slice(before).map((each) => each.fields.phoneNumber)).toEqual(['+15555550177']);
    // Without the owner, the name is looked up in the caller's own organization.
    expect((await call(t, root, '/api/send-sms?provider=acme-sms', sms())).msg).toBe(
      en('service.provider_not_found', { name: 'acme-sms' }),
    );
    expect(gateway.calls.length).toBe(before + 1);
  });

  test('a JSON gateway gets JSON, with the fields userMapping names', async () => {
    await addSmsProvider('acme-sms-json', {
      issuerUrl: 'application/json',
      userMapping: { phoneNumber: 'to', content: 'message' },
    });
    const before = gateway.calls.length;
    expect((await call(t, acme.admin, '/api/send-sms?provider=acme-sms-json', sms())).status).toBe('ok');
    const [received] = gateway.calls.slice(before);
    expect(received!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received!.body)).toEqual({ to: '+15555550100', message: '123456' });
  });

  test('a GET gateway gets {mobile} and {code} in its URL, encoded, and nothing can add to the query', async () => {
    await addSmsProvider('acme-sms-get', {
      method: 'GET',
      endpoint: `${gateway.url('/send')}?to={mobile}&text={code}`,
    });
    const before = gateway.calls.length;
    expect(
      (await call(t, acme.admin, '/api/send-sms?provider=acme-sms-get', sms({ content: 'a&admin=1 b' }))).status,
    ).toBe('ok');
    const [received] = gateway.calls.slice(before);
    expect(received!.method).toBe('GET');
    expect(received!.fields).toEqual({ to: '+15555550100', text: 'a&admin=1 b' });
  });

  test('a gateway that answers anything but 2xx is an error', async () => {
    await addSmsProvider('acme-sms-fail', { endpoint: gateway.url('/fail') });
    expect((await call(t, acme.admin, '/api/send-sms?provider=acme-sms-fail', sms())).msg).toBe(
      en('service.sms_send_failed', { status: 503 }),
    );
  });

  test('other SMS vendors answer "not supported"; receivers must be phone numbers', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-provider', {
          owner: 'acme',
          name: 'acme-twilio',
          category: 'SMS',
          type: 'Twilio SMS',
          clientSecret: 'twilio-secret',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/send-sms?provider=acme-twilio', sms())).msg).toBe(
      en('service.sms_type_not_supported', { type: 'Twilio SMS' }),
    );
    const before = gateway.calls.length;
    expect((await call(t, acme.admin, '/api/send-sms', sms({ receivers: ['+1555\r\nX: y'] }))).msg).toBe(
      en('service.invalid_phone_receiver', { receiver: '+1555??X: y' }),
    );
    expect(gateway.calls.length).toBe(before);
  });

  test('plain users and anonymous callers are refused', async () => {
    expect((await call(t, acme.user, '/api/send-sms', sms())).msg).toBe(en('general.unauthorized_operation'));
    expect((await call(t, undefined, '/api/send-sms?provider=acme-sms', sms())).msg).toBe(
      en('general.please_login_first'),
    );
  });
});

describe('send-sms reaches only public gateways unless private addresses are allowed', () => {
  test('a loopback gateway is refused and never called (positive control: allowed above)', async () => {
    const strict = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: false } });
    try {
      expect(
        (
          await call(strict.t, strict.org.admin, '/api/add-provider', {
            owner: 'acme',
            name: 'sms',
            category: 'SMS',
            type: 'Custom HTTP SMS',
            method: 'POST',
            endpoint: gateway.url('/sms'),
          })
        ).data,
      ).toBe('Affected');
      const before = gateway.calls.length;
      expect((await call(strict.t, strict.org.admin, '/api/send-sms?provider=sms', sms())).msg).toBe(
        en('service.address_refused'),
      );
      expect(gateway.calls.length).toBe(before);
    } finally {
      await strict.t.dispose();
    }
  });
});
