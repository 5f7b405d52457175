import { describe, expect, test } from 'bun:test';
import { version } from '../../core/version.ts';
import { captureIo } from './io.ts';
import { commands, runCli } from './main.ts';

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo(env);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('runCli', () => {
  test('--version and -v print the version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `latchkey ${version}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`latchkey ${version}\n`);
  });

  test('--help, -h and help list every command with its summary; help <command> equals <command> --help', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(command.summary);
    expect((await run(['-h'])).stdout).toBe(help.stdout);
    expect((await run(['help'])).stdout).toBe(help.stdout);
    for (const command of commands) {
      const own = await run([command.name, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout).toStartWith(`Usage: latchkey ${command.name}`);
      expect(own.stdout).toContain(command.description);
      expect((await run(['help', command.name])).stdout).toBe(own.stdout);
      // --help wins over any other argument, even one the command would refuse.
      expect((await run([command.name, '--whatever', '-h'])).stdout).toBe(own.stdout);
    }
  });

  test('usage mistakes exit with 2 and point at the right help', async () => {
    expect(await run(['frob'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'latchkey: there is no command "frob"\nRun "latchkey --help" for usage.\n',
    });
    expect((await run(['help', 'frob'])).stderr).toContain('there is no command "frob"');
    // The internal command a starting server runs is no command without that server's IPC channel.
    if (!process.send)
      expect((await run(['prepare-database'])).stderr).toContain('there is no command "prepare-database"');
    expect((await run(['--port', '80'])).stderr).toContain('unknown option --port');
    expect(await run(['export', '--bogus'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'latchkey: unknown option --bogus for "latchkey export"\nRun "latchkey export --help" for usage.\n',
    });
    expect((await run(['reset-admin-password', '--password', 'abcdefghi', '--password-stdin'])).code).toBe(2);
    expect((await run(['reset-admin-password', '--user', 'a/b/c'])).stderr).toContain(
      '--user must be organization/name',
    );
  });

  test('a bad setting is reported as a configuration error with exit code 1', async () => {
    const result = await run(['migrate'], { LATCHKEY_PORT: 'eighty' });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'latchkey: configuration error: LATCHKEY_PORT must be a whole number from 1 to 65535; got "eighty"\n',
    });
  });

  test('a too short password is a usage error, checked before the database is opened', async () => {
    const result = await run(['reset-admin-password', '--password-stdin'], {
      LATCHKEY_DATA_DIR: '/nonexistent/never-created',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the password from standard input must have at least 8 characters');
  });
});
