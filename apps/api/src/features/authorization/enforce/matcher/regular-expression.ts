import type { RE2JS } from 're2js';
import type { Budget } from './budget.ts';
import { BuiltInRefused } from './refusal.ts';

const MAX_PATTERN = 2000;
const MAX_INSTRUCTIONS = 2000;
/** The longest text a matching function reads. */
export const MAX_MATCHED_TEXT = 10_000;
/** Instructions of a program that one step per character of text pays for; larger programs pay more. */
const INSTRUCTIONS_PER_STEP = 5;
const CACHE_SIZE = 500;
const cache = new Map<string, RE2JS | string>();

/** re2js, loaded by the first pattern a matcher compiles: most servers enforce none. */
const re2js = (): typeof import('re2js') => require('re2js');

/** The number of instructions of a compiled expression; the cast: re2js keeps its program on the instance, outside its published type. */
const programSize = (expression: RE2JS) =>
  (expression as unknown as { re2Input?: { prog?: { inst?: unknown[] } } }).re2Input?.prog?.inst?.length ?? 0;

/**
 * A regular expression compiled by RE2's rules (re2js): matching takes time linear in the text, so
 * no pattern can backtrack without end. A pattern RE2 cannot read, or one compiling to a very
 * large program, is refused with the reason; compiled patterns are kept for reuse.
 */
export function compileRegularExpression(functionName: string, pattern: string, budget: Budget): RE2JS {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    budget.charge(pattern.length);
    try {
      if (pattern.length > MAX_PATTERN) throw new Error(`the pattern has more than ${MAX_PATTERN} characters`);
      const expression = re2js().RE2JS.compile(pattern);
      compiled = programSize(expression) > MAX_INSTRUCTIONS ? 'the pattern is too large' : expression;
    } catch (error) {
      compiled = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(pattern, compiled);
  }
  if (typeof compiled === 'string')
    throw new BuiltInRefused(functionName, `${JSON.stringify(pattern.slice(0, 100))}: ${compiled}`);
  return compiled;
}

/** Charges the budget for matching a text, before it is matched: each character costs more for a larger program. */
export function chargeMatch(functionName: string, expression: RE2JS, text: string, budget: Budget): void {
  if (text.length > MAX_MATCHED_TEXT)
    throw new BuiltInRefused(functionName, `a text to match may have at most ${MAX_MATCHED_TEXT} characters`);
  budget.charge((text.length + 1) * Math.max(1, Math.ceil(programSize(expression) / INSTRUCTIONS_PER_STEP)));
}

/** Whether the pattern matches somewhere in the text (JavaScript's RegExp.test). */
export function regexFind(functionName: string, text: string, pattern: string, budget: Budget): boolean {
  const expression = compileRegularExpression(functionName, pattern, budget);
  chargeMatch(functionName, expression, text, budget);
  return expression.matcher(text).find();
}
