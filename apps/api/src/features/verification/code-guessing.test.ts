import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser } from '../../test/fixtures.ts';

/** Wrong verification codes are failed credential checks: they use up the address's budget of failures. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { signinRateLimit: 3 } });
  await addOrganization(t, 'acme');
  await addUser(t, 'acme', 'alice', 'Alice-password-1', { email: 'alice@acme.test' });
});
afterAll(() => t.dispose());

describe('guessing codes', () => {
  test('three wrong codes from one address, then every code it sends is refused with 429', async () => {
    const verify = () =>
      t.request('/api/verify-code', {
        body: { organization: 'acme', name: 'alice', code: '123456' },
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await verify();
      expect(answer.status).toBe(200);
      expect(answer.json.status).toBe('error');
    }
    const refused = await verify();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    // Another address is not affected.
    const other = await t.request('/api/verify-code', {
      body: { organization: 'acme', name: 'alice', code: '123456' },
      headers: { 'x-forwarded-for': '203.0.113.8' },
    });
    expect(other.status).toBe(200);
  });
});
