import { describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACL_MODEL, migrationTableExists, openServerDatabase, type ServerDatabaseLocation } from '@latchkey/db/testing';
import {
  createPostgresDatabase,
  freePort,
  PORT_TAKEN,
  postgresUrl,
  type RunningLatchkey,
  repositoryRoot,
  signInSession,
  startLatchkey,
} from '../support/server.ts';
import { until } from '../support/until.ts';
import { builtInObjects, checkRecovered, inspectDatabase } from './crash-checks.ts';
import { Ledger, type SignInUser, type Target } from './crash-ledger.ts';
import { policyLine, startLoad, userFields } from './crash-workload.ts';

/**
 * The server killed with SIGKILL in the middle of writes, then started again on the same data,
 * three times: it comes back with nothing half-written and everything it confirmed still there.
 * On SQLite always (the Postgres run excepted), on Postgres when the test run has a server.
 */
const ORIGIN = 'http://crash.example.test';
const CYCLES = 3;
const FIRST_START_KILLS = 4;
const databases = [...(process.env.LATCHKEY_TEST_DATABASE_URL ? [] : ['sqlite']), ...(postgresUrl ? ['postgres'] : [])];

async function asAdmin(url: string, cookie: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (answer.status !== 'ok') throw new Error(`${path}: ${answer.msg}`);
  return answer.data;
}

/** An organization, a confidential application allowed client_credentials, users who sign in, and an enforcer with policy lines. */
async function prepare(url: string, adminCookie: string, ledger: Ledger): Promise<Target> {
  const organization = 'crash';
  await asAdmin(url, adminCookie, '/api/add-organization', {
    owner: 'admin',
    name: organization,
    displayName: 'Crash',
  });
  await asAdmin(url, adminCookie, '/api/add-application', {
    owner: 'admin',
    name: 'crash-app',
    organization,
    cert: 'cert-built-in',
    enablePassword: true,
    expireInHours: 24,
    grantTypes: ['client_credentials', 'password', 'refresh_token'],
    redirectUris: ['https://rp.example.com/callback'],
  });
  const application = await asAdmin(url, adminCookie, '/api/get-application?id=admin/crash-app');
  const signInUsers: SignInUser[] = [];
  for (const name of ['signer-a', 'signer-b']) {
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const fields = userFields(name, 0);
    await asAdmin(url, adminCookie, '/api/add-user', { owner: organization, name, password, ...fields });
    ledger.users.set(name, { confirmed: fields });
    signInUsers.push({ name, password });
  }
  await asAdmin(url, adminCookie, '/api/add-model', { owner: organization, name: 'acl', modelText: ACL_MODEL });
  await asAdmin(url, adminCookie, '/api/add-adapter', { owner: organization, name: 'rules' });
  await asAdmin(url, adminCookie, '/api/add-enforcer', {
    owner: organization,
    name: 'guard',
    model: `${organization}/acl`,
    adapter: `${organization}/rules`,
  });
  for (const subject of ['editor-a', 'editor-b', 'editor-c', 'editor-d', 'editor-e', 'editor-f']) {
    await asAdmin(url, adminCookie, `/api/add-policy?id=${organization}/guard`, policyLine(subject, 'act-0'));
    ledger.policies.set(subject, { confirmed: 'act-0' });
  }
  return {
    url,
    organization,
    adminCookie,
    signInUsers,
    enforcer: `${organization}/guard`,
    application: { name: application.name, clientId: application.clientId, clientSecret: application.clientSecret },
  };
}

/** True once a start has begun to migrate: the SQLite file exists, or Kysely's table on Postgres. */
async function migrationBegun(location: ServerDatabaseLocation): Promise<boolean> {
  if (location.sqliteFile) return existsSync(location.sqliteFile);
  const database = openServerDatabase(location, { readonly: true });
  try {
    return await migrationTableExists(database);
  } finally {
    await database.close();
  }
}

/**
 * Starts the server on an empty data folder and kills it while it migrates and creates the
 * built-in objects, a few times over; a later start must still come up on that data.
 */
async function killFirstStarts(
  dataDir: string,
  env: Record<string, string>,
  location: ServerDatabaseLocation,
): Promise<void> {
  for (let attempt = 0; attempt < FIRST_START_KILLS; attempt++) {
    const child = Bun.spawn(['bun', join(repositoryRoot, 'apps/api/src/index.ts')], {
      cwd: dataDir,
      env: {
        ...(process.env as Record<string, string>),
        LATCHKEY_HOST: '127.0.0.1',
        LATCHKEY_PORT: String(freePort()),
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_PORTAL: 'false',
        ...env,
      },
      stdout: 'ignore',
      stderr: 'pipe',
    });
    /** A start that ended on its own failed, unless another process took its port once it was done (then it counts as a start that was not killed). */
    const endedOnItsOwn = async () => {
      const stderr = await new Response(child.stderr).text();
      if (!PORT_TAKEN.test(stderr)) throw new Error(`a start after a killed first start failed:\n${stderr}`);
    };
    const exitedFirst = await until(
      async () => child.exitCode !== null || migrationBegun(location),
      'a first start has begun to migrate',
      30_000,
      2,
    ).then(() => child.exitCode !== null);
    if (exitedFirst) {
      await endedOnItsOwn();
      continue;
    }
    // A random moment of the migrations and the seeding that follows: waiting for time on purpose.
    await Bun.sleep(Math.random() * 150);
    if (child.exitCode !== null) {
      await endedOnItsOwn();
      continue;
    }
    child.kill('SIGKILL');
    await child.exited;
  }
}

describe.each(databases)('SIGKILL under load, on %s', (dialect) => {
  test(`${CYCLES} kills in the middle of writes: each restart finds every confirmed write and nothing half-written`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-crash-'));
    const database = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    const adminPassword = `crash-${randomBytes(9).toString('base64url')}`;
    const env = {
      LATCHKEY_ORIGIN: ORIGIN,
      LATCHKEY_ADMIN_PASSWORD: adminPassword,
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    const location = database ? { postgresUrl: database.url } : { sqliteFile: join(dataDir, 'latchkey.db') };
    let server: RunningLatchkey | undefined;
    try {
      await killFirstStarts(dataDir, env, location);
      server = await startLatchkey({ dataDir, env });
      const ledger = new Ledger();
      const adminCookie = await signInSession(server.url, {
        organization: 'built-in',
        username: 'admin',
        password: adminPassword,
      });
      const target = await prepare(server.url, adminCookie, ledger);
      const builtIns = await builtInObjects(target);
      const { migrations } = await inspectDatabase(location);
      const migrationFiles = readdirSync(join(repositoryRoot, 'packages/db/src/migrations')).map((file) =>
        file.replace(/\.ts$/, ''),
      );
      expect(migrations).toEqual(migrationFiles.sort());

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const load = startLoad(target, ledger, cycle);
        // A random moment under load: once every kind of write went through, after a random number more.
        await load.confirmed(Math.floor(Math.random() * 120));
        load.stop();
        server.signal('SIGKILL');
        await server.exited;
        await load.finished;

        const inspected = await inspectDatabase(location);
        if (dialect === 'sqlite') expect(inspected.integrity).toBe('ok');

        server = await startLatchkey({ dataDir, env });
        target.url = server.url;
        expect(await checkRecovered(target, ledger, { adminPassword, builtIns })).toEqual([]);
        expect((await inspectDatabase(location)).migrations).toEqual(migrations);
      }
      expect(ledger.tokens.length).toBeGreaterThan(0);
      expect(ledger.sessions.length).toBeGreaterThan(0);
      expect(ledger.chains.filter((chain) => chain.rows > 1).length).toBeGreaterThan(0);
      expect(ledger.uploads.filter((upload) => upload.outcome === 'confirmed').length).toBeGreaterThan(0);
    } finally {
      await server?.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
