import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { MfaType } from 'casdoor-nodejs-sdk/lib/cjs/mfa';
import { type SdkWorld, startSdkWorld } from '../support/sdk.ts';
import { codeAfter, totp, wrongCode } from '../support/totp.ts';

/**
 * casdoor-nodejs-sdk's MFA calls against a real Latchkey: the application sets up an authenticator
 * app for a user (initiate, verify, enable), after which POST /api/login answers NextMfa and the
 * code completes the sign-in; set-preferred-mfa and delete-mfa answer the factors as Casdoor does.
 */
let world: SdkWorld;
beforeAll(async () => {
  world = await startSdkWorld('sdk-mfa');
});
afterAll(() => world?.dispose());

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((header) => header.startsWith(`${name}=`))
    ?.split(';')[0];

async function login(body: Record<string, unknown>, cookie?: string) {
  const response = await fetch(`${world.server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ type: 'login', organization: 'sdk-mfa', application: world.application.name, ...body }),
  });
  return { response, json: (await response.json()) as { status: string; msg: string; data: any; data2: any } };
}

describe('casdoor-nodejs-sdk: MFA', () => {
  test('initiateMfa, verifyMfa and enableMfa set up an authenticator app; sign-in then takes its code', async () => {
    const { sdk } = world;
    await sdk.addUser({
      owner: 'sdk-mfa',
      name: 'alice',
      createdTime: '',
      displayName: 'Alice',
      password: 'alice-password-1',
    });
    const user = { owner: 'sdk-mfa', name: 'alice', mfaType: MfaType.APP };

    // The SDK prints the whole multipart form it sends on initiate; keep the test's output readable.
    const print = console.log;
    console.log = () => {};
    const answer = await sdk.initiateMfa(user).finally(() => {
      console.log = print;
    });
    const initiated = answer.data as unknown as {
      status: string;
      data: { secret: string; url: string; recoveryCodes: string[]; mfaType: string };
    };
    expect(initiated.status).toBe('ok');
    expect(initiated.data.mfaType).toBe('app');
    expect(initiated.data.url).toStartWith('otpauth://totp/');
    expect(initiated.data.recoveryCodes.length).toBeGreaterThan(0);
    const { secret } = initiated.data;
    const startedAt = Date.now();

    expect((await sdk.verifyMfa(user, wrongCode(secret, startedAt))).data).toMatchObject({
      status: 'error',
    });
    expect((await sdk.verifyMfa(user, totp(secret, startedAt))).data).toMatchObject({ status: 'ok', data: 'OK' });
    expect((await sdk.enableMfa(user)).data).toMatchObject({ status: 'ok', data: 'OK' });

    const first = await login({ username: 'alice', password: 'alice-password-1' });
    expect(first.json).toMatchObject({ status: 'ok', data: 'NextMfa', data2: [{ mfaType: 'app', enabled: true }] });
    expect(cookieOf(first.response, 'casdoor_session_id')).toBeUndefined();
    const pending = cookieOf(first.response, 'latchkey_mfa')!;
    // The code of the step that proved the secret is used up; a later step's code (within the drift) is not.
    const second = await login(
      { username: '', password: '', passcode: codeAfter(secret, startedAt), mfaType: 'app' },
      pending,
    );
    expect(second.json).toMatchObject({ status: 'ok', data: 'sdk-mfa/alice' });
    expect(cookieOf(second.response, 'casdoor_session_id')).toBeDefined();
  });

  test('setPreferredMfa and deleteMfa answer every factor; after deleteMfa a password signs in alone', async () => {
    const { sdk } = world;
    const preferred = (await sdk.setPreferredMfa({ owner: 'sdk-mfa', name: 'alice', mfaType: MfaType.APP }))
      .data as unknown as { status: string; data: { mfaType: string; enabled: boolean; isPreferred: boolean }[] };
    expect(preferred.status).toBe('ok');
    expect(preferred.data.find((props) => props.mfaType === 'app')).toMatchObject({ enabled: true, isPreferred: true });
    expect((await sdk.setPreferredMfa({ owner: 'sdk-mfa', name: 'alice', mfaType: MfaType.SMS })).data).toMatchObject({
      status: 'error',
    });

    const deleted = (await sdk.deleteMfa('sdk-mfa', 'alice')).data as unknown as {
      status: string;
      data: { enabled: boolean }[];
    };
    expect(deleted.status).toBe('ok');
    expect(deleted.data.every((props) => !props.enabled)).toBe(true);
    expect((await login({ username: 'alice', password: 'alice-password-1' })).json).toMatchObject({
      status: 'ok',
      data: 'sdk-mfa/alice',
    });
  });

  test("the application cannot touch another organization's users", async () => {
    const foreign = await fetch(`${world.server.url}/api/delete-mfa`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${world.application.clientId}:${world.application.clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify({ owner: 'built-in', name: 'admin' }),
    });
    expect(((await foreign.json()) as { status: string }).status).toBe('error');
  });
});
