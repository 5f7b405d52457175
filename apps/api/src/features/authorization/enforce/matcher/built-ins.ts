import { casbin } from '../casbin.ts';
import type { Budget } from './budget.ts';
import { globMatch } from './glob.ts';
import { keyGet, keyGet2, keyMatch, keyMatch2, keyMatch3, keyMatch4, keyMatch5 } from './key-match.ts';
import { BuiltInRefused } from './refusal.ts';
import { regexFind } from './regular-expression.ts';

export interface BuiltIn {
  /** The least and the most number of arguments. */
  arity: readonly [number, number];
  call: (args: string[], budget: Budget) => boolean | string;
}

const MAX_IP = 100;

function ipMatch(ip1: string, ip2: string): boolean {
  if (ip1.length > MAX_IP || ip2.length > MAX_IP) throw new BuiltInRefused('ipMatch', 'an address is too long');
  try {
    return casbin().Util.ipMatchFunc(ip1, ip2);
  } catch (error) {
    throw new BuiltInRefused('ipMatch', error instanceof Error ? error.message.slice(0, 200) : 'not an IP address');
  }
}

/**
 * Casbin's documented functions, as Latchkey evaluates them: each one is bounded (linear-time
 * matching, no loops that depend on the pattern changing). `eval` is handled by the evaluator.
 */
const table: Record<string, BuiltIn> = {
  keyMatch: { arity: [2, 2], call: ([a, b]) => keyMatch(a!, b!) },
  keyGet: { arity: [2, 2], call: ([a, b]) => keyGet(a!, b!) },
  keyMatch2: { arity: [2, 2], call: ([a, b], budget) => keyMatch2(a!, b!, budget) },
  keyGet2: { arity: [3, 3], call: ([a, b, name], budget) => keyGet2(a!, b!, name!, budget) },
  keyMatch3: { arity: [2, 2], call: ([a, b], budget) => keyMatch3(a!, b!, budget) },
  keyMatch4: { arity: [2, 2], call: ([a, b], budget) => keyMatch4(a!, b!, budget) },
  keyMatch5: { arity: [2, 2], call: ([a, b], budget) => keyMatch5(a!, b!, budget) },
  regexMatch: { arity: [2, 2], call: ([a, b], budget) => regexFind('regexMatch', a!, b!, budget) },
  ipMatch: { arity: [2, 2], call: ([a, b]) => ipMatch(a!, b!) },
  globMatch: { arity: [2, 2], call: ([a, b], budget) => globMatch(a!, b!, budget) },
};

/** The table without a prototype: a name is a built-in only if it is one of these keys. */
export const BUILT_INS: Readonly<Record<string, BuiltIn>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, BuiltIn>, table),
);

/** The names a matcher may call besides its role functions. */
export const FUNCTION_NAMES = [...Object.keys(BUILT_INS), 'eval'];
