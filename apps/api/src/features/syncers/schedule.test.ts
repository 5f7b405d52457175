import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findRow, findUser } from '@latchkey/db';
import { createPostgresSource, type SourceTables } from '@latchkey/db/testing';
import { startSyncSchedule } from '../../jobs/syncers/schedule.ts';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { until } from '../../test/until.ts';
import { startSyncers } from './index.ts';
import { CLAIM_MS } from './run.ts';
import { startHangingServer } from './testing/hanging-server.ts';
import { sourceSyncer, syncerColumn } from './testing/syncer-fields.ts';

let t: TestApp;
let acme: OrganizationCallers;
let source: SourceTables;

beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  source = await createPostgresSource();
  await source.createTable('staff', { login: 'text', mail: 'text' });
  await source.insertRows('staff', [{ login: 'sam', mail: 'sam@example.com' }]);
}, 60_000);
afterAll(async () => {
  await source?.dispose();
  await t?.dispose();
});

const syncer = (name: string, fields: Record<string, unknown> = {}) => ({
  ...sourceSyncer(source, 'postgres', name),
  table: 'staff',
  tableColumns: [syncerColumn('login', 'Name', { isKey: true }), syncerColumn('mail', 'Email')],
  syncInterval: 60,
  isEnabled: true,
  ...fields,
});

/**
 * The looks of a schedule and the syncers each started, so that a test waits for looks, not for
 * time, before it says that a look found nothing to do.
 */
function lookLog() {
  const looks: string[][] = [];
  return {
    onLook: (started: readonly string[]) => void looks.push([...started]),
    count: () => looks.length,
    /**
     * Waits for `count` looks that began after this call (the look under way may have read the
     * clock before) and answers the syncers they started.
     */
    async next(count: number, what: string): Promise<string[]> {
      const from = looks.length + 1;
      await until(() => looks.length >= from + count, what, 10_000);
      return looks.slice(from, from + count).flat();
    },
  };
}

const lastFinished = async (id: string) =>
  Number((await findRow(t.context.db, 'syncer_run', { syncer: id }))?.lastFinishedAt ?? 0);

describe('the sync schedule', () => {
  test('an enabled syncer runs at once, then every syncInterval seconds (by the clock); a disabled one never', async () => {
    const looks = lookLog();
    const schedule = startSyncers(t.context, { tickMs: 20, minIntervalMs: 10_000, onLook: looks.onLook });
    try {
      expect((await call(t, acme.admin, '/api/add-syncer', syncer('staff'))).data).toBe('Affected');
      await call(t, acme.admin, '/api/add-syncer', { ...syncer('off'), table: 'nothing_here', isEnabled: false });
      await until(() => findUser(t.context.db, 'acme', 'sam'), 'the first scheduled run added sam', 10_000);
      const first = await until(() => lastFinished('admin/staff'), 'the first run finished');
      await source.insertRows('staff', [{ login: 'tess', mail: 'tess@example.com' }]);
      // Not yet due: 59 seconds later by the clock, the looks (every 20 ms) find nothing to do.
      t.clock.advance(59_000);
      expect(await looks.next(3, 'three looks 59 seconds after the first run')).toEqual([]);
      expect(await findUser(t.context.db, 'acme', 'tess')).toBeUndefined();
      expect(await lastFinished('admin/staff')).toBe(first);
      // Due: a minute after the last run ended.
      t.clock.advance(2_000);
      await until(() => findUser(t.context.db, 'acme', 'tess'), 'the second scheduled run added tess', 10_000);
      await until(async () => (await lastFinished('admin/staff')) > first, 'the second run finished');
      expect(await findRow(t.context.db, 'syncer_run', { syncer: 'admin/off' })).toBeUndefined();
      expect((await findRow(t.context.db, 'syncer', { owner: 'admin', name: 'off' }))?.errorText).toBe('');
    } finally {
      await schedule.stop();
    }
    // Stopped: a due syncer is no longer run. A schedule of the same tick that keeps looking (and
    // runs nothing) shows when the stopped one would have looked again, three times over.
    await source.insertRows('staff', [{ login: 'uma', mail: 'uma@example.com' }]);
    t.clock.advance(120_000);
    const looksWhenStopped = looks.count();
    const witnessLooks = lookLog();
    const witness = startSyncSchedule(t.context, {
      tickMs: 20,
      minIntervalMs: 10_000,
      claimMs: CLAIM_MS,
      runnable: () => false,
      run: async () => {},
      onLook: witnessLooks.onLook,
    });
    try {
      await witnessLooks.next(3, 'a schedule of the same tick looked three times');
    } finally {
      await witness.stop();
    }
    expect(looks.count()).toBe(looksWhenStopped);
    expect(await findUser(t.context.db, 'acme', 'uma')).toBeUndefined();
    await call(t, acme.admin, '/api/update-syncer?id=admin/staff', { isEnabled: false });
  });

  test('the interval is never shorter than the minimum, whatever syncInterval says', async () => {
    const looks = lookLog();
    const schedule = startSyncers(t.context, { tickMs: 20, minIntervalMs: 30_000, onLook: looks.onLook });
    try {
      await call(t, acme.admin, '/api/add-syncer', syncer('eager', { syncInterval: 1 }));
      const first = await until(
        () => lastFinished('admin/eager'),
        'the first run of the eager syncer finished',
        10_000,
      );
      // syncInterval says one second: five seconds later, the looks still find nothing to do.
      t.clock.advance(5_000);
      expect(await looks.next(3, 'three looks 5 seconds after the first run')).toEqual([]);
      expect(await lastFinished('admin/eager')).toBe(first);
      t.clock.advance(30_000);
      await until(
        async () => (await lastFinished('admin/eager')) > first,
        'the eager syncer ran again after the minimum interval',
        10_000,
      );
    } finally {
      await schedule.stop();
      await call(t, acme.admin, '/api/update-syncer?id=admin/eager', { isEnabled: false });
    }
  });

  test('stopping ends a run under way at once, well before its own deadline', async () => {
    const hanging = await startHangingServer();
    try {
      const schedule = startSyncers(t.context, { tickMs: 20, minIntervalMs: 10_000 });
      await call(t, acme.admin, '/api/add-syncer', syncer('stuck', { host: '127.0.0.1', port: hanging.port }));
      await until(() => hanging.connections() > 0, 'the scheduled run connected to the hanging server', 10_000);
      const started = performance.now();
      await schedule.stop();
      // The run's own deadline is 30 seconds; stopping does not wait for it.
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(Number((await findRow(t.context.db, 'syncer_run', { syncer: 'admin/stuck' }))?.claimedUntil)).toBe(0);
    } finally {
      await hanging.close();
    }
  });
});
