/** A mistake in how a command was called: printed with a hint, and the process exits with 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to point at, when there is one. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Long name without dashes: `output` for `--output`. */
  name: string;
  short?: string;
  /** The value's name in help (`file`), when the option takes a value. */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  required: boolean;
}

export interface ParsedArguments {
  options: Record<string, string | true>;
  positionals: string[];
}

/**
 * Reads `--name`, `--name value`, `--name=value`, `-x` and positionals, with `--` ending the
 * options. Anything the command does not declare is a UsageError that says what is wrong.
 */
export function parseArguments(
  command: string,
  argv: readonly string[],
  options: readonly OptionSpec[],
  positionals: readonly PositionalSpec[],
): ParsedArguments {
  const parsed: ParsedArguments = { options: {}, positionals: [] };
  let onlyPositionals = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (onlyPositionals || argument === '-' || !argument.startsWith('-')) {
      parsed.positionals.push(argument);
      continue;
    }
    if (argument === '--') {
      onlyPositionals = true;
      continue;
    }
    const long = argument.startsWith('--');
    const [flag, inlineValue] = long ? splitOnce(argument.slice(2), '=') : [argument.slice(1), undefined];
    const spec = options.find((option) => (long ? option.name === flag : option.short === flag));
    if (!spec) throw new UsageError(`unknown option ${argument.split('=')[0]} for "latchkey ${command}"`, command);
    if (spec.name in parsed.options) throw new UsageError(`--${spec.name} is given twice`, command);
    if (!spec.value) {
      if (inlineValue !== undefined) throw new UsageError(`--${spec.name} takes no value`, command);
      parsed.options[spec.name] = true;
      continue;
    }
    const value = inlineValue ?? argv[++index];
    if (value === undefined || (inlineValue === undefined && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`--${spec.name} needs a value: --${spec.name} <${spec.value}>`, command);
    }
    parsed.options[spec.name] = value;
  }
  const required = positionals.filter((positional) => positional.required);
  if (parsed.positionals.length < required.length) {
    throw new UsageError(`missing <${required[parsed.positionals.length]!.name}>`, command);
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`, command);
  }
  return parsed;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
