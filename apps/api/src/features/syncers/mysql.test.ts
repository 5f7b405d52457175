import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { createMysqlSource, mysqlAvailable, type SourceTables } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import { verifyPassword } from '../../core/passwords/verify.ts';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { sourceSyncer, syncerColumn } from './testing/syncer-fields.ts';

/**
 * The same sync from a MySQL (MariaDB) table. It needs a MySQL server: LATCHKEY_TEST_MYSQL_URL, or
 * Debian's mariadb-server on this machine, started here for the test; without either it is skipped
 * (and says so).
 */
const available = mysqlAvailable();
if (!available)
  console.warn('mysql.test.ts: no MySQL server (set LATCHKEY_TEST_MYSQL_URL or install mariadb-server); skipped');

let t: TestApp;
let acme: OrganizationCallers;
let source: SourceTables | undefined;

beforeAll(async () => {
  if (!available) return;
  ({ t, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  source = await createMysqlSource();
  await source.createTable('people', {
    login: 'text',
    mail: 'text',
    first: 'text',
    last: 'text',
    secret: 'text',
    dept: 'integer',
    admin: 'boolean',
  });
  await source.insertRows('people', [
    {
      login: 'mia',
      mail: 'mia@example.com',
      first: 'Mia',
      last: 'Wallace',
      secret: 'mia-password-1',
      dept: 1,
      admin: true,
    },
    {
      login: 'vince',
      mail: 'vince@example.com',
      first: 'Vince',
      last: 'Vega',
      secret: 'vince-password-1',
      dept: 2,
      admin: false,
    },
  ]);
  await source.createTable('departments', { id: 'integer', name: 'text' });
  await source.insertRows('departments', [
    { id: 1, name: 'Dance' },
    { id: 2, name: 'Security' },
  ]);
  await source.createTable('select', { from: 'text' });
  await source.insertRows('select', [{ from: 'quoted' }]);
}, 60_000);
afterAll(async () => {
  await source?.dispose();
  await t?.dispose();
});

const syncer = (name: string, fields: Record<string, unknown> = {}) => ({
  ...sourceSyncer(source!, 'mysql', name),
  password: source!.password,
  table: 'people',
  tableColumns: [
    syncerColumn('login', 'Name', { isKey: true }),
    syncerColumn('mail', 'Email'),
    syncerColumn('first+last', 'DisplayName'),
    syncerColumn('secret', 'Password'),
    syncerColumn('dept', 'Score'),
    syncerColumn('admin', 'IsAdmin'),
  ],
  affiliationTable: 'departments',
  ...fields,
});

describe.skipIf(!available)('syncing users from a MySQL table', () => {
  test('a run creates the users, a changed row updates its user, names are quoted', async () => {
    expect((await call(t, acme.admin, '/api/add-syncer', syncer('crm'))).data).toBe('Affected');
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/crm')).data).toMatchObject({
      read: 2,
      added: 2,
      rejected: [],
    });
    const mia = (await findUser(t.context.db, 'acme', 'mia'))!;
    expect(mia).toMatchObject({
      email: 'mia@example.com',
      displayName: 'Mia Wallace',
      affiliation: 'Dance',
      isAdmin: true,
      passwordType: 'argon2id',
    });
    expect(await verifyPassword(t.context.passwords, mia, 'mia-password-1')).toBe(true);
    await source!.updateRows('people', { login: 'mia' }, { mail: 'mia@new.example' });
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/crm')).data).toMatchObject({
      updated: 1,
      unchanged: 1,
    });
    expect((await findUser(t.context.db, 'acme', 'mia'))!.email).toBe('mia@new.example');
    await call(
      t,
      acme.admin,
      '/api/add-syncer',
      syncer('reserved', {
        table: 'select',
        affiliationTable: '',
        tableColumns: [syncerColumn('from', 'Name', { isKey: true })],
      }),
    );
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/reserved')).data).toMatchObject({ added: 1 });
  });

  test('a wrong password, a missing table and test-syncer-db say what happened', async () => {
    const wrong = await call(t, acme.admin, '/api/test-syncer-db', syncer('crm', { password: 'not-the-password' }));
    expect(wrong.status).toBe('error');
    expect(wrong.msg).toContain('Access denied');
    expect((await call(t, acme.admin, '/api/test-syncer-db', syncer('crm', { password: '***' }))).status).toBe('ok');
    await call(t, acme.admin, '/api/add-syncer', syncer('missing', { table: 'no_such_table' }));
    const missing = await call(t, acme.admin, '/api/run-syncer?id=admin/missing');
    expect(missing.msg).toStartWith(translate('en', 'syncer.failed', { detail: '' }));
    expect(missing.msg).toContain('no_such_table');
  });
});
