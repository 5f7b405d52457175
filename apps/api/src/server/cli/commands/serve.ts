import { type Command, EXIT_OK } from '../command.ts';
import { configFrom } from '../context.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the server (the default when no command is given)',
  description: [
    'Opens the database (running any pending migrations), creates the built-in organization,',
    'administrator, application and cert on the first start, and serves the API (and the portal)',
    'on LATCHKEY_HOST:LATCHKEY_PORT.',
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
    const log = createLogger(config.logLevel);
    const running = await startServer(config, log);
    await serveUntilStopped(running, log);
    return EXIT_OK;
  },
};
