import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBinary } from '../../scripts/build-binary.ts';
import { type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';
import { authorizationCode, cookieFrom, pkce } from './authorization-flow.ts';
import { type OidcFixtures, seedOidcFixtures } from './oidc-fixtures.ts';

/**
 * The single executable, as someone who downloaded it would run it: built once per run (or reused
 * when current), copied alone into an empty folder, started there with no Bun, no repository and no
 * database server around, on its own SQLite file; the API, the portal and the OAuth flow answer on
 * one port.
 */
let folder: string;
let binary: string;
let latchkey: RunningLatchkey;
let fixtures: OidcFixtures;
/** The environment of a machine with nothing installed: no PATH to Bun or the repository, no database URL. */
let bareEnvironment: Record<string, string>;

beforeAll(async () => {
  const build = await buildBinary();
  folder = mkdtempSync(join(tmpdir(), 'latchkey-binary-'));
  binary = join(folder, 'latchkey');
  copyFileSync(build.path, binary);
  chmodSync(binary, 0o755);
  const emptyPath = join(folder, 'empty-path');
  mkdirSync(emptyPath);
  bareEnvironment = {
    PATH: emptyPath,
    DATABASE_URL: '',
    LATCHKEY_TEST_DATABASE_URL: '',
    LATCHKEY_POSTGRES_URL: '',
    BUN_INSTALL: '',
    NODE_PATH: '',
  };
  latchkey = await startLatchkey({
    command: [binary, 'serve'],
    portal: true,
    cwd: folder,
    dataDir: join(folder, 'data'),
    env: { ...bareEnvironment, LATCHKEY_DATA_DIR: 'data' },
  });
  fixtures = await seedOidcFixtures(latchkey);
}, 600_000);

afterAll(async () => {
  await latchkey?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function runBinary(args: string[]) {
  const result = Bun.spawnSync([binary, ...args], {
    cwd: folder,
    env: { ...(process.env as Record<string, string>), ...bareEnvironment },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

describe('the single binary, alone in an empty folder', () => {
  test('the command line works: --version, --help, a usage mistake, migrate', () => {
    expect(runBinary(['--version']).stdout).toMatch(/^latchkey \d+\.\d+\.\d+\n$/);
    const help = runBinary(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'reset-admin-password', 'import-casdoor', 'export'])
      expect(help.stdout).toContain(command);
    const wrong = runBinary(['frob']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('there is no command "frob"');
    const migrate = runBinary(['migrate']);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
  });

  test('a first start prepares its database in a process of its own and announces the generated password; a later start spawns nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-binary-first-start-'));
    const start = () =>
      startLatchkey({
        command: [binary, 'serve'],
        cwd: folder,
        dataDir,
        env: { ...bareEnvironment, LATCHKEY_ADMIN_PASSWORD: '' },
      });
    const first = await start();
    await first.stop();
    const output = first.output();
    expect(output).toContain('"msg":"prepared the database in a process of its own"');
    expect(output).toContain('"msg":"created the built-in organization, administrator, application and cert"');
    const password = /Password\s+(\S+)/.exec(output)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(output).toContain('Latchkey created the administrator account.');
    expect(readFileSync(join(dataDir, 'admin-password.txt'), 'utf8')).toBe(`${password}\n`);

    const later = await start();
    try {
      // The decision is taken before the server listens, which startLatchkey waited for.
      expect(later.output()).not.toContain('prepared the database');
      expect(later.output()).not.toContain('Password ');
      const account = await fetch(
        `${later.url}/api/get-account?username=built-in/admin&password=${encodeURIComponent(password!)}`,
      ).then((response) => response.json());
      expect(account).toMatchObject({ status: 'ok', data: { name: 'admin' } });
    } finally {
      await later.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the console renders again after its thread gave back its memory in a quiet spell', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-binary-quiet-'));
    const quiet = await startLatchkey({
      command: [binary, 'serve'],
      portal: true,
      cwd: folder,
      dataDir,
      env: { ...bareEnvironment, LATCHKEY_LOG_LEVEL: 'debug' },
    });
    const givenBack = () => quiet.output().split('the console gave back the memory it no longer uses').length - 1;
    const signInPage = async () => {
      const page = await fetch(`${quiet.url}/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Sign in');
    };
    try {
      await signInPage();
      const before = await until(givenBack, 'the console gave back its memory after its first page', 40_000);
      await signInPage();
      await until(() => givenBack() > before, 'the console gave back its memory after a later page', 40_000);
      await signInPage();
    } finally {
      await quiet.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the API answers, with its SQLite file and the unpacked portal in the data folder and nothing else beside the binary', async () => {
    expect(await fetch(`${latchkey.url}/api/health`).then((response) => response.json())).toEqual({
      status: 'ok',
      msg: '',
      data: null,
      data2: null,
    });
    expect(readdirSync(folder).sort()).toEqual(['data', 'empty-path', 'latchkey']);
    expect(existsSync(join(folder, 'data', 'latchkey.db'))).toBe(true);
    expect(existsSync(join(folder, 'data', 'secret.key'))).toBe(true);
    const [unpacked, ...others] = readdirSync(join(folder, 'data', 'portal'));
    expect(others).toEqual([]);
    expect(existsSync(join(folder, 'data', 'portal', unpacked!, 'apps', 'admin', 'server.js'))).toBe(true);
  });

  test('an administrator signs in through the API and the session works', async () => {
    const login = await fetch(`${latchkey.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organization: 'built-in',
        username: 'admin',
        password: latchkey.adminPassword,
        type: 'login',
      }),
    });
    expect(await login.json()).toMatchObject({ status: 'ok', data: 'built-in/admin' });
    const cookie = `casdoor_session_id=${cookieFrom(login, 'casdoor_session_id')}`;
    const account = await fetch(`${latchkey.url}/api/get-account`, { headers: { cookie } }).then((response) =>
      response.json(),
    );
    expect(account).toMatchObject({ status: 'ok', data: { owner: 'built-in', name: 'admin', password: '***' } });
    // The console renders for the same session.
    const page = await fetch(`${latchkey.url}/account`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('built-in/admin');
  });

  test("the portal's sign-in page is served on the same port, with its assets", async () => {
    const page = await fetch(`${latchkey.url}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Sign in');
    const assets = [...html.matchAll(/\/_next\/static\/[^"]+\.(?:js|css)/g)].map((match) => match[0]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets.slice(0, 3)) expect((await fetch(`${latchkey.url}${asset}`)).status).toBe(200);
  });

  test('the API reference and its page work from the binary, with their assets inside it', async () => {
    const document = (await fetch(`${latchkey.url}/swagger/openapi.json`).then((response) => response.json())) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers[0]!.url).toBe(latchkey.url);
    expect(Object.keys(document.paths)).toContain('/api/get-users');
    const page = await fetch(`${latchkey.url}/swagger`).then((response) => response.text());
    expect(page).toContain('/swagger/swagger-ui-bundle.js');
    const bundle = await fetch(`${latchkey.url}/swagger/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(500_000);
  });

  test('the OAuth authorization-code flow with PKCE, through the portal-rendered sign-in page, end to end', async () => {
    const { verifier, challenge } = pkce();
    const { code, callback, page } = await authorizationCode(
      latchkey.url,
      fixtures.web,
      { username: fixtures.username, password: fixtures.password },
      { origin: latchkey.url, challenge },
    );
    // The portal rendered the page (the endpoint's own fallback page is not a Next.js page).
    expect(page).toContain('/_next/static/');
    expect(page).toContain('Acme Web');
    expect(`${callback.origin}${callback.pathname}`).toBe(fixtures.web.redirectUri);

    const token = await fetch(`${latchkey.url}/api/login/oauth/access_token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${fixtures.web.clientId}:${fixtures.web.clientSecret}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: fixtures.web.redirectUri,
        code_verifier: verifier,
      }),
    });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as {
      access_token: string;
      id_token: string;
      refresh_token: string;
      token_type: string;
    };
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.id_token.split('.')).toHaveLength(3);

    const userinfo = await fetch(`${latchkey.url}/api/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    }).then((response) => response.json());
    expect(userinfo).toMatchObject({ preferred_username: 'alice', email: 'alice@example.com' });
  });
});
