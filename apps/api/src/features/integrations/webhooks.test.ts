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
