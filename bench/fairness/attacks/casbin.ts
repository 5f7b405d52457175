import { ADDRESSES } from '../addresses.ts';
import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { X } from '../seed.ts';

const model = (matcher: string) => `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.sub == p.sub && ${matcher} && r.act == p.act`;

/** Each enforcer: a matcher function, the policy's pattern and an object that makes it backtrack (or loop). */
const enforcers = [
  { name: 'key-match', matcher: 'keyMatch2(r.obj, p.obj)', pattern: '/:/', object: '/any/path' },
  { name: 'regex-match', matcher: 'regexMatch(r.obj, p.obj)', pattern: '^(a+)+$', object: `${'a'.repeat(40)}b` },
  {
    name: 'glob-match',
    matcher: 'globMatch(r.obj, p.obj)',
    pattern: '*a*a*a*a*a*a*a*a*a*a*b',
    object: 'a'.repeat(100),
  },
];

const request = (object: string) => ['anyone', object, 'read'];

async function prepare(context: AttackContext) {
  for (const { name, matcher, pattern } of enforcers) {
    await context.setUp('/api/add-model', { owner: X, name, modelText: model(matcher) });
    await context.setUp('/api/add-adapter', { owner: X, name });
    await context.setUp('/api/add-enforcer', { owner: X, name, model: `${X}/${name}`, adapter: `${X}/${name}` });
    await context.setUp(`/api/add-policy?id=${X}/${name}`, { ptype: 'p', v0: 'anyone', v1: pattern, v2: 'read' });
  }
}

/** Four senders, each in turn: enforce on every enforcer, then a batch of ten on one. */
async function run(context: AttackContext, until: number) {
  const cookie = await context.xAdmin();
  const from = ADDRESSES.xAdmin;
  await inParallel(4, until, async (_worker, round) => {
    for (const { name, object } of enforcers)
      await context.hit(`/api/enforce?enforcerId=${X}/${name}`, { from, cookie, body: request(object) }, until);
    const { name, object } = enforcers[round % enforcers.length]!;
    await context.hit(
      `/api/batch-enforce?enforcerId=${X}/${name}`,
      { from, cookie, body: Array.from({ length: 10 }, () => request(object)) },
      until,
    );
  });
}

export const casbinAttack: Attack = {
  name: 'casbin',
  title: 'Casbin: keyMatch2 "/:/", regexMatch ^(a+)+$, globMatch *a*…*b, batches of 10',
  prepare,
  run,
};
