import { afterAll, beforeAll, expect, test } from 'bun:test';
import { codecs } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { flushAuditLog } from './audit-log.ts';

/**
 * Nothing secret reaches the audit log: not a password an administrator sets, not an application's
 * client secret, not a one-time code sent with a sign-in, not the authorization code a sign-in
 * answers. Each secret below is a long random value, looked for in every stored record.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const secret = (label: string) => `${label}-${crypto.randomUUID()}`;
const REDIRECT_URI = 'https://app.example/callback';

async function storedRecords() {
  await flushAuditLog(t.context);
  return (await storedRows(t.context.db, 'record', {}, ['name'])).map((row) => codecs.record.decode(row));
}

test('an administrator setting a password or an application secret leaves no secret in the records', async () => {
  const password = secret('password');
  const clientSecret = secret('client-secret');
  const newClientSecret = secret('new-client-secret');
  const passcode = secret('passcode');
  const emailCode = secret('email-code');

  expect(
    (
      await call(t, acme.admin, '/api/set-password', {
        userOwner: 'acme',
        userName: 'acme-user',
        newPassword: password,
      })
    ).status,
  ).toBe('ok');
  expect(
    (
      await call(t, acme.admin, '/api/add-application', {
        owner: 'admin',
        name: 'secretive',
        organization: 'acme',
        clientSecret,
        redirectUris: [REDIRECT_URI],
        enablePassword: true,
      })
    ).status,
  ).toBe('ok');
  const { data: application } = await call(t, root, '/api/get-application?id=admin/secretive');
  expect(
    (
      await call(t, acme.admin, '/api/update-application?id=admin/secretive', {
        ...application,
        clientSecret: newClientSecret,
      })
    ).status,
  ).toBe('ok');
  // The password in the query string as well (Casdoor's SDKs send some forms there).
  await t.request(`/api/set-password?userOwner=acme&userName=acme-user&newPassword=${password}`, {
    method: 'POST',
    headers: acme.admin.headers,
  });
  // One-time codes of a sign-in's second step or a sign-up, even where they do not belong.
  await t.request('/api/login', {
    body: { organization: 'acme', username: 'acme-user', password, application: 'acme-app', passcode, emailCode },
  });
  // A sign-in that answers an authorization code.
  const query = new URLSearchParams({
    clientId: application.clientId,
    responseType: 'code',
    redirectUri: REDIRECT_URI,
    scope: 'openid',
    state: 's',
  });
  const signIn = await t.request(`/api/login?${query}`, {
    body: { organization: 'acme', username: 'acme-user', password, application: 'secretive', type: 'code' },
  });
  expect(signIn.json.status).toBe('ok');
  const code = signIn.json.data as string;
  expect(code.length).toBeGreaterThan(15);

  const records = await storedRecords();
  const actions = records.map((record) => record.action);
  for (const action of ['set-password', 'add-application', 'update-application', 'login'])
    expect(actions).toContain(action);
  const everything = JSON.stringify(records);
  for (const value of [password, clientSecret, newClientSecret, passcode, emailCode, code])
    expect(everything).not.toContain(value);
  // What was redacted is still said to have been there.
  const added = records.find((record) => record.action === 'add-application')!;
  expect(JSON.parse(added.object)).toMatchObject({ name: 'secretive', clientSecret: '[REDACTED]' });
});
