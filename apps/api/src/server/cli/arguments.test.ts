import { describe, expect, test } from 'bun:test';
import { caught } from '../../test/caught.ts';
import { type OptionSpec, type PositionalSpec, parseArguments, UsageError } from './arguments.ts';

const options: OptionSpec[] = [
  { name: 'with-secrets', description: 'flag' },
  { name: 'output', short: 'o', value: 'file', description: 'value' },
];
const positionals: PositionalSpec[] = [{ name: 'file', description: 'input', required: true }];
const parse = (argv: string[], given = positionals) => parseArguments('demo', argv, options, given);

function usageMessage(run: () => unknown): string {
  const error = caught(run);
  if (error instanceof UsageError) return `${error.command}: ${error.message}`;
  throw error ?? new Error('no UsageError');
}

describe('parseArguments', () => {
  test('flags, values in every spelling, and positionals', () => {
    expect(parse(['in.json', '--with-secrets', '--output', 'a.json'])).toEqual({
      options: { 'with-secrets': true, output: 'a.json' },
      positionals: ['in.json'],
    });
    expect(parse(['--output=b=c.json', 'in.json']).options.output).toBe('b=c.json');
    expect(parse(['-o', 'c.json', 'in.json']).options.output).toBe('c.json');
    expect(parse(['-o', '-', 'in.json']).options.output).toBe('-');
    expect(parse(['--', '--not-an-option']).positionals).toEqual(['--not-an-option']);
  });

  test('every mistake is a UsageError naming the command and what is wrong', () => {
    expect(usageMessage(() => parse(['in.json', '--nope']))).toBe('demo: unknown option --nope for "latchkey demo"');
    expect(usageMessage(() => parse(['in.json', '--nope=1']))).toBe('demo: unknown option --nope for "latchkey demo"');
    expect(usageMessage(() => parse(['in.json', '-x']))).toBe('demo: unknown option -x for "latchkey demo"');
    expect(usageMessage(() => parse(['in.json', '--output']))).toBe('demo: --output needs a value: --output <file>');
    expect(usageMessage(() => parse(['in.json', '--output', '--with-secrets']))).toBe(
      'demo: --output needs a value: --output <file>',
    );
    expect(usageMessage(() => parse(['in.json', '--with-secrets=yes']))).toBe('demo: --with-secrets takes no value');
    expect(usageMessage(() => parse(['in.json', '-o', 'a', '--output', 'b']))).toBe('demo: --output is given twice');
    expect(usageMessage(() => parse([]))).toBe('demo: missing <file>');
    expect(usageMessage(() => parse(['a.json', 'b.json']))).toBe('demo: unexpected argument "b.json"');
    expect(usageMessage(() => parse(['a.json'], []))).toBe('demo: unexpected argument "a.json"');
  });
});
