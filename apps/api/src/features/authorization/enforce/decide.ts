import type { Effect, Model } from 'casbin';
import { casbin } from './casbin.ts';
import type { Budget } from './matcher/budget.ts';
import { type Environment, evaluateMatcher } from './matcher/evaluate.ts';
import { compileModelMatcher, scopeOf } from './matcher/model-matcher.ts';
import type { RequestValue } from './request.ts';

/** How a matcher's answer counts for the policy effect, as Casbin reads it. */
function effectOf(result: unknown, eft: unknown): Effect {
  const { Effect } = casbin();
  let effect: Effect;
  if (typeof result === 'boolean') effect = result ? Effect.Allow : Effect.Indeterminate;
  else if (typeof result === 'number') effect = result === 0 ? Effect.Indeterminate : (result as Effect);
  else if (typeof result === 'string') effect = result === '' ? Effect.Indeterminate : Effect.Allow;
  else throw new Error('the matcher must answer a boolean, a number or a string');
  if (eft && effect === Effect.Allow)
    return eft === 'allow' ? Effect.Allow : eft === 'deny' ? Effect.Deny : Effect.Indeterminate;
  return effect;
}

/**
 * Decides requests under a model whose policy and role links are loaded, as Casbin's enforce does,
 * but evaluating the matcher with Latchkey's own evaluator (never Casbin's compiler) within the
 * budget. Every request must have as many values as the model's request definition.
 */
export function decide(model: Model, requests: readonly RequestValue[][], budget: Budget): boolean[] {
  const matcher = compileModelMatcher(model);
  const scope = scopeOf(model);
  const effectText = model.model.get('e')?.get('e')?.value;
  if (!effectText) throw new Error('the model has no policy effect');
  const requestTokens = [...scope.requestTokens];
  const policy = model.model.get('p')?.get('p');
  const lines = policy?.policy ?? [];
  const usesPolicy = lines.length > 0 && model.model.get('m')!.get('m')!.value.includes('p_');
  budget.reserveEvaluations(requests.length * Math.max(1, usesPolicy ? lines.length : 1));

  const { DefaultEffector, Effect, Util } = casbin();
  const roleFunctions = new Map<string, (...names: string[]) => boolean>();
  for (const [key, assertion] of model.model.get('g') ?? [])
    roleFunctions.set(key, Util.generateSyncedGFunction(assertion.rm) as (...names: string[]) => boolean);
  const effector = new DefaultEffector();
  const rules = new Map();

  return requests.map((request) => {
    const stream = effector.newStream(effectText);
    const values = new Map<string, unknown>(requestTokens.map((token, index) => [token, request[index]]));
    const environment: Environment = {
      values,
      roleFunctions,
      budget,
      ruleScope: { ...scope, allowEval: false },
      rules,
    };
    if (!usesPolicy) {
      for (const token of policy?.tokens ?? []) values.set(token, '');
      stream.pushEffect(evaluateMatcher(matcher, environment) ? Effect.Allow : Effect.Indeterminate);
      return stream.current();
    }
    for (const line of lines) {
      for (const [index, token] of policy!.tokens.entries()) values.set(token, line[index]);
      const [, , done] = stream.pushEffect(effectOf(evaluateMatcher(matcher, environment), values.get('p_eft')));
      if (done) break;
    }
    return stream.current();
  });
}
