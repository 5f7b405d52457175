import { type Command, EXIT_OK } from '../command.ts';
import { configFrom } from '../context.ts';
import { PREPARE_DATABASE_COMMAND } from './prepare-database.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the server (the default when no command is given)',
  description: [
    'Opens the database (running any pending migrations), creates the built-in organization,',
    'administrator, application and cert on the first start, and serves the API (and the portal)',
    'on LATCHKEY_HOST:LATCHKEY_PORT. When the database lacks migrations or the built-in objects, that',
    'work runs first in a short-lived process of this program, which gives its memory back when done.',
    '',
    'On SIGTERM or SIGINT it stops accepting connections, lets the requests in flight finish (for up',
    'to 8 seconds), closes the database and exits with 0. A second signal exits at once.',
  ].join('\n'),
  options: [],
  positionals: [],
  async run(_args, io) {
    const config = configFrom(io);
    const { createLogger } = await import('../../../core/logging/logger.ts');
    const { startServer } = await import('../../start.ts');
    const { serveUntilStopped } = await import('../../shutdown.ts');
    const { programCommand } = await import('../../prepare-database.ts');
    const log = createLogger(config.logLevel);
    // A first start's database work runs in a process of its own, which takes what it loaded with it.
    const running = await startServer(config, log, {
      preparing: { command: [...programCommand(), PREPARE_DATABASE_COMMAND], env: io.env },
    });
    await serveUntilStopped(running, log);
    return EXIT_OK;
  },
};
