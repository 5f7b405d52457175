import type { Budget } from './budget.ts';
import { regexFind } from './regular-expression.ts';

const escapeCharacter = (char: string) => (/[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char);

/** A glob as a regular expression: * within a path segment, ** across segments, ?, [class], [!class], {a,b}. */
function globPattern(glob: string, insideBraces = false): string {
  let out = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        out += '.*';
        index++;
      } else out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '\\' && index + 1 < glob.length) out += escapeCharacter(glob[++index]!);
    else if (char === '[' && glob.indexOf(']', index + 2) !== -1) {
      const close = glob.indexOf(']', index + 2);
      let body = glob.slice(index + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\[\]]/g, (c) => `\\${c}`)}]`;
      index = close;
    } else if (
      char === '{' &&
      !insideBraces &&
      glob.indexOf('}', index) !== -1 &&
      glob.slice(index, glob.indexOf('}', index)).includes(',')
    ) {
      // {a,b} is a choice; braces without a comma are plain text.
      const close = glob.indexOf('}', index);
      out += `(?:${glob
        .slice(index + 1, close)
        .split(',')
        .map((part) => globPattern(part, true))
        .join('|')})`;
      index = close;
    } else out += escapeCharacter(char);
  }
  return out;
}

/** globMatch("/foo/bar", "/foo/*"), matched in time linear in the text (no backtracking over stars). */
export function globMatch(text: string, pattern: string, budget: Budget): boolean {
  const glob = pattern.startsWith('*/') ? pattern.slice(1) : pattern;
  return regexFind('globMatch', text, `^${globPattern(glob)}$`, budget);
}
