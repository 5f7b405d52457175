import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { flushAuditLog } from './audit-log.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

async function records(action: string) {
  await flushAuditLog(t.context);
  return (
    await call(
      t,
      root,
      `/api/get-records?owner=acme&field=action&value=${action}&p=1&pageSize=50&sortField=createdTime&sortOrder=descend`,
    )
  ).data as {
    action: string;
    response: string;
    statusCode: number;
  }[];
}

describe('what the audit log says happened', () => {
  test('a failed sign-in is recorded as failed, a good one as succeeded (the HTTP status is 200 for both)', async () => {
    const login = (password: string) =>
      t.request('/api/login', {
        body: { organization: 'acme', username: 'acme-user', password, application: 'acme-app', type: 'login' },
      });
    const outcome = async () => {
      const [latest] = await records('login');
      return { status: JSON.parse(latest!.response).status, statusCode: latest!.statusCode };
    };
    expect((await login('wrong-password')).json.status).toBe('error');
    expect(await outcome()).toEqual({ status: 'error', statusCode: 200 });
    expect((await login('user-password')).json.status).toBe('ok');
    expect(await outcome()).toEqual({ status: 'ok', statusCode: 200 });
  });

  test('a user switching their language is recorded as set-user-language, not as update-user', async () => {
    const before = (await records('update-user')).length;
    const { data: user } = await call(t, acme.user, '/api/get-account');
    expect(
      (await call(t, acme.user, '/api/update-user?id=acme/acme-user&columns=language', { ...user, language: 'de' }))
        .status,
    ).toBe('ok');
    expect(await records('set-user-language')).toHaveLength(1);
    expect(await records('update-user')).toHaveLength(before);
    // Any other change stays an update-user (positive control).
    expect(
      (
        await call(t, acme.user, '/api/update-user?id=acme/acme-user&columns=language,displayName', {
          ...user,
          language: 'fr',
          displayName: 'Changed',
        })
      ).status,
    ).toBe('ok');
    expect(await records('update-user')).toHaveLength(before + 1);
  });
});
