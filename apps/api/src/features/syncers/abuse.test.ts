import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, findRow, findUser, insertRow } from '@latchkey/db';
import { createPostgresSource, type SourceTables } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import type { Syncer } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';
import { verifyPassword } from '../../core/passwords/verify.ts';
import { call, type OrganizationCallers, organizationWithCallers, startObjectTest } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { until } from '../../test/until.ts';
import { runSyncerNow, syncOnce } from './run.ts';
import { SOURCE_LIMITS } from './source.ts';
import { startHangingServer } from './testing/hanging-server.ts';
import { sourceSyncer, syncerColumn } from './testing/syncer-fields.ts';

let t: TestApp;
let acme: OrganizationCallers;
let other: OrganizationCallers;
let source: SourceTables;

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  other = await organizationWithCallers(t, 'other');
  source = await createPostgresSource();
  await source.createTable('staff', { login: 'text', mail: 'text', bio: 'text' });
  await source.insertRows(
    'staff',
    Array.from({ length: 50 }, (_, index) => ({
      login: `user${index + 1}`,
      mail: `user${index + 1}@example.com`,
      bio: 'x'.repeat(3000),
    })),
  );
}, 60_000);
afterAll(async () => {
  await source?.dispose();
  await t?.dispose();
});

const syncer = (name: string, fields: Partial<Syncer> = {}): Syncer =>
  ({
    ...codecs.syncer.defaults(),
    ...sourceSyncer(source, 'postgres', name),
    table: 'staff',
    tableColumns: [syncerColumn('login', 'Name', { isKey: true }), syncerColumn('mail', 'Email')],
    syncInterval: 60,
    ...fields,
  }) as Syncer;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return translate('en', error.code, error.params);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a hostile or slow database', () => {
  test('a server that accepts and never answers times out, and the run says so', async () => {
    const hanging = await startHangingServer();
    try {
      const stuck = syncer('hang', { host: '127.0.0.1', port: hanging.port });
      await call(t, acme.admin, '/api/add-syncer', stuck);
      const started = performance.now();
      const message = await refusal(
        syncOnce(t.context, stuck, { limits: { ...SOURCE_LIMITS, connectTimeoutMs: 1_000, deadlineMs: 2_000 } }),
      );
      expect(message).toStartWith(en('syncer.timeout', { detail: '' }));
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(hanging.connections()).toBe(1);
      expect((await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'hang' }))?.errorText).toContain(
        en('syncer.timeout', { detail: '' }),
      );
    } finally {
      await hanging.close();
    }
  });

  test('the same for MySQL: a server that never answers times out', async () => {
    const hanging = await startHangingServer();
    try {
      const stuck = syncer('hang-mysql', { databaseType: 'mysql', host: '127.0.0.1', port: hanging.port });
      const started = performance.now();
      const message = await refusal(
        syncOnce(t.context, stuck, { limits: { ...SOURCE_LIMITS, connectTimeoutMs: 1_000, deadlineMs: 2_000 } }),
      );
      expect(message).toStartWith(en('syncer.timeout', { detail: '' }));
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(hanging.connections()).toBe(1);
    } finally {
      await hanging.close();
    }
  });

  test('while one run hangs: the server answers, the same syncer is not run twice, its organization waits, another organization runs', async () => {
    const hanging = await startHangingServer();
    try {
      const stuck = syncer('hang-2', { host: '127.0.0.1', port: hanging.port });
      await call(t, acme.admin, '/api/add-syncer', stuck);
      // Deadlines far beyond this test: the run hangs until the test drops its connection below.
      const limits = { ...SOURCE_LIMITS, connectTimeoutMs: 60_000, deadlineMs: 60_000 };
      const first = runSyncerNow(t.context, stuck, { limits }).catch((error) => error);
      await until(() => hanging.connections() > 0, 'the first run connected', 10_000);
      const asked = performance.now();
      expect((await call(t, acme.admin, '/api/get-syncers?owner=admin&organization=acme')).status).toBe('ok');
      expect(performance.now() - asked).toBeLessThan(10_000);
      expect((await call(t, acme.admin, '/api/run-syncer?id=admin/hang-2')).msg).toBe(
        en('syncer.already_running', { id: 'admin/hang-2' }),
      );
      await call(t, acme.admin, '/api/add-syncer', syncer('acme-second'));
      expect((await call(t, acme.admin, '/api/run-syncer?id=admin/acme-second')).msg).toBe(en('syncer.busy'));
      await call(t, other.admin, '/api/add-syncer', syncer('other-staff', { organization: 'other' }));
      const others = await call(t, other.admin, '/api/run-syncer?id=admin/other-staff');
      expect(others.data).toMatchObject({ added: 50 });
      expect(hanging.connections()).toBe(1);
      // The database goes away: the hanging run ends with an error.
      await hanging.close();
      expect(await first).toBeInstanceOf(ApiError);
      // Once the hanging run has ended, the organization's other syncer runs (positive control).
      expect((await call(t, acme.admin, '/api/run-syncer?id=admin/acme-second')).data).toMatchObject({ added: 50 });
    } finally {
      await hanging.close();
    }
  }, 300_000);

  test('a table with more rows, or more data, than a run reads is refused whole', async () => {
    const wide = syncer('wide', {
      tableColumns: [syncerColumn('login', 'Name', { isKey: true }), syncerColumn('bio', 'Bio')],
    });
    await insertRow(t.context.db, 'syncer', codecs.syncer.encode(wide));
    expect(await refusal(syncOnce(t.context, wide, { limits: { ...SOURCE_LIMITS, maxRows: 10 } }))).toBe(
      en('syncer.too_many_rows', { max: 10 }),
    );
    expect(await refusal(syncOnce(t.context, wide, { limits: { ...SOURCE_LIMITS, maxBytes: 64 * 1024 } }))).toBe(
      en('syncer.too_much_data'),
    );
    // A value longer than a run reads is that row's problem alone.
    const report = await syncOnce(
      t.context,
      { ...wide, name: 'wide' },
      { limits: { ...SOURCE_LIMITS, maxValueLength: 100 } },
    );
    expect(report.rejected).toHaveLength(50);
    expect(report.rejected[0]!.reason).toBe('its bio is longer than 100 characters');
  });

  test('names stored past the API are checked again before any SQL: nothing is injected', async () => {
    const planted = syncer('planted', { table: 'staff; drop table staff' });
    await insertRow(t.context.db, 'syncer', codecs.syncer.encode(planted));
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/planted')).msg).toBe(
      en('syncer.table_invalid', { name: 'staff; drop table staff' }),
    );
    const column_ = syncer('planted-column', {
      tableColumns: [syncerColumn('login", (select passwd from pg_shadow limit 1) as "x', 'Name', { isKey: true })],
    });
    await insertRow(t.context.db, 'syncer', codecs.syncer.encode(column_));
    expect((await call(t, acme.admin, '/api/run-syncer?id=admin/planted-column')).status).toBe('error');
    expect(await source.countRows('staff')).toBe(50);
  });
});

describe('what a table may not reach', () => {
  test('the built-in administrator is never synced, even by a syncer of built-in', async () => {
    await source.createTable('admins', { login: 'text', secret: 'text' });
    await source.insertRows('admins', [
      { login: 'admin', secret: 'taken-over-1' },
      { login: 'helper', secret: 'helper-password-1' },
    ]);
    const root = syncer('admins', {
      organization: 'built-in',
      table: 'admins',
      tableColumns: [syncerColumn('login', 'Name', { isKey: true }), syncerColumn('secret', 'Password')],
    });
    await insertRow(t.context.db, 'syncer', codecs.syncer.encode(root));
    const report = await syncOnce(t.context, root);
    expect(report).toMatchObject({
      added: 1,
      rejected: [{ key: 'admin', reason: 'built-in/admin is built in and never synced' }],
    });
    const admin = (await findUser(t.context.db, 'built-in', 'admin'))!;
    expect(await verifyPassword(t.context.passwords, admin, 'taken-over-1')).toBe(false);
    expect(await findUser(t.context.db, 'built-in', 'helper')).toBeDefined();
  });
});

describe('addresses a syncer may not reach', () => {
  test('without the operator allowance, loopback and private addresses are refused before connecting', async () => {
    const strict = await createTestApp();
    const hanging = await startHangingServer();
    try {
      const target = syncer('inside', { host: '127.0.0.1', port: hanging.port, organization: 'built-in' });
      await insertRow(strict.context.db, 'syncer', codecs.syncer.encode(target));
      expect(await refusal(runSyncerNow(strict.context, target))).toBe(
        en('syncer.address_refused', { host: '127.0.0.1' }),
      );
      const byName = { ...target, host: 'localhost' };
      expect(await refusal(runSyncerNow(strict.context, byName))).toBe(
        en('syncer.address_refused', { host: 'localhost' }),
      );
      expect(hanging.connections()).toBe(0);
    } finally {
      await hanging.close();
      await strict.dispose();
    }
    // Cloud metadata is refused even with the allowance.
    expect(await refusal(syncOnce(t.context, syncer('metadata', { host: '169.254.169.254' })))).toBe(
      en('syncer.address_refused', { host: '169.254.169.254' }),
    );
  });
});
