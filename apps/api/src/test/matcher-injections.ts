/** The reported exploit: a constructor chain from a built-in function to Function, running a shell command. */
const EXPLOIT =
  "constructor.getOwnPropertyDescriptor(constructor.getPrototypeOf(keyMatch), \"constructor\").value(\"return Bun.spawnSync(['sh','-c','id > proof.txt']).exitCode == 0\")()";

/** Casbin matchers that reach for code, with the name each must be refused for: [shape, matcher, name]. */
export const INJECTIONS: [string, string, string][] = [
  ['the reported constructor chain', EXPLOIT, 'getOwnPropertyDescriptor'],
  ['a constructor member of a request value', 'r.sub.constructor.constructor("return 1")() == 1', 'constructor'],
  ['__proto__', 'r.sub.__proto__.polluted == 1', '__proto__'],
  ['a computed member with a literal', 'r["constructor"] == 1', '['],
  ['a computed member built by concatenation', 'r.sub["con"+"structor"] == 1', '['],
  ['a function expression', '(function () { return true })()', '{'],
  ['a function keyword', 'function == 1', 'function'],
  ['an arrow function', '(() => true)()', '=>'],
  ['.call', 'keyMatch.call(null, r.obj, p.obj)', 'call'],
  ['.bind', 'keyMatch.bind(null)(r.obj, p.obj)', 'bind'],
  ['.apply', 'keyMatch2.apply(null, [r.obj, p.obj])', 'apply'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template string is the injection this row tries.
  ['a template string', '`${r.sub}` == p.sub', '`'],
  ['a unicode escape in a member name', 'r.sub.\\u0063onstructor == 1', '\\'],
  ['a unicode escape in an identifier', '\\u0063onstructor == 1', '\\'],
  ['an identifier ending in an escape', 'r_sub\\u002e == 1', 'r_sub\\'],
  ['this', 'this.constructor == 1', 'this'],
  ['globalThis', 'globalThis.Bun == 1', 'globalThis'],
  ['Bun', 'Bun.spawnSync(["id"]).exitCode == 0', 'spawnSync'],
  ['process', 'process == 1', 'process'],
  ['require', 'require("child_process") == 1', 'require'],
  ['new', 'new Function("return 1")() == 1', 'new'],
  ['a sequence', 'r.sub == p.sub, true', ','],
  ['an assignment', 'r.sub = p.sub', '='],
  ['a list as the matcher', '(r.sub, true)', '('],
  ['a method of a request value', 'r.sub.toString() == p.sub', 'toString'],
  ['a prototype name as an attribute', 'r.sub.length > 1', 'length'],
  ['an attribute of a policy value', 'p.sub.Owner == r.sub', 'p_sub'],
  ['a function used as a value', 'keyMatch == 1', 'keyMatch'],
  ['an unknown function', 'Function("return 1")() == 1', 'Function'],
  ['an unknown token', 'r.other == p.sub', 'r_other'],
  ['eval of something other than a token', 'eval("1 == 1")', 'eval'],
  ['a bitwise operator', 'r.sub ^ 1', '^'],
];

/** A role-based model around a matcher under test, with the policy definition given. */
export const modelWithMatcher = (matcher: string, policy = 'sub, obj, act') => `[request_definition]
r = sub, obj, act

[policy_definition]
p = ${policy}

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = ${matcher}`;
