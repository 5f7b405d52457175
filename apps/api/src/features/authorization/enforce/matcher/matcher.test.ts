import { describe, expect, test } from 'bun:test';
import { newEnforcer, newModelFromString, StringAdapter } from 'casbin';
import { ApiError } from '../../../../core/errors/api-error.ts';
import { decide } from '../decide.ts';
import { readModelText } from '../models.ts';
import { Budget, MAX_STEPS } from './budget.ts';

/** The budget of a call, with time enough for a loaded machine: these tests are about steps and answers, not the clock. */
const testBudget = () => new Budget(MAX_STEPS, 10_000);

import { CASBIN_EXAMPLES } from '../../../../test/casbin-examples.ts';
import { caught, refusal } from '../../../../test/caught.ts';
import { INJECTIONS, modelWithMatcher } from '../../../../test/matcher-injections.ts';
import { BuiltInRefused, EvaluationLimit, MatcherRefused } from './refusal.ts';

const modelWith = (matcher: string, policy = 'sub, obj, act, rule') => modelWithMatcher(matcher, policy);

/** The name a model's matcher is refused for, or undefined when it is accepted. */
function refusedName(matcher: string): string | undefined {
  const refused = refusal(() => readModelText(modelWith(matcher)));
  if (refused && refused.code !== 'object.matcher_refused')
    throw new Error(`refused for another reason: ${refused.code}`);
  return refused && String(refused.params?.name);
}

describe('a matcher is data: names that reach for code are refused where the model is read', () => {
  for (const [shape, matcher, name] of INJECTIONS) {
    test(shape, () => expect(refusedName(matcher)).toBe(name));
  }

  test('a second matcher (m2) is checked against its own request and policy definitions', () => {
    const text = (matcher2: string) =>
      `[request_definition]\nr = sub\nr2 = user\n\n[policy_definition]\np = sub\np2 = user\n\n[policy_effect]\ne = some(where (p.eft == allow))\n\n[matchers]\nm = r.sub == p.sub\nm2 = ${matcher2}`;
    expect(() => readModelText(text('r2.user == p2.user'))).not.toThrow();
    expect(() => readModelText(text('r2.user.constructor == p2.user'))).toThrow(ApiError);
  });

  test('positive control: the same features in a legitimate matcher are accepted', () => {
    expect(
      refusedName(
        'g(r.sub, p.sub) && keyMatch2(r.obj, p.obj) && regexMatch(r.act, p.act) && r.sub.Age >= 18 && (r.act in ("read", "write")) || eval(p.rule)',
      ),
    ).toBeUndefined();
    expect(
      refusedName('r.sub.Profile.Team == r.obj.Team ? true : !(r.act == "delete") && -1 < 1 + 2 * 3 % 4 / 5'),
    ).toBeUndefined();
  });
});

async function enforcerFor(modelText: string, policy: string) {
  return policy
    ? newEnforcer(newModelFromString(modelText), new StringAdapter(policy))
    : newEnforcer(newModelFromString(modelText));
}

describe("Casbin's example models answer as Casbin does", () => {
  for (const example of CASBIN_EXAMPLES) {
    test(example.name, async () => {
      readModelText(example.model);
      const enforcer = await enforcerFor(example.model, example.policy);
      const requests = example.cases.map(([request]) => request as never[]);
      const answers = decide(enforcer.getModel(), requests, testBudget());
      expect(answers).toEqual(example.cases.map(([, answer]) => answer));
      // The same model and policy under Casbin's own evaluator (trusted text here) agree.
      const casbin = await enforcerFor(example.model, example.policy);
      expect(requests.map((request) => casbin.enforceSync(...request))).toEqual(answers);
    });
  }
});

describe('eval reads a policy rule only after checking it with the same rules', () => {
  const evalModel = modelWith('eval(p.sub_rule) && r.obj == p.obj', 'sub_rule, obj, act');
  const decideWith = async (rule: string) => {
    const enforcer = await newEnforcer(newModelFromString(evalModel));
    await enforcer.addPolicy(rule, 'data', 'read');
    return decide(enforcer.getModel(), [[{ Age: 30 }, 'data', 'read']], testBudget());
  };

  for (const [shape, rule, name] of [
    ['a constructor chain', 'constructor.constructor("return process")().exit(1)', 'constructor'],
    ['a template string', '`x`', '`'],
    ['globalThis', 'globalThis.process', 'globalThis'],
    ['a nested eval', 'eval(p.sub_rule)', 'eval'],
    ['a computed member', 'r.sub["__proto__"]', '['],
  ]) {
    test(`a malicious rule is refused: ${shape}`, async () => {
      const refused = await caught(decideWith(rule!));
      expect(refused).toBeInstanceOf(MatcherRefused);
      expect((refused as MatcherRefused).token).toBe(name!);
    });
  }

  test('positive control: a legitimate rule is evaluated', async () => {
    expect(await decideWith('r.sub.Age > 18')).toEqual([true]);
    expect(await decideWith('r.sub.Age > 40')).toEqual([false]);
  });
});

/**
 * Under this, a call was not a runaway: half the test budget's clock, so that a loaded machine has
 * seconds of slack, while what these tests guard against (exponential backtracking, a loop that never
 * ends) would take for ever.
 */
const RUNAWAY_MS = 5_000;

/** Runs one call under a fresh budget and answers what it threw, and how long it took. */
async function timed(matcher: string, policy: string, requests: unknown[][]) {
  const enforcer = await enforcerFor(modelWith(matcher, 'sub, obj, act'), policy);
  const started = performance.now();
  try {
    return {
      answers: decide(enforcer.getModel(), requests as never[][], testBudget()),
      ms: performance.now() - started,
    };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe('built-in functions cannot run away', () => {
  for (const [name, matcher, pattern] of [
    ['keyMatch2 with "/:/"', 'keyMatch2(r.obj, p.obj)', '/:/'],
    ['keyMatch3 with "/{"', 'keyMatch3(r.obj, p.obj)', '/{'],
    ['keyMatch4 with "/{"', 'keyMatch4(r.obj, p.obj)', '/{x'],
    ['keyMatch5 with "/{"', 'keyMatch5(r.obj, p.obj)', '/a/{'],
    ['keyGet2 with "/:/"', 'keyGet2(r.obj, p.obj, "id") == "x"', '/:/'],
  ]) {
    test(`${name} is refused at once`, async () => {
      const result = await timed(matcher!, `p, alice, ${pattern}, read`, [['alice', '/a/b', 'read']]);
      expect(result.error).toBeInstanceOf(BuiltInRefused);
      expect(result.ms).toBeLessThan(RUNAWAY_MS);
    });
  }

  test('regexMatch runs in linear time: ^(a+)+$ against a long non-matching text', async () => {
    const result = await timed(
      'regexMatch(r.obj, p.obj)',
      'p, alice, ^(a+)+$, read',
      Array.from({ length: 10 }, () => ['alice', `${'a'.repeat(1900)}b`, 'read']),
    );
    expect(result.answers).toEqual(Array(10).fill(false));
    expect(result.ms).toBeLessThan(RUNAWAY_MS);
  });

  test('globMatch runs in linear time: *a*a*a*a*a*a*a*a*a*a*b against a long text', async () => {
    const result = await timed(
      'globMatch(r.obj, p.obj)',
      'p, alice, *a*a*a*a*a*a*a*a*a*a*b, read',
      Array.from({ length: 10 }, () => ['alice', 'a'.repeat(1900), 'read']),
    );
    expect(result.answers).toEqual(Array(10).fill(false));
    expect(result.ms).toBeLessThan(RUNAWAY_MS);
  });

  test('a pattern RE2 cannot read (a back-reference) is refused with the reason', async () => {
    const result = await timed('regexMatch(r.obj, p.obj)', 'p, alice, (a)\\1, read', [['alice', 'aa', 'read']]);
    expect(result.error).toBeInstanceOf(BuiltInRefused);
    expect((result.error as Error).message).toContain('regexMatch');
  });

  test('positive control: the same functions match normal inputs', async () => {
    const regex = await timed('regexMatch(r.obj, p.obj)', 'p, alice, ^(a+)+$, read', [['alice', 'aaaa', 'read']]);
    expect(regex.answers).toEqual([true]);
    const glob = await timed('globMatch(r.obj, p.obj)', 'p, alice, *a*b, read', [
      ['alice', 'xaxb', 'read'],
      ['alice', 'xaxc', 'read'],
    ]);
    expect(glob.answers).toEqual([true, false]);
    const key2 = await timed('keyMatch2(r.obj, p.obj)', 'p, alice, /users/:id/posts/:post, read', [
      ['alice', '/users/1/posts/2', 'read'],
      ['alice', '/users/1/posts', 'read'],
    ]);
    expect(key2.answers).toEqual([true, false]);
  });
});

describe('every call has a budget', () => {
  test('requests × policy lines past the cap are refused before anything is evaluated', async () => {
    const policy = Array.from({ length: 300 }, (_, index) => `p, user${index}, data, read`).join('\n');
    const result = await timed(
      'r.sub == p.sub',
      policy,
      Array.from({ length: 100 }, () => ['nobody', 'data', 'read']),
    );
    expect(result.error).toBeInstanceOf(EvaluationLimit);
    const fits = await timed(
      'r.sub == p.sub',
      policy,
      Array.from({ length: 50 }, () => ['user299', 'data', 'read']),
    );
    expect(fits.answers).toEqual(Array(50).fill(true));
  });

  test('the steps of expensive built-in calls are counted and stop the call', async () => {
    const policy = Array.from({ length: 150 }, (_, index) => `p, alice, ^x${index}, read`).join('\n');
    const result = await timed(
      'regexMatch(r.obj, p.obj)',
      policy,
      Array.from({ length: 100 }, () => ['alice', 'a'.repeat(1999), 'read']),
    );
    expect(result.error).toBeInstanceOf(EvaluationLimit);
    // Stopped by the step count, not by the budget's clock.
    expect((result.error as Error).message).toContain('evaluation steps');
  });

  test('a regular expression with a large program is paid for by its size before it runs', async () => {
    const text = Array.from({ length: 9000 }, (_, index) => (index % 3 ? 'a' : 'b')).join('');
    const result = await timed('regexMatch(r.sub.Text, p.obj)', 'p, alice, (a|b)*a(a|b){600}c, read', [
      [{ Text: text }, 'data', 'read'],
    ]);
    expect(result.error).toBeInstanceOf(EvaluationLimit);
    expect((result.error as Error).message).toContain('evaluation steps');
    expect(result.ms).toBeLessThan(RUNAWAY_MS);
    const tooLarge = await timed('regexMatch(r.sub.Text, p.obj)', 'p, alice, (a|b)*a(a|b){900}c, read', [
      [{ Text: 'ab' }, 'data', 'read'],
    ]);
    expect((tooLarge.error as Error).message).toContain('too large');
    const tooLong = await timed('regexMatch(r.sub.Text, p.obj)', 'p, alice, ^a, read', [
      [{ Text: 'a'.repeat(10_001) }, 'data', 'read'],
    ]);
    expect(tooLong.error).toBeInstanceOf(BuiltInRefused);
    // Positive control: the same pattern on a short text is answered.
    expect(
      (
        await timed('regexMatch(r.sub.Text, p.obj)', 'p, alice, (a|b)*a(a|b){600}c, read', [
          [{ Text: `a${'b'.repeat(600)}c` }, 'data', 'read'],
        ])
      ).answers,
    ).toEqual([true]);
  });

  test('a matcher too large or too deep is refused by name, not by exhausting the stack', () => {
    const chain = (count: number) => Array.from({ length: count }, (_, index) => `r.sub == "u${index}"`).join(' || ');
    expect(refusedName(chain(150))).toBeUndefined();
    expect(refusedName(chain(400))).toBe('||');
    expect(refusedName(`${'!('.repeat(100)}true${')'.repeat(100)}`)).toBe('!');
  });

  test('a budget stops at its step and time limits', () => {
    expect(() => new Budget(10).charge(11)).toThrow(EvaluationLimit);
    const budget = new Budget(Number.MAX_SAFE_INTEGER, 0);
    expect(() => {
      for (let index = 0; index < 10_000; index++) budget.charge(1);
    }).toThrow(EvaluationLimit);
  });
});
