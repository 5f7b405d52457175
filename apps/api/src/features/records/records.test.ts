import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows } from '@latchkey/db/testing';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { flushAuditLog } from './audit-log.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

async function latest(owner: string, action: string) {
  await flushAuditLog(t.context);
  return (await call(t, root, `/api/get-records?owner=${owner}&field=action&value=${action}&p=1&pageSize=1`)).data[0];
}

describe('the audit log', () => {
  test('records every write: who, what, when, from where, and how it ended; secrets redacted', async () => {
    await t.request('/api/add-user?password=query-secret', {
      body: { owner: 'acme', name: 'audited', password: 'the-password', accessSecret: 'the-secret' },
      headers: { ...acme.admin.headers, 'x-forwarded-for': '203.0.113.9', 'accept-language': 'de' },
    });
    const record = await latest('acme', 'add-user');
    expect(record).toMatchObject({
      owner: 'acme',
      organization: 'acme',
      user: 'acme/acme-admin',
      method: 'POST',
      action: 'add-user',
      clientIp: '203.0.113.9',
      language: 'de',
      statusCode: 200,
      requestUri: '/api/add-user?password=[REDACTED]',
    });
    expect(record.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(JSON.parse(record.object)).toMatchObject({
      name: 'audited',
      password: '[REDACTED]',
      accessSecret: '[REDACTED]',
    });
    expect(JSON.parse(record.response)).toEqual({ status: 'ok', msg: '', data: 'Affected' });
    expect(JSON.stringify(record)).not.toContain('the-password');
    expect(JSON.stringify(record)).not.toContain('query-secret');
  });

  test('refused writes are recorded too, with the reason, under the caller’s organization', async () => {
    await call(t, acme.app, '/api/delete-user', { owner: 'built-in', name: 'admin' });
    const record = await latest('acme', 'delete-user');
    expect(record).toMatchObject({ user: 'app/acme-app', organization: 'acme' });
    expect(JSON.parse(record.response)).toEqual({ status: 'error', msg: 'You are not allowed to do this.' });
  });

  test('reads are not recorded; sign-ins are, without the password', async () => {
    await flushAuditLog(t.context);
    const before = (await call(t, root, '/api/get-records?p=1&pageSize=1')).data2;
    await call(t, acme.admin, '/api/get-users?owner=acme');
    await call(t, undefined, '/api/no-such-route', { owner: 'acme' });
    await t.request('/api/login', {
      body: { organization: 'acme', username: 'acme-user', password: 'wrong-password', application: 'acme-app' },
    });
    await flushAuditLog(t.context);
    expect((await call(t, root, '/api/get-records?p=1&pageSize=1')).data2).toBe(before + 1);
    const login = await latest('acme', 'login');
    expect(login.user).toBe('');
    expect(login.object).not.toContain('wrong-password');
  });

  test('requests the rate limit turned away are not recorded', async () => {
    const limited = await createTestApp({ config: { signinRateLimit: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await limited.request('/api/login', {
              body: { organization: 'built-in', username: 'admin', password: 'wrong' },
            })
          ).status,
        );
      expect(statuses).toEqual([200, 200, 429, 429]);
      await flushAuditLog(limited.context);
      expect(await countStoredRows(limited.context.db, 'record', { action: 'login' })).toBe(2);
    } finally {
      await limited.dispose();
    }
  });

  test('read-only over the API, and each administrator reads only their organization’s', async () => {
    for (const path of ['/api/add-record', '/api/update-record?id=acme/x', '/api/delete-record']) {
      expect((await call(t, root, path, { owner: 'acme', name: 'x' })).msg).toBe(
        `There is no API at ${path.split('?')[0]}.`,
      );
    }
    const own = await call(t, acme.admin, '/api/get-records');
    expect(own.data.length).toBeGreaterThan(0);
    expect(own.data.every((record: { owner: string }) => record.owner === 'acme')).toBe(true);
    expect((await call(t, acme.admin, '/api/get-records?owner=built-in')).status).toBe('error');
    expect((await call(t, acme.user, '/api/get-records')).status).toBe('error');
  });
});
