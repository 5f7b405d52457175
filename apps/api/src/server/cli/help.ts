import { productName, version } from '../../core/version.ts';
import type { OptionSpec } from './arguments.ts';
import type { Command } from './command.ts';

const helpOption: OptionSpec = { name: 'help', short: 'h', description: 'Show this help' };

function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value ? ` <${option.value}>` : ''}`;
  return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}

function columns(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function commandUsage(command: Command): string {
  const positionals = command.positionals.map((positional) =>
    positional.required ? `<${positional.name}>` : `[${positional.name}]`,
  );
  return `latchkey ${command.name}${command.options.length > 0 ? ' [options]' : ''}${positionals.length > 0 ? ` ${positionals.join(' ')}` : ''}`;
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: ${commandUsage(command)}`, '', `${command.summary}.`, '', command.description, ''];
  if (command.positionals.length > 0) {
    lines.push(
      'Arguments:',
      ...columns(command.positionals.map((positional) => [`<${positional.name}>`, positional.description])),
      '',
    );
  }
  lines.push(
    'Options:',
    ...columns([...command.options, helpOption].map((option) => [optionLabel(option), option.description])),
    '',
  );
  lines.push('Settings come from LATCHKEY_* environment variables and DATABASE_URL (see docs/configuration.md).', '');
  return lines.join('\n');
}

export function mainHelp(commands: readonly Command[]): string {
  return [
    `${productName} ${version}: an identity server (OAuth 2.0, OpenID Connect, SSO) that speaks the Casdoor API.`,
    '',
    'Usage: latchkey [command] [options]',
    '',
    'Commands:',
    ...columns(
      commands.map((command) => [
        commandUsage(command)
          .replace(/^latchkey /, '')
          .replace(' [options]', ''),
        command.summary,
      ]),
    ),
    '',
    'Options:',
    ...columns([
      ['-h, --help', 'Show this help; `latchkey <command> --help` shows a command’s'],
      ['-v, --version', 'Print the version'],
    ]),
    '',
    'Settings come from LATCHKEY_* environment variables and DATABASE_URL (see docs/configuration.md).',
    '',
  ].join('\n');
}
