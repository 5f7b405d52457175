import type { OptionSpec, ParsedArguments, PositionalSpec } from './arguments.ts';
import type { CliIo } from './io.ts';

/** Exit codes: 0 done, 1 failed (the message says why), 2 called wrongly. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs shown by `latchkey <command> --help`. */
  description: string;
  options: readonly OptionSpec[];
  positionals: readonly PositionalSpec[];
  run(args: ParsedArguments, io: CliIo): Promise<number>;
}

/** A failure to report as one line (no stack), exit code 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
