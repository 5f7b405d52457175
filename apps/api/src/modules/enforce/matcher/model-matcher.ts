import type { Model } from 'casbin';
import { MatcherRefused } from './refusal.ts';
import { checkMatcher, type MatcherScope } from './scope.ts';
import { parseMatcher, type Node } from './syntax.ts';

const tokensOf = (model: Model, section: string) => new Set(model.model.get(section)?.get(section)?.tokens ?? []);

/** What the matchers of a model may name: its own request and policy tokens and its role functions. */
export function scopeOf(model: Model): MatcherScope {
  return {
    requestTokens: tokensOf(model, 'r'),
    policyTokens: tokensOf(model, 'p'),
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
  const scope = scopeOf(model);
  let main: Node | undefined;
  for (const [key, assertion] of model.model.get('m') ?? []) {
    const tree = parseMatcher(assertion.value);
    checkMatcher(tree, scope);
    if (key === 'm') main = tree;
  }
  if (!main) throw new MatcherRefused('m', 'the model has no matcher m');
  return main;
}
