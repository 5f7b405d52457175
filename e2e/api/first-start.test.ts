import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseEnvironment, startLatchkey } from '../support/server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-first-start-'));
const database = await databaseEnvironment();
afterAll(async () => {
  await database.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function account(url: string, password: string) {
  const response = await fetch(
    `${url}/api/get-account?username=built-in/admin&password=${encodeURIComponent(password)}`,
  );
  return response.json();
}

describe('a real first start and restart', () => {
  test('without a configured password: one is generated, printed once, saved 0600, and works; a restart changes nothing', async () => {
    const env = { ...database.env, LATCHKEY_ADMIN_PASSWORD: '' };
    const first = await startLatchkey({ dataDir, env });
    const printed = /Password\s+(\S+)/.exec(first.output())?.[1];
    const certBefore = await (await fetch(`${first.url}/api/health`)).json();
    await first.stop();
    expect(printed).toMatch(/^[A-Za-z0-9]{20}$/);
    const file = join(dataDir, 'admin-password.txt');
    expect(readFileSync(file, 'utf8').trim()).toBe(printed!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    if (!database.env.DATABASE_URL) expect(existsSync(join(dataDir, 'latchkey.db'))).toBe(true);
    expect(certBefore.status).toBe('ok');

    const second = await startLatchkey({ dataDir, env: { ...env, LATCHKEY_ADMIN_PASSWORD: 'a-different-password' } });
    try {
      expect(second.output()).not.toContain('Password ');
      expect((await account(second.url, printed!)).name).toBe('admin');
      expect((await account(second.url, 'a-different-password')).status).toBe('error');
      expect((await account(second.url, '123')).status).toBe('error');
    } finally {
      await second.stop();
    }
  });

  test('a bad setting stops the start with a message naming it', async () => {
    const child = Bun.spawn(['bun', join(import.meta.dir, '../../apps/api/src/index.ts')], {
      env: { ...(process.env as Record<string, string>), LATCHKEY_PORT: 'eighty', LATCHKEY_DATA_DIR: dataDir },
      stderr: 'pipe',
      stdout: 'pipe',
    });
    const code = await child.exited;
    const stderr = await new Response(child.stderr).text();
    expect(code).toBe(1);
    expect(stderr).toContain('LATCHKEY_PORT must be a whole number from 1 to 65535; got "eighty"');
  });
});
