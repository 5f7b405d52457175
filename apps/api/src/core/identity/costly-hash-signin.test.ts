import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import bcrypt from 'bcryptjs';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser } from '../../test/fixtures.ts';

let t: TestApp;
const cheap = bcrypt.hashSync('cheap-password', 4);

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  // A stored hash as an import or a direct database write could leave it: bcrypt cost 31.
  await addUser(t, 'acme', 'costly', 'unused', {
    password: cheap.replace('$04$', '$31$'),
    passwordType: 'bcrypt',
    passwordSalt: '',
  });
  await addUser(t, 'acme', 'cheap', 'unused', { password: cheap, passwordType: 'bcrypt', passwordSalt: '' });
});
afterAll(() => t.dispose());

const login = (username: string, password: string) =>
  t.request('/api/login', { body: { organization: 'acme', username, password, type: 'login' } });

describe('a stored hash above the cost ceilings', () => {
  test('sign-ins against it answer at once, as a wrong password, and never tie up the server', async () => {
    const started = performance.now();
    const answers = await Promise.all([
      login('costly', 'guess-1'),
      login('costly', 'guess-2'),
      login('costly', 'cheap-password'),
    ]);
    // Checking bcrypt cost 31 would take years: seconds of slack for a loaded machine still tell.
    expect(performance.now() - started).toBeLessThan(20_000);
    for (const answer of answers)
      expect(answer.json).toMatchObject({ status: 'error', msg: 'The username or password is wrong.' });
  });

  test('a hash within the ceilings still signs in (positive control)', async () => {
    expect((await login('cheap', 'cheap-password')).json.status).toBe('ok');
  });
});
