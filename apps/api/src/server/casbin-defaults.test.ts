import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { deleteRows, updateRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { ensureBuiltIns } from './built-ins.ts';
import { ensureCasbinDefaults, USER_MODEL_TEXT } from './casbin-defaults.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

const DEFAULTS = [
  ['model', 'user-model-built-in'],
  ['adapter', 'user-adapter-built-in'],
  ['permission', 'permission-built-in'],
] as const;

const rowsOf = async () =>
  Object.fromEntries(
    await Promise.all(
      DEFAULTS.map(async ([table, name]) => [
        table,
        await storedRows(t.context.db, table, { owner: 'built-in', name }),
      ]),
    ),
  );

describe("Casdoor's default Casbin objects at start", () => {
  test('a database made before them gets them at the next start; one that has them keeps them as they are', async () => {
    // As in a database of an earlier version: the objects are not there, built-in is.
    for (const [table, name] of DEFAULTS) await deleteRows(t.context.db, table, { owner: 'built-in', name });
    expect(Object.values(await rowsOf()).flat()).toEqual([]);
    expect(await ensureBuiltIns(t.context)).toEqual({ created: false });
    const made = await rowsOf();
    expect(made.model).toEqual([expect.objectContaining({ modelText: USER_MODEL_TEXT })]);
    expect(made.adapter).toEqual([expect.objectContaining({ table: 'casbin_user_rule' })]);
    expect(made.permission).toEqual([
      expect.objectContaining({ model: 'built-in/user-model-built-in', state: 'Approved' }),
    ]);

    // A global administrator's change stays; a start creates nothing twice.
    await updateRows(
      t.context.db,
      'model',
      { owner: 'built-in', name: 'user-model-built-in' },
      { displayName: 'Changed by an administrator' },
    );
    const changed = await rowsOf();
    expect(await ensureCasbinDefaults(t.context)).toEqual([]);
    expect(await rowsOf()).toEqual(changed);
  });

  test('servers starting together create each object once', async () => {
    await deleteRows(t.context.db, 'adapter', { owner: 'built-in', name: 'user-adapter-built-in' });
    const created = await Promise.all([
      ensureCasbinDefaults(t.context),
      ensureCasbinDefaults(t.context),
      ensureCasbinDefaults(t.context),
    ]);
    expect(created.flat()).toEqual(['built-in/user-adapter-built-in']);
    expect((await rowsOf()).adapter).toHaveLength(1);
  });
});
