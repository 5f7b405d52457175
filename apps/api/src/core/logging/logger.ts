import type { LogLevel } from '../config/index.ts';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  /** Whether lines of this level are written: what is not written need not be built. */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

const toStdout: LogSink = (line) => process.stdout.write(`${line}\n`);

/** A logger that writes one JSON object per line. */
export function createLogger(level: LogLevel, sink: LogSink = toStdout): Logger {
  const write = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (rank[lineLevel] < rank[level]) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: message, ...fields }));
  };
  return {
    enabled: (lineLevel) => rank[lineLevel] >= rank[level],
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** Collects log lines in memory, for tests. */
export function createMemoryLogger(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as LogFields) };
}
