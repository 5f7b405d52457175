/** Casbin's documented example models, each with a policy and requests whose answers are known. */
export interface CasbinExample {
  name: string;
  model: string;
  policy: string;
  /** Requests and the answer each must get. */
  cases: [unknown[], boolean][];
}

const model = (
  request: string,
  policy: string,
  matcher: string,
  extra: { role?: string; effect?: string } = {},
) => `[request_definition]
r = ${request}

[policy_definition]
p = ${policy}
${extra.role ? `\n[role_definition]\n${extra.role}\n` : ''}
[policy_effect]
e = ${extra.effect ?? 'some(where (p.eft == allow))'}

[matchers]
m = ${matcher}`;

export const CASBIN_EXAMPLES: CasbinExample[] = [
  {
    name: 'basic ACL',
    model: model('sub, obj, act', 'sub, obj, act', 'r.sub == p.sub && r.obj == p.obj && r.act == p.act'),
    policy: 'p, alice, data1, read\np, bob, data2, write',
    cases: [
      [['alice', 'data1', 'read'], true],
      [['alice', 'data1', 'write'], false],
      [['bob', 'data2', 'write'], true],
      [['bob', 'data1', 'read'], false],
    ],
  },
  {
    name: 'RBAC',
    model: model('sub, obj, act', 'sub, obj, act', 'g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act', {
      role: 'g = _, _',
    }),
    policy: 'p, alice, data1, read\np, data2_admin, data2, read\np, data2_admin, data2, write\ng, alice, data2_admin',
    cases: [
      [['alice', 'data2', 'write'], true],
      [['alice', 'data1', 'read'], true],
      [['bob', 'data2', 'write'], false],
    ],
  },
  {
    name: 'RBAC with domains',
    model: model(
      'sub, dom, obj, act',
      'sub, dom, obj, act',
      'g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act',
      { role: 'g = _, _, _' },
    ),
    policy:
      'p, admin, domain1, data1, read\np, admin, domain2, data2, read\ng, alice, admin, domain1\ng, bob, admin, domain2',
    cases: [
      [['alice', 'domain1', 'data1', 'read'], true],
      [['alice', 'domain2', 'data2', 'read'], false],
      [['bob', 'domain2', 'data2', 'read'], true],
    ],
  },
  {
    name: 'RESTful keyMatch and regexMatch',
    model: model(
      'sub, obj, act',
      'sub, obj, act',
      'r.sub == p.sub && keyMatch(r.obj, p.obj) && regexMatch(r.act, p.act)',
    ),
    policy: 'p, alice, /alice_data/*, GET\np, alice, /alice_data/resource1, POST\np, cathy, /cathy_data, (GET)|(POST)',
    cases: [
      [['alice', '/alice_data/hello', 'GET'], true],
      [['alice', '/alice_data/hello', 'POST'], false],
      [['alice', '/alice_data/resource1', 'POST'], true],
      [['cathy', '/cathy_data', 'POST'], true],
      [['cathy', '/cathy_data', 'DELETE'], false],
    ],
  },
  {
    name: 'RESTful keyMatch2',
    model: model('sub, obj, act', 'sub, obj, act', 'r.sub == p.sub && keyMatch2(r.obj, p.obj) && r.act == p.act'),
    policy: 'p, alice, /alice_data/:resource, GET\np, alice, /alice_data2/:id/using/:resId, GET\np, bob, /files/*, GET',
    cases: [
      [['alice', '/alice_data/hello', 'GET'], true],
      [['alice', '/alice_data/hello/world', 'GET'], false],
      [['alice', '/alice_data2/123/using/456', 'GET'], true],
      [['alice', '/alice_data2/123/using', 'GET'], false],
      [['bob', '/files/a/b.txt', 'GET'], true],
    ],
  },
  {
    name: 'keyMatch3, keyMatch4 and keyMatch5',
    model: model(
      'sub, obj, act',
      'sub, obj, act',
      'r.sub == p.sub && (p.act == "3" && keyMatch3(r.obj, p.obj) || p.act == "4" && keyMatch4(r.obj, p.obj) || p.act == "5" && keyMatch5(r.obj, p.obj))',
    ),
    policy: 'p, alice, /books/{id}, 3\np, alice, /parent/{id}/child/{id}, 4\np, alice, /shop/{item}/*, 5',
    cases: [
      [['alice', '/books/42', 'x'], true],
      [['alice', '/books/42/pages', 'x'], false],
      [['alice', '/parent/1/child/1', 'x'], true],
      [['alice', '/parent/1/child/2', 'x'], false],
      [['alice', '/shop/hat/red?size=m', 'x'], true],
      [['alice', '/shop?x=1', 'x'], false],
    ],
  },
  {
    name: 'keyGet and keyGet2',
    model: model(
      'sub, obj, act',
      'sub, obj, act',
      'r.sub == p.sub && (keyGet(r.obj, p.obj) == r.act || keyGet2(r.obj, p.obj, "id") == r.act)',
    ),
    policy: 'p, alice, /prefix/*\np, bob, /items/:id',
    cases: [
      [['alice', '/prefix/rest', 'rest'], true],
      [['alice', '/prefix/rest', 'other'], false],
      [['bob', '/items/7', '7'], true],
      [['bob', '/items/7', '8'], false],
    ],
  },
  {
    name: 'ipMatch',
    model: model('sub, obj, act', 'sub, obj, act', 'ipMatch(r.sub, p.sub) && r.obj == p.obj && r.act == p.act'),
    policy: 'p, 192.168.2.0/24, data1, read\np, 10.0.0.1, data2, write',
    cases: [
      [['192.168.2.123', 'data1', 'read'], true],
      [['192.168.3.1', 'data1', 'read'], false],
      [['10.0.0.1', 'data2', 'write'], true],
      [['10.0.0.2', 'data2', 'write'], false],
    ],
  },
  {
    name: 'globMatch',
    model: model('sub, obj, act', 'sub, obj, act', 'r.sub == p.sub && globMatch(r.obj, p.obj) && r.act == p.act'),
    policy:
      'p, u1, /foo/*, read\np, u2, /foo*, read\np, u3, /*/foo/*, read\np, u4, /doc/**, read\np, u5, /img/*.[pj][np]g, read\np, u6, /v/{a;b}/x, read',
    cases: [
      [['u1', '/foo/subprefix', 'read'], true],
      [['u1', '/foo/a/b', 'read'], false],
      [['u2', '/foobar', 'read'], true],
      [['u2', '/foo/bar', 'read'], false],
      [['u3', '/prefix/foo/subprefix', 'read'], true],
      [['u4', '/doc/a/b/c', 'read'], true],
      [['u5', '/img/cat.png', 'read'], true],
      [['u5', '/img/cat.gif', 'read'], false],
      [['u6', '/v/a;b/x', 'read'], false],
    ],
  },
  {
    name: 'ABAC on request attributes',
    model: model('sub, obj, act', 'sub, obj, act', 'r.sub.Name == r.obj.Owner && r.sub.Age >= 18 && r.act == p.act'),
    policy: 'p, any, any, read',
    cases: [
      [[{ Name: 'alice', Age: 30 }, { Owner: 'alice' }, 'read'], true],
      [[{ Name: 'alice', Age: 16 }, { Owner: 'alice' }, 'read'], false],
      [[{ Name: 'bob', Age: 30 }, { Owner: 'alice' }, 'read'], false],
    ],
  },
  {
    name: 'ABAC with eval',
    model: model('sub, obj, act', 'sub_rule, obj, act', 'eval(p.sub_rule) && r.obj == p.obj && r.act == p.act'),
    policy: 'p, r.sub.Age > 18, /data1, read\np, r.sub.Age < 60 && r.sub.Name != "mallory", /data2, write',
    cases: [
      [[{ Age: 30, Name: 'alice' }, '/data1', 'read'], true],
      [[{ Age: 10, Name: 'alice' }, '/data1', 'read'], false],
      [[{ Age: 30, Name: 'alice' }, '/data2', 'write'], true],
      [[{ Age: 30, Name: 'mallory' }, '/data2', 'write'], false],
      [[{ Age: 70, Name: 'alice' }, '/data2', 'write'], false],
    ],
  },
  {
    name: 'deny-override',
    model: model('sub, obj, act', 'sub, obj, act, eft', 'g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act', {
      role: 'g = _, _',
      effect: 'some(where (p.eft == allow)) && !some(where (p.eft == deny))',
    }),
    policy: 'p, readers, data1, read, allow\np, bob, data1, read, deny\ng, alice, readers\ng, bob, readers',
    cases: [
      [['alice', 'data1', 'read'], true],
      [['bob', 'data1', 'read'], false],
      [['carol', 'data1', 'read'], false],
    ],
  },
  {
    name: 'priority',
    model: model(
      'sub, obj, act',
      'priority, sub, obj, act, eft',
      'g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act',
      { role: 'g = _, _', effect: 'priority(p.eft) || deny' },
    ),
    policy:
      'p, 10, data1_deny_group, data1, read, deny\np, 1, alice, data1, read, allow\np, 20, bob, data2, write, allow\ng, alice, data1_deny_group',
    cases: [
      [['alice', 'data1', 'read'], true],
      [['bob', 'data2', 'write'], true],
      [['bob', 'data1', 'read'], false],
    ],
  },
  {
    name: 'in operator and a policy-free matcher',
    model: model('sub, obj, act', 'sub, obj, act', 'r.act != "delete" && r.sub in ("alice", "bob")'),
    policy: '',
    cases: [
      [['alice', 'data1', 'read'], true],
      [['bob', 'data1', 'delete'], false],
      [['carol', 'data1', 'read'], false],
    ],
  },
];
