import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser, providerItem, signInAsAdmin } from '../../test/fixtures.ts';
import { startFakeSiteverify } from './testing/fake-siteverify.ts';
import { plantImageCaptcha } from './testing/planted-captcha.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let acme: OrganizationCallers;
const fake = startFakeSiteverify();

const EXTERNAL = [
  { type: 'reCAPTCHA v2', path: '/recaptcha' },
  { type: 'reCAPTCHA v3', path: '/recaptcha' },
  { type: 'hCaptcha', path: '/hcaptcha' },
  { type: 'Cloudflare Turnstile', path: '/chunked/turnstile' },
] as const;

const item = (name: string, rule: string) => providerItem('acme', name, { rule });

async function addCaptchaProvider(name: string, type: string) {
  const answer = await call(t, acme.admin, '/api/add-provider', {
    owner: 'acme',
    name,
    category: 'Captcha',
    type,
    clientId: `site-key-${name}`,
    clientSecret: `secret-${name}`,
  });
  expect(answer.data).toBe('Affected');
}

const login = (application: string, fields: Record<string, unknown> = {}) =>
  t.request('/api/login', {
    body: { application, organization: 'acme', username: 'acme-user', password: 'user-password', ...fields },
  });

const verify = (fields: Record<string, string>) =>
  t.request('/api/verify-captcha', { body: new URLSearchParams(fields) });

beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest('acme', {
    config: {
      allowPrivateCallbackUrls: true,
      outboundTimeout: 10,
      recaptchaVerifyUrl: fake.url('/recaptcha'),
      hcaptchaVerifyUrl: fake.url('/hcaptcha'),
      turnstileVerifyUrl: fake.url('/chunked/turnstile'),
    },
  }));
  await addCaptchaProvider('image', 'Default');
  for (const { type } of EXTERNAL) await addCaptchaProvider(type.replaceAll(' ', '-').toLowerCase(), type);
  await addApplication(t, 'always-app', 'acme', { providers: [item('image', 'Always')] as never });
  await addApplication(t, 'dynamic-app', 'acme', { providers: [item('image', 'Dynamic')] as never });
  await addApplication(t, 'none-app', 'acme', { providers: [item('image', 'None')] as never });
  for (const { type } of EXTERNAL) {
    const name = type.replaceAll(' ', '-').toLowerCase();
    await addApplication(t, `${name}-app`, 'acme', { providers: [item(name, 'Always')] as never });
  }
});

afterAll(async () => {
  fake.stop();
  await t.dispose();
});

describe('the Default image captcha', () => {
  test('get-captcha answers an SVG image as a data URL and keeps only its hashed answer', async () => {
    const before = await countStoredRows(t.context.db, 'captcha_challenge', {});
    const answer = (await t.request('/api/get-captcha?applicationId=admin/always-app')).json;
    expect(answer.status).toBe('ok');
    expect(answer.data).toMatchObject({ owner: 'acme', name: 'image', type: 'Default' });
    expect(answer.data.captchaId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(answer.data.captchaImage).toStartWith('data:image/svg+xml;base64,');
    const svg = Buffer.from(answer.data.captchaImage.split(',')[1], 'base64').toString('utf8');
    expect(svg).toStartWith('<svg');
    expect(svg.length).toBeLessThan(64 * 1024);
    expect(await countStoredRows(t.context.db, 'captcha_challenge', {})).toBe(before + 1);
    // A rule of None shows none.
    expect((await t.request('/api/get-captcha?applicationId=admin/none-app')).json.data.type).toBe('none');
  });

  test('an answer is right in any case, once, and not after it expired', async () => {
    const id = await plantImageCaptcha(t.context, 'acme/image', 'K7PQ2');
    const wrong = await verify({
      applicationId: 'acme/image',
      captchaType: 'Default',
      captchaToken: 'AAAAA',
      clientSecret: id,
    });
    expect(wrong.json).toMatchObject({ status: 'ok', data: false });
    // The wrong answer used it up: the right one no longer works.
    expect(
      (await verify({ applicationId: 'acme/image', captchaType: 'Default', captchaToken: 'K7PQ2', clientSecret: id }))
        .json.data,
    ).toBe(false);

    const second = await plantImageCaptcha(t.context, 'acme/image', 'K7PQ2');
    const right = await verify({
      applicationId: 'acme/image',
      captchaType: 'Default',
      captchaToken: 'k7pq2',
      clientSecret: second,
    });
    expect(right.json).toMatchObject({ status: 'ok', data: true });
    const again = await verify({
      applicationId: 'acme/image',
      captchaType: 'Default',
      captchaToken: 'K7PQ2',
      clientSecret: second,
    });
    expect(again.json.data).toBe(false);

    const old = await plantImageCaptcha(t.context, 'acme/image', 'ZZ9XY');
    t.clock.advance(6 * 60_000);
    expect(
      (await verify({ applicationId: 'acme/image', captchaType: 'Default', captchaToken: 'ZZ9XY', clientSecret: old }))
        .json.data,
    ).toBe(false);
  });

  test('a real image captcha is not solved by a guess', async () => {
    const { captchaId } = (await t.request('/api/get-captcha?applicationId=admin/always-app')).json.data;
    const guess = await verify({
      applicationId: 'acme/image',
      captchaType: 'Default',
      captchaToken: '-----',
      clientSecret: captchaId,
    });
    expect(guess.json.data).toBe(false);
  });
});

describe('/api/login and the application’s captcha rule', () => {
  test('Always: no captcha, or a wrong one, is refused before the password is checked', async () => {
    const wrongTimes = async () => (await findUser(t.context.db, 'acme', 'acme-user'))!.signinWrongTimes;
    const before = await wrongTimes();
    expect((await login('always-app')).json.msg).toBe(en('captcha.required'));
    const id = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    const wrong = await login('always-app', { captchaType: 'Default', captchaToken: 'WORLD', clientSecret: id });
    expect(wrong.json.msg).toBe(en('captcha.wrong'));
    expect(await wrongTimes()).toBe(before);
    const right = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    const answer = await login('always-app', { captchaType: 'Default', captchaToken: 'hello', clientSecret: right });
    expect(answer.json).toMatchObject({ status: 'ok', data: 'acme/acme-user' });
    // The type must be the provider's.
    const other = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    const mismatch = await login('always-app', { captchaType: 'hCaptcha', captchaToken: 'HELLO', clientSecret: other });
    expect(mismatch.json.msg).toBe(en('captcha.type_mismatch', { type: 'hCaptcha', expected: 'Default' }));
  });

  test('Dynamic: a captcha is asked for once a user has had half the failed sign-in limit of wrong passwords', async () => {
    await addUser(t, 'acme', 'dyn', 'dyn-password');
    const attempt = (password: string, fields: Record<string, unknown> = {}) =>
      login('dynamic-app', { username: 'dyn', password, ...fields });
    // The default limit is 5: three wrong passwords without a captcha.
    for (let index = 0; index < 3; index++)
      expect((await attempt('wrong-password')).json.msg).toBe(en('auth.wrong_username_or_password'));
    expect((await attempt('dyn-password')).json.msg).toBe(en('captcha.required'));
    expect((await attempt('wrong-password')).json.msg).toBe(en('captcha.required'));
    const id = await plantImageCaptcha(t.context, 'acme/image', 'ABCDE');
    const answer = await attempt('dyn-password', { captchaType: 'Default', captchaToken: 'abcde', clientSecret: id });
    expect(answer.json).toMatchObject({ status: 'ok', data: 'acme/dyn' });
    // The right password reset the count: no captcha now.
    expect((await attempt('dyn-password')).json.status).toBe('ok');
    // Another user, and an unknown one, are not asked.
    expect((await login('dynamic-app')).json.status).toBe('ok');
    expect((await login('dynamic-app', { username: 'nobody' })).json.msg).toBe(en('auth.wrong_username_or_password'));
  });
});

describe('send-verification-code and the application’s captcha rule', () => {
  const send = (application: string, fields: Record<string, string> = {}) =>
    t.request('/api/send-verification-code', {
      body: new URLSearchParams({
        applicationId: `admin/${application}`,
        type: 'email',
        dest: 'someone@acme.test',
        method: 'forget',
        checkUser: 'someone',
        ...fields,
      }),
    });

  test('Always: a code is sent only with the captcha solved (checked before anything else)', async () => {
    expect((await send('always-app')).json.msg).toBe(en('captcha.required'));
    const wrong = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    expect(
      (await send('always-app', { captchaType: 'Default', captchaToken: 'WORLD', clientSecret: wrong })).json.msg,
    ).toBe(en('captcha.wrong'));
    const right = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    // Past the captcha: the application has no Email provider.
    expect(
      (await send('always-app', { captchaType: 'Default', captchaToken: 'hello', clientSecret: right })).json.msg,
    ).toBe(en('service.no_provider', { category: 'Email' }));
  });

  test('Dynamic and None ask for no captcha before a code (the Dynamic rule would tell whether the account exists)', async () => {
    expect((await send('dynamic-app')).json.msg).toBe(en('service.no_provider', { category: 'Email' }));
    expect((await send('none-app')).json.msg).toBe(en('service.no_provider', { category: 'Email' }));
  });
});

describe('captcha services checked by the server', () => {
  for (const { type, path } of EXTERNAL) {
    const name = type.replaceAll(' ', '-').toLowerCase();
    test(`${type}: a good token passes, a bad one does not; the secret goes to the service`, async () => {
      const config = (await t.request(`/api/get-captcha?applicationId=admin/${name}-app`)).json.data;
      expect(config).toMatchObject({ type, clientId: `site-key-${name}`, clientSecret: '***', captchaImage: null });
      const calls = fake.calls.length;
      const good = await verify({
        applicationId: `acme/${name}`,
        captchaType: type,
        captchaToken: `good-secret-${name}`,
      });
      expect(good.json).toMatchObject({ status: 'ok', data: true });
      expect(fake.calls[calls]).toMatchObject({ path, secret: `secret-${name}`, response: `good-secret-${name}` });
      const bad = await verify({ applicationId: `acme/${name}`, captchaType: type, captchaToken: 'forged-token' });
      expect(bad.json).toMatchObject({ status: 'ok', data: false });
      // The secret is the provider's, whatever the client sends.
      const chosen = await verify({
        applicationId: `acme/${name}`,
        captchaType: type,
        captchaToken: 'good-mine',
        clientSecret: 'mine',
      });
      expect(chosen.json.data).toBe(false);
      // At sign-in.
      expect((await login(`${name}-app`, { captchaType: type, captchaToken: 'forged-token' })).json.msg).toBe(
        en('captcha.not_human'),
      );
      expect((await login(`${name}-app`, { captchaType: type, captchaToken: `good-secret-${name}` })).json.status).toBe(
        'ok',
      );
    });
  }

  test('a service that fails is an error, not a pass', async () => {
    fake.failWith(500);
    try {
      const answer = await login('hcaptcha-app', { captchaType: 'hCaptcha', captchaToken: 'good-secret-hcaptcha' });
      expect(answer.json.msg).toBe(en('captcha.service_failed'));
    } finally {
      fake.failWith(200);
    }
  });

  test('the service is reached only on a public address unless private ones are allowed', async () => {
    const strict = await createTestApp({ config: { hcaptchaVerifyUrl: fake.url('/hcaptcha') } });
    try {
      const admin = { headers: { cookie: await signInAsAdmin(strict) } };
      await call(strict, admin, '/api/add-provider', {
        owner: 'built-in',
        name: 'strict-hcaptcha',
        category: 'Captcha',
        type: 'hCaptcha',
        clientSecret: 'secret-strict',
      });
      const calls = fake.calls.length;
      const answer = await strict.request('/api/verify-captcha', {
        body: new URLSearchParams({
          applicationId: 'built-in/strict-hcaptcha',
          captchaType: 'hCaptcha',
          captchaToken: 'good-secret-strict',
        }),
      });
      expect(answer.json.msg).toBe(translate('en', 'captcha.service_failed'));
      expect(fake.calls.length).toBe(calls);
    } finally {
      await strict.dispose();
    }
  });
});

test('get-captcha refuses a provider id that is not a Captcha provider', async () => {
  const answer = (await t.request('/api/get-captcha?applicationId=acme/nothing&isCurrentProvider=true')).json;
  expect(answer).toMatchObject({ status: 'error', msg: en('captcha.provider_not_found', { id: 'acme/nothing' }) });
});
