import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/** Bad input gets a clear envelope error (HTTP 200), never a 5xx, a stack or an SQL message, and changes nothing. */
let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;
const BODY_LIMIT = 64 * 1024;

beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimit: BODY_LIMIT } });
  acme = await organizationWithCallers(t, 'acme');
});
afterAll(() => t.dispose());

async function send(path: string, init: { body?: unknown; method?: string; headers?: Record<string, string> } = {}) {
  const response = await t.request(path, { ...init, headers: { ...acme.admin.headers, ...init.headers } });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  expect(response.text).not.toMatch(/sqlite|syntax error|relation "|column "|stack|at .*\.ts:/i);
  return response.json as { status: string; msg: string; data: unknown };
}

describe('bad input', () => {
  test('SQL-shaped field, value, sortField and sortOrder', async () => {
    const attacks = [
      'field=(updatexml(1,concat(0x7e,(select%20version())),1))%20and%20name&value=x',
      'field=name)or(1=1&value=x',
      'field=name;drop%20table%20user&value=x',
      'sortField=created_time%20desc,(select%201)',
      'sortField=name&sortOrder=asc;delete%20from%20user',
      'p=1&pageSize=10%20or%201=1',
      'p=1;select&pageSize=10',
    ];
    for (const plural of ['users', 'applications', 'tokens', 'roles', 'sessions', 'records']) {
      for (const attack of attacks)
        expect((await send(`/api/get-${plural}?owner=acme&${attack}`)).status).toBe('error');
    }
    const asData = await send(`/api/get-users?owner=acme&field=name&value=${encodeURIComponent("' or '1'='1")}`);
    expect(asData).toMatchObject({ status: 'ok', data: [] });
    expect(await findUser(t.context.db, 'acme', 'acme-user')).toBeDefined();
  });

  test('ids without exactly one slash', async () => {
    for (const id of ['acme', 'acme/a/b', '/acme', 'acme/', 'a//b']) {
      for (const path of [
        `/api/get-user?id=${id}`,
        `/api/update-user?id=${id}`,
        `/api/delete-user?id=${id}`,
        `/api/get-role?id=${id}`,
      ]) {
        const answer = await send(path, path.includes('get-') ? {} : { body: { displayName: 'x' } });
        expect({ path, status: answer.status }).toEqual({ path, status: 'error' });
      }
    }
    expect((await send('/api/get-user?id=a/b/c')).msg).toBe('The id "a/b/c" must have the form owner/name.');
    expect((await send('/api/get-role?id=')).msg).toBe('The parameter "id" is required.');
  });

  test('wrong JSON types name the field', async () => {
    for (const [field, value] of [
      ['isAdmin', 'yes'],
      ['score', '5'],
      ['score', 1.5],
      ['address', 'street'],
      ['groups', [1]],
      ['name', 5],
      ['properties', ['a']],
    ] as const) {
      const answer = await send('/api/add-user', { body: { owner: 'acme', name: 'typed', [field]: value } });
      expect({ field, msg: answer.msg }).toEqual({
        field,
        msg: `The field "${field}" has a value that is not allowed.`,
      });
    }
    expect(await findUser(t.context.db, 'acme', 'typed')).toBeUndefined();
  });

  test('bodies that are not a JSON object, or not JSON at all', async () => {
    for (const body of ['[1,2]', '"text"', '5', 'null', 'true']) {
      expect(
        (await send('/api/add-role', { method: 'POST', body, headers: { 'content-type': 'application/json' } })).msg,
      ).toBe('The request body must be a JSON object.');
    }
    expect(
      (
        await send('/api/add-role', {
          method: 'POST',
          body: '{"owner":',
          headers: { 'content-type': 'application/json' },
        })
      ).msg,
    ).toBe('The request body is not valid JSON.');
    expect(
      (
        await send('/api/enforce?owner=acme', {
          method: 'POST',
          body: '{"a":1}',
          headers: { 'content-type': 'application/json' },
        })
      ).msg,
    ).toBe('The request body must be a JSON array.');
  });

  test('an oversized body is refused before it is read', async () => {
    const body = JSON.stringify({ owner: 'acme', name: 'big', bio: 'x'.repeat(BODY_LIMIT) });
    const answer = await send('/api/add-user', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    expect(answer.msg).toBe('The request body is too large.');
    expect(await findUser(t.context.db, 'acme', 'big')).toBeUndefined();
  });

  test('unknown fields are ignored and never stored; server-kept fields cannot be set through a body', async () => {
    const body = {
      owner: 'acme',
      name: 'plain',
      isGlobalAdmin: true,
      permissions: ['everything'],
      passwordType: 'plain',
      passwordSalt: 'salt',
      hash: 'h',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      recoveryCodes: ['c'],
      lastSigninTime: '2000-01-01T00:00:00Z',
      createdTime: '2000-01-01T00:00:00Z',
      wechat: 'someone',
    };
    expect((await send('/api/add-user', { body })).data).toBe('Affected');
    const row = (await findUser(t.context.db, 'acme', 'plain'))!;
    expect({
      passwordType: row.passwordType,
      passwordSalt: row.passwordSalt,
      hash: row.hash,
      totpSecret: row.totpSecret,
      recoveryCodes: row.recoveryCodes,
      lastSigninTime: row.lastSigninTime,
    }).toEqual({
      passwordType: '',
      passwordSalt: '',
      hash: '',
      totpSecret: '',
      recoveryCodes: [],
      lastSigninTime: '',
    });
    expect(row.createdTime).not.toBe('2000-01-01T00:00:00Z');
    expect(Object.keys(row)).not.toContain('wechat');
    const updated = await send('/api/update-user?id=acme/plain', {
      body: { ...body, totpSecret: 'OTHER', createdTime: '1999-01-01T00:00:00Z' },
    });
    expect(updated.data).toBe('Unaffected');
  });

  test('a rename to a forbidden or taken name is refused and changes nothing', async () => {
    expect((await send('/api/update-user?id=acme/plain', { body: { name: 'a;b' } })).msg).toBe(
      'The name may not contain any of these characters: / ? : # & % = + ;',
    );
    expect((await send('/api/update-user?id=acme/plain', { body: { name: 'acme-user' } })).msg).toBe(
      '"acme/acme-user" already exists.',
    );
    expect(await findUser(t.context.db, 'acme', 'plain')).toBeDefined();
  });
});
