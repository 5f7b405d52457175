import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow } from '@latchkey/db';
import { formatTime } from '../../core/context.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addOrganization, addUser, signIn, signInAsAdmin } from '../../test/fixtures.ts';
import { lastDays } from './dashboard-service.ts';

let t: TestApp;
let globalAdmin: string;
let adminOfA: string;
let userOfA: string;
const day = 86_400_000;

async function record(
  t: TestApp,
  owner: string,
  at: Date,
  fields: { action?: string; statusCode?: number; response?: string } = {},
) {
  const row = codecs.record.encode({
    owner,
    name: crypto.randomUUID(),
    createdTime: formatTime(at),
    organization: owner,
    user: `${owner}/someone`,
    method: 'POST',
    requestUri: '/api/login',
    action: fields.action ?? 'login',
    statusCode: fields.statusCode ?? 200,
    response: fields.response ?? '{"status":"ok"}',
  });
  await insertRow(t.context.db, 'record', row);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  const now = t.clock.now();
  await addOrganization(t, 'org-a');
  await addOrganization(t, 'org-b');
  await addUser(t, 'org-a', 'boss', 'boss-password', {
    isAdmin: true,
    createdTime: formatTime(new Date(now.getTime() - 2 * day)),
  });
  await addUser(t, 'org-a', 'worker', 'worker-password', {
    createdTime: formatTime(new Date(now.getTime() - 2 * day)),
  });
  await addUser(t, 'org-a', 'old', 'old-password', { createdTime: formatTime(new Date(now.getTime() - 45 * day)) });
  await addUser(t, 'org-b', 'other', 'other-password', { createdTime: formatTime(now) });
  await record(t, 'org-a', new Date(now.getTime() - day));
  await record(t, 'org-a', new Date(now.getTime() - day));
  await record(t, 'org-a', new Date(now.getTime() - day), { response: '{"status":"error","msg":"wrong"}' });
  await record(t, 'org-a', new Date(now.getTime() - day), { action: 'update-user' });
  await record(t, 'org-b', new Date(now.getTime() - 3 * day));
  // The sign-ins below happen "today"; with the audit log on, they are recorded too, so the checks
  // of sign-ins look only at the days before.
  globalAdmin = await signInAsAdmin(t);
  adminOfA = await signIn(t, 'org-a', 'boss', 'boss-password');
  userOfA = await signIn(t, 'org-a', 'worker', 'worker-password');
});
afterAll(() => t.dispose());

const dashboard = (cookie: string | undefined, query = '') =>
  t.request(`/api/get-dashboard${query}`, { headers: cookie ? { cookie } : {} });

describe('GET /api/get-dashboard', () => {
  test('the last 30 days end today, oldest first', () => {
    const days = lastDays(new Date('2026-03-01T23:59:59Z'));
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe('2026-03-01');
    expect(days[0]).toBe('2026-01-31');
  });

  test('signed out or a normal user: refused', async () => {
    expect((await dashboard(undefined)).json).toMatchObject({ status: 'error', data: 'Please login first' });
    const normal = await dashboard(userOfA);
    expect(normal.json.status).toBe('error');
    expect(normal.json.data).toBeNull();
  });

  test('an organization administrator sees their organization only, and may not ask for another', async () => {
    const own = (await dashboard(adminOfA)).json;
    expect(own.status).toBe('ok');
    expect(own.data).toMatchObject({
      organization: 'org-a',
      users: 3,
      applications: 0,
      organizations: 1,
      activeSessions: 2,
    });
    const days = own.data.days as { date: string; signups: number; signins: number }[];
    expect(days).toHaveLength(30);
    expect(days.find((entry) => entry.date === '2026-11-18')).toEqual({ date: '2026-11-18', signups: 2, signins: 0 });
    // Two successful sign-ins; the failed one and the other action are not sign-ins.
    expect(days.find((entry) => entry.date === '2026-11-19')).toEqual({ date: '2026-11-19', signups: 0, signins: 2 });
    expect(days.reduce((sum, entry) => sum + entry.signups, 0)).toBe(2);
    expect(days.find((entry) => entry.date === '2026-11-17')?.signins).toBe(0);
    expect((await dashboard(adminOfA, '?organization=org-b')).json.status).toBe('error');
    expect((await dashboard(adminOfA, '?organization=')).json.data.organization).toBe('org-a');
  });

  test('a global administrator sees everything, or one organization', async () => {
    const all = (await dashboard(globalAdmin)).json.data;
    expect(all.organization).toBe('');
    expect(all.organizations).toBe(3);
    expect(all.users).toBe(5);
    expect(all.applications).toBeGreaterThanOrEqual(1);
    expect(all.activeSessions).toBe(3);
    expect(all.days.at(-1)).toMatchObject({ date: '2026-11-20', signups: 1 });
    expect(all.days.at(-2)).toEqual({ date: '2026-11-19', signups: 0, signins: 2 });
    expect(all.days.at(-4)).toEqual({ date: '2026-11-17', signups: 0, signins: 1 });
    const b = (await dashboard(globalAdmin, '?organization=org-b')).json.data;
    expect(b).toMatchObject({ organization: 'org-b', users: 1, organizations: 1, activeSessions: 0 });
  });

  test('expired sessions are not active', async () => {
    t.clock.advance(2 * day);
    expect((await dashboard(globalAdmin)).json.data).toBe('Please login first');
    const fresh = await signInAsAdmin(t);
    expect((await dashboard(fresh)).json.data.activeSessions).toBe(1);
    t.clock.advance(-2 * day);
  });
});
