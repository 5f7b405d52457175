import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLatchkey } from '../support/cli.ts';
import { databaseEnvironment, type RunningLatchkey, repositoryRoot, startLatchkey } from '../support/server.ts';

/** A Casdoor init_data.json with users in every password format Casdoor writes, and applications with known credentials. */
const fixtureFile = join(repositoryRoot, 'apps/api/src/server/init-data/fixtures/casdoor-init-data.json');
const fixture = () => JSON.parse(readFileSync(fixtureFile, 'utf8'));

const users = [
  ['acme', 'alice', 'alice-old-password', 'bcrypt'],
  ['acme', 'dave', 'dave-old-password', 'md5-salt'],
  ['acme', 'erin', 'erin-plain-password', 'plain'],
  ['acme', 'frank', 'frank-old-password', 'argon2id'],
  ['acme', 'heidi', 'heidi-old-password', 'pbkdf2-salt'],
  ['legacy', 'bob', 'bob-old-password', 'salt'],
  ['legacy', 'carol', 'carol-old-password', 'salt (the organization’s)'],
] as const;

const acmePortal = { id: '7f2c1e9a4b3d5c6e8f01', secret: '5b0a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function login(url: string, organization: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization, username, password, type: 'login' }),
  });
  return ((await response.json()) as { status: string }).status;
}

describe('latchkey import-casdoor with a real server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-import-'));
  let database: Awaited<ReturnType<typeof databaseEnvironment>>;
  let env: Record<string, string>;
  let server: RunningLatchkey;

  beforeAll(async () => {
    database = await databaseEnvironment();
    env = { ...database.env, LATCHKEY_DATA_DIR: dataDir, LATCHKEY_ADMIN_PASSWORD: 'import-test-admin' };
  });
  afterAll(async () => {
    await server?.stop();
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('imports the file into a new deployment and reports what it did', async () => {
    const result = await runLatchkey(['import-casdoor', fixtureFile], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('users          8 added, 1 already present (kept as they are)');
    expect(result.stdout).toContain('applications   2 added, 1 already present');
    expect(result.stdout).toContain('tokens (1 entry)');
    expect(result.stdout).not.toContain('Rejected');
    server = await startLatchkey({ dataDir, env });
  });

  test('users sign in with their old passwords, and their hashes become argon2id', async () => {
    for (const [organization, name, password] of users) {
      expect([name, await login(server.url, organization, name, 'not-the-password')]).toEqual([name, 'error']);
      expect([name, await login(server.url, organization, name, password)]).toEqual([name, 'ok']);
    }
    const exported = JSON.parse((await runLatchkey(['export', '--with-secrets'], { env })).stdout);
    for (const [organization, name] of users) {
      const user = exported.users.find(
        (candidate: { owner: string; name: string }) => candidate.owner === organization && candidate.name === name,
      );
      expect([name, user.passwordType, user.password.startsWith('$argon2id$')]).toEqual([name, 'argon2id', true]);
    }
    expect(exported.users.find((user: { name: string }) => user.name === 'alice').id).toBe(
      '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    );
  });

  test('the imported application’s client id and secret are accepted; a wrong secret is refused', async () => {
    const good = await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: basic(acmePortal.id, acmePortal.secret) },
    });
    expect(good.headers.get('content-type')).toStartWith('text/plain; version=0.0.4');
    expect(await good.text()).toContain('latchkey_http_requests_total{method="POST",route="/api/login",status="200"}');
    const wrong = await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: basic(acmePortal.id, 'f'.repeat(40)) },
    });
    expect(((await wrong.json()) as { status: string }).status).toBe('error');
  });

  test('importing the same file again while the server runs changes nothing', async () => {
    const before = await runLatchkey(['export', '--with-secrets'], { env });
    const again = await runLatchkey(['import-casdoor', fixtureFile], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('users          0 added, 9 already present');
    expect(again.stdout).not.toMatch(/[1-9]\d* added/);
    const after = await runLatchkey(['export', '--with-secrets'], { env });
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    expect(await login(server.url, 'acme', 'alice', 'alice-old-password')).toBe('ok');
  });

  test('a file with bad entries: they are reported by name (exit 1), the rest is imported', async () => {
    const data = fixture();
    data.organizations = [{ owner: 'admin', name: 'globex', passwordType: 'bcrypt' }];
    const good = data.users.find((user: { name: string }) => user.name === 'alice');
    data.users = [
      { ...good, owner: 'globex', name: 'hank', id: 'a8b9c0d1-e2f3-4a5b-8c7d-9e0f1a2b3c4d' },
      { owner: 'globex', name: 'ivan', password: 'x', passwordType: 'crypt' },
      { owner: 'initech', name: 'judy', password: 'x', passwordType: 'bcrypt' },
    ];
    data.applications = [
      { owner: 'admin', name: 'globex-app', organization: 'globex', clientId: acmePortal.id, clientSecret: 'x' },
    ];
    for (const section of [
      'certs',
      'providers',
      'groups',
      'models',
      'adapters',
      'enforcers',
      'roles',
      'permissions',
      'webhooks',
      'tokens',
    ])
      data[section] = [];
    const file = join(dataDir, 'with-mistakes.json');
    writeFileSync(file, JSON.stringify(data));

    const result = await runLatchkey(['import-casdoor', file], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Rejected (3; nothing of these was written):');
    expect(result.stdout).toContain('  user globex/ivan: its password type "crypt" is not one Latchkey can check');
    expect(result.stdout).toContain('  user initech/judy: its organization "initech" does not exist');
    expect(result.stdout).toContain(
      `  application admin/globex-app: its client id ${acmePortal.id} already belongs to application acme-portal`,
    );
    expect(await login(server.url, 'globex', 'hank', 'alice-old-password')).toBe('ok');
    expect(await login(server.url, 'globex', 'ivan', 'x')).toBe('error');
  });

  test('a file that cannot be read or is not JSON stops with a clear message', async () => {
    const missing = await runLatchkey(['import-casdoor', join(dataDir, 'nowhere.json')], { env });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `latchkey: cannot read ${join(dataDir, 'nowhere.json')}: there is no such file\n`,
    ]);
    const file = join(dataDir, 'broken.json');
    writeFileSync(file, '{"users": [');
    const broken = await runLatchkey(['import-casdoor', file], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toStartWith(`latchkey: ${file} is not valid JSON`);
  });
});
