import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { claimSyncerRun, findRow, finishSyncerRun } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addOrganization } from '../../test/fixtures.ts';
import { syncerColumn } from './testing/syncer-fields.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let other: OrganizationCallers;
beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest('acme'));
  other = await organizationWithCallers(t, 'other');
});
afterAll(() => t.dispose());

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

/** A syncer as Casdoor's console makes one (not enabled), reading `people` of a Postgres database. */
const syncer = (name: string, fields: Record<string, unknown> = {}) => ({
  owner: 'admin',
  name,
  organization: 'acme',
  type: 'Database',
  databaseType: 'postgres',
  host: 'db.example.com',
  port: 5432,
  user: 'reader',
  password: 'source-db-password',
  database: 'hr',
  table: 'people',
  tableColumns: [
    { name: 'login', type: 'string', casdoorName: 'Name', isKey: true, isHashed: true, values: [] },
    { name: 'mail', type: 'string', casdoorName: 'Email', isKey: false, isHashed: true, values: [] },
  ],
  syncInterval: 60,
  isEnabled: false,
  ...fields,
});

describe('syncer objects', () => {
  test("get-, add-, update- and delete-syncer with Casdoor's fields, administered by the organization", async () => {
    expect((await call(t, acme.admin, '/api/add-syncer', syncer('hr'))).data).toBe('Affected');
    const got = (await call(t, acme.admin, '/api/get-syncer?id=admin/hr')).data;
    expect(Object.keys(got).sort()).toEqual(
      [
        'owner',
        'name',
        'createdTime',
        'organization',
        'type',
        'databaseType',
        'sslMode',
        'sshType',
        'host',
        'port',
        'user',
        'password',
        'sshHost',
        'sshPort',
        'sshUser',
        'sshPassword',
        'cert',
        'database',
        'table',
        'tableColumns',
        'affiliationTable',
        'avatarBaseUrl',
        'errorText',
        'syncInterval',
        'isReadOnly',
        'isEnabled',
      ].sort(),
    );
    expect(got).toMatchObject({
      owner: 'admin',
      name: 'hr',
      organization: 'acme',
      type: 'Database',
      password: '***',
      syncInterval: 60,
      isEnabled: false,
    });
    expect(got.tableColumns[0]).toEqual({
      name: 'login',
      type: 'string',
      casdoorName: 'Name',
      isKey: true,
      isHashed: true,
      values: [],
    });
    const listed = await call(t, acme.app, '/api/get-syncers?owner=admin&organization=acme&p=1&pageSize=10');
    expect(listed.data.map((each: { name: string }) => each.name)).toEqual(['hr']);
    expect(listed.data2).toBe(1);
    expect(listed.data[0].password).toBe('***');

    expect(
      (await call(t, acme.admin, '/api/update-syncer?id=admin/hr', { ...got, syncInterval: 120, table: 'staff' })).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-syncer?id=admin/hr')).data).toMatchObject({
      syncInterval: 120,
      table: 'staff',
      password: '***',
    });
    expect(
      (await call(t, acme.admin, '/api/delete-syncer', { owner: 'admin', name: 'hr', organization: 'acme' })).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-syncer?id=admin/hr')).data).toBeNull();
  });

  test('the password is sealed at rest, shown as "***", and kept when "***" comes back', async () => {
    await call(t, acme.admin, '/api/add-syncer', syncer('sealed', { sshPassword: 'tunnel-secret' }));
    const row = await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'sealed' });
    expect(String(row?.password)).toStartWith('enc:v1:');
    expect(String(row?.sshPassword)).toStartWith('enc:v1:');
    expect(JSON.stringify(row)).not.toContain('source-db-password');
    expect(t.context.secrets.open(String(row?.password))).toBe('source-db-password');
    const shown = (await call(t, acme.admin, '/api/get-syncer?id=admin/sealed')).data;
    expect(shown.sshPassword).toBe('***');
    expect((await call(t, acme.admin, '/api/update-syncer?id=admin/sealed', { ...shown, database: 'hr2' })).data).toBe(
      'Affected',
    );
    const after = await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'sealed' });
    expect(t.context.secrets.open(String(after?.password))).toBe('source-db-password');
    await call(t, acme.admin, '/api/update-syncer?id=admin/sealed', { ...shown, password: 'new-password' });
    expect(
      t.context.secrets.open(
        String((await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'sealed' }))?.password),
      ),
    ).toBe('new-password');
    // The server keeps errorText: a body cannot write it.
    await call(t, acme.admin, '/api/update-syncer?id=admin/sealed', { ...shown, errorText: 'forged' });
    expect((await call(t, acme.admin, '/api/get-syncer?id=admin/sealed')).data.errorText).toBe('');
  });

  test("another organization's administrators, users and applications are refused", async () => {
    await call(t, acme.admin, '/api/add-syncer', syncer('private'));
    const refused = en('general.unauthorized_operation');
    expect((await call(t, other.admin, '/api/get-syncer?id=admin/private')).msg).toBe(refused);
    expect((await call(t, other.app, '/api/get-syncers?owner=admin&organization=acme')).msg).toBe(refused);
    expect(
      (
        await call(t, other.admin, '/api/update-syncer?id=admin/private', {
          ...syncer('private'),
          organization: 'other',
        })
      ).msg,
    ).toBe(refused);
    expect((await call(t, other.admin, '/api/delete-syncer?id=admin/private', {})).msg).toBe(refused);
    expect((await call(t, other.admin, '/api/run-syncer?id=admin/private&organization=other')).msg).toBe(refused);
    expect((await call(t, acme.user, '/api/get-syncers?owner=admin&organization=acme')).status).toBe('error');
    expect((await call(t, other.admin, '/api/add-syncer', syncer('planted'))).msg).toBe(refused);
    // Their own list does not show it; the global administrator's does (positive control).
    expect((await call(t, other.admin, '/api/get-syncers?owner=admin&organization=other')).data).toEqual([]);
    expect(
      (await call(t, root, '/api/get-syncers?owner=admin')).data.map((each: { name: string }) => each.name),
    ).toContain('private');
    // Moving a syncer to another organization is refused, even for that organization's administrator of both.
    expect((await call(t, root, '/api/update-syncer?id=admin/private', { organization: 'other' })).status).toBe(
      'error',
    );
  });

  test("owned by the organization itself, as Casdoor's SDKs write them, within the same boundary", async () => {
    const refused = en('general.unauthorized_operation');
    // What casdoor-go-sdk's TestSyncer sends (owner = organization; Go's nil list as null).
    const sdkSyncer = { ...syncer('sdk'), owner: 'acme', tableColumns: null };
    expect((await call(t, acme.app, '/api/add-syncer?id=acme/sdk', sdkSyncer)).data).toBe('Affected');
    expect((await call(t, acme.app, '/api/get-syncer?id=acme/sdk')).data).toMatchObject({
      owner: 'acme',
      name: 'sdk',
      organization: 'acme',
      password: '***',
    });
    expect(
      (await call(t, acme.app, '/api/get-syncers?owner=acme')).data.map((each: { name: string }) => each.name),
    ).toContain('sdk');
    // Python's SDK sends a list holding one null column: dropped, as Go would find nothing in it.
    expect(
      (await call(t, acme.admin, '/api/add-syncer', { ...syncer('python'), owner: 'acme', tableColumns: [null] })).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-syncer?id=acme/python')).data.tableColumns).toEqual([]);
    // Without an organization, the owner is the organization.
    const { organization: _, ...withoutOrganization } = syncer('bare');
    expect((await call(t, acme.admin, '/api/add-syncer', { ...withoutOrganization, owner: 'acme' })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/get-syncer?id=acme/bare')).data.organization).toBe('acme');
    expect(
      (await call(t, acme.admin, '/api/update-syncer?id=acme/sdk', { ...sdkSyncer, syncInterval: 300 })).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-syncer?id=acme/sdk')).data.syncInterval).toBe(300);

    // The owner may be "admin" or the syncer's own organization, nothing else.
    expect((await call(t, acme.admin, '/api/add-syncer', { ...syncer('x'), owner: 'other' })).msg).toBe(
      en('object.owner_must_be_admin'),
    );
    expect((await call(t, root, '/api/add-syncer', { ...syncer('x'), owner: 'other' })).msg).toBe(
      en('object.owner_must_be_admin'),
    );
    // Another organization's administrators and applications cannot reach it by its owner.
    expect((await call(t, other.admin, '/api/get-syncer?id=acme/sdk')).msg).toBe(refused);
    expect((await call(t, other.app, '/api/get-syncers?owner=acme')).msg).toBe(refused);
    expect(
      (
        await call(t, other.admin, '/api/update-syncer?id=acme/sdk', {
          ...sdkSyncer,
          owner: 'other',
          organization: 'other',
        })
      ).msg,
    ).toBe(refused);
    expect((await call(t, other.admin, '/api/run-syncer?id=acme/sdk&organization=other')).msg).toBe(refused);
    expect((await call(t, other.admin, '/api/delete-syncer?id=acme/sdk', sdkSyncer)).msg).toBe(refused);
    expect((await call(t, other.admin, '/api/add-syncer', { ...syncer('planted'), owner: 'acme' })).msg).toBe(refused);
    expect((await call(t, other.admin, '/api/get-syncers?owner=other')).data).toEqual([]);

    expect((await call(t, acme.app, '/api/delete-syncer?id=acme/sdk', sdkSyncer)).data).toBe('Affected');
    expect((await call(t, acme.app, '/api/get-syncer?id=acme/sdk')).data).toBeNull();
  });

  test('table and column names must be plain identifiers; only syncable user fields', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ table: 'people; drop table users' }, en('syncer.table_invalid', { name: 'people; drop table users' })],
      [{ table: 'people"--' }, en('syncer.table_invalid', { name: 'people"--' })],
      [{ table: 'a.b.c' }, en('syncer.table_invalid', { name: 'a.b.c' })],
      [{ table: '-people' }, en('syncer.table_invalid', { name: '-people' })],
      [{ table: 'user table' }, en('syncer.table_invalid', { name: 'user table' })],
      [{ affiliationTable: 'x) union select' }, en('syncer.table_invalid', { name: 'x) union select' })],
      [
        { tableColumns: [syncerColumn('login" from pg_shadow --', 'Name')] },
        en('syncer.column_invalid', { name: 'login" from pg_shadow --' }),
      ],
      [
        { tableColumns: [syncerColumn('first+last;', 'DisplayName')] },
        en('syncer.column_invalid', { name: 'first+last;' }),
      ],
      [
        { tableColumns: [syncerColumn('secret', 'TotpSecret')] },
        en('syncer.field_not_syncable', { field: 'TotpSecret' }),
      ],
      [{ tableColumns: [syncerColumn('org', 'Owner')] }, en('syncer.field_not_syncable', { field: 'Owner' })],
      [
        { tableColumns: [syncerColumn('k', 'AccessSecret')] },
        en('syncer.field_not_syncable', { field: 'AccessSecret' }),
      ],
      [{ host: 'db.example.com/../x', isEnabled: true }, en('syncer.host_invalid')],
      [{ host: '/var/run/postgresql', isEnabled: true }, en('syncer.host_invalid')],
      [{ port: 70000 }, en('syncer.port_invalid')],
      [{ syncInterval: -5 }, en('syncer.interval_invalid')],
    ];
    for (const [fields, message] of cases) {
      const answer = await call(t, acme.admin, '/api/add-syncer', syncer('bad', fields));
      expect({ fields, msg: answer.msg }).toEqual({ fields, msg: message });
    }
    expect(await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'bad' })).toBeUndefined();
    // Positive control: schema.table, joined columns and hyphens (Casdoor's SDK tests name `user-table`) are fine.
    const good = syncer('good', {
      table: 'hr.people',
      tableColumns: [syncerColumn('login', 'Name', { isKey: true }), syncerColumn('first + last', 'DisplayName')],
    });
    expect((await call(t, acme.admin, '/api/add-syncer', good)).data).toBe('Affected');
    const hyphens = syncer('hyphens', {
      table: 'user-table',
      tableColumns: [syncerColumn('user-name', 'Name', { isKey: true })],
    });
    expect((await call(t, acme.admin, '/api/add-syncer', hyphens)).data).toBe('Affected');
    // The host is free text while the syncer is off (the SDK tests write "Updated Host"); enabling or running checks it.
    const offHost = { ...hyphens, host: 'Updated Host' };
    expect((await call(t, acme.admin, '/api/update-syncer?id=admin/hyphens', offHost)).data).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-syncer?id=admin/hyphens')).data.host).toBe('Updated Host');
    expect(
      (
        await call(t, acme.admin, '/api/update-syncer?id=admin/hyphens', {
          ...offHost,
          password: '***',
          isEnabled: true,
        })
      ).msg,
    ).toBe(en('syncer.host_invalid'));
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/hyphens&organization=acme')).msg).toBe(
      en('syncer.host_invalid'),
    );
    expect((await call(t, acme.admin, '/api/test-syncer-db', offHost)).msg).toBe(en('syncer.host_invalid'));
  });

  test('other syncer types, databases and SSH tunnels are stored but cannot be enabled or run: "not supported"', async () => {
    expect((await call(t, acme.admin, '/api/add-syncer', syncer('ldap', { type: 'Active Directory' }))).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/update-syncer?id=admin/ldap', { isEnabled: true })).msg).toBe(
      en('syncer.type_not_supported', { type: 'Active Directory' }),
    );
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/ldap&organization=acme')).msg).toBe(
      en('syncer.type_not_supported', { type: 'Active Directory' }),
    );
    expect(
      (await call(t, acme.admin, '/api/add-syncer', syncer('mssql', { databaseType: 'mssql', isEnabled: true }))).msg,
    ).toBe(en('syncer.database_type_not_supported', { databaseType: 'mssql' }));
    expect(
      (await call(t, acme.admin, '/api/add-syncer', syncer('ssh', { sshType: 'password', isEnabled: true }))).msg,
    ).toBe(en('syncer.ssh_not_supported'));
    expect(
      (
        await call(
          t,
          acme.admin,
          '/api/add-syncer',
          syncer('nameless', { tableColumns: [syncerColumn('mail', 'Email')], isEnabled: true }),
        )
      ).msg,
    ).toBe(en('syncer.name_column_required'));
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/missing')).msg).toBe(
      en('syncer.not_found', { id: 'admin/missing' }),
    );
  });

  test('an enabled syncer may not name a private address unless the operator allows it', async () => {
    for (const host of ['127.0.0.1', '10.0.0.5', '169.254.169.254', '[::1]']) {
      expect((await call(t, acme.admin, '/api/add-syncer', syncer('inside', { host, isEnabled: true }))).msg).toBe(
        en('syncer.address_refused', { host }),
      );
    }
    // A name is checked when the run resolves it.
    await call(t, acme.admin, '/api/add-syncer', syncer('by-name', { host: 'localhost' }));
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/by-name')).msg).toBe(
      en('syncer.address_refused', { host: 'localhost' }),
    );
    expect((await call(t, acme.admin, '/api/get-syncer?id=admin/by-name')).data.errorText).toContain(
      en('syncer.address_refused', { host: 'localhost' }),
    );
    expect(
      (await call(t, acme.admin, '/api/test-syncer-db', syncer('by-name', { host: '127.0.0.1', password: '***' }))).msg,
    ).toBe(en('syncer.address_refused', { host: '127.0.0.1' }));
  });

  test('a change makes the syncer due again; a delete forgets its runs', async () => {
    await call(t, acme.admin, '/api/add-syncer', syncer('due'));
    // One run, started and finished long ago.
    expect(await claimSyncerRun(t.context.db, 'admin/due', { by: 'earlier', until: 1 }, 0)).toBe(true);
    await finishSyncerRun(t.context.db, 'admin/due', 'earlier', 2);
    await call(t, acme.admin, '/api/update-syncer?id=admin/due', { syncInterval: 30 });
    expect(Number((await findRow(t.context.db, 'syncer_run', { syncer: 'admin/due' }))?.lastFinishedAt)).toBe(0);
    await call(t, acme.admin, '/api/delete-syncer?id=admin/due', {});
    expect(await findRow(t.context.db, 'syncer_run', { syncer: 'admin/due' })).toBeUndefined();
  });

  test('a renamed organization takes its syncers along; a deleted one takes them away', async () => {
    await addOrganization(t, 'moving');
    await call(t, root, '/api/add-syncer', syncer('mover', { organization: 'moving' }));
    await call(t, root, '/api/add-syncer', syncer('own', { owner: 'moving', organization: 'moving' }));
    expect(
      (await call(t, root, '/api/update-organization?id=admin/moving', { owner: 'admin', name: 'moved' })).data,
    ).toBe('Affected');
    expect((await call(t, root, '/api/get-syncer?id=admin/mover')).data.organization).toBe('moved');
    expect((await call(t, root, '/api/get-syncer?id=moved/own')).data).toMatchObject({
      owner: 'moved',
      organization: 'moved',
    });
    expect((await call(t, root, '/api/delete-organization?id=admin/moved', {})).data).toBe('Affected');
    expect((await call(t, root, '/api/get-syncer?id=admin/mover')).data).toBeNull();
    expect((await call(t, root, '/api/get-syncer?id=moved/own')).data).toBeNull();
  });
});
