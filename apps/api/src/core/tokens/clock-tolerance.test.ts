import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, clientCredentialsTokenFor } from '../../test/fixtures.ts';
import { CLOCK_TOLERANCE_SECONDS } from './access-token.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addApplication(t, 'acme-app', 'acme', { grantTypes: ['client_credentials'] });
});
afterAll(() => t.dispose());

/** A token minted by a server whose clock is `seconds` ahead of this one's. */
async function mintedAhead(seconds: number): Promise<string> {
  t.clock.advance(seconds * 1000);
  try {
    return await clientCredentialsTokenFor(t, 'acme-app');
  } finally {
    t.clock.advance(-seconds * 1000);
  }
}

const useToken = (token: string) =>
  t.request('/api/get-users?owner=acme', { headers: { authorization: `Bearer ${token}` } });

describe('tokens minted on a server whose clock runs a little ahead', () => {
  test(`are taken at once within ${CLOCK_TOLERANCE_SECONDS} s; further ahead, not yet`, async () => {
    expect((await useToken(await mintedAhead(5))).json.status).toBe('ok');
    expect((await useToken(await mintedAhead(CLOCK_TOLERANCE_SECONDS - 2))).json.status).toBe('ok');
    expect((await useToken(await mintedAhead(CLOCK_TOLERANCE_SECONDS + 60))).json.status).toBe('error');
  });
});
