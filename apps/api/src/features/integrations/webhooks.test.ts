import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

describe('webhooks', () => {
  test('owned by "admin" with an organization, or by the organization as the SDK writes them', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-webhook', {
          owner: 'admin',
          name: 'audit',
          organization: 'acme',
          url: 'https://hooks.example/a',
          events: ['add-user'],
        })
      ).data,
    ).toBe('Affected');
    expect(
      (await call(t, acme.app, '/api/add-webhook', { owner: 'acme', name: 'sdk', url: 'https://hooks.example/b' }))
        .data,
    ).toBe('Affected');
    const listed = (await call(t, acme.app, '/api/get-webhooks?owner=acme')).data;
    expect(
      listed.map((hook: { name: string; organization: string }) => `${hook.name}:${hook.organization}`).sort(),
    ).toEqual(['audit:acme', 'sdk:acme']);
    expect((await call(t, acme.app, '/api/get-webhook?id=acme/sdk')).data).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      singleOrgOnly: true,
    });
  });

  test('only http(s) URLs; only global administrators send every organization’s records', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pass@hooks.example/', 'not a url']) {
      expect(
        (await call(t, acme.admin, '/api/add-webhook', { owner: 'admin', name: 'bad', organization: 'acme', url })).msg,
      ).toBe('The webhook URL must be an http:// or https:// address without credentials.');
    }
    await call(t, acme.admin, '/api/add-webhook', {
      owner: 'admin',
      name: 'wide',
      organization: 'acme',
      url: 'https://hooks.example/c',
      singleOrgOnly: false,
    });
    expect((await call(t, acme.admin, '/api/get-webhook?id=admin/wide')).data.singleOrgOnly).toBe(true);
    await call(t, root, '/api/add-webhook', {
      owner: 'admin',
      name: 'everything',
      organization: 'built-in',
      url: 'https://hooks.example/d',
      singleOrgOnly: false,
    });
    expect((await call(t, root, '/api/get-webhook?id=admin/everything')).data.singleOrgOnly).toBe(false);
  });
});

describe('where a webhook may be placed', () => {
  /** A webhook as Casdoor's SDK tests add it: owned by the organization, for the organization, no URL. */
  const sdkWebhook = (name: string) => ({ owner: 'acme', name, organization: 'acme' });
  const stored = async (id: string) => (await call(t, root, `/api/get-webhook?id=${id}`)).data;

  test("a global administrator may move one to any organization name, one that is none included, as Casdoor's SDK tests do", async () => {
    expect((await call(t, root, '/api/add-webhook', sdkWebhook('moved'))).data).toBe('Affected');
    const webhook = await stored('acme/moved');
    for (const organization of ['Updated Casdoor Website', 'admin']) {
      expect((await call(t, root, '/api/update-webhook?id=acme/moved', { ...webhook, organization })).data).toBe(
        'Affected',
      );
      expect(await stored('acme/moved')).toMatchObject({ owner: 'acme', name: 'moved', organization });
    }
    // It is no longer acme's: acme's administrators neither list, read, change nor delete it.
    const listed = (await call(t, acme.admin, '/api/get-webhooks?owner=acme')).data.map(
      (w: { name: string }) => w.name,
    );
    expect(listed).not.toContain('moved');
    expect((await call(t, acme.admin, '/api/get-webhook?id=acme/moved')).status).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/update-webhook?id=acme/moved', { ...webhook, organization: 'acme' })).status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/delete-webhook', { owner: 'acme', name: 'moved' })).status).toBe('error');
    expect(await stored('acme/moved')).toMatchObject({ organization: 'admin' });
    // A global administrator may also add one so, owned by "admin" or by any organization that exists.
    expect(
      (await call(t, root, '/api/add-webhook', { owner: 'admin', name: 'nowhere', organization: 'no-such-org' })).data,
    ).toBe('Affected');
    expect((await call(t, root, '/api/delete-webhook', { owner: 'acme', name: 'moved' })).data).toBe('Affected');
    expect(await stored('acme/moved')).toBeNull();
  });

  test('even a global administrator names an owner that exists and an organization name without / ? : # & % = + ;', async () => {
    expect(
      (await call(t, root, '/api/add-webhook', { owner: 'no-such-org', name: 'lost', organization: 'acme' })).msg,
    ).toBe('The organization "no-such-org" does not exist.');
    expect(
      (await call(t, root, '/api/add-webhook', { owner: 'admin', name: 'lost', organization: 'a/b' })).status,
    ).toBe('error');
    expect(await stored('no-such-org/lost')).toBeNull();
    expect(await stored('admin/lost')).toBeNull();
  });

  test("an organization's administrator and application keep theirs in their own organization", async () => {
    for (const caller of [acme.admin, acme.app]) {
      expect((await call(t, caller, '/api/add-webhook', sdkWebhook('kept'))).data).toBe('Affected');
      const webhook = await stored('acme/kept');
      for (const organization of ['Updated Casdoor Website', 'admin', 'built-in', 'no-such-org']) {
        const moved = await call(t, caller, '/api/update-webhook?id=acme/kept', { ...webhook, organization });
        expect({ organization, status: moved.status }).toEqual({ organization, status: 'error' });
        const added = await call(t, caller, '/api/add-webhook', { owner: 'admin', name: 'elsewhere', organization });
        expect({ organization, status: added.status }).toEqual({ organization, status: 'error' });
      }
      expect(await stored('acme/kept')).toMatchObject({ owner: 'acme', organization: 'acme' });
      expect(await stored('admin/elsewhere')).toBeNull();
      expect((await call(t, caller, '/api/delete-webhook', { owner: 'acme', name: 'kept' })).data).toBe('Affected');
    }
  });
});
