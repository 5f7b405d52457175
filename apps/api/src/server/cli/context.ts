import { type Config, loadConfig } from '../../core/config/index.ts';
import type { AppContext } from '../../core/context.ts';
import { createLogger, type Logger } from '../../core/logging/logger.ts';
import { announceFirstStart } from '../first-start.ts';
import { openContext } from '../open-context.ts';
import type { CliIo } from './io.ts';

/** The configuration from the command's environment; a bad setting throws a ConfigError naming it. */
export const configFrom = (io: CliIo): Config => loadConfig(io.env);

/**
 * Log lines of a one-off command go to standard error, and only warnings and errors unless debug
 * logging is on, so that standard output holds just the command's result.
 */
export function commandLogger(config: Config): Logger {
  const level =
    config.logLevel === 'debug' || config.logLevel === 'error' || config.logLevel === 'silent'
      ? config.logLevel
      : 'warn';
  return createLogger(level, (line) => process.stderr.write(`${line}\n`));
}

export interface CommandContext {
  context: AppContext;
  close(): Promise<void>;
}

/**
 * Opens the database as the server does (migrations, and the built-in objects on a first start,
 * whose generated password is shown once unless `announce` is false).
 */
export async function openCommandContext(
  config: Config,
  options: { announce?: boolean } = {},
): Promise<CommandContext> {
  const opened = await openContext(config, commandLogger(config));
  if (opened.generatedPassword && options.announce !== false) announceFirstStart(config, opened.generatedPassword);
  return { context: opened.context, close: () => opened.database.close() };
}

/** Runs `work` with an open context and always closes the database afterwards. */
export async function withCommandContext<T>(
  config: Config,
  work: (context: AppContext) => Promise<T>,
  options: { announce?: boolean } = {},
): Promise<T> {
  const { context, close } = await openCommandContext(config, options);
  try {
    return await work(context);
  } finally {
    await close();
  }
}
