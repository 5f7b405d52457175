import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServerDatabase, sqliteIntegrity, walProgress } from '@latchkey/db/testing';
import { loadConfig } from '../core/config/index.ts';
import { createLogger } from '../core/logging/logger.ts';
import { until } from '../test/until.ts';
import { sqliteFile } from './open-context.ts';
import { startServer } from './start.ts';

const folder = mkdtempSync(join(tmpdir(), 'latchkey-start-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a server on a SQLite file', () => {
  test('checkpoints its WAL off the serving thread and, when stopped, leaves a consistent file with no WAL', async () => {
    const config = {
      ...loadConfig({
        LATCHKEY_DATA_DIR: folder,
        LATCHKEY_HOST: '127.0.0.1',
        LATCHKEY_ORIGIN: 'http://127.0.0.1:8000',
        LATCHKEY_PORTAL: 'false',
        LATCHKEY_ADMIN_PASSWORD: 'a-long-enough-password-for-tests',
      }),
      port: 0,
    };
    const file = sqliteFile(config);
    const running = await startServer(config, createLogger('silent'));
    let stopped = false;
    try {
      // The first start writes the schema and the built-in objects, hundreds of pages: far below the
      // serving connection's own checkpoint, so only the worker copies them into the database file.
      await until(() => {
        const now = walProgress(file);
        return now.frames > 0 && now.backfilled === now.frames;
      }, 'the worker checkpointed what the first start wrote');
      expect((await fetch(`${running.url}/api/health`)).ok).toBe(true);
      expect(await running.stop({ graceMs: 1_000 })).toBe('drained');
      stopped = true;
    } finally {
      if (!stopped) await running.stop({ graceMs: 0 });
    }
    // Only the last connection to close removes the WAL: the worker's had closed before the server's.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const database = openServerDatabase({ sqliteFile: file }, { readonly: true });
    try {
      expect(await sqliteIntegrity(database.db)).toBe('ok');
    } finally {
      await database.close();
    }
  });
});
