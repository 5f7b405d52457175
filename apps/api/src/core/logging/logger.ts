import { writeSync } from 'node:fs';
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

let stdoutSink: LogSink | undefined;

/**
 * Standard output, batched: the lines written in one turn of the event loop go out in one write
 * (a server writes a line per request), and whatever is left when the process exits, at once.
 */
function toStdout(): LogSink {
  if (stdoutSink) return stdoutSink;
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    process.stdout.write(text);
  };
  process.on('exit', () => {
    if (pending !== '') writeSync(1, pending);
    pending = '';
  });
  stdoutSink = (line) => {
    pending += `${line}\n`;
    if (pending.length >= 64 * 1024) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return stdoutSink;
}

/** The time of a line, formatted once per millisecond however many lines share it. */
let formattedAtMs = -1;
let formattedTime = '';
function timeText(): string {
  const nowMs = Date.now();
  if (nowMs !== formattedAtMs) {
    formattedAtMs = nowMs;
    formattedTime = new Date(nowMs).toISOString();
  }
  return formattedTime;
}

/** A logger that writes one JSON object per line: time, level and message first, then the fields. */
export function createLogger(level: LogLevel, sink: LogSink = toStdout()): Logger {
  const write = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (rank[lineLevel] < rank[level]) return;
    if (fields !== undefined && ('time' in fields || 'level' in fields || 'msg' in fields)) {
      sink(JSON.stringify({ time: timeText(), level: lineLevel, msg: message, ...fields }));
      return;
    }
    const head = `{"time":"${timeText()}","level":"${lineLevel}","msg":${JSON.stringify(message)}`;
    const rest = fields === undefined ? '{}' : JSON.stringify(fields);
    sink(rest.length > 2 ? `${head},${rest.slice(1)}` : `${head}}`);
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
