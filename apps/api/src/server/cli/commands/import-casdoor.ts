import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, CommandError, EXIT_FAILED, EXIT_OK } from '../command.ts';
import { configFrom, withCommandContext } from '../context.ts';

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export const importCasdoorCommand: Command = {
  name: 'import-casdoor',
  summary: 'Import a Casdoor init_data.json (users keep their passwords)',
  description: [
    'Reads a file in the format of Casdoor’s init_data.json (written by Casdoor’s data dump or by',
    '`latchkey export`) and adds its organizations, certs, providers, applications, groups, users,',
    'models, adapters, enforcers (with their policies), roles, permissions and webhooks.',
    '',
    '- Users keep their id, their password hash and its type and salt; they sign in with their old',
    '  password, which is then rehashed with argon2id. A plain-text password is hashed at once.',
    '- Users keep their passkeys (Casdoor’s WebAuthn credentials: key and counter). They work where',
    '  LATCHKEY_ORIGIN has the host name Casdoor’s origin had; the report names each user who has some.',
    '- Applications keep their client id and secret; certs keep their key pair. Secrets are stored',
    '  encrypted with the secret key.',
    '- An object that already exists (same owner and name) is kept as it is, so running the same',
    '  import again changes nothing.',
    '- Entries pass the checks the API makes: RSA keys of 2048 to 4096 bits, password hashes whose',
    '  cost is within the ceilings (bcrypt cost 12, PBKDF2 1,000,000 rounds, argon2 64 MiB).',
    '- Users of organization built-in are global administrators: they are imported only with',
    '  --allow-built-in-users, and the report names each of them either way.',
    '- An invalid entry is reported by name with the reason and nothing of it is written; the rest',
    '  is imported. The exit code is then 1.',
  ].join('\n'),
  options: [
    {
      name: 'allow-built-in-users',
      description: 'Also import the users of organization built-in (global administrators)',
    },
  ],
  positionals: [{ name: 'file', description: 'The init_data.json to import', required: true }],
  async run(args, io) {
    const path = args.positionals[0]!;
    const data = readJsonFile(path);
    const config = configFrom(io);
    const { formatImportReport, importInitData } = await import('../../init-data/index.ts');
    const report = await withCommandContext(config, (context) =>
      importInitData(context, data, { allowBuiltInUsers: args.options['allow-built-in-users'] === true }),
    );
    await io.out(formatImportReport(report, basename(path)));
    return report.rejected.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
