import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRow } from '@latchkey/db/testing';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { codeFor, pkcePair, REDIRECT_URI, startAcmeTest, type TestClient, tokenRequest } from './testing/flows.ts';

/**
 * A token's `code` is what an administrator writes there (Casdoor's Go SDK test updates it to
 * "Updated Code" and reads it back): shown as written, and never an authorization code. The codes
 * the server issues are kept only as hashes and are never shown.
 */
let t: TestApp;
let client: TestClient;
let root: Caller;

beforeAll(async () => {
  ({ t, client } = await startAcmeTest());
  root = await globalAdmin(t);
});
afterAll(() => t.dispose());

const exchange = (code: string, verifier?: string) =>
  tokenRequest(
    t,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    client,
  );
const tokenNamed = async (name: string) => (await call(t, root, `/api/get-token?id=admin/${name}`)).data;

describe("a token's code", () => {
  test('a code the server issued is kept as a hash only and shown empty', async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const row = await storedRow(t.context.db, 'token', { codeHash: sha256Hex(code) });
    expect(row.code).toBe('');
    expect((await tokenNamed(String(row.name))).code).toBe('');
    expect((await exchange(code, pkce.verifier)).status).toBe(200);
  });

  test('what an administrator writes is stored and shown as written, and never exchanged for tokens', async () => {
    const pkce = pkcePair();
    const code = await codeFor(t, { clientId: client.clientId, codeChallenge: pkce.challenge });
    const name = String((await storedRow(t.context.db, 'token', { codeHash: sha256Hex(code) })).name);
    const pending = await tokenNamed(name);
    expect((await call(t, root, `/api/update-token?id=admin/${name}`, { ...pending, code: 'Updated Code' })).data).toBe(
      'Affected',
    );
    expect((await tokenNamed(name)).code).toBe('Updated Code');
    expect((await exchange('Updated Code')).json).toMatchObject({ error: 'invalid_grant' });
    // The code the server issued is still the only one that counts.
    expect((await exchange(code, pkce.verifier)).status).toBe(200);

    // add-token keeps the code it is given (the Go SDK sends "abc") beside the token it mints.
    expect(
      (
        await call(t, root, '/api/add-token', {
          owner: 'admin',
          name: 'noted',
          organization: 'acme',
          application: client.name,
          user: 'alice',
          code: 'abc',
          accessToken: '123456',
        })
      ).data,
    ).toBe('Affected');
    expect(await tokenNamed('noted')).toMatchObject({ code: 'abc' });
    expect((await storedRow(t.context.db, 'token', { name: 'noted' })).codeHash).toBe('');
    expect((await exchange('abc')).json).toMatchObject({ error: 'invalid_grant' });
  });

  test('at most 100 characters', async () => {
    const noted = await tokenNamed('noted');
    const long = 'x'.repeat(101);
    expect((await call(t, root, '/api/update-token?id=admin/noted', { ...noted, code: long })).status).toBe('error');
    expect(
      (
        await call(t, root, '/api/add-token', {
          owner: 'admin',
          name: 'too-long',
          organization: 'acme',
          application: client.name,
          code: long,
        })
      ).status,
    ).toBe('error');
    expect((await tokenNamed('noted')).code).toBe('abc');
    expect(await tokenNamed('too-long')).toBeNull();
  });
});
