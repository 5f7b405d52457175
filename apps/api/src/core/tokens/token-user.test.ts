import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { deleteUserRow } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import {
  codeFor,
  pkcePair,
  postForm,
  REDIRECT_URI,
  startAcmeTest,
  type TestClient,
  tokenRequest,
  tokensFor,
} from '../../features/oauth/testing/flows.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addUser } from '../../test/fixtures.ts';

/**
 * Tokens, refresh tokens and codes name their user by organization and name, and remember the
 * user's id: when the user is gone and someone else now has that name (a restored backup, an
 * import), nothing issued to the one before works for the new one — at the API, at UserInfo, at the
 * token endpoint and at introspection alike.
 */
let t: TestApp;
let client: TestClient;

beforeAll(async () => ({ t, client } = await startAcmeTest()));
afterAll(() => t.dispose());

/** Alice's row is replaced by another user of the same name (outside the API, which would revoke her tokens). */
async function replaceAlice() {
  await deleteUserRow(t.context.db, 'acme', 'alice');
  await addUser(t, 'acme', 'alice', 'another-password-1');
}

describe('a user created again under the same name is someone else', () => {
  test('access and refresh tokens and codes of the user before stop working', async () => {
    const { tokens } = await tokensFor(t, client);
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge, scope: 'openid' });
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    expect((await t.request('/api/get-account', { headers: bearer })).json.name).toBe('alice');
    expect((await t.request('/api/userinfo', { headers: bearer })).status).toBe(200);

    await replaceAlice();

    expect((await t.request('/api/get-account', { headers: bearer })).json.msg).toBe(
      translate('en', 'auth.access_token_invalid'),
    );
    const userinfo = await t.request('/api/userinfo', { headers: bearer });
    expect(userinfo.status).toBe(401);
    expect(userinfo.json.error).toBe('invalid_token');
    const refreshed = await tokenRequest(
      t,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
      client,
    );
    expect(refreshed.json).toEqual({ error: 'invalid_grant', error_description: translate('en', 'oauth.user_gone') });
    const redeemed = await tokenRequest(
      t,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      client,
    );
    expect(redeemed.json).toEqual({ error: 'invalid_grant', error_description: translate('en', 'oauth.user_gone') });
    for (const token of [tokens.access_token, tokens.refresh_token]) {
      expect((await postForm(t, '/api/login/oauth/introspect', { token }, client)).json).toEqual({ active: false });
    }
  });
});
