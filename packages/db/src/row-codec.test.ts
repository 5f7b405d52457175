import { describe, expect, test } from 'bun:test';
import { Application, User } from '@latchkey/types';
import { createCodec } from './row-codec.ts';
import { openTestDb } from './testing.ts';

describe('codec', () => {
  const users = createCodec(User);

  test('fills every field with its default and turns booleans and lists into columns', () => {
    const row = users.encode({ owner: 'acme', name: 'alice', isAdmin: true, address: ['a', 'b'] });
    expect(row.isAdmin).toBe(1);
    expect(row.isForbidden).toBe(0);
    expect(row.address).toBe('["a","b"]');
    expect(row.properties).toBe('{}');
    expect(row.email).toBe('');
    expect(row.score).toBe(0);
  });

  test('reads back the same object', () => {
    const input = { owner: 'acme', name: 'alice', isAdmin: true, address: ['x'], properties: { k: 'v' }, score: 7 };
    const output = users.decode(users.encode(input) as never);
    expect(output).toMatchObject(input);
    expect(output.isForbidden).toBe(false);
    expect(output.groups).toEqual([]);
  });

  test('partial encoding touches only the given fields', () => {
    expect(users.encodePartial({ displayName: 'A', isAdmin: false })).toEqual({ displayName: 'A', isAdmin: 0 });
  });

  test('round-trips through the real database', async () => {
    const testDb = await openTestDb();
    const applications = createCodec(Application);
    try {
      const row = applications.encode({
        owner: 'admin',
        name: 'app',
        redirectUris: ['https://a.example/cb'],
        expireInHours: 1.5,
        enablePassword: true,
        themeData: { themeType: 'dark', colorPrimary: '#000', borderRadius: 4, isCompact: false, isEnabled: true },
      });
      await testDb.db.insertInto('application').values(row).execute();
      const stored = await testDb.db
        .selectFrom('application')
        .selectAll()
        .where('name', '=', 'app')
        .executeTakeFirstOrThrow();
      const app = applications.decode(stored);
      expect(app.redirectUris).toEqual(['https://a.example/cb']);
      expect(app.expireInHours).toBe(1.5);
      expect(app.enablePassword).toBe(true);
      expect(app.themeData?.themeType).toBe('dark');
    } finally {
      await testDb.dispose();
    }
  });
});
