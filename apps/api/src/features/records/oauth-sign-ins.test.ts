import { afterAll, beforeAll, expect, test } from 'bun:test';
import { codecs } from '@latchkey/db';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { signIn, signInAsAdmin } from '../../test/fixtures.ts';
import {
  authorizeQuery,
  hiddenInputs,
  seedAcme,
  signInThroughPage,
  type TestClient,
  tokenRequest,
} from '../oauth/testing/flows.ts';
import { flushAuditLog } from './audit-log.ts';

/**
 * A sign-in through the OAuth sign-in page (POST /login/oauth/authorize) or the token endpoint's
 * password grant is recorded as one through /api/login is: action `login`, the user, their
 * organization and address, the outcome; and the dashboard's sign-ins per day count it.
 */
let t: TestApp;
let client: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  ({ client } = await seedAcme(t));
});
afterAll(() => t.dispose());

const from = (address: string) => ({ 'x-forwarded-for': address });

async function recordsSince(count: number) {
  await flushAuditLog(t.context);
  const rows = await storedRows(t.context.db, 'record', {}, ['name']);
  return rows.slice(count).map((row) => codecs.record.decode(row));
}

test('the sign-in page and the password grant are recorded as sign-ins, and the dashboard counts them', async () => {
  const before = await countStoredRows(t.context.db, 'record');

  const page = await signInThroughPage(t, { clientId: client.clientId, headers: from('203.0.113.7') });
  expect(page.response.status).toBe(303);
  const wrongPage = await signInThroughPage(t, {
    clientId: client.clientId,
    password: 'not-her-password',
    headers: from('203.0.113.8'),
  });
  expect(wrongPage.response.status).toBe(400);
  const grant = await t.request('/api/login/oauth/access_token', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      username: 'alice',
      password: 'alice-password',
      scope: 'openid',
    }),
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.plainClientSecret}`).toString('base64')}`,
      ...from('203.0.113.9'),
    },
  });
  expect(grant.status).toBe(200);
  expect((await tokenRequest(t, { grant_type: 'password', username: 'alice', password: 'wrong' }, client)).status).toBe(
    400,
  );
  // Not a sign-in: the application asks for a token of its own.
  expect((await tokenRequest(t, { grant_type: 'client_credentials' }, client)).status).toBe(200);

  const records = await recordsSince(before);
  const summary = records.map(({ action, owner, organization, user, clientIp, method, requestUri, statusCode }) => ({
    action,
    owner,
    organization,
    user,
    clientIp,
    method,
    path: requestUri.split('?')[0],
    statusCode,
  }));
  expect(summary).toEqual([
    {
      action: 'login',
      owner: 'acme',
      organization: 'acme',
      user: 'acme/alice',
      clientIp: '203.0.113.7',
      method: 'POST',
      path: '/login/oauth/authorize',
      statusCode: 303,
    },
    {
      action: 'login',
      owner: 'acme',
      organization: '',
      user: '',
      clientIp: '203.0.113.8',
      method: 'POST',
      path: '/login/oauth/authorize',
      statusCode: 400,
    },
    {
      action: 'login',
      owner: 'acme',
      organization: 'acme',
      user: 'acme/alice',
      clientIp: '203.0.113.9',
      method: 'POST',
      path: '/api/login/oauth/access_token',
      statusCode: 200,
    },
    {
      action: 'login',
      owner: 'acme',
      organization: '',
      user: '',
      clientIp: '',
      method: 'POST',
      path: '/api/login/oauth/access_token',
      statusCode: 400,
    },
    {
      action: 'login/oauth/access_token',
      owner: '',
      organization: '',
      user: '',
      clientIp: '',
      method: 'POST',
      path: '/api/login/oauth/access_token',
      statusCode: 200,
    },
  ]);
  expect(JSON.parse(records[1]!.response)).toEqual({ status: 'error', msg: 'The username or password is wrong.' });
  expect(JSON.parse(records[3]!.response)).toEqual({ status: 'error', msg: 'The username or password is wrong.' });
  for (const record of records) expect(record.requestUri + record.object).not.toContain('alice-password');

  // With one sign-in through /api/login as well, today has three sign-ins of acme.
  await signIn(t, 'acme', 'alice', 'alice-password', 'acme-app');
  await flushAuditLog(t.context);
  const dashboard = await t.request('/api/get-dashboard?organization=acme', {
    headers: { cookie: await signInAsAdmin(t) },
  });
  expect(dashboard.json.data.days.at(-1)).toMatchObject({ date: '2026-11-20', signins: 3 });
});

test('continuing as the signed-in user on the sign-in page is recorded as a sign-in of that user; without a session it is a failed one', async () => {
  const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
  const offered = await t.request(`/login/oauth/authorize?${authorizeQuery({ clientId: client.clientId })}`, {
    headers: { cookie: sessionCookie! },
  });
  const csrf = /latchkey_authorize_csrf=([^;]+)/.exec(offered.headers.get('set-cookie')!)![1];
  const form = new URLSearchParams(Object.fromEntries(hiddenInputs(offered.text, 0)));
  expect(form.get('action')).toBe('continue');
  const before = (await recordsSince(0)).length;
  const continued = await t.request('/login/oauth/authorize', {
    method: 'POST',
    body: form,
    headers: { cookie: `latchkey_authorize_csrf=${csrf}; ${sessionCookie}`, ...from('203.0.113.10') },
  });
  expect(continued.status).toBe(303);
  const withoutSession = await t.request('/login/oauth/authorize', {
    method: 'POST',
    body: form,
    headers: { cookie: `latchkey_authorize_csrf=${csrf}`, ...from('203.0.113.11') },
  });
  expect(withoutSession.status).toBe(400);

  const records = await recordsSince(before);
  expect(
    records.map(({ action, owner, organization, user, clientIp, statusCode }) => ({
      action,
      owner,
      organization,
      user,
      clientIp,
      statusCode,
    })),
  ).toEqual([
    {
      action: 'login',
      owner: 'acme',
      organization: 'acme',
      user: 'acme/alice',
      clientIp: '203.0.113.10',
      statusCode: 303,
    },
    { action: 'login', owner: 'acme', organization: '', user: '', clientIp: '203.0.113.11', statusCode: 400 },
  ]);
  expect(JSON.parse(records[1]!.response).status).toBe('error');
});
