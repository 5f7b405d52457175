import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL } from '@latchkey/db/testing';
import { SDK } from 'casdoor-nodejs-sdk';
import { type SdkWorld, startSdkWorld } from '../support/sdk.ts';

/**
 * The flows of Casdoor's own SDK tests (casdoor-nodejs-sdk's test/enforcer, policy, session and
 * webhook tests; casdoor-go-sdk's TestPolicy, TestEnforce and TestToken; casdoor-python-sdk's
 * test_pricing and test_enforcer), with their objects and shapes, driven through casdoor-nodejs-sdk
 * from npm against a real Latchkey, in the organization they use (`casbin`).
 */
let world: SdkWorld;
let sdk: SDK;
let intruder: SDK;

/** The request the SDK made for itself (HTTP Basic with the application's client id and secret). */
interface SdkRequest {
  get(
    url: string,
    config?: { params?: Record<string, unknown> },
  ): Promise<{ data: { status: string; msg: string; data: any } }>;
  post(
    url: string,
    data: unknown,
    config?: { params?: Record<string, unknown> },
  ): Promise<{ data: { status: string; msg: string; data: any } }>;
}

/** A policy line as the SDKs declare it (casdoor-nodejs-sdk src/policy.ts, casdoor-go-sdk CasbinRule). */
interface Policy {
  Id: number;
  Ptype: string;
  V0: string;
  V1: string;
  V2: string;
  V3?: string;
  V4?: string;
  V5?: string;
}

/**
 * casdoor-nodejs-sdk's PolicySDK (src/policy.ts of its repository; the release on npm does not
 * have it yet): the same calls, over the installed SDK's own request. Bodies are sent as JSON text,
 * as it sends them.
 */
function policiesOf(client: SDK, organization: string) {
  const request = (client as unknown as { request: SdkRequest }).request;
  const modify = (method: string, enforcer: { owner: string; name: string }, policies: Policy[]) =>
    request.post(`/${method}`, method === 'update-policy' ? JSON.stringify(policies) : JSON.stringify(policies[0]), {
      params: { id: `${enforcer.owner}/${enforcer.name}` },
    });
  return {
    getPolicies: (enforcerName: string, adapterId?: string) =>
      request.get('/get-policies', { params: { id: `${organization}/${enforcerName}`, adapterId } }),
    addPolicy: (enforcer: { owner: string; name: string }, policy: Policy) => modify('add-policy', enforcer, [policy]),
    updatePolicy: (enforcer: { owner: string; name: string }, oldPolicy: Policy, newPolicy: Policy) =>
      modify('update-policy', enforcer, [oldPolicy, newPolicy]),
    deletePolicy: (enforcer: { owner: string; name: string }, policy: Policy) =>
      modify('remove-policy', enforcer, [policy]),
  };
}

const BUILT_IN_MODEL = 'built-in/user-model-built-in';
const BUILT_IN_ADAPTER = 'built-in/user-adapter-built-in';
let counter = 0;
const randomName = (prefix: string) => `${prefix}_${Date.now().toString(36)}${++counter}`;

/** An enforcer as the SDK tests write it: owner "admin", which the SDK replaces with its organization. */
const sdkEnforcer = (name: string) => ({
  owner: 'admin',
  name,
  createdTime: new Date().toISOString(),
  displayName: name,
  model: BUILT_IN_MODEL,
  adapter: BUILT_IN_ADAPTER,
  description: 'Casdoor Website',
});

const enforceWith = async (enforcerId: string, request: string[]) => {
  const answer = await fetch(`${world.server.url}/api/enforce?enforcerId=${enforcerId}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${world.application.clientId}:${world.application.clientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(request),
  });
  return (await answer.json()).data;
};

beforeAll(async () => {
  world = await startSdkWorld('casbin');
  sdk = world.sdk;
  // Another organization's application, to try the same calls across the boundary.
  await world.admin('/api/add-organization', { owner: 'admin', name: 'intruder-org' });
  await world.admin('/api/add-application', { owner: 'admin', name: 'intruder-app', organization: 'intruder-org' });
  const application = (await world.admin('/api/get-application?id=admin/intruder-app')).data;
  const certificate = (await world.admin('/api/get-cert?id=admin/cert-built-in')).data.certificate;
  intruder = new SDK({
    endpoint: world.server.url,
    clientId: application.clientId,
    clientSecret: application.clientSecret,
    certificate,
    orgName: 'intruder-org',
    appName: 'intruder-app',
  });
});
afterAll(() => world?.dispose());

describe("Casdoor's SDK tests against Latchkey", () => {
  test('TestEnforcer: an enforcer over the built-in model and adapter is added, read, updated and deleted', async () => {
    const name = randomName('enforcer');
    const enforcer = sdkEnforcer(name);
    expect((await sdk.addEnforcer(enforcer)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await sdk.getEnforcers()).data.data.some((item) => item.name === name)).toBe(true);
    const retrieved = (await sdk.getEnforcer(name)).data.data;
    expect(retrieved).toMatchObject({ owner: 'casbin', name, model: BUILT_IN_MODEL, adapter: BUILT_IN_ADAPTER });
    retrieved.description = 'Updated Casdoor Website';
    expect((await sdk.updateEnforcer(retrieved)).data).toMatchObject({ data: 'Affected' });
    expect((await sdk.getEnforcer(name)).data.data.description).toBe('Updated Casdoor Website');
    expect((await sdk.deleteEnforcer(retrieved)).data).toMatchObject({ data: 'Affected' });
    expect((await sdk.getEnforcer(name)).data.data).toBeNull();
  });

  test("TestPolicy: policy lines of an enforcer over the built-in adapter, in the SDK's shape", async () => {
    const name = randomName('policy');
    const enforcer = sdkEnforcer(name);
    const policies = policiesOf(sdk, 'casbin');
    const policy: Policy = { Id: 0, Ptype: 'p', V0: '1', V1: '2', V2: '4' };
    const newPolicy: Policy = { Id: 0, Ptype: 'p', V0: '1', V1: '2', V2: '5' };
    expect((await sdk.addEnforcer(enforcer)).data.data).toBe('Affected');

    expect((await policies.addPolicy(enforcer, policy)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    const added = (await policies.getPolicies(enforcer.name)).data.data as Policy[];
    expect(added.some((item) => item.Id === 0 && item.V2 === '4')).toBe(true);
    expect(added).toEqual([{ Id: 0, Ptype: 'p', V0: '1', V1: '2', V2: '4', V3: '', V4: '', V5: '' }]);

    expect((await policies.updatePolicy(enforcer, policy, newPolicy)).data).toMatchObject({ data: 'Affected' });
    expect(
      ((await policies.getPolicies(name)).data.data as Policy[]).some((item) => item.Id === 0 && item.V2 === '5'),
    ).toBe(true);

    expect((await policies.deletePolicy(enforcer, newPolicy)).data).toMatchObject({ data: 'Affected' });
    expect((await policies.getPolicies(name)).data.data).toEqual([]);
  });

  test('the built-in adapter keeps each organization apart: another one neither sees nor changes these lines', async () => {
    const name = randomName('guarded');
    const enforcer = sdkEnforcer(name);
    const own = policiesOf(sdk, 'casbin');
    expect((await sdk.addEnforcer(enforcer)).data.data).toBe('Affected');
    expect((await own.addPolicy(enforcer, { Id: 0, Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read' })).data.data).toBe(
      'Affected',
    );

    // The other organization's enforcer over the same built-in adapter has lines of its own: none.
    const theirs = sdkEnforcer(randomName('theirs'));
    expect((await intruder.addEnforcer(theirs)).data.data).toBe('Affected');
    const foreign = policiesOf(intruder, 'intruder-org');
    expect((await foreign.getPolicies(theirs.name)).data.data).toEqual([]);
    expect(
      (
        await foreign.addPolicy(
          { owner: 'intruder-org', name: theirs.name },
          { Id: 0, Ptype: 'p', V0: 'mallory', V1: 'data1', V2: 'read' },
        )
      ).data.data,
    ).toBe('Affected');
    // Nor can it reach casbin's enforcer, its lines, or the built-in model and adapter themselves.
    expect(
      (
        await foreign.addPolicy(
          { owner: 'casbin', name },
          { Id: 0, Ptype: 'p', V0: 'mallory', V1: 'data1', V2: 'read' },
        )
      ).data.status,
    ).toBe('error');
    expect(
      (
        await foreign.deletePolicy(
          { owner: 'casbin', name },
          { Id: 0, Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read' },
        )
      ).data.status,
    ).toBe('error');
    // (The SDK writes its own organization into the id, so these go around it, with its credentials.)
    const raw = (intruder as unknown as { request: SdkRequest }).request;
    const model = { owner: 'built-in', name: 'user-model-built-in', modelText: ACL_MODEL };
    expect((await raw.post('/update-model', model, { params: { id: BUILT_IN_MODEL } })).data.status).toBe('error');
    expect(
      (
        await raw.post(
          '/delete-adapter',
          { owner: 'built-in', name: 'user-adapter-built-in' },
          { params: { id: BUILT_IN_ADAPTER } },
        )
      ).data.status,
    ).toBe('error');
    expect((await raw.post('/delete-model', model, { params: { id: `/${model.name}` } })).data.status).toBe('error');

    expect(((await own.getPolicies(name)).data.data as Policy[]).map((line) => line.V0)).toEqual(['alice']);
    expect(await enforceWith(`casbin/${name}`, ['alice', 'data1', 'read'])).toEqual([true]);
    expect(await enforceWith(`casbin/${name}`, ['mallory', 'data1', 'read'])).toEqual([false]);
    expect((await world.admin(`/api/get-model?id=${BUILT_IN_MODEL}`)).data.modelText).toContain(
      'm = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act',
    );
    expect((await world.admin(`/api/get-adapter?id=${BUILT_IN_ADAPTER}`)).data).toMatchObject({
      name: 'user-adapter-built-in',
    });
  });

  test("TestEnforce (Go SDK): the organization's own model and adapter, lines in the SDK's shape, then enforce", async () => {
    const modelName = randomName('enforceModel');
    const adapterName = randomName('enforceAdapter');
    const enforcerName = randomName('enforceEnforcer');
    expect(
      (await sdk.addModel({ owner: 'casbin', name: modelName, displayName: modelName, modelText: ACL_MODEL } as never))
        .data,
    ).toMatchObject({ data: 'Affected' });
    expect(
      (
        await sdk.addAdapter({
          owner: 'casbin',
          name: adapterName,
          table: `${adapterName}_policy`,
          useSameDb: true,
        } as never)
      ).data,
    ).toMatchObject({ data: 'Affected' });
    const enforcer = {
      owner: 'casbin',
      name: enforcerName,
      displayName: enforcerName,
      model: `casbin/${modelName}`,
      adapter: `casbin/${adapterName}`,
    };
    expect((await sdk.addEnforcer(enforcer as never)).data).toMatchObject({ data: 'Affected' });
    const policies = policiesOf(sdk, 'casbin');
    expect(
      (await policies.addPolicy(enforcer, { Id: 0, Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read' })).data.data,
    ).toBe('Affected');
    expect(
      (await policies.addPolicy(enforcer, { Id: 0, Ptype: 'p', V0: 'bob', V1: 'data2', V2: 'write' })).data.data,
    ).toBe('Affected');
    expect(await enforceWith(`casbin/${enforcerName}`, ['alice', 'data1', 'read'])).toEqual([true]);
    expect(await enforceWith(`casbin/${enforcerName}`, ['bob', 'data2', 'write'])).toEqual([true]);
    expect(await enforceWith(`casbin/${enforcerName}`, ['alice', 'data1', 'write'])).toEqual([false]);
  });

  test('TestSession: a Session with no session ids in the portal application is added, read, updated and deleted', async () => {
    const name = randomName('session');
    const session = {
      owner: 'casbin',
      name,
      application: 'app-built-in',
      createdTime: new Date().toISOString(),
      sessionId: [] as string[],
    };
    expect((await sdk.addSession(session)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await sdk.getSessions()).data.data.some((item) => item.name === name)).toBe(true);
    const retrieved = (await sdk.getSession(name, session.application)).data.data;
    expect(retrieved).toMatchObject({ owner: 'casbin', name, application: 'app-built-in', sessionId: [] });
    const updateTime = new Date(Date.now() + 1000).toISOString();
    retrieved.createdTime = updateTime;
    expect((await sdk.updateSession(retrieved)).data).toMatchObject({ data: 'Affected' });
    expect((await sdk.getSession(name, session.application)).data.data.createdTime).toBe(updateTime);
    // Another organization's application cannot record one in casbin, nor end this one (the SDK
    // writes its own organization as the owner, so these go around it, with its credentials).
    const foreign = (intruder as unknown as { request: SdkRequest }).request;
    expect((await foreign.post('/add-session', { ...session, name: randomName('planted') })).data.status).toBe('error');
    expect((await foreign.post('/delete-session', retrieved)).data.status).toBe('error');
    expect(
      (await foreign.get('/get-session', { params: { sessionPkId: `casbin/${name}/app-built-in` } })).data.status,
    ).toBe('error');
    expect(
      (await world.admin('/api/get-sessions?owner=casbin')).data.some((item: { name: string }) =>
        item.name.startsWith('planted'),
      ),
    ).toBe(false);
    expect((await sdk.getSession(name, session.application)).data.data.createdTime).toBe(updateTime);
    expect((await sdk.deleteSession(retrieved)).data).toMatchObject({ data: 'Affected' });
    expect((await sdk.getSession(name, session.application)).data.data).toBeNull();
  });

  test("TestWebhook: the built-in application moves a webhook to a name that is no organization; casbin's own may not", async () => {
    const name = randomName('webhook');
    const webhook = { owner: 'casbin', name, createdTime: new Date().toISOString(), organization: 'casbin' };
    // casbin's application adds and reads it, but cannot move it out of casbin.
    expect((await sdk.addWebhook(webhook as never)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    const retrieved = (await sdk.getWebhook(name)).data.data;
    expect(retrieved).toMatchObject({ owner: 'casbin', name, organization: 'casbin', singleOrgOnly: true });
    expect((await sdk.updateWebhook({ ...retrieved, organization: 'Updated Casdoor Website' })).data.status).toBe(
      'error',
    );
    // The global application (Casdoor's applications all are) may, as the Node SDK's TestWebhook does.
    const global = world.globalSdk;
    expect((await global.getWebhooks()).data.data.some((item) => item.name === name)).toBe(true);
    const asGlobal = (await global.getWebhook(name)).data.data;
    expect((await global.updateWebhook({ ...asGlobal, organization: 'Updated Casdoor Website' })).data).toMatchObject({
      data: 'Affected',
    });
    expect((await global.getWebhook(name)).data.data.organization).toBe('Updated Casdoor Website');
    // No longer casbin's: its application neither reads nor deletes it.
    expect(((await sdk.getWebhook(name)).data as unknown as { status: string }).status).toBe('error');
    expect((await sdk.deleteWebhook(retrieved)).data.status).toBe('error');
    expect((await global.deleteWebhook(asGlobal)).data).toMatchObject({ data: 'Affected' });
    expect((await global.getWebhook(name)).data.data).toBeNull();
  });

  test('test_pricing (Python SDK): a pricing naming an application not added yet', async () => {
    const name = randomName('Pricing');
    const pricing = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      description: 'app-admin',
      plans: [''],
      isEnabled: false,
      trialDuration: 0,
      application: 'Casdoor Website',
    };
    expect((await sdk.addPricing(pricing as never)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await sdk.getPricings()).data.data.some((item) => item.name === name)).toBe(true);
    const retrieved = (await sdk.getPricing(name)).data.data;
    expect(retrieved).toMatchObject({ owner: 'casbin', application: 'Casdoor Website' });
    expect((await sdk.updatePricing({ ...retrieved, description: 'Updated Casdoor Website' })).data).toMatchObject({
      data: 'Affected',
    });
    // Another organization's application is never a name of nothing: refused.
    expect(
      (await sdk.addPricing({ ...pricing, name: `${name}-x`, application: 'intruder-app' } as never)).data.status,
    ).toBe('error');
    expect((await sdk.deletePricing(retrieved)).data).toMatchObject({ data: 'Affected' });
  });

  test('test_enforcer (Python SDK): a model id of built-in that names nothing and an adapter not added yet', async () => {
    const name = randomName('Enforcer');
    const enforcer = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      description: 'built-in/user-model-built-in',
      model: 'built-in/user-adapter-built-in',
      adapter: 'Casdoor Website',
    };
    // casbin's application may not name built-in's (it is no shared model), existing or not.
    expect((await sdk.addEnforcer(enforcer)).data.status).toBe('error');
    const global = world.globalSdk;
    expect((await global.addEnforcer(enforcer)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await global.getEnforcers()).data.data.some((item) => item.name === name)).toBe(true);
    const retrieved = (await global.getEnforcer(name)).data.data;
    expect(retrieved).toMatchObject({
      owner: 'casbin',
      model: 'built-in/user-adapter-built-in',
      adapter: 'casbin/Casdoor Website',
    });
    expect((await global.updateEnforcer({ ...retrieved, description: 'Updated Casdoor Website' })).data).toMatchObject({
      data: 'Affected',
    });
    // Never used: the enforcer has no model of its own organization.
    expect(await enforceWith(`casbin/${name}`, ['alice', 'data1', 'read'])).toBeNull();
    expect((await global.deleteEnforcer(retrieved)).data).toMatchObject({ data: 'Affected' });
    expect((await global.getEnforcer(name)).data.data).toBeNull();
  });

  test("TestToken (Go SDK): a token's code is stored as written and never exchanged", async () => {
    const name = randomName('Token');
    const token = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      application: world.application.name,
      organization: 'casbin',
      user: '',
      code: 'abc',
      accessToken: '123456',
      refreshToken: '',
      expiresIn: 0,
      scope: '',
      tokenType: '',
      codeChallenge: '',
      codeIsUsed: false,
      codeExpireIn: 0,
    };
    expect((await sdk.addToken(token)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    const retrieved = (await sdk.getToken(name)).data.data;
    expect(retrieved).toMatchObject({ code: 'abc' });
    expect(retrieved.accessToken).not.toBe('123456');
    expect((await sdk.updateToken({ ...retrieved, code: 'Updated Code' })).data).toMatchObject({ data: 'Affected' });
    expect((await sdk.getToken(name)).data.data.code).toBe('Updated Code');
    const exchanged = await fetch(`${world.server.url}/api/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: world.application.clientId,
        client_secret: world.application.clientSecret,
        code: 'Updated Code',
      }),
    });
    expect(((await exchanged.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await sdk.deleteToken(retrieved)).data).toMatchObject({ data: 'Affected' });
  });
});
