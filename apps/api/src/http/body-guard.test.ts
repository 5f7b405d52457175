import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { signInAsAdmin } from '../test/fixtures.ts';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimit: 1024 * 1024, uploadLimit: 4 * 1024 * 1024 } });
  admin = { cookie: await signInAsAdmin(t) };
});
afterAll(() => t.dispose());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
const manyMembers = (count: number) => `{${Array.from({ length: count }, (_, index) => `"k${index}":0`).join(',')}}`;
const userCount = () => countStoredRows(t.context.db, 'user');

describe('bodies of callers a route does not serve are never read', () => {
  test('an anonymous body to an administrator’s route is refused before it is parsed', async () => {
    // Malformed JSON shows the order: a parse first would answer "not valid JSON".
    expect((await post('/api/add-user', '{"owner": "built-in", ')).json).toMatchObject({
      status: 'error',
      msg: 'Please sign in first.',
    });
    const large = manyMembers(40_000);
    expect((await post('/api/add-user', large)).json).toMatchObject({ status: 'error', msg: 'Please sign in first.' });
  });

  test('a wrong credential is refused before the body too', async () => {
    expect((await post('/api/add-user', '{"owner": ', { authorization: 'Bearer not-a-token' })).json.status).toBe(
      'error',
    );
    expect((await post('/api/add-user', '{"owner": ', { authorization: 'Bearer not-a-token' })).json.msg).not.toBe(
      'The request body is not valid JSON.',
    );
  });

  test('an administrator’s body is read and checked (positive control)', async () => {
    expect((await post('/api/add-user', '{"owner": "built-in", ', admin)).json).toMatchObject({
      status: 'error',
      msg: 'The request body is not valid JSON.',
    });
    const before = await userCount();
    expect(
      (
        await post(
          '/api/add-user',
          JSON.stringify({ owner: 'built-in', name: 'body-guard-user', password: 'a-long-password-1' }),
          admin,
        )
      ).json,
    ).toMatchObject({ status: 'ok', data: 'Affected' });
    expect(await userCount()).toBe(before + 1);
  });
});

describe('limits on what a body may hold', () => {
  test('too many values, or too deep a nesting, is refused before JSON.parse builds it', async () => {
    const members = manyMembers(25_000);
    expect(members.length).toBeLessThan(1024 * 1024);
    expect((await post('/api/update-user?id=built-in/admin', members, admin)).json).toMatchObject({
      status: 'error',
      msg: 'The request body is too large.',
    });
    const deep = `${'['.repeat(300_000)}${']'.repeat(300_000)}`;
    expect((await post('/api/enforce?permissionId=built-in/none', deep, admin)).json).toMatchObject({
      status: 'error',
      msg: 'The request body is nested too deeply.',
    });
    // Strings may hold any characters: brackets and commas inside them count for nothing.
    const text = JSON.stringify({
      owner: 'built-in',
      name: 'body-guard-text',
      password: 'a-long-password-1',
      bio: `${'[,'.repeat(40_000)}`,
    });
    expect((await post('/api/add-user', text, admin)).json).toMatchObject({ status: 'ok', data: 'Affected' });
  });

  test('the default body limit is 1 MiB; a file upload has its own larger limit', async () => {
    const overLimit = JSON.stringify({ owner: 'built-in', name: 'too-big', bio: 'x'.repeat(1024 * 1024 + 10) });
    // Clients send the length; the server refuses by it before reading.
    expect(
      (await post('/api/add-user', overLimit, { ...admin, 'content-length': String(Buffer.byteLength(overLimit)) }))
        .json,
    ).toMatchObject({ status: 'error', msg: 'The request body is too large.' });
    const form = new FormData();
    form.set(
      'file',
      new File([`name,displayName\n${'big-upload,Big Upload\n'}${'#'.repeat(2 * 1024 * 1024)}\n`], 'users.csv', {
        type: 'text/csv',
      }),
    );
    const upload = await t.request('/api/upload-users', { method: 'POST', body: form, headers: admin });
    expect(upload.json?.msg).not.toBe('The request body is too large.');
  });
});
