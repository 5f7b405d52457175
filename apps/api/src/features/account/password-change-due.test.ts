import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addUser } from '../../test/fixtures.ts';
import { REDIRECT_URI, seedAcme, type TestClient } from '../oauth/testing/flows.ts';

/** A user an administrator marked "must change the password at next sign-in" (Casdoor's needUpdatePassword). */
let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  await addUser(t, 'acme', 'dana', 'Dana-password-1', { needUpdatePassword: true });
});
afterAll(() => t.dispose());

const login = (body: Record<string, unknown>, query = '') =>
  t.request(`/api/login${query}`, {
    body: { application: 'acme-app', organization: 'acme', username: 'dana', password: 'Dana-password-1', ...body },
  });

describe('needUpdatePassword at sign-in', () => {
  test('a code sign-in answers RequiredUpdatePassword with a session and no code', async () => {
    const query = new URLSearchParams({
      clientId: client.clientId,
      responseType: 'code',
      redirectUri: REDIRECT_URI,
      scope: 'openid',
      state: 'st',
    });
    const response = await login({ type: 'code' }, `?${query}`);
    expect(response.json).toMatchObject({ status: 'ok', data: 'RequiredUpdatePassword' });
    expect(response.headers.get('set-cookie')).toStartWith('casdoor_session_id=');
  });

  test('a console sign-in answers RequiredUpdatePassword; after the change the flag is gone and sign-in is plain', async () => {
    const first = await login({ type: 'login' });
    expect(first.json).toMatchObject({ status: 'ok', data: 'RequiredUpdatePassword' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toStartWith('casdoor_session_id=');
    const form = new FormData();
    for (const [name, value] of Object.entries({
      userOwner: 'acme',
      userName: 'dana',
      oldPassword: 'Dana-password-1',
      newPassword: 'Dana-password-2',
    }))
      form.set(name, value);
    const changed = await t.request('/api/set-password', { method: 'POST', body: form, headers: { cookie } });
    expect(changed.json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'dana'))?.needUpdatePassword).toBe(false);
    const again = await login({ type: 'login', password: 'Dana-password-2' });
    expect(again.json).toMatchObject({ status: 'ok', data: 'acme/dana' });
  });
});
