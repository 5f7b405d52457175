import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findRow, findUser } from '@latchkey/db';
import { createPostgresSource, type SourceTables } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import { verifyPassword } from '../../core/passwords/verify.ts';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addUser, signIn } from '../../test/fixtures.ts';
import { sourceSyncer, syncerColumn } from './testing/syncer-fields.ts';

let t: TestApp;
let acme: OrganizationCallers;
let other: OrganizationCallers;
let root: Caller;
let source: SourceTables;

beforeAll(async () => {
  // The source database is on the loopback address: allowed here as the outbound tests allow it.
  ({ t, root, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  other = await organizationWithCallers(t, 'other');
  source = await createPostgresSource();
  await source.createTable('departments', { id: 'integer', name: 'text' });
  await source.insertRows('departments', [
    { id: 1, name: 'Engineering' },
    { id: 2, name: 'Sales' },
  ]);
  await source.createTable('people', {
    login: 'text',
    mail: 'text',
    first: 'text',
    last: 'text',
    secret: 'text',
    admin: 'boolean',
    dept: 'integer',
  });
  await source.insertRows('people', [
    {
      login: 'alice',
      mail: 'alice@example.com',
      first: 'Alice',
      last: 'Liddell',
      secret: 'alice-password-1',
      admin: true,
      dept: 1,
    },
    {
      login: 'bob',
      mail: 'bob@example.com',
      first: 'Bob',
      last: 'Builder',
      secret: 'bob-password-1',
      admin: false,
      dept: 2,
    },
    {
      login: 'carol',
      mail: 'carol@example.com',
      first: 'Carol',
      last: 'Danvers',
      secret: 'carol-password-1',
      admin: false,
      dept: 0,
    },
  ]);
}, 60_000);
afterAll(async () => {
  await source?.dispose();
  await t?.dispose();
});

const syncer = (name: string, fields: Record<string, unknown> = {}) => ({
  ...sourceSyncer(source, 'postgres', name),
  password: '',
  table: 'people',
  tableColumns: [
    syncerColumn('login', 'Name', { isKey: true }),
    syncerColumn('mail', 'Email'),
    syncerColumn('first+last', 'DisplayName'),
    syncerColumn('secret', 'Password'),
    syncerColumn('admin', 'IsAdmin'),
    syncerColumn('dept', 'Score'),
  ],
  affiliationTable: 'departments',
  syncInterval: 3600,
  isEnabled: false,
  ...fields,
});

const run = (caller: Caller, id: string) => call(t, caller, `/api/run-syncer?id=${id}&organization=acme`);

describe('syncing users from a Postgres table', () => {
  test('a run creates the users of the table in the organization, with hashed passwords', async () => {
    expect((await call(t, acme.admin, '/api/add-syncer', syncer('hr'))).data).toBe('Affected');
    const answer = await run(acme.admin, 'admin/hr');
    expect(answer).toMatchObject({ status: 'ok', data: { read: 3, added: 3, updated: 0, unchanged: 0, rejected: [] } });
    const alice = (await findUser(t.context.db, 'acme', 'alice'))!;
    expect(alice).toMatchObject({
      email: 'alice@example.com',
      displayName: 'Alice Liddell',
      isAdmin: true,
      score: 1,
      affiliation: 'Engineering',
      registerType: 'Add Users',
      registerSource: 'acme/hr',
    });
    expect(alice.passwordType).toBe('argon2id');
    expect(alice.password).toStartWith('$argon2id$');
    expect(await verifyPassword(t.context.passwords, alice, 'alice-password-1')).toBe(true);
    expect((await findUser(t.context.db, 'acme', 'bob'))!.affiliation).toBe('Sales');
    expect((await findUser(t.context.db, 'acme', 'carol'))!.affiliation).toBe('');
    // A synced user signs in with the table's password.
    await addUser(t, 'acme', 'signin-probe', 'x');
    expect(await signIn(t, 'acme', 'bob', 'bob-password-1', 'acme-app')).toContain('=');
    // Nothing went to another organization; the API never shows the sync hashes.
    expect(await findUser(t.context.db, 'other', 'alice')).toBeUndefined();
    const shown = (await call(t, acme.admin, '/api/get-user?id=acme/alice')).data;
    expect({ hash: shown.hash, preHash: shown.preHash, password: shown.password }).toEqual({
      hash: '',
      preHash: '',
      password: '***',
    });
  });

  test('a second run changes only the users whose row changed; a new password ends the old one', async () => {
    expect((await run(acme.admin, 'admin/hr')).data).toMatchObject({ read: 3, added: 0, updated: 0, unchanged: 3 });
    await source.updateRows(
      'people',
      { login: 'alice' },
      { mail: 'alice@new.example.com', secret: 'alice-password-2' },
    );
    await source.insertRows('people', [
      {
        login: 'dave',
        mail: 'dave@example.com',
        first: 'Dave',
        last: 'Lister',
        secret: 'dave-password-1',
        admin: false,
        dept: 0,
      },
    ]);
    expect((await run(acme.admin, 'admin/hr')).data).toMatchObject({ read: 4, added: 1, updated: 1, unchanged: 2 });
    const alice = (await findUser(t.context.db, 'acme', 'alice'))!;
    expect(alice.email).toBe('alice@new.example.com');
    expect(await verifyPassword(t.context.passwords, alice, 'alice-password-2')).toBe(true);
    expect(await verifyPassword(t.context.passwords, alice, 'alice-password-1')).toBe(false);
    expect(await findUser(t.context.db, 'acme', 'dave')).toBeDefined();
  });

  test('a local change stays until the row changes; users no row names are left alone', async () => {
    await call(t, acme.admin, '/api/update-user?id=acme/bob', { owner: 'acme', name: 'bob', title: 'Chief builder' });
    await addUser(t, 'acme', 'local-only', 'local-password-1');
    expect((await run(acme.admin, 'admin/hr')).data).toMatchObject({ updated: 0, unchanged: 4 });
    expect((await findUser(t.context.db, 'acme', 'bob'))!.title).toBe('Chief builder');
    expect(await findUser(t.context.db, 'acme', 'local-only')).toBeDefined();
    await source.updateRows('people', { login: 'bob' }, { first: 'Robert' });
    expect((await run(acme.admin, 'admin/hr')).data).toMatchObject({ updated: 1 });
    expect((await findUser(t.context.db, 'acme', 'bob'))!.displayName).toBe('Robert Builder');
  });

  test('a row that cannot be synced is reported and skipped; the others go on', async () => {
    await source.insertRows('people', [
      { login: 'erin', mail: 'not-an-email', first: 'Erin', last: 'E', secret: 'x', admin: false, dept: 0 },
      { login: 'bad/name', mail: 'f@example.com', first: 'F', last: 'F', secret: 'x', admin: false, dept: 0 },
    ]);
    const answer = await run(acme.admin, 'admin/hr');
    expect(answer.status).toBe('ok');
    expect(answer.data.rejected.map((each: { key: string }) => each.key).sort()).toEqual(['bad/name', 'erin']);
    expect(answer.data.rejected.find((each: { key: string }) => each.key === 'erin').reason).toBe(
      translate('en', 'object.email_invalid', { email: 'not-an-email' }),
    );
    const errorText = (await call(t, acme.admin, '/api/get-syncer?id=admin/hr')).data.errorText as string;
    expect(errorText).toContain('(erin) was not synced');
    expect(await findUser(t.context.db, 'acme', 'erin')).toBeUndefined();
    await source.deleteRows('people', 'login', ['erin', 'bad/name']);
  });

  test("a row may not reach another organization's user, nor take another user's id", async () => {
    const outsider = await addUser(t, 'other', 'zoe', 'zoe-password-1', { email: 'zoe@other.example' });
    await source.createTable('idpeople', { uid: 'text', login: 'text', mail: 'text' });
    await source.insertRows('idpeople', [
      { uid: outsider.id, login: 'zoe', mail: 'zoe@acme.example' },
      { uid: 'f3b1c9d2-0000-4000-8000-000000000001', login: 'yan', mail: 'yan@acme.example' },
    ]);
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('by-id', {
        table: 'idpeople',
        affiliationTable: '',
        tableColumns: [
          syncerColumn('uid', 'Id', { isKey: true }),
          syncerColumn('login', 'Name'),
          syncerColumn('mail', 'Email'),
        ],
      }),
    );
    const answer = await run(acme.admin, 'admin/by-id');
    expect(answer.data).toMatchObject({ added: 1 });
    expect(answer.data.rejected).toEqual([
      expect.objectContaining({
        key: outsider.id,
        reason: translate('en', 'object.user_id_taken', { id: outsider.id }),
      }),
    ]);
    expect((await findUser(t.context.db, 'other', 'zoe'))!.email).toBe('zoe@other.example');
    expect(await findUser(t.context.db, 'acme', 'zoe')).toBeUndefined();
    expect((await findUser(t.context.db, 'acme', 'yan'))!.id).toBe('f3b1c9d2-0000-4000-8000-000000000001');
  });

  test("stored hashes in a format Latchkey checks are kept, as the row's PasswordType says", async () => {
    const hash = await Bun.password.hash('kept-password-1', { algorithm: 'bcrypt', cost: 4 });
    await source.createTable('hashed', { login: 'text', pw: 'text', kind: 'text' });
    await source.insertRows('hashed', [
      { login: 'henry', pw: hash, kind: 'bcrypt' },
      { login: 'ivy', pw: 'whatever', kind: 'rot13' },
    ]);
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('hashed', {
        table: 'hashed',
        affiliationTable: '',
        tableColumns: [
          syncerColumn('login', 'Name', { isKey: true }),
          syncerColumn('pw', 'Password'),
          syncerColumn('kind', 'PasswordType'),
        ],
      }),
    );
    const answer = await run(acme.admin, 'admin/hashed');
    expect(answer.data.added).toBe(1);
    expect(answer.data.rejected[0]).toMatchObject({
      key: 'ivy',
      reason: 'its password type "rot13" is not one Latchkey can check',
    });
    const henry = (await findUser(t.context.db, 'acme', 'henry'))!;
    expect({ password: henry.password, passwordType: henry.passwordType }).toEqual({
      password: hash,
      passwordType: 'bcrypt',
    });
    expect(await verifyPassword(t.context.passwords, henry, 'kept-password-1')).toBe(true);
  });

  test('a quoted reserved word is a table name like any other (names are quoted, not pasted)', async () => {
    await source.createTable('order', { select: 'text', from: 'text' });
    await source.insertRows('order', [{ select: 'olga', from: 'olga@example.com' }]);
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('reserved', {
        table: 'order',
        affiliationTable: '',
        tableColumns: [syncerColumn('select', 'Name', { isKey: true }), syncerColumn('from', 'Email')],
      }),
    );
    expect((await run(acme.admin, 'admin/reserved')).data).toMatchObject({ added: 1 });
    expect((await findUser(t.context.db, 'acme', 'olga'))!.email).toBe('olga@example.com');
  });

  test("a table and columns with hyphens, as Casdoor's SDK tests name them (`user-table`), are read quoted", async () => {
    await source.createTable('user-table', { 'user-name': 'text', 'e-mail': 'text' });
    await source.insertRows('user-table', [{ 'user-name': 'hugo', 'e-mail': 'hugo@example.com' }]);
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('hyphens', {
        table: 'user-table',
        affiliationTable: '',
        tableColumns: [syncerColumn('user-name', 'Name', { isKey: true }), syncerColumn('e-mail', 'Email')],
      }),
    );
    expect((await run(acme.admin, 'admin/hyphens')).data).toMatchObject({ added: 1 });
    expect((await findUser(t.context.db, 'acme', 'hugo'))!.email).toBe('hugo@example.com');
  });

  test('the database errors are reported, in the answer and in errorText; the global administrator may run any syncer', async () => {
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('missing-table', { table: 'no_such_table', affiliationTable: '' }),
    );
    const answer = await run(root, 'admin/missing-table');
    expect(answer.status).toBe('error');
    expect(answer.msg).toContain('no_such_table');
    expect((await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'missing-table' }))?.errorText).toContain(
      'no_such_table',
    );
    expect((await call(t, other.admin, '/api/run-syncer?id=admin/missing-table')).msg).toBe(
      translate('en', 'general.unauthorized_operation'),
    );
  });

  test('test-syncer-db: the database answers with the stored password standing in for "***"', async () => {
    expect((await call(t, acme.admin, '/api/test-syncer-db', { ...syncer('hr'), password: '***' })).status).toBe('ok');
    const wrong = await call(t, acme.admin, '/api/test-syncer-db', {
      ...syncer('hr'),
      database: 'no_such_database_here',
    });
    expect(wrong.status).toBe('error');
    expect(wrong.msg).toContain('no_such_database_here');
    expect((await call(t, other.admin, '/api/test-syncer-db', { ...syncer('hr'), password: '***' })).msg).toBe(
      translate('en', 'general.unauthorized_operation'),
    );
  });
});
