import type { Model } from 'casbin';
import { MatcherRefused } from './refusal.ts';
import { checkMatcher, type MatcherScope } from './scope.ts';
import { type Node, parseMatcher } from './syntax.ts';

const tokensOf = (model: Model, section: string, key: string) =>
  new Set(model.model.get(section)?.get(key)?.tokens ?? []);

/** What a matcher of a model (m, or m2 with r2 and p2 …) may name: its request and policy tokens and the model's role functions. */
export function scopeOf(model: Model, suffix = ''): MatcherScope {
  return {
    requestTokens: tokensOf(model, 'r', `r${suffix}`),
    policyTokens: tokensOf(model, 'p', `p${suffix}`),
    roleFunctions: new Set(model.model.get('g')?.keys() ?? []),
    allowEval: true,
  };
}

/**
 * The expression tree of a model's matcher `m`, after every matcher of the model was parsed and
 * checked: a model whose matchers name anything but their tokens, role functions, Casbin's
 * functions, literals and operators is refused (MatcherRefused names what it used).
 */
export function compileModelMatcher(model: Model): Node {
  let main: Node | undefined;
  for (const [key, assertion] of model.model.get('m') ?? []) {
    const tree = parseMatcher(assertion.value);
    checkMatcher(tree, scopeOf(model, key.slice(1)));
    if (key === 'm') main = tree;
  }
  if (!main) throw new MatcherRefused('m', 'the model has no matcher m');
  return main;
}
