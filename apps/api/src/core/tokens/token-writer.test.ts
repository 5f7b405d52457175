import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import { startAcmeTest, type TestClient, tokenRequest } from '../../features/oauth/testing/flows.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { sha256Hex } from '../crypto/compare.ts';
import { emptyTokenRow } from './issue.ts';
import { newTokenName } from './token-name.ts';
import { writeTokenRow } from './token-writer.ts';

let t: TestApp;
let client: TestClient;

beforeAll(async () => ({ t, client } = await startAcmeTest()));
afterAll(() => t.dispose());

const rowCount = () => countStoredRows(t.context.db, 'token');

describe('group commit of token rows', () => {
  test('tokens issued concurrently are all stored, each usable as soon as it is handed out', async () => {
    const before = await rowCount();
    const responses = await Promise.all(
      Array.from({ length: 80 }, () => tokenRequest(t, { grant_type: 'client_credentials' }, client)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(80).fill(200));
    expect(await rowCount()).toBe(before + 80);
    const tokens = responses.map((response) => response.json.access_token as string);
    expect(new Set(tokens).size).toBe(80);
    const stored = await storedRows(t.context.db, 'token', { accessTokenHash: tokens.map(sha256Hex) });
    expect(stored).toHaveLength(80);
  });

  test('a row that cannot be stored fails alone; the rest of its group is written', async () => {
    const taken = newTokenName();
    await writeTokenRow(t.context, { ...emptyTokenRow(), name: taken, createdTime: 'x' });
    const names = [newTokenName(), taken, newTokenName()];
    const results = await Promise.allSettled(
      names.map((name) => writeTokenRow(t.context, { ...emptyTokenRow(), name, createdTime: 'y' })),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await storedRows(t.context.db, 'token', { name: names });
    expect(rows.map((row) => `${row.name === taken ? 'taken' : 'new'}:${row.createdTime}`).sort()).toEqual([
      'new:y',
      'new:y',
      'taken:x',
    ]);
  });

  test('token names are time-ordered UUIDs', () => {
    const first = newTokenName();
    const second = newTokenName();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second > first).toBe(true);
  });
});
