import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test';
import { updateRows } from '@latchkey/db';
import { storedRow, storedRows } from '@latchkey/db/testing';
import type { Webhook } from '@latchkey/types';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { type Caller, call, globalAdmin, type OrganizationCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { flushAuditLog } from '../records/audit-log.ts';
import { startWebhookTest, webhooksSettled } from './testing/webhook-test-app.ts';
import { webhooksFor } from './webhook-deliver.ts';
import { webhookRetryDelays } from './webhook-message.ts';

/**
 * Webhooks are called with the audit record of each action they listen for, as Casdoor calls them,
 * delivered to a real receiver on 127.0.0.1 (private addresses allowed for this test only).
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let globex: OrganizationCallers;
let receiver: ReturnType<typeof startCallbackReceiver>;

beforeAll(async () => {
  ({ receiver, t, root, acme, globex } = await startWebhookTest());
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});
beforeEach(() => {
  receiver.calls.length = 0;
});

/** Waits until the audit records of the requests so far are written and their webhooks have had their answer. */
const settled = () => webhooksSettled(t);

const received = (path: string) => receiver.calls.filter((c) => c.path === path);
const payloads = (path: string) => received(path).map((c) => JSON.parse(c.body));

async function addWebhook(caller: Caller, name: string, organization: string, fields: Record<string, unknown>) {
  const answer = await call(t, caller, '/api/add-webhook', {
    owner: 'admin',
    name,
    organization,
    isEnabled: true,
    ...fields,
  });
  expect({ name, status: answer.status, msg: answer.msg }).toEqual({ name, status: 'ok', msg: '' });
}

async function recordOf(owner: string, action: string) {
  const row = (await storedRows(t.context.db, 'record', { owner, action }, ['name'])).at(-1);
  if (!row) throw new Error(`no ${action} record of ${owner}`);
  return row;
}

describe('webhook delivery', () => {
  test('the record goes out as JSON with the configured method and headers, and is marked isTriggered', async () => {
    await addWebhook(acme.admin, 'users', 'acme', {
      url: receiver.url('/users'),
      events: ['add-user', 'delete-user'],
      headers: [{ name: 'X-Hook-Token', value: 'shared-secret-1' }],
    });
    expect(
      (await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'newbie', password: 'newbie-password-1' }))
        .data,
    ).toBe('Affected');
    await settled();

    const [delivery, ...more] = received('/users');
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hook-token': 'shared-secret-1' },
    });
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({
      owner: 'acme',
      organization: 'acme',
      user: 'acme/acme-admin',
      method: 'POST',
      action: 'add-user',
      requestUri: '/api/add-user',
      statusCode: 200,
      extendedUser: null,
    });
    expect(Object.keys(payload)).toEqual([...Object.keys(await recordOf('acme', 'add-user')), 'extendedUser']);
    expect(JSON.parse(payload.object)).toMatchObject({ name: 'newbie', password: '[REDACTED]' });
    expect(delivery!.body).not.toContain('newbie-password-1');
    expect((await recordOf('acme', 'add-user')).isTriggered).toBe(1);
  });

  test('only the listed events of the webhook’s own organization; a disabled webhook gets nothing', async () => {
    await addWebhook(acme.admin, 'disabled', 'acme', {
      url: receiver.url('/disabled'),
      events: ['add-user'],
      isEnabled: false,
    });
    await addWebhook(globex.admin, 'globex-users', 'globex', { url: receiver.url('/globex'), events: ['add-user'] });
    await call(t, acme.admin, '/api/update-user?id=acme/newbie', { displayName: 'New' });
    await call(t, globex.admin, '/api/add-user', { owner: 'globex', name: 'g1' });
    // A global administrator adding a user to acme: the record is acme's.
    await call(t, root, '/api/add-user', { owner: 'acme', name: 'by-root' });
    await settled();

    expect(payloads('/users').map((p) => `${p.action} ${p.owner} ${p.user}`)).toEqual(['add-user acme built-in/admin']);
    expect(payloads('/globex').map((p) => `${p.action} ${p.owner}`)).toEqual(['add-user globex']);
    expect(received('/disabled')).toEqual([]);
    expect((await recordOf('acme', 'update-user')).isTriggered).toBe(0);
  });

  test('a webhook for every organization (global administrators only) gets them all', async () => {
    await addWebhook(root, 'everything', 'built-in', {
      url: receiver.url('/all'),
      events: ['delete-user'],
      singleOrgOnly: false,
    });
    await call(t, acme.admin, '/api/delete-user?id=acme/by-root', {});
    await call(t, globex.admin, '/api/delete-user?id=globex/g1', {});
    await settled();
    expect(
      payloads('/all')
        .map((p) => `${p.action} ${p.owner}`)
        .sort(),
    ).toEqual(['delete-user acme', 'delete-user globex']);
    expect(payloads('/users').map((p) => `${p.action} ${p.owner}`)).toEqual(['delete-user acme']);
  });

  test('an organization administrator who edits a webhook for every organization makes it their organization’s only', async () => {
    await addWebhook(root, 'wide', 'acme', { url: receiver.url('/wide'), events: ['add-role'], singleOrgOnly: false });
    await call(t, globex.admin, '/api/add-role', { owner: 'globex', name: 'r1' });
    await settled();
    expect(payloads('/wide').map((p) => p.owner)).toEqual(['globex']);
    expect(
      (await call(t, acme.admin, '/api/update-webhook?id=admin/wide&columns=url', { url: receiver.url('/wide-2') }))
        .data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-webhook?id=admin/wide')).data.singleOrgOnly).toBe(true);
    await call(t, globex.admin, '/api/add-role', { owner: 'globex', name: 'r2' });
    await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'r3' });
    await settled();
    expect(payloads('/wide-2').map((p) => `${p.owner} ${JSON.parse(p.object).name}`)).toEqual(['acme r3']);
  });

  test('form content, another method, and the extended user without any secret', async () => {
    await call(t, acme.admin, '/api/add-user-keys?id=acme/acme-user', { owner: 'acme', name: 'acme-user' });
    const plainSecret = (await t.request('/api/get-account', { headers: acme.user.headers })).json.data
      .accessSecret as string;
    expect(plainSecret.length).toBeGreaterThan(10);
    await addWebhook(acme.admin, 'sign-ins', 'acme', {
      url: receiver.url('/sign-ins'),
      method: 'put',
      contentType: 'application/x-www-form-urlencoded',
      events: ['login'],
      isUserExtended: true,
    });
    const login = await t.request('/api/login', {
      body: {
        application: 'acme-app',
        organization: 'acme',
        username: 'acme-user',
        password: 'user-password',
        type: 'login',
      },
    });
    expect(login.json.status).toBe('ok');
    await settled();

    const [delivery] = received('/sign-ins');
    expect(delivery).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const fields = Object.fromEntries(new URLSearchParams(delivery!.body));
    expect(fields).toMatchObject({
      action: 'login',
      owner: 'acme',
      organization: 'acme',
      user: 'acme/acme-user',
      statusCode: '200',
      isTriggered: 'false',
    });
    const user = JSON.parse(fields.extendedUser!);
    expect(user).toMatchObject({
      owner: 'acme',
      name: 'acme-user',
      password: '***',
      accessSecret: '***',
      passwordSalt: '',
      totpSecret: '',
    });
    for (const secret of ['user-password', plainSecret]) expect(delivery!.body).not.toContain(secret);
    expect(delivery!.body).not.toContain('$argon2id$');
  });

  test('a sign-up gives Casdoor’s two records, signup and new-user', async () => {
    await updateRows(t.context.db, 'application', { name: 'acme-app' }, { enableSignUp: 1 });
    await addWebhook(acme.admin, 'sign-ups', 'acme', {
      url: receiver.url('/sign-ups'),
      events: ['signup', 'new-user'],
    });
    const signup = await t.request('/api/signup', {
      body: {
        application: 'acme-app',
        organization: 'acme',
        username: 'joiner',
        password: 'joiner-password-1',
        email: 'joiner@example.com',
      },
    });
    expect(signup.json.status).toBe('ok');
    await settled();
    const delivered = payloads('/sign-ups').sort((a, b) => a.action.localeCompare(b.action));
    expect(delivered.map((p) => `${p.action} ${p.user}`)).toEqual(['new-user acme/joiner', 'signup acme/joiner']);
    expect(JSON.parse(delivered[0].object)).toMatchObject({
      owner: 'acme',
      name: 'joiner',
      email: 'joiner@example.com',
      password: '[REDACTED]',
    });
    for (const p of delivered) expect(JSON.stringify(p)).not.toContain('joiner-password-1');
  });

  test('a failing receiver is tried maxRetries times in all, then given up; the record stays untriggered', async () => {
    await addWebhook(acme.admin, 'failing', 'acme', {
      url: receiver.url('/failing'),
      events: ['add-group'],
      maxRetries: 2,
    });
    await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'team' });
    await settled();
    expect(received('/failing')).toHaveLength(2);
    expect((await recordOf('acme', 'add-group')).isTriggered).toBe(0);
    expect(
      t.logs
        .entries()
        .some((entry) => entry.msg === 'delivery given up' && entry.kind === 'webhook' && entry.attempts === 2),
    ).toBe(true);
  });

  test('the webhook’s own credentials stay out of the audit log and of other webhooks’ payloads', async () => {
    await addWebhook(root, 'admin-changes', 'built-in', {
      url: receiver.url('/admin-changes'),
      events: ['add-webhook'],
      singleOrgOnly: false,
    });
    await addWebhook(acme.admin, 'with-auth', 'acme', {
      url: receiver.url('/x'),
      events: [],
      headers: [{ name: 'Authorization', value: 'Bearer hook-credential' }],
    });
    await settled();
    const [payload] = payloads('/admin-changes');
    expect(payload.action).toBe('add-webhook');
    expect(JSON.stringify(payload)).not.toContain('hook-credential');
    expect((await recordOf('acme', 'add-webhook')).object).not.toContain('hook-credential');
  });

  test('methods, content types and headers that cannot be sent are refused when the webhook is written', async () => {
    const refusals = [
      [{ method: 'TRACE' }, 'The webhook method "TRACE" is not supported; use GET, POST, PUT, PATCH or DELETE.'],
      [
        { contentType: 'json\r\nX-Injected: 1' },
        'The webhook content type must be a media type such as application/json.',
      ],
      [
        { headers: [{ name: 'Host', value: 'evil.example' }] },
        'The webhook header "Host" cannot be sent: it needs a valid name, a value on one line, and must not be one of the connection headers.',
      ],
      [
        { headers: [{ name: 'X-A', value: 'a\r\nX-Injected: 1' }] },
        'The webhook header "X-A" cannot be sent: it needs a valid name, a value on one line, and must not be one of the connection headers.',
      ],
    ] as const;
    for (const [fields, msg] of refusals) {
      expect(
        await call(t, acme.admin, '/api/add-webhook', {
          owner: 'admin',
          name: 'bad',
          organization: 'acme',
          url: receiver.url('/bad'),
          ...fields,
        }),
      ).toMatchObject({ status: 'error', msg });
    }
    expect(await call(t, acme.admin, '/api/get-webhook?id=admin/bad')).toMatchObject({ status: 'ok', data: null });
  });
  test("a webhook without a URL, as Casdoor's SDKs add them, is stored and never sent", async () => {
    await addWebhook(acme.admin, 'nowhere', 'acme', { url: '', events: ['add-group'] });
    await addWebhook(acme.admin, 'somewhere', 'acme', { url: receiver.url('/somewhere'), events: ['add-group'] });
    const hooks = (
      (await call(t, acme.admin, '/api/get-webhooks?owner=admin&organization=acme')).data as Webhook[]
    ).filter((hook) => ['nowhere', 'somewhere'].includes(hook.name));
    expect(hooks.find((hook) => hook.name === 'nowhere')).toMatchObject({ url: '', isEnabled: true });
    expect(webhooksFor(hooks, { action: 'add-group', owner: 'acme' }).map((hook) => hook.name)).toEqual(['somewhere']);
    expect(
      (await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'hooked', displayName: 'Hooked' })).data,
    ).toBe('Affected');
    await settled();
    // The webhook with a URL had the record (positive control).
    expect(payloads('/somewhere').map((payload) => payload.action)).toEqual(['add-group']);
    for (const name of ['nowhere', 'somewhere'])
      await call(t, acme.admin, '/api/delete-webhook', { owner: 'admin', name, organization: 'acme' });
  });

  test("a webhook a global administrator moved out of acme, to a name that is no organization, hears nothing of acme's", async () => {
    // Owned by acme, as Casdoor's SDKs add them; then moved as their tests move it.
    expect(
      (
        await call(t, acme.admin, '/api/add-webhook', {
          owner: 'acme',
          name: 'moved-away',
          organization: 'acme',
          url: receiver.url('/moved-away'),
          events: ['add-group'],
          isEnabled: true,
        })
      ).data,
    ).toBe('Affected');
    await addWebhook(acme.admin, 'stays', 'acme', { url: receiver.url('/stays'), events: ['add-group'] });
    const stored = (await call(t, root, '/api/get-webhook?id=acme/moved-away')).data;
    for (const organization of ['Updated Casdoor Website', 'admin']) {
      expect((await call(t, root, '/api/update-webhook?id=acme/moved-away', { ...stored, organization })).data).toBe(
        'Affected',
      );
      expect(
        (await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: `after-${organization.length}` })).data,
      ).toBe('Affected');
      await settled();
    }
    // acme's own webhook had both records (the witness); the moved one none.
    expect(payloads('/stays').map((payload) => payload.owner)).toEqual(['acme', 'acme']);
    expect(received('/moved-away')).toEqual([]);
    await call(t, root, '/api/delete-webhook', { owner: 'acme', name: 'moved-away' });
    await call(t, acme.admin, '/api/delete-webhook', { owner: 'admin', name: 'stays' });
  });
});

describe('private addresses', () => {
  test('without the allowance nothing is sent to loopback, and the record stays untriggered', async () => {
    const strict = await createTestApp();
    const local = startCallbackReceiver();
    try {
      configureDeliveries(strict.context, { retryDelaysMs: [] });
      const strictRoot = { headers: (await globalAdmin(strict)).headers };
      expect(
        (
          await call(strict, strictRoot, '/api/add-webhook', {
            owner: 'admin',
            name: 'local',
            organization: 'built-in',
            url: local.url('/hook'),
            events: ['add-organization'],
            isEnabled: true,
          })
        ).status,
      ).toBe('ok');
      expect((await call(strict, strictRoot, '/api/add-organization', { owner: 'admin', name: 'newco' })).data).toBe(
        'Affected',
      );
      await flushAuditLog(strict.context);
      await deliveriesSettled(strict.context);
      expect(local.calls).toEqual([]);
      expect(
        strict.logs
          .entries()
          .filter((entry) => entry.msg === 'delivery refused')
          .map((entry) => entry.kind),
      ).toEqual(['webhook']);
      const record = await storedRow(strict.context.db, 'record', { action: 'add-organization' });
      expect(record.isTriggered).toBe(0);
    } finally {
      local.stop();
      await strict.dispose();
    }
  });
});

describe('retry schedule', () => {
  test('maxRetries counts every attempt (3 when unset); retryInterval seconds, doubling, at most an hour', () => {
    const usual = [1_000, 5_000, 30_000];
    expect(webhookRetryDelays({ maxRetries: 0, retryInterval: 0 }, usual)).toEqual([1_000, 5_000]);
    expect(webhookRetryDelays({ maxRetries: 5, retryInterval: 0 }, usual)).toEqual([1_000, 5_000, 30_000, 30_000]);
    expect(webhookRetryDelays({ maxRetries: 1, retryInterval: 60 }, usual)).toEqual([]);
    expect(webhookRetryDelays({ maxRetries: 4, retryInterval: 60 }, usual)).toEqual([60_000, 120_000, 240_000]);
    expect(webhookRetryDelays({ maxRetries: 9, retryInterval: 1800 }, usual)).toEqual([
      1_800_000,
      ...Array(7).fill(3_600_000),
    ]);
    expect(webhookRetryDelays({ maxRetries: 3, retryInterval: 0 }, [])).toEqual([]);
  });
});
