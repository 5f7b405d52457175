import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { call, globalAdmin } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { addApplication, providerItem } from '../../../test/fixtures.ts';
import { plantImageCaptcha } from '../../captcha/testing/planted-captcha.ts';
import {
  authorizeQuery,
  hiddenInputs,
  postPasswordForm,
  REDIRECT_URI,
  seedAcme,
  type TestClient,
} from '../testing/flows.ts';

/** The application's captcha rule on the authorization endpoint's password form, as at POST /api/login. */
let t: TestApp;
let dynamic: TestClient;
let always: TestClient;

const item = (rule: string) => providerItem('acme', 'image', { rule });

beforeAll(async () => {
  t = await createTestApp();
  ({ client: dynamic } = await seedAcme(t, { providers: [item('Dynamic')] as never }));
  const root = await globalAdmin(t);
  const added = await call(t, root, '/api/add-provider', {
    owner: 'acme',
    name: 'image',
    category: 'Captcha',
    type: 'Default',
  });
  expect(added.data).toBe('Affected');
  always = await addApplication(t, 'always-app', 'acme', {
    redirectUris: [REDIRECT_URI],
    providers: [item('Always')] as never,
  });
});
afterAll(() => t.dispose());

/** The sign-in page, then its password form posted with `fields`; answers the page's answer and the form's. */
const postSignIn = (client: TestClient, fields: Record<string, string>) =>
  postPasswordForm(t, authorizeQuery({ clientId: client.clientId, state: 's' }), fields);

describe('the captcha on the sign-in page', () => {
  test('Dynamic: after repeated wrong passwords the page asks for the captcha, and only a solved one signs in', async () => {
    const { page } = await postSignIn(dynamic, { username: 'alice', password: 'wrong-password' });
    expect(page.text).not.toContain('name="captchaToken"');
    // Half the failed sign-in limit (5) of wrong passwords, without a captcha.
    for (let index = 0; index < 2; index++)
      expect((await postSignIn(dynamic, { username: 'alice', password: 'wrong-password' })).response.status).toBe(400);
    const asked = (await postSignIn(dynamic, { username: 'alice', password: 'alice-password' })).response;
    expect(asked.status).toBe(400);
    expect(asked.text).toContain('Solve the captcha first.');
    expect(asked.text).toContain('name="captchaToken"');
    expect(hiddenInputs(asked.text).get('captchaId')).toMatch(/^[\w-]{20,}$/);
    expect(asked.text).toContain('src="data:image/svg+xml;base64,');

    const wrong = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    const refused = await postSignIn(dynamic, {
      username: 'alice',
      password: 'alice-password',
      captchaId: wrong,
      captchaToken: 'WORLD',
    });
    expect(refused.response.status).toBe(400);
    expect(refused.response.text).toContain('name="captchaToken"');

    const right = await plantImageCaptcha(t.context, 'acme/image', 'HELLO');
    const signedIn = await postSignIn(dynamic, {
      username: 'alice',
      password: 'alice-password',
      captchaId: right,
      captchaToken: 'hello',
    });
    expect(signedIn.response.status).toBe(303);
    expect(new URL(signedIn.response.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  test('Always: the page shows the captcha from the start and a password without it is refused', async () => {
    const { page, response } = await postSignIn(always, { username: 'alice', password: 'alice-password' });
    expect(page.text).toContain('name="captchaToken"');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Solve the captcha first.');
  });
});
