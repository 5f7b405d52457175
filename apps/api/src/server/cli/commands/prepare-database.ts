import { errorMessage } from '../../../core/errors/error-message.ts';
import { type Command, EXIT_FAILED, EXIT_OK } from '../command.ts';
import { configFrom } from '../context.ts';

/**
 * Not a command people run: a starting server runs it in a process of its own when its database
 * needs migrations or the built-in objects (server/prepare-database.ts), and it answers that server
 * over their IPC channel. Its log lines go where the server's go; its failure is reported by the server.
 */
export const PREPARE_DATABASE_COMMAND = 'prepare-database';

export const prepareDatabaseCommand: Command = {
  name: PREPARE_DATABASE_COMMAND,
  summary: 'Prepare the database for a starting server (run by the server itself)',
  description: 'Migrates the database and creates the built-in objects, then answers the server that started it.',
  options: [],
  positionals: [],
  async run(_args, io) {
    // First of all: this process ends with the server that started it, or at its deadline.
    const { followServer } = await import('../../preparing-lifeline.ts');
    await followServer(io.env);
    const config = configFrom(io);
    const { createLogger } = await import('../../../core/logging/logger.ts');
    const { openContext } = await import('../../open-context.ts');
    const { answerServer } = await import('../../prepare-database.ts');
    try {
      const opened = await openContext(config, createLogger(config.logLevel));
      await opened.database.close();
      await answerServer({ prepared: true, generatedPassword: opened.generatedPassword });
      return EXIT_OK;
    } catch (error) {
      if (config.logLevel === 'debug' && error instanceof Error && error.stack) await io.err(`${error.stack}\n`);
      await answerServer({ prepared: false, message: errorMessage(error) });
      return EXIT_FAILED;
    }
  },
};
