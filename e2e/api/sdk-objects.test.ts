import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL } from '@latchkey/db/testing';
import type { SDK } from 'casdoor-nodejs-sdk';
import { type SdkWorld, startSdkWorld } from '../support/sdk.ts';

/**
 * Every object method of casdoor-nodejs-sdk against a real Latchkey, as the SDK makes the calls
 * (HTTP Basic with the application's client id and secret; owner rewritten to its organization).
 */
let world: SdkWorld;
let sdk: SDK;
beforeAll(async () => {
  world = await startSdkWorld();
  sdk = world.sdk;
  await world.admin('/api/add-user', { owner: 'sdk-org', name: 'carol', password: 'carol-password' });
});
afterAll(() => world?.dispose());

/** Answers of the write calls: the SDK's own tests read `data` as "Affected". */
const affected = (response: { data: unknown }) =>
  expect(response.data).toMatchObject({ status: 'ok', data: 'Affected' });

describe('casdoor-nodejs-sdk: objects of the organization', () => {
  test('groups', async () => {
    affected(await sdk.addGroup({ owner: 'sdk-org', name: 'staff', displayName: 'Staff' } as never));
    expect((await sdk.getGroup('staff')).data.data).toMatchObject({
      owner: 'sdk-org',
      name: 'staff',
      isTopGroup: true,
    });
    const group = (await sdk.getGroup('staff')).data.data;
    affected(await sdk.updateGroup({ ...group, displayName: 'All staff' }));
    expect((await sdk.getGroups()).data.data.map((item) => item.displayName)).toEqual(['All staff']);
    affected(await sdk.deleteGroup(group));
    expect((await sdk.getGroups()).data.data).toEqual([]);
  });

  test('roles and permissions', async () => {
    affected(
      await sdk.addRole({
        owner: 'sdk-org',
        name: 'reader',
        displayName: 'Reader',
        users: ['sdk-org/carol'],
        isEnabled: true,
      } as never),
    );
    const role = (await sdk.getRole('reader')).data.data;
    expect(role.users).toEqual(['sdk-org/carol']);
    affected(await sdk.updateRole({ ...role, description: 'reads' }));
    expect((await sdk.getRoles()).data.data.map((item) => item.name)).toEqual(['reader']);

    const permission = {
      owner: 'sdk-org',
      name: 'read-docs',
      displayName: 'Read docs',
      roles: ['sdk-org/reader'],
      resourceType: 'Application',
      resources: ['docs'],
      actions: ['Read'],
      effect: 'Allow',
      isEnabled: true,
    };
    affected(await sdk.addPermission(permission as never));
    expect((await sdk.getPermission('read-docs')).data.data).toMatchObject({ ...permission, state: 'Approved' });
    affected(
      await sdk.updatePermission({ ...(await sdk.getPermission('read-docs')).data.data, description: 'for readers' }),
    );
    expect((await sdk.getPermissions()).data.data).toHaveLength(1);
  });

  test('enforce and batchEnforce evaluate the permission with Casbin', async () => {
    expect(await sdk.enforce('sdk-org/read-docs', '', '', ['sdk-org/carol', 'docs', 'Read'])).toBe(true);
    expect(await sdk.enforce('sdk-org/read-docs', '', '', ['sdk-org/carol', 'docs', 'Write'])).toBe(false);
    expect(await sdk.enforce('', '', 'docs', ['sdk-org/carol', 'docs', 'Read'])).toBe(true);
    expect(
      await sdk.batchEnforce('sdk-org/read-docs', '', '', [
        ['sdk-org/carol', 'docs', 'Read'],
        ['sdk-org/dave', 'docs', 'Read'],
        ['sdk-org/carol', 'secrets', 'Read'],
      ]),
    ).toEqual([true, false, false]);
  });

  test('models, adapters and enforcers', async () => {
    affected(await sdk.addModel({ owner: 'sdk-org', name: 'acl', displayName: 'ACL', modelText: ACL_MODEL } as never));
    const model = (await sdk.getModel('acl')).data.data;
    affected(await sdk.updateModel({ ...model, displayName: 'Plain ACL' }));
    expect((await sdk.getModels()).data.data.map((item) => item.name)).toEqual(['acl']);

    affected(
      await sdk.addAdapter({ owner: 'sdk-org', name: 'acl-rules', type: 'Database', password: 'db-password' } as never),
    );
    const adapter = (await sdk.getAdapter('acl-rules')).data.data;
    expect(adapter.password).toBe('***');
    affected(await sdk.updateAdapter({ ...adapter, host: 'localhost' }));
    expect((await sdk.getAdapters()).data.data).toHaveLength(1);

    affected(
      await sdk.addEnforcer({
        owner: 'sdk-org',
        name: 'guard',
        model: 'sdk-org/acl',
        adapter: 'sdk-org/acl-rules',
        isEnabled: true,
      } as never),
    );
    const enforcer = (await sdk.getEnforcer('guard')).data.data;
    affected(await sdk.updateEnforcer({ ...enforcer, description: 'guards docs' }));
    expect((await sdk.getEnforcers()).data.data.map((item) => item.name)).toEqual(['guard']);
    await world.admin('/api/add-policy?id=sdk-org/guard', { ptype: 'p', v0: 'carol', v1: 'docs', v2: 'edit' });
    const answer = await fetch(`${world.server.url}/api/enforce?enforcerId=sdk-org/guard`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${world.application.clientId}:${world.application.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(['carol', 'docs', 'edit']),
    });
    expect((await answer.json()).data).toEqual([true]);

    affected(await sdk.deleteEnforcer(enforcer));
    affected(await sdk.deleteAdapter(adapter));
    affected(await sdk.deleteModel(model));
  });

  test('certs and providers', async () => {
    affected(
      await sdk.addCert({
        owner: 'sdk-org',
        name: 'sdk-cert',
        displayName: 'SDK cert',
        scope: 'JWT',
        type: 'x509',
        cryptoAlgorithm: 'ES256',
      } as never),
    );
    const cert = (await sdk.getCert('sdk-cert')).data.data;
    expect(cert.certificate).toStartWith('-----BEGIN CERTIFICATE-----');
    expect(cert.privateKey).toContain('PRIVATE KEY');
    affected(await sdk.updateCert({ ...cert, displayName: 'Renamed cert' }));
    expect((await sdk.getCerts()).data.data.map((item) => `${item.owner}/${item.name}`).sort()).toEqual([
      'admin/cert-built-in',
      'sdk-org/sdk-cert',
    ]);
    affected(await sdk.deleteCert(cert));

    affected(
      await sdk.addProvider({
        owner: 'sdk-org',
        name: 'github',
        displayName: 'GitHub',
        category: 'OAuth',
        type: 'GitHub',
        clientId: 'gh',
        clientSecret: 'gh-secret',
      } as never),
    );
    const provider = (await sdk.getProvider('github')).data.data;
    expect(provider).toMatchObject({ clientId: 'gh', clientSecret: '***' });
    affected(await sdk.updateProvider({ ...provider, displayName: 'GitHub.com' }));
    expect((await sdk.getProviders()).data.data.map((item) => `${item.owner}/${item.name}`).sort()).toEqual([
      'admin/provider_balance',
      'admin/provider_payment_dummy',
      'sdk-org/github',
    ]);
    affected(await sdk.deleteProvider(provider));
  });

  test('webhooks', async () => {
    affected(
      await sdk.addWebhook({
        owner: 'sdk-org',
        name: 'hook',
        organization: 'sdk-org',
        url: 'https://hooks.example/latchkey',
        method: 'POST',
        contentType: 'application/json',
        events: ['add-user'],
        isEnabled: true,
      } as never),
    );
    const webhook = (await sdk.getWebhook('hook')).data.data;
    expect(webhook).toMatchObject({ url: 'https://hooks.example/latchkey', singleOrgOnly: true });
    affected(await sdk.updateWebhook({ ...webhook, events: ['add-user', 'delete-user'] }));
    expect((await sdk.getWebhooks()).data.data[0]!.events).toEqual(['add-user', 'delete-user']);
    affected(await sdk.deleteWebhook(webhook));
  });

  test('sessions', async () => {
    const signIn = await fetch(`${world.server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'sdk-org-app',
        organization: 'sdk-org',
        username: 'carol',
        password: 'carol-password',
        type: 'login',
      }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const sessions = (await sdk.getSessions()).data.data;
    expect(sessions).toEqual([
      expect.objectContaining({ owner: 'sdk-org', name: 'carol', application: 'sdk-org-app' }),
    ]);
    expect((await sdk.getSession('carol', 'sdk-org-app')).data.data.sessionId).toHaveLength(1);
    affected(
      await sdk.addSession({
        owner: 'sdk-org',
        name: 'carol',
        application: 'sdk-org-app',
        createdTime: '',
        sessionId: ['from-the-sdk'],
      }),
    );
    expect((await sdk.getSession('carol', 'sdk-org-app')).data.data.sessionId).toHaveLength(2);
    affected(
      await sdk.updateSession({
        owner: 'sdk-org',
        name: 'carol',
        application: 'sdk-org-app',
        createdTime: '',
        sessionId: ['from-the-sdk'],
      }),
    );
    expect((await sdk.getSession('carol', 'sdk-org-app')).data.data.sessionId).toEqual(['from-the-sdk']);
    // update-session ended the browser session that was not listed.
    expect((await (await fetch(`${world.server.url}/api/get-account`, { headers: { cookie } })).json()).status).toBe(
      'error',
    );
    affected(await sdk.deleteSession({ owner: 'sdk-org', name: 'carol', application: 'sdk-org-app', createdTime: '' }));
    expect((await sdk.getSession('carol', 'sdk-org-app')).data.data).toBeNull();
  });

  test('tokens', async () => {
    const token = {
      owner: 'admin',
      name: 'sdk-token',
      createdTime: '',
      application: 'sdk-org-app',
      organization: 'sdk-org',
      user: 'carol',
      code: '',
      accessToken: 'opaque-access',
      refreshToken: 'opaque-refresh',
      expiresIn: 3600,
      scope: 'read',
      tokenType: 'Bearer',
      codeChallenge: '',
      codeIsUsed: false,
      codeExpireIn: 0,
    };
    affected(await sdk.addToken(token));
    const page = (await sdk.getTokens(1, 10)).data as unknown as { data: (typeof token)[]; data2: number };
    expect(page.data2).toBe(1);
    // The server mints the token itself: the access token sent is never stored, and the minted one works.
    expect(page.data[0]).toMatchObject({ name: 'sdk-token', user: 'carol', refreshToken: '', expiresIn: 3600 });
    expect(page.data[0]!.accessToken).not.toBe('opaque-access');
    const account = await fetch(`${world.server.url}/api/get-account`, {
      headers: { authorization: `Bearer ${page.data[0]!.accessToken}` },
    });
    expect((await account.json()).name).toBe('carol');
    const stored = (await sdk.getToken('sdk-token')).data.data;
    affected(await sdk.updateToken({ ...stored, expiresIn: 0 }));
    expect((await sdk.getToken('sdk-token')).data.data.expiresIn).toBe(0);
    affected(await sdk.deleteToken(stored));
    expect((await sdk.getToken('sdk-token')).data.data).toBeNull();
  });

  test('applications of the organization', async () => {
    affected(
      await sdk.addApplication({
        owner: 'admin',
        name: 'sdk-second-app',
        displayName: 'Second',
        organization: 'sdk-org',
        redirectUris: ['https://second.example/cb'],
      } as never),
    );
    const application = (await sdk.getApplication('sdk-second-app')).data.data;
    expect(application.clientId).toMatch(/^[0-9a-f]{20}$/);
    expect(application.clientSecret).toMatch(/^[0-9a-f]{40}$/);
    affected(await sdk.updateApplication({ ...application, displayName: 'Second app' }));
    expect((await sdk.getApplications()).data.data.map((item) => item.name).sort()).toEqual([
      'sdk-org-app',
      'sdk-second-app',
    ]);
    affected(await sdk.deleteApplication(application));
  });

  test('organizations: an application reads its own; the built-in application manages them all', async () => {
    expect((await sdk.getOrganizations()).data.data.map((item) => item.name)).toEqual(['sdk-org']);
    expect((await sdk.getOrganization('sdk-org')).data.data).toMatchObject({ name: 'sdk-org', displayName: 'SDK Org' });
    expect((await sdk.addOrganization({ owner: 'admin', name: 'not-mine' } as never)).data).toMatchObject({
      status: 'error',
    });

    const global = world.globalSdk;
    affected(
      await global.addOrganization({ owner: 'admin', name: 'sdk-second-org', displayName: 'Second org' } as never),
    );
    const organization = (await global.getOrganization('sdk-second-org')).data.data;
    affected(await global.updateOrganization({ ...organization, displayName: 'Second organization' }));
    expect((await global.getOrganizations()).data.data.map((item) => item.name).sort()).toEqual([
      'built-in',
      'sdk-org',
      'sdk-second-org',
    ]);
    affected(await global.deleteOrganization(organization));
  });

  test('deleting roles and permissions', async () => {
    affected(await sdk.deletePermission((await sdk.getPermission('read-docs')).data.data));
    affected(await sdk.deleteRole((await sdk.getRole('reader')).data.data));
    expect((await sdk.getRoles()).data.data).toEqual([]);
  });
});
