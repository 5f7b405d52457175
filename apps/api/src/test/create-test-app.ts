import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb, type TestDb } from '@latchkey/db/testing';
import { type Config, loadConfig } from '../core/config/index.ts';
import type { AppContext, Clock } from '../core/context.ts';
import { type GeneratedCertificate, generateCertificate } from '../core/crypto/certificates.ts';
import { createSecretBox } from '../core/crypto/secret-box.ts';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { createPasswordHasher } from '../core/passwords/hasher.ts';
import { stopDeliveries } from '../jobs/outbound/deliveries.ts';
import { createApp } from '../server/app.ts';
import { ensureBuiltIns } from '../server/built-ins.ts';

/** A clock tests can move forward. */
export function createTestClock(
  start = Date.now(),
): Clock & { advance(milliseconds: number): void; set(date: Date): void } {
  let current = start;
  return {
    now: () => new Date(current),
    advance: (milliseconds) => {
      current += milliseconds;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

/**
 * The built-in cert's key pair, made once per test process: an RSA key is made at the lowest
 * priority (nice 19), which on a loaded machine takes tens of seconds, and every test app needs one.
 */
const builtInCertificates = new Map<string, Promise<GeneratedCertificate>>();
const sharedCertificate: typeof generateCertificate = (options) => {
  const key = JSON.stringify(options);
  let made = builtInCertificates.get(key);
  if (!made) {
    made = generateCertificate(options);
    builtInCertificates.set(key, made);
  }
  return made;
};

export interface TestAppOptions {
  config?: Partial<Config>;
}

/**
 * The API over a fresh database (in-memory SQLite, or its own schema on the test Postgres server
 * when LATCHKEY_TEST_DATABASE_URL is set), with the built-ins seeded, a fast password hasher, a
 * movable clock and logs kept in memory. Requests go through `app.handle`, no network.
 */
export async function createTestApp(options: TestAppOptions = {}) {
  const testDb: TestDb = await openTestDb();
  const memory = createMemoryLogger('debug');
  const clock = createTestClock();
  // Tests sign in far more often than a person could, and run costly policies back to back on a
  // loaded machine; the rate-limit and time-share tests set their own limits.
  // Files a test stores go to a folder of its own, removed with the app.
  const dataDir = join(tmpdir(), `latchkey-test-${randomBytes(6).toString('hex')}`);
  const config: Config = {
    ...loadConfig({}),
    dataDir,
    adminPassword: TEST_ADMIN_PASSWORD,
    trustProxy: true,
    signinRateLimit: 1_000_000,
    enforceShare: 1_000_000,
    enforceCallLimit: 60_000,
    ...options.config,
  };
  const context: AppContext = {
    config,
    db: testDb.db,
    dialect: testDb.dialect,
    log: memory.logger,
    secrets: createSecretBox(randomBytes(32)),
    passwords: createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    clock,
  };
  await ensureBuiltIns(context, { generateCertificate: sharedCertificate });
  const app = createApp(context);
  return {
    app,
    context,
    clock,
    logs: memory,
    testDb,
    /** Sends a request to the app. `body` objects are sent as JSON. */
    async request(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers = new Headers(init.headers);
      let body: BodyInit | undefined;
      if (init.body !== undefined) {
        if (typeof init.body === 'string' || init.body instanceof FormData || init.body instanceof URLSearchParams)
          body = init.body as BodyInit;
        else {
          body = JSON.stringify(init.body);
          if (!headers.has('content-type')) headers.set('content-type', 'application/json');
        }
      }
      const method = init.method ?? (body === undefined ? 'GET' : 'POST');
      const response = await app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
      const text = await response.text();
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    dispose: () => {
      stopDeliveries(context);
      if (!options.config?.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return testDb.dispose();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
