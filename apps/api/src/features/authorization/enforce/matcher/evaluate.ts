import type { Budget } from './budget.ts';
import { BUILT_INS } from './built-ins.ts';
import { BuiltInRefused, MatcherRefused } from './refusal.ts';
import { checkMatcher, type MatcherScope } from './scope.ts';
import { type Node, parseMatcher } from './syntax.ts';

export type Value = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

/** Everything an evaluation can reach: the values of the tokens, the role functions, the budget. */
export interface Environment {
  values: ReadonlyMap<string, unknown>;
  roleFunctions: ReadonlyMap<string, (...names: string[]) => boolean>;
  budget: Budget;
  /** The scope a rule read by eval is checked against (the model's, without eval). */
  ruleScope: MatcherScope;
  /** Rules read by eval, parsed and checked once per text. */
  rules: Map<string, Node>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

const isPrimitive = (value: unknown): value is string | number | boolean | null | undefined =>
  value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value);

/** A value given to a function, as text (Casbin's functions read their arguments as strings). */
function text(functionName: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new BuiltInRefused(functionName, 'its arguments must be text');
}

function primitive(operator: string, value: unknown): string | number | boolean | null | undefined {
  if (isPrimitive(value)) return value;
  throw new BuiltInRefused(operator, 'works on text, numbers and booleans only');
}

/** A rule read by eval: checked with the same rules as the model's matcher before it is evaluated. */
function ruleOf(source: unknown, environment: Environment): Node {
  if (typeof source !== 'string') throw new MatcherRefused('eval', 'eval reads text only');
  let rule = environment.rules.get(source);
  if (!rule) {
    environment.budget.charge(source.length);
    // Policy rules are written as r.sub.Age; the matcher reads them escaped (r_sub.Age), as Casbin does.
    rule = parseMatcher(source.replace(/(^|[()\s|&,=!><+\-*/])((r|p)[0-9]*)\./g, '$1$2_'));
    checkMatcher(rule, environment.ruleScope);
    environment.rules.set(source, rule);
  }
  return rule;
}

function binary(operator: string, left: unknown, right: unknown, budget: Budget): Value {
  switch (operator) {
    case '==':
    case '===':
      // Loose equality only between plain values: an object is equal to itself only.
      return isPrimitive(left) && isPrimitive(right)
        ? operator === '=='
          ? // biome-ignore lint/suspicious/noDoubleEquals: Casbin's `==` on plain values is loose equality, as in Casbin's own evaluators.
            left == right
          : left === right
        : left === right;
    case '!=':
    case '!==':
      return !binary(operator === '!=' ? '==' : '===', left, right, budget);
    case 'in':
      if (Array.isArray(right)) return right.includes(left);
      if (isPlainObject(right)) return Object.hasOwn(right, text('in', left));
      throw new BuiltInRefused('in', 'needs a list or an object on its right');
  }
  const a = primitive(operator, left) as number;
  const b = primitive(operator, right) as number;
  switch (operator) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '+': {
      const sum: unknown = a + b;
      if (typeof sum === 'string') budget.charge(sum.length);
      return sum as Value;
    }
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
  }
  throw new BuiltInRefused(operator, 'unknown operator');
}

/**
 * Evaluates a checked expression tree. Names resolve only in the environment's maps, attributes
 * only as own properties of plain request objects, calls only to Casbin's functions and the model's
 * role functions: there is no path to a prototype, a constructor or a global. Every node costs a
 * step of the budget.
 */
export function evaluateMatcher(node: Node, environment: Environment): Value {
  const { budget } = environment;
  budget.charge(1);
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      return environment.values.has(node.name) ? (environment.values.get(node.name) as Value) : undefined;
    case 'member': {
      const object = evaluateMatcher(node.object, environment);
      return isPlainObject(object) && Object.hasOwn(object, node.property)
        ? (object[node.property] as Value)
        : undefined;
    }
    case 'call': {
      if (node.callee === 'eval')
        return evaluateMatcher(ruleOf(evaluateMatcher(node.args[0]!, environment), environment), environment);
      const args = node.args.map((argument) => text(node.callee, evaluateMatcher(argument, environment)));
      budget.charge(args.reduce((sum, argument) => sum + argument.length, 1));
      const role = environment.roleFunctions.get(node.callee);
      if (role) return role(...args);
      const builtIn = Object.hasOwn(BUILT_INS, node.callee) ? BUILT_INS[node.callee] : undefined;
      if (!builtIn)
        throw new MatcherRefused(node.callee, 'not a function Casbin offers nor a role function of the model');
      return builtIn.call(args, budget);
    }
    case 'unary': {
      const value = evaluateMatcher(node.argument, environment);
      if (node.operator === '!') return !value;
      const number = primitive(node.operator, value) as number;
      return node.operator === '-' ? -number : +number;
    }
    case 'binary': {
      const left = evaluateMatcher(node.left, environment);
      if (node.operator === '&&') return left ? evaluateMatcher(node.right, environment) : left;
      if (node.operator === '||') return left ? left : evaluateMatcher(node.right, environment);
      return binary(node.operator, left, evaluateMatcher(node.right, environment), budget);
    }
    case 'conditional':
      return evaluateMatcher(evaluateMatcher(node.test, environment) ? node.consequent : node.alternate, environment);
    case 'list':
      return node.items.map((item) => evaluateMatcher(item, environment));
  }
}
