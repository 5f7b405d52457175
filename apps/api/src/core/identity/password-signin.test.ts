import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { findUser } from '@latchkey/db';
import bcrypt from 'bcryptjs';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser } from '../../test/fixtures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addApplication(t, 'acme-app', 'acme');
  await addApplication(t, 'strict-app', 'acme', { failedSigninLimit: 3, failedSigninFrozenTime: 30 });
  await addApplication(t, 'lenient-app', 'acme', { failedSigninLimit: 100 });
});
afterAll(() => t.dispose());

const login = (username: string, password: string, application = 'acme-app', language = 'en') =>
  t.request('/api/login', {
    body: { application, organization: 'acme', username, password, type: 'login' },
    headers: { 'accept-language': language },
  });

describe('lockout (Casdoor defaults: 5 failures, 15 minutes)', () => {
  test('the fifth wrong password locks the account; even the right one is refused until the freeze ends', async () => {
    await addUser(t, 'acme', 'lena', 'lena-password');
    for (let i = 0; i < 4; i++)
      expect((await login('lena', 'wrong')).json.msg).toBe('The username or password is wrong.');
    expect((await login('lena', 'wrong')).json.msg).toBe(
      'Too many wrong passwords. This account is locked; try again in 15 minutes.',
    );
    expect((await login('lena', 'lena-password')).json.msg).toBe(
      'Too many wrong passwords. This account is locked; try again in 15 minutes.',
    );
    expect((await login('lena', 'lena-password', 'acme-app', 'pl')).json.msg).toBe(
      'Zbyt wiele błędnych haseł. To konto jest zablokowane; spróbuj ponownie za 15 min.',
    );
    t.clock.advance(14 * 60_000);
    expect((await login('lena', 'lena-password')).json.msg).toBe(
      'Too many wrong passwords. This account is locked; try again in 1 minutes.',
    );
    t.clock.advance(60_000 + 1);
    expect((await login('lena', 'lena-password')).json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'lena'))!.signinWrongTimes).toBe(0);
  });

  test('a correct password resets the count', async () => {
    await addUser(t, 'acme', 'max', 'max-password');
    for (let i = 0; i < 4; i++) await login('max', 'wrong');
    expect((await login('max', 'max-password')).json.status).toBe('ok');
    for (let i = 0; i < 4; i++)
      expect((await login('max', 'wrong')).json.msg).toBe('The username or password is wrong.');
  });

  test('guesses sent all at once are counted each: no more than the limit are checked, and the right password among them is refused', async () => {
    await addUser(t, 'acme', 'nora', 'nora-password');
    const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong-${i}`), 'nora-password'];
    const answers = await Promise.all(passwords.map((password) => login('nora', password)));
    const messages = answers.map((answer) => answer.json.msg);
    expect(messages.filter((msg) => msg === 'The username or password is wrong.').length).toBeLessThanOrEqual(4);
    expect(answers.at(-1)!.json.status).toBe('error');
    expect(answers.every((answer) => answer.json.status === 'error')).toBe(true);
    expect((await findUser(t.context.db, 'acme', 'nora'))!.signinWrongTimes).toBeGreaterThanOrEqual(5);
    // Positive control: once the freeze is over, the right password signs in.
    t.clock.advance(16 * 60_000);
    expect((await login('nora', 'nora-password')).json.status).toBe('ok');
  });

  test("the user's own application sets the limits, whichever application the attacker names", async () => {
    await addUser(t, 'acme', 'nina', 'nina-password', { signupApplication: 'strict-app' });
    for (let i = 0; i < 2; i++)
      expect((await login('nina', 'wrong', 'lenient-app')).json.msg).toBe('The username or password is wrong.');
    expect((await login('nina', 'wrong', 'lenient-app')).json.msg).toBe(
      'Too many wrong passwords. This account is locked; try again in 30 minutes.',
    );
  });

  test('the username/password query method is locked out too', async () => {
    await addUser(t, 'acme', 'omar', 'omar-password');
    for (let i = 0; i < 5; i++) await t.request('/api/get-account?username=acme/omar&password=wrong');
    const response = await t.request('/api/get-account?username=acme/omar&password=omar-password');
    expect(response.json.msg).toBe('Too many wrong passwords. This account is locked; try again in 15 minutes.');
  });

  test('unknown users never lock and answer exactly like a wrong password', async () => {
    for (let i = 0; i < 7; i++)
      expect((await login('ghost', 'wrong')).json.msg).toBe('The username or password is wrong.');
  });

  test('an unknown organization answers exactly like an unknown user and a wrong password', async () => {
    await addUser(t, 'acme', 'quinn', 'quinn-password');
    const wrongPassword = (await login('quinn', 'wrong')).json;
    const unknownUser = (await login('nobody-here', 'wrong')).json;
    const unknownOrganization = (
      await t.request('/api/login', {
        body: { organization: 'no-such-org', username: 'quinn', password: 'quinn-password', type: 'login' },
      })
    ).json;
    const viaQuery = (await t.request('/api/get-account?username=no-such-org/quinn&password=quinn-password')).json;
    expect(wrongPassword).toMatchObject({ status: 'error', msg: 'The username or password is wrong.' });
    expect(unknownUser).toEqual(wrongPassword);
    expect(unknownOrganization).toEqual(wrongPassword);
    expect(viaQuery).toEqual(wrongPassword);
  });

  test('a disabled account is refused only once its password is proven', async () => {
    await addUser(t, 'acme', 'pia', 'pia-password', { isForbidden: true });
    expect((await login('pia', 'wrong')).json.msg).toBe('The username or password is wrong.');
    expect((await login('pia', 'pia-password')).json.msg).toBe('This account is disabled.');
  });
});

describe('passwords in Casdoor formats', () => {
  test.each([
    ['bcrypt', () => ({ password: bcrypt.hashSync('legacy-password', 4), passwordType: 'bcrypt', passwordSalt: '' })],
    [
      'salt (sha256)',
      () => {
        const inner = createHash('sha256').update('legacy-password').digest('hex');
        return {
          password: createHash('sha256').update(`${inner}pepper`).digest('hex'),
          passwordType: 'salt',
          passwordSalt: 'pepper',
        };
      },
    ],
    ['plain', () => ({ password: 'legacy-password', passwordType: 'plain', passwordSalt: '' })],
  ])('%s signs in and is rehashed to argon2id', async (type, stored) => {
    const name = `legacy-${type.replace(/\W/g, '')}`;
    await addUser(t, 'acme', name, 'unused', stored());
    expect((await login(name, 'not-it')).json.msg).toBe('The username or password is wrong.');
    expect((await login(name, 'legacy-password')).json.status).toBe('ok');
    const user = (await findUser(t.context.db, 'acme', name))!;
    expect(user.passwordType).toBe('argon2id');
    expect(user.password.startsWith('$argon2id$')).toBe(true);
    expect((await login(name, 'legacy-password')).json.status).toBe('ok');
  });
});
