import { ConfigError } from '../../core/config/index.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { version } from '../../core/version.ts';
import { parseArguments, UsageError } from './arguments.ts';
import { type Command, CommandError, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './command.ts';
import { backupCommand } from './commands/backup.ts';
import { exportCommand } from './commands/export.ts';
import { importCasdoorCommand } from './commands/import-casdoor.ts';
import { migrateCommand } from './commands/migrate.ts';
import { prepareDatabaseCommand } from './commands/prepare-database.ts';
import { resetAdminPasswordCommand } from './commands/reset-admin-password.ts';
import { serveCommand } from './commands/serve.ts';
import { commandHelp, mainHelp } from './help.ts';
import { type CliIo, processIo } from './io.ts';

/**
 * Every command. Their files import the server, the database and the crypto modules only inside
 * `run`, so that `--help`, `--version` and argument mistakes answer at once.
 */
export const commands: readonly Command[] = [
  serveCommand,
  migrateCommand,
  resetAdminPasswordCommand,
  importCasdoorCommand,
  exportCommand,
  backupCommand,
];

const isHelp = (argument: string | undefined) => argument === '--help' || argument === '-h';

/** True when --help or -h comes before any `--`. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some(isHelp);
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return serveCommand.run({ options: {}, positionals: [] }, io);
  if (isHelp(first) || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      await io.out(mainHelp(commands));
      return EXIT_OK;
    }
    const command = commands.find((candidate) => candidate.name === topic);
    if (!command) throw new UsageError(`there is no command "${topic}"`);
    await io.out(commandHelp(command));
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" after ${first}`);
    await io.out(`latchkey ${version}\n`);
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
  // Run by a starting server, which opens an IPC channel to it (server/prepare-database.ts); not listed.
  if (first === prepareDatabaseCommand.name && process.send)
    return prepareDatabaseCommand.run({ options: {}, positionals: [] }, io);
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) throw new UsageError(`there is no command "${first}"`);
  if (asksForHelp(rest)) {
    await io.out(commandHelp(command));
    return EXIT_OK;
  }
  return command.run(parseArguments(command.name, rest, command.options, command.positionals), io);
}

/**
 * The `latchkey` command line. With no arguments it serves, as `npm start` and a bare compiled
 * binary expect. Answers the exit code: 0 done, 1 failed, 2 called wrongly.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await io.err(
        `latchkey: ${error.message}\nRun "latchkey ${error.command ? `${error.command} ` : ''}--help" for usage.\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      await io.err(`latchkey: configuration error: ${error.message}\n`);
      return EXIT_FAILED;
    }
    if (error instanceof CommandError) {
      await io.err(`latchkey: ${error.message}\n`);
      return EXIT_FAILED;
    }
    const detail = errorMessage(error);
    await io.err(`latchkey: ${detail}\n`);
    if (io.env.LATCHKEY_LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
      await io.err(`${error.stack}\n`);
    return EXIT_FAILED;
  }
}
