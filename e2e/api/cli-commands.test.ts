import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLatchkey } from '../support/cli.ts';
import { databaseEnvironment, type RunningLatchkey, repositoryRoot, startLatchkey } from '../support/server.ts';

const version = JSON.parse(readFileSync(join(repositoryRoot, 'apps/api/package.json'), 'utf8')).version as string;
const commandNames = ['serve', 'migrate', 'reset-admin-password', 'import-casdoor', 'export', 'backup'];

async function signIn(url: string, password: string): Promise<{ status: string; cookie: string }> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization: 'built-in', username: 'admin', password, type: 'login' }),
  });
  const body = (await response.json()) as { status: string };
  return { status: body.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function accountWithCookie(url: string, cookie: string): Promise<{ status: string; data?: { name: string } }> {
  return (await fetch(`${url}/api/get-account`, { headers: { cookie } })).json() as Promise<{
    status: string;
    data?: { name: string };
  }>;
}

describe('latchkey --help, --version and bad arguments', () => {
  test('--version prints the version', async () => {
    const result = await runLatchkey(['--version']);
    expect(result).toEqual({ code: 0, stdout: `latchkey ${version}\n`, stderr: '' });
  });

  test('--help lists every command, and each command has its own --help', async () => {
    const help = await runLatchkey(['--help']);
    expect(help.code).toBe(0);
    for (const name of commandNames) expect(help.stdout).toContain(`  ${name}`);
    for (const name of commandNames) {
      const own = await runLatchkey([name, '--help']);
      expect([name, own.code, own.stdout.split('\n')[0]!.startsWith(`Usage: latchkey ${name}`)]).toEqual([
        name,
        0,
        true,
      ]);
    }
  });

  test('a mistake in the arguments says what is wrong and exits with 2', async () => {
    const cases: [string[], string][] = [
      [['frob'], 'there is no command "frob"'],
      [['--frob'], 'unknown option --frob'],
      [['export', '--bogus'], 'unknown option --bogus for "latchkey export"'],
      [['export', '--output'], '--output needs a value'],
      [['export', '--with-secrets=yes'], '--with-secrets takes no value'],
      [['import-casdoor'], 'missing <file>'],
      [['backup', 'a.db', 'b.db'], 'unexpected argument "b.db"'],
      [
        ['reset-admin-password', '--password', 'long-enough-1', '--password-stdin'],
        'either with --password or with --password-stdin',
      ],
      [['reset-admin-password', '--user', 'admin'], '--user must be organization/name'],
      [['--version', 'now'], 'unexpected argument "now"'],
    ];
    for (const [args, message] of cases) {
      const result = await runLatchkey(args);
      expect([
        args.join(' '),
        result.code,
        result.stderr.includes(message),
        result.stderr.includes('--help" for usage'),
      ]).toEqual([args.join(' '), 2, true, true]);
      expect(result.stdout).toBe('');
    }
  });

  test('a bad setting is a configuration error naming it, exit 1', async () => {
    const result = await runLatchkey(['migrate'], { env: { LATCHKEY_LOG_LEVEL: 'loud' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('configuration error: LATCHKEY_LOG_LEVEL must be one of');
  });
});

describe('commands against a real deployment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-cli-'));
  let database: Awaited<ReturnType<typeof databaseEnvironment>>;
  let env: Record<string, string>;
  let server: RunningLatchkey;

  beforeAll(async () => {
    database = await databaseEnvironment();
    env = { ...database.env, LATCHKEY_DATA_DIR: dataDir, LATCHKEY_ADMIN_PASSWORD: '' };
  });
  afterAll(async () => {
    await server?.stop();
    await database.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('migrate brings an empty database up to date, and then has nothing to do', async () => {
    const first = await runLatchkey(['migrate'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied (\d+) of \1 migrations: 0001_/);
    const second = await runLatchkey(['migrate'], { env });
    expect(second.stdout).toMatch(/^The database schema is up to date \(\d+ migrations\)\.\n$/);
    server = await startLatchkey({
      dataDir,
      env: { ...database.env, LATCHKEY_ADMIN_PASSWORD: 'first-admin-password' },
    });
  });

  test('reset-admin-password prints a new password once, ends the admin’s sessions, and the old password stops working', async () => {
    const before = await signIn(server.url, 'first-admin-password');
    expect(before.status).toBe('ok');
    expect((await accountWithCookie(server.url, before.cookie)).data?.name).toBe('admin');

    const reset = await runLatchkey(['reset-admin-password'], { env });
    expect(reset.code).toBe(0);
    const generated = /New password for built-in\/admin: (\S+)/.exec(reset.stdout)?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(reset.stdout).toContain('1 sign-in session of built-in/admin ended.');

    expect((await accountWithCookie(server.url, before.cookie)).status).toBe('error');
    expect((await signIn(server.url, 'first-admin-password')).status).toBe('error');
    expect((await signIn(server.url, generated!)).status).toBe('ok');
  });

  test('reset-admin-password takes the password from standard input or from LATCHKEY_ADMIN_PASSWORD', async () => {
    const fromStdin = await runLatchkey(['reset-admin-password', '--password-stdin'], {
      env,
      stdin: 'from-standard-input\n',
    });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toContain('is now the one from standard input');
    expect(fromStdin.stdout).not.toContain('from-standard-input');
    expect((await signIn(server.url, 'from-standard-input')).status).toBe('ok');

    const fromEnv = await runLatchkey(['reset-admin-password'], {
      env: { ...env, LATCHKEY_ADMIN_PASSWORD: 'from-the-environment' },
    });
    expect(fromEnv.stdout).toContain('is now the one from LATCHKEY_ADMIN_PASSWORD');
    expect((await signIn(server.url, 'from-standard-input')).status).toBe('error');
    expect((await signIn(server.url, 'from-the-environment')).status).toBe('ok');

    const tooShort = await runLatchkey(['reset-admin-password', '--password', 'short'], { env });
    expect(tooShort.code).toBe(2);
    const nobody = await runLatchkey(
      ['reset-admin-password', '--user', 'built-in/nobody', '--password', 'long-enough-password'],
      { env },
    );
    expect([nobody.code, nobody.stderr]).toEqual([1, 'latchkey: there is no user built-in/nobody\n']);
  });

  test('export leaves secrets out unless asked, and writes a private file with them', async () => {
    const plain = await runLatchkey(['export'], { env });
    expect(plain.code).toBe(0);
    const data = JSON.parse(plain.stdout);
    expect(data.organizations.map((organization: { name: string }) => organization.name)).toContain('built-in');
    const admin = data.users.find((user: { name: string }) => user.name === 'admin');
    expect(admin.password).toBe('');
    expect(data.applications[0].clientSecret).toBe('');
    expect(data.certs[0].privateKey).toBe('');

    const file = join(dataDir, 'export.json');
    const full = await runLatchkey(['export', '--with-secrets', '--output', file], { env });
    expect(full.code).toBe(0);
    expect(full.stdout).toBe('');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const withSecrets = JSON.parse(readFileSync(file, 'utf8'));
    expect(withSecrets.users.find((user: { name: string }) => user.name === 'admin').password).toStartWith(
      '$argon2id$',
    );
    expect(withSecrets.certs[0].privateKey).toContain('PRIVATE KEY');
    expect(withSecrets.applications[0].clientSecret).toMatch(/^[0-9a-f]{40}$/);
  });

  test('export --output refuses a symbolic link: its target keeps its content and mode, and no secret lands anywhere', async () => {
    const place = mkdtempSync(join(tmpdir(), 'latchkey-export-link-'));
    try {
      const victim = join(place, 'authorized_keys');
      writeFileSync(victim, 'ssh-ed25519 AAAA keep-me\n', { mode: 0o644 });
      const link = join(place, 'export.json');
      symlinkSync(victim, link);
      const refused = await runLatchkey(['export', '--with-secrets', '--output', link], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is a symbolic link');
      expect(readFileSync(victim, 'utf8')).toBe('ssh-ed25519 AAAA keep-me\n');
      expect(statSync(victim).mode & 0o777).toBe(0o644);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readdirSync(place).sort()).toEqual(['authorized_keys', 'export.json']);
      // Positive control: a plain name in the same folder gets the export.
      const plain = await runLatchkey(['export', '--with-secrets', '--output', join(place, 'plain.json')], { env });
      expect(plain.code).toBe(0);
      expect(JSON.parse(readFileSync(join(place, 'plain.json'), 'utf8')).organizations.length).toBeGreaterThan(0);
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
  });

  test('backup copies the live SQLite database (a server started on the copy lets the admin in); with Postgres it points to pg_dump', async () => {
    const copy = join(dataDir, 'backup.db');
    const result = await runLatchkey(['backup', copy], { env });
    if (database.env.DATABASE_URL) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('back it up with pg_dump');
      expect(existsSync(copy)).toBe(false);
      return;
    }
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('integrity checked');
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    const again = await runLatchkey(['backup', copy], { env });
    expect([again.code, again.stderr.includes('already exists')]).toEqual([1, true]);

    const restored = mkdtempSync(join(tmpdir(), 'latchkey-restored-'));
    copyFileSync(copy, join(restored, 'latchkey.db'));
    copyFileSync(join(dataDir, 'secret.key'), join(restored, 'secret.key'));
    const second = await startLatchkey({
      dataDir: restored,
      env: { LATCHKEY_ADMIN_PASSWORD: 'not-used-on-a-restored-database' },
    });
    try {
      expect((await signIn(second.url, 'from-the-environment')).status).toBe('ok');
    } finally {
      await second.stop();
      rmSync(restored, { recursive: true, force: true });
    }
  });
});
