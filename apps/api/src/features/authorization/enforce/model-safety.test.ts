import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertCasbinRule, updateRows } from '@latchkey/db';
import { loadConfig } from '../../../core/config/index.ts';
import { type Caller, call, organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';
import { INJECTIONS, modelWithMatcher } from '../../../test/matcher-injections.ts';

let t: TestApp;
let admin: Caller;
let app: Caller;

const PROOF = join(tmpdir(), `latchkey-matcher-proof-${process.pid}-${Date.now()}.txt`);
const EXPLOIT = `constructor.getOwnPropertyDescriptor(constructor.getPrototypeOf(keyMatch), "constructor").value("return Bun.spawnSync(['sh','-c','id > ${PROOF}']).exitCode == 0")()`;

const modelText = modelWithMatcher;

const addModel = (caller: Caller, name: string, matcher: string, policy?: string) =>
  call(t, caller, '/api/add-model', { owner: 'acme', name, modelText: modelText(matcher, policy) });
const enforce = (enforcer: string, request: unknown[]) =>
  call(t, app, `/api/enforce?enforcerId=acme/${enforcer}`, request);
const batchEnforce = (enforcer: string, requests: unknown[][]) =>
  call(t, app, `/api/batch-enforce?enforcerId=acme/${enforcer}`, requests);

/** An enforcer over a model (added through the API) and an adapter holding the given policy lines. */
async function enforcerWith(name: string, matcher: string, lines: Record<string, string>[], policy?: string) {
  expect((await addModel(admin, name, matcher, policy)).data).toBe('Affected');
  expect((await call(t, admin, '/api/add-adapter', { owner: 'acme', name })).data).toBe('Affected');
  expect((await call(t, admin, '/api/add-enforcer', { owner: 'acme', name, model: name, adapter: name })).data).toBe(
    'Affected',
  );
  for (const line of lines)
    expect((await call(t, admin, `/api/add-policy?id=acme/${name}`, { ptype: 'p', ...line })).data).toBe('Affected');
}

/** A promise that must settle within a deadline, or the test fails saying what did not. */
async function within<T>(milliseconds: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${milliseconds} ms`)), milliseconds)),
  );
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends a request together with /api/health and answers both: the health check must be answered
 * while the other request runs, and the request within a deadline. A runaway evaluation would hold
 * both for ever; the deadlines are generous so that a loaded machine never fails them.
 */
async function whileHealthAnswers<T>(what: string, request: () => Promise<T>): Promise<T> {
  const pending = request();
  const health = await within(10_000, '/api/health during the evaluation', t.request('/api/health'));
  expect(health.status).toBe(200);
  return within(30_000, what, pending);
}

beforeAll(async () => {
  t = await createTestApp();
  const acme = await organizationWithCallers(t, 'acme');
  admin = acme.admin;
  app = acme.app;
});
afterAll(() => {
  rmSync(PROOF, { force: true });
  return t.dispose();
});

describe('a model whose matcher reaches for code is refused', () => {
  test('the reported exploit is refused at add-model, for an administrator and for the application, naming what it used', async () => {
    for (const caller of [admin, app]) {
      const answer = await addModel(caller, 'exploit', EXPLOIT);
      expect(answer.status).toBe('error');
      expect(answer.msg).toContain('getOwnPropertyDescriptor');
    }
    expect((await call(t, admin, '/api/get-model?id=acme/exploit')).data).toBeNull();
    expect(existsSync(PROOF)).toBe(false);
  });

  test('every injection shape is refused at add-model', async () => {
    for (const [shape, matcher, name] of INJECTIONS) {
      const answer = await addModel(admin, 'injection', matcher);
      expect({ shape, status: answer.status, named: answer.msg.includes(`"${name}"`) }).toEqual({
        shape,
        status: 'error',
        named: true,
      });
    }
  });

  test('update-model refuses the exploit and keeps the stored text', async () => {
    expect((await addModel(admin, 'editable', 'r.sub == p.sub')).data).toBe('Affected');
    const answer = await call(t, admin, '/api/update-model?id=acme/editable', {
      owner: 'acme',
      name: 'editable',
      modelText: modelText(EXPLOIT),
    });
    expect(answer.status).toBe('error');
    expect(answer.msg).toContain('getOwnPropertyDescriptor');
    expect((await call(t, admin, '/api/get-model?id=acme/editable')).data.modelText).toBe(modelText('r.sub == p.sub'));
  });

  test('a stored model written around the API refuses to load, is named in the log, and runs nothing', async () => {
    await enforcerWith('stored', 'r.sub == p.sub && r.obj == p.obj && r.act == p.act', [
      { v0: 'alice', v1: 'data', v2: 'read' },
    ]);
    expect((await enforce('stored', ['alice', 'data', 'read'])).data).toEqual([true]);
    for (const [, matcher, name] of [['exploit', EXPLOIT, 'getOwnPropertyDescriptor'], ...INJECTIONS]) {
      await updateRows(t.context.db, 'model', { owner: 'acme', name: 'stored' }, { modelText: modelText(matcher!) });
      const answer = await enforce('stored', ['alice', 'data', 'read']);
      expect({ matcher, status: answer.status, named: answer.msg.includes(`"${name}"`) }).toEqual({
        matcher,
        status: 'error',
        named: true,
      });
    }
    expect(existsSync(PROOF)).toBe(false);
    expect(
      t.logs.entries().some((entry) => entry.msg === 'stored Casbin model refused' && entry.model === 'acme/stored'),
    ).toBe(true);
  });

  test('eval refuses a policy rule that reaches for code; a legitimate rule is evaluated', async () => {
    await enforcerWith(
      'rules',
      'eval(p.sub_rule) && r.obj == p.obj && r.act == p.act',
      [{ v0: 'r.sub.Age >= 18', v1: 'data', v2: 'read' }],
      'sub_rule, obj, act',
    );
    expect((await enforce('rules', [{ Age: 30 }, 'data', 'read'])).data).toEqual([true]);
    expect((await enforce('rules', [{ Age: 10 }, 'data', 'read'])).data).toEqual([false]);
    expect(
      (
        await call(t, admin, '/api/add-policy?id=acme/rules', {
          ptype: 'p',
          v0: `constructor.constructor("return Bun.spawnSync(['sh','-c','id > ${PROOF}'])")()`,
          v1: 'data',
          v2: 'write',
        })
      ).data,
    ).toBe('Affected');
    const answer = await enforce('rules', [{ Age: 30 }, 'data', 'write']);
    expect(answer.status).toBe('error');
    expect(answer.msg).toContain('"constructor"');
    expect(existsSync(PROOF)).toBe(false);
  });

  test('positive control: a legitimate model with roles, key matching, regular expressions and attributes enforces correctly', async () => {
    await enforcerWith(
      'legit',
      'g(r.sub.Name, p.sub) && keyMatch2(r.obj, p.obj) && regexMatch(r.act, p.act) && r.sub.Age >= 18',
      [{ v0: 'editors', v1: '/posts/:id', v2: '^(read|write)$' }],
    );
    expect(
      (await call(t, admin, '/api/add-policy?id=acme/legit', { ptype: 'g', v0: 'alice', v1: 'editors' })).data,
    ).toBe('Affected');
    expect(
      (
        await batchEnforce('legit', [
          [{ Name: 'alice', Age: 30 }, '/posts/1', 'write'],
          [{ Name: 'alice', Age: 30 }, '/posts/1/comments', 'write'],
          [{ Name: 'alice', Age: 30 }, '/posts/1', 'delete'],
          [{ Name: 'alice', Age: 12 }, '/posts/1', 'read'],
          [{ Name: 'bob', Age: 30 }, '/posts/1', 'read'],
        ])
      ).data,
    ).toEqual([[true, false, false, false, false]]);
  });
});

describe('enforcement cannot run away and the server keeps answering', () => {
  for (const [name, matcher, pattern] of [
    ['keyMatch2 with "/:/"', 'keyMatch2(r.obj, p.obj)', '/:/'],
    ['keyMatch3 with "/{"', 'keyMatch3(r.obj, p.obj)', '/{'],
    ['keyMatch4 with "/{"', 'keyMatch4(r.obj, p.obj)', '/{'],
    ['keyMatch5 with "/{"', 'keyMatch5(r.obj, p.obj)', '/{'],
  ] as const) {
    test(`${name} gets a clear error`, async () => {
      const enforcer = `loop-${name.slice(0, 9).toLowerCase()}`;
      await enforcerWith(enforcer, `r.sub == p.sub && ${matcher}`, [{ v0: 'alice', v1: pattern, v2: 'read' }]);
      const answer = await whileHealthAnswers(`enforce with ${name}`, () =>
        enforce(enforcer, ['alice', '/a/b', 'read']),
      );
      expect(answer.status).toBe('error');
      expect(answer.msg).toContain(name.split(' ')[0]!);
    });
  }

  test('regexMatch with ^(a+)+$ answers a batch of ten at once (linear-time matching)', async () => {
    await enforcerWith('regex', 'r.sub == p.sub && regexMatch(r.obj, p.obj)', [
      { v0: 'alice', v1: '^(a+)+$', v2: 'read' },
    ]);
    const requests = Array.from({ length: 10 }, () => ['alice', `${'a'.repeat(1900)}!`, 'read']);
    const answer = await whileHealthAnswers('batch-enforce with ^(a+)+$', () => batchEnforce('regex', requests));
    expect(answer.data).toEqual([Array(10).fill(false)]);
    expect((await enforce('regex', ['alice', 'aaaa', 'read'])).data).toEqual([true]);
  });

  test('globMatch with *a*a*a*a*a*a*a*a*a*a*b answers at once (linear matching)', async () => {
    await enforcerWith('glob', 'r.sub == p.sub && globMatch(r.obj, p.obj)', [
      { v0: 'alice', v1: '*a*a*a*a*a*a*a*a*a*a*b', v2: 'read' },
    ]);
    const requests = Array.from({ length: 10 }, () => ['alice', 'a'.repeat(1900), 'read']);
    const answer = await whileHealthAnswers('batch-enforce with a pathological glob', () =>
      batchEnforce('glob', requests),
    );
    expect(answer.data).toEqual([Array(10).fill(false)]);
    expect((await enforce('glob', ['alice', 'xaxaxaxaxaxaxaxaxaxaxb', 'read'])).data).toEqual([true]);
  });

  test('too many requests × policy lines in one call get a clear error; fewer are answered', async () => {
    await enforcerWith('wide', 'r.sub == p.sub && r.obj == p.obj', []);
    const lines = Array.from({ length: 250 }, (_, index) => ({
      id: `wide-${index}`,
      adapter: 'acme/wide',
      ptype: 'p',
      v0: `user${index}`,
      v1: 'data',
      v2: 'read',
      v3: '',
      v4: '',
      v5: '',
    }));
    for (const line of lines) await insertCasbinRule(t.context.db, line);
    const answer = await whileHealthAnswers('batch-enforce past the cap', () =>
      batchEnforce(
        'wide',
        Array.from({ length: 100 }, () => ['nobody', 'data', 'read']),
      ),
    );
    expect(answer.status).toBe('error');
    expect(answer.msg).toContain('20000');
    expect(
      (
        await batchEnforce(
          'wide',
          Array.from({ length: 50 }, () => ['user249', 'data', 'read']),
        )
      ).data,
    ).toEqual([Array(50).fill(true)]);
  });
});

describe('the time limit of one enforcement call', () => {
  test('is 200 ms unless LATCHKEY_ENFORCE_CALL_LIMIT says otherwise', () => {
    expect(loadConfig({}).enforceCallLimit).toBe(200);
    expect(loadConfig({ LATCHKEY_ENFORCE_CALL_LIMIT: '50' }).enforceCallLimit).toBe(50);
  });

  test('a call past it is stopped with a clear error; a cheap call of the same server is answered', async () => {
    const limited = await createTestApp({ config: { enforceCallLimit: 1 } });
    try {
      const acme = await organizationWithCallers(limited, 'acme');
      const model = modelText('r.sub == p.sub && regexMatch(r.obj, p.obj)');
      expect(
        (await call(limited, acme.admin, '/api/add-model', { owner: 'acme', name: 'slow', modelText: model })).data,
      ).toBe('Affected');
      expect((await call(limited, acme.admin, '/api/add-adapter', { owner: 'acme', name: 'slow' })).data).toBe(
        'Affected',
      );
      expect(
        (
          await call(limited, acme.admin, '/api/add-enforcer', {
            owner: 'acme',
            name: 'slow',
            model: 'slow',
            adapter: 'slow',
          })
        ).data,
      ).toBe('Affected');
      for (let line = 0; line < 200; line++) {
        expect(
          (
            await call(limited, acme.admin, '/api/add-policy?id=acme/slow', {
              ptype: 'p',
              v0: 'alice',
              v1: `^(a+)+${line}$`,
              v2: 'read',
            })
          ).data,
        ).toBe('Affected');
      }
      const requests = Array.from({ length: 100 }, () => ['alice', `${'a'.repeat(1000)}!`, 'read']);
      const stopped = await call(limited, acme.app, '/api/batch-enforce?enforcerId=acme/slow', requests);
      expect(stopped.status).toBe('error');
      expect(stopped.msg).toContain('1 ms');
      const cheap = await call(limited, acme.app, '/api/enforce?enforcerId=acme/slow', ['bob', 'a', 'read']);
      expect(cheap).toMatchObject({ status: 'ok', data: [false] });
    } finally {
      await limited.dispose();
    }
  });
});
