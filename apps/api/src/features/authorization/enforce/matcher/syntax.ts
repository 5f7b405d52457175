import { MatcherRefused } from './refusal.ts';

/** The expression tree of a matcher: only these shapes exist, so nothing else can be evaluated. */
export type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'identifier'; name: string }
  | { kind: 'member'; object: Node; property: string }
  | { kind: 'call'; callee: string; args: Node[] }
  | { kind: 'unary'; operator: '!' | '-' | '+'; argument: Node }
  | { kind: 'binary'; operator: BinaryOperator; left: Node; right: Node }
  | { kind: 'conditional'; test: Node; consequent: Node; alternate: Node }
  | { kind: 'list'; items: Node[] };

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '==='
  | '!=='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

type Token = { type: 'number' | 'string' | 'name' | 'punct'; text: string; value?: string | number };

const MAX_TEXT = 8000;
const MAX_DEPTH = 64;
/** Bounds the size (and so the depth) of a tree, so that checking and evaluating it cannot exhaust the stack. */
const MAX_NODES = 1000;
const OPERATORS = [
  '===',
  '!==',
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '?',
  ':',
];
/** JavaScript words that have no meaning in a matcher; named in the refusal rather than read as a value. */
const KEYWORDS = new Set([
  'this',
  'new',
  'function',
  'class',
  'typeof',
  'instanceof',
  'void',
  'delete',
  'await',
  'async',
  'yield',
  'import',
  'export',
  'return',
  'var',
  'let',
  'const',
  'super',
  'with',
  'debugger',
  'throw',
  'try',
  'catch',
  'undefined',
  'arguments',
]);
const REFUSED_CHARACTERS: Record<string, string> = {
  '`': 'template strings are not allowed',
  '\\': 'escapes are only allowed inside quoted text',
  '=': 'assignments are not allowed',
  '{': 'blocks and object literals are not allowed',
  '}': 'blocks and object literals are not allowed',
  ';': 'statements are not allowed',
  '|': 'bitwise operators are not allowed',
  '&': 'bitwise operators are not allowed',
  '^': 'bitwise operators are not allowed',
  '~': 'bitwise operators are not allowed',
};

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start]!;
  let value = '';
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index]!;
    if (char === quote) return { value, end: index + 1 };
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = text[++index];
    if (next === undefined) break;
    value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
  }
  throw new MatcherRefused(quote, 'the quoted text is not closed');
}

const NUMBER = /\d+(\.\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The match of a sticky expression at a position, or undefined. */
function matchAt(expression: RegExp, text: string, index: number): string | undefined {
  expression.lastIndex = index;
  return expression.exec(text)?.[0];
}

function tokenize(text: string): Token[] {
  if (text.length > MAX_TEXT)
    throw new MatcherRefused(text.slice(0, 20), `a matcher may have at most ${MAX_TEXT} characters`);
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const number = matchAt(NUMBER, text, index);
    if (number) {
      tokens.push({ type: 'number', text: number, value: Number(number) });
      index += number.length;
      continue;
    }
    if (char === '"' || char === "'") {
      const { value, end } = readString(text, index);
      tokens.push({ type: 'string', text: text.slice(index, end), value });
      index = end;
      continue;
    }
    const name = matchAt(NAME, text, index);
    if (name) {
      if (text[index + name.length] === '\\')
        throw new MatcherRefused(`${name}\\`, 'escapes are only allowed inside quoted text');
      tokens.push({ type: 'name', text: name });
      index += name.length;
      continue;
    }
    if (text.startsWith('=>', index)) throw new MatcherRefused('=>', 'function expressions are not allowed');
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
    if (operator) {
      tokens.push({ type: 'punct', text: operator });
      index += operator.length;
      continue;
    }
    throw new MatcherRefused(char, REFUSED_CHARACTERS[char] ?? 'this character has no meaning in a matcher');
  }
  return tokens;
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '===': 3,
  '!==': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  in: 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

/** Reads a matcher (already escaped by Casbin: r.sub is r_sub) into an expression tree, or refuses it. */
export function parseMatcher(text: string): Node {
  const tokens = tokenize(text);
  let position = 0;
  let depth = 0;
  let nodes = 0;
  const node = <T extends Node>(made: T): T => {
    if (++nodes > MAX_NODES)
      throw new MatcherRefused(peek()?.text ?? 'end of text', `a matcher may have at most ${MAX_NODES} parts`);
    return made;
  };
  const peek = () => tokens[position];
  const isPunct = (value: string) => peek()?.type === 'punct' && peek()!.text === value;
  const expect = (value: string) => {
    if (!isPunct(value)) throw new MatcherRefused(peek()?.text ?? 'end of text', `expected "${value}"`);
    position++;
  };
  const binaryOperatorAt = () => {
    const token = peek();
    if (!token) return undefined;
    if (token.type === 'name' && token.text === 'in') return 'in';
    return token.type === 'punct' && token.text in BINARY_PRECEDENCE ? token.text : undefined;
  };

  const nested = <T>(read: () => T): T => {
    if (++depth > MAX_DEPTH)
      throw new MatcherRefused(peek()?.text ?? 'end of text', `a matcher may nest at most ${MAX_DEPTH} levels`);
    try {
      return read();
    } finally {
      depth--;
    }
  };

  const expression = (): Node =>
    nested(() => {
      const test = binary(1);
      if (!isPunct('?')) return test;
      position++;
      const consequent = expression();
      expect(':');
      return node({ kind: 'conditional', test, consequent, alternate: expression() });
    });

  const binary = (minimum: number): Node => {
    let left = unary();
    for (;;) {
      const operator = binaryOperatorAt();
      if (!operator || BINARY_PRECEDENCE[operator]! < minimum) return left;
      position++;
      const right = nested(() => binary(BINARY_PRECEDENCE[operator]! + 1));
      left = node({ kind: 'binary', operator: operator as never, left, right });
    }
  };

  const unary = (): Node =>
    nested(() => {
      for (const operator of ['!', '-', '+'] as const) {
        if (isPunct(operator)) {
          position++;
          return node({ kind: 'unary', operator, argument: unary() });
        }
      }
      return postfix(primary());
    });

  /** Comma-separated expressions up to a closing bracket. */
  const items = (close: string): Node[] => {
    const list: Node[] = [];
    while (!isPunct(close)) {
      list.push(expression());
      if (!isPunct(close)) expect(',');
    }
    position++;
    return list;
  };

  const primary = (): Node => {
    const token = peek();
    if (!token) throw new MatcherRefused('end of text', 'the expression is incomplete');
    position++;
    if (token.type === 'number' || token.type === 'string') return node({ kind: 'literal', value: token.value! });
    if (token.type === 'name') {
      if (token.text === 'true' || token.text === 'false')
        return node({ kind: 'literal', value: token.text === 'true' });
      if (token.text === 'null') return node({ kind: 'literal', value: null });
      if (KEYWORDS.has(token.text))
        throw new MatcherRefused(token.text, 'JavaScript keywords are not allowed in a matcher');
      if (isPunct('(')) {
        position++;
        return node({ kind: 'call', callee: token.text, args: items(')') });
      }
      return node({ kind: 'identifier', name: token.text });
    }
    if (token.text === '(') {
      const list = items(')');
      if (list.length === 0) throw new MatcherRefused('()', 'empty parentheses are not an expression');
      // "(a, b)" after `in` is Casbin's list syntax; a single expression is a group.
      return list.length === 1 ? list[0]! : node({ kind: 'list', items: list });
    }
    if (token.text === '[') return node({ kind: 'list', items: items(']') });
    throw new MatcherRefused(token.text, 'an expression was expected here');
  };

  const postfix = (target: Node): Node => {
    let current = target;
    for (;;) {
      if (isPunct('.')) {
        position++;
        const property = peek();
        if (property?.type !== 'name') throw new MatcherRefused(`.${property?.text ?? ''}`, 'a member must be named');
        position++;
        current = node({ kind: 'member', object: current, property: property.text });
        continue;
      }
      if (isPunct('[')) throw new MatcherRefused('[', 'computed member access is not allowed');
      if (isPunct('('))
        throw new MatcherRefused(
          current.kind === 'member' ? current.property : current.kind === 'call' ? current.callee : '(',
          'only the functions Casbin offers and the role functions of the model can be called, by their name',
        );
      return current;
    }
  };

  const tree = expression();
  if (position < tokens.length) {
    const token = tokens[position]!;
    throw new MatcherRefused(
      token.text,
      token.text === ',' ? 'sequences are not allowed' : 'unexpected text after the expression',
    );
  }
  return tree;
}
