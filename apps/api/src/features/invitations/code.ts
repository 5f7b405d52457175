import type { Invitation } from '@latchkey/types';
import type { RE2JS } from 're2js';
import { ApiError } from '../../core/errors/api-error.ts';

/** The longest code (or pattern) an invitation may have, and the longest code a sign-up may present. */
export const MAX_CODE_LENGTH = 100;
const MAX_PROGRAM = 1000;
const CACHE_SIZE = 200;
const cache = new Map<string, RE2JS>();

/** re2js, loaded by the first invitation code that is a pattern: most servers have none. */
const re2js = (): typeof import('re2js') => require('re2js');

/** Characters that make a code a regular expression (Casdoor: the code differs from its quoted form). */
const PATTERN_CHARACTERS = /[\\.+*?()|[\]{}^$]/;

export const isPattern = (code: string) => PATTERN_CHARACTERS.test(code);

/** The number of instructions of a compiled expression; the cast: re2js keeps its program on the instance, outside its published type. */
const programSize = (expression: RE2JS) =>
  (expression as unknown as { re2Input?: { prog?: { inst?: unknown[] } } }).re2Input?.prog?.inst?.length ?? 0;

/**
 * A pattern code compiled by RE2's rules (re2js), anchored at both ends as Casdoor anchors it:
 * matching takes time linear in the code, so no pattern can make a sign-up slow.
 */
export function compileCodePattern(pattern: string): RE2JS {
  const known = cache.get(pattern);
  if (known) return known;
  let anchored = pattern.startsWith('^') ? pattern : `^${pattern}`;
  if (!anchored.endsWith('$')) anchored = `${anchored}$`;
  let compiled: RE2JS;
  try {
    compiled = re2js().RE2JS.compile(anchored);
  } catch (error) {
    throw new ApiError('invitation.code_invalid', {
      reason: (error instanceof Error ? error.message : String(error)).slice(0, 200),
    });
  }
  if (programSize(compiled) > MAX_PROGRAM) throw new ApiError('invitation.code_invalid', { reason: 'too large' });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether a presented code is the invitation's: the same text, or matched by its pattern. */
export function codeMatches(invitation: Invitation, code: string): boolean {
  if (!code || code.length > MAX_CODE_LENGTH) return false;
  if (invitation.code === code) return true;
  if (!invitation.isRegexp) return false;
  try {
    return compileCodePattern(invitation.code).matcher(code).matches();
  } catch {
    return false;
  }
}
