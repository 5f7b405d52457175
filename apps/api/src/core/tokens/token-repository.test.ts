import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, findTokenByAccessHash, insertRow, redeemCode, rotateRefreshToken } from '@latchkey/db';
import { storedRow } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { emptyTokenRow } from './issue.ts';
import { newTokenName } from './token-name.ts';

let t: TestApp;

beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.dispose());

const row = (name: string) => storedRow(t.context.db, 'token', { name });

async function storedToken(fields: Partial<ReturnType<typeof emptyTokenRow>>) {
  const token = { ...emptyTokenRow(), name: newTokenName(), createdTime: 'then', expiresIn: 3600, ...fields };
  await insertRow(t.context.db, 'token', codecs.token.encode(token));
  return token;
}

describe('state changes of the token store', () => {
  test("an access token's row is found by the name its jti gives and its hash together, never by either alone", async () => {
    const token = await storedToken({ accessTokenHash: 'hash-of-the-token' });
    const other = await storedToken({ accessTokenHash: 'hash-of-another-token' });
    expect((await findTokenByAccessHash(t.context.db, token.name, 'hash-of-the-token'))?.name).toBe(token.name);
    expect(await findTokenByAccessHash(t.context.db, other.name, 'hash-of-the-token')).toBeUndefined();
    expect(await findTokenByAccessHash(t.context.db, token.name, 'hash-of-another-token')).toBeUndefined();
    expect(await findTokenByAccessHash(t.context.db, '', 'hash-of-the-token')).toBeUndefined();
    expect(await findTokenByAccessHash(t.context.db, token.name, '')).toBeUndefined();
  });

  test('a rotation retires the presented refresh token and stores its successor together; a second one of the same token changes nothing', async () => {
    const presented = await storedToken({ refreshExpiresAt: 2_000_000_000, familyId: 'family-1' });
    const successor = {
      ...emptyTokenRow(),
      name: newTokenName(),
      createdTime: 'now',
      expiresIn: 3600,
      refreshExpiresAt: 2_000_000_000,
      familyId: 'family-1',
    };
    expect(await rotateRefreshToken(t.context.db, presented, successor)).toBe(true);
    expect((await row(presented.name)).refreshExpiresAt).toBe(0);
    expect((await row(successor.name)).refreshExpiresAt).toBe(2_000_000_000);
    expect(await rotateRefreshToken(t.context.db, presented, { ...successor, name: newTokenName() })).toBe(false);
  });

  test('when the successor cannot be stored, the presented refresh token is not retired', async () => {
    const presented = await storedToken({ refreshExpiresAt: 2_000_000_000 });
    const taken = await storedToken({});
    const successor = {
      ...emptyTokenRow(),
      name: taken.name,
      createdTime: 'now',
      expiresIn: 3600,
      refreshExpiresAt: 2_000_000_000,
    };
    await expect(rotateRefreshToken(t.context.db, presented, successor)).rejects.toThrow();
    expect((await row(presented.name)).refreshExpiresAt).toBe(2_000_000_000);
  });

  test('a code is used up and its tokens stored in one update; the second redemption changes nothing', async () => {
    const code = await storedToken({ codeHash: 'code-hash', expiresIn: 0 });
    expect(await redeemCode(t.context.db, code.name, { ...code, accessTokenHash: 'first', expiresIn: 3600 })).toBe(
      true,
    );
    expect(await redeemCode(t.context.db, code.name, { ...code, accessTokenHash: 'second', expiresIn: 3600 })).toBe(
      false,
    );
    expect(await row(code.name)).toMatchObject({ codeIsUsed: 1, accessTokenHash: 'first', expiresIn: 3600 });
  });
});
