import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication, findUser } from '@latchkey/db';
import { refusal } from '../../test/caught.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser } from '../../test/fixtures.ts';
import { anonymous, applicationIdentity, type Identity, userIdentity } from './identity.ts';
import { type KeyOwnerFields, pinKeyToCaller } from './key-ownership.ts';

let t: TestApp;
const who: Record<string, Identity> = {};

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addOrganization(t, 'beta');
  await addUser(t, 'acme', 'alice', 'x');
  await addUser(t, 'acme', 'acme-admin', 'x', { isAdmin: true });
  await addUser(t, 'beta', 'bob', 'x');
  await addApplication(t, 'acme-app', 'acme');
  await addApplication(t, 'beta-app', 'beta');
  who.alice = userIdentity((await findUser(t.context.db, 'acme', 'alice'))!, 'session');
  who.acmeAdmin = userIdentity((await findUser(t.context.db, 'acme', 'acme-admin'))!, 'session');
  who.acmeApp = applicationIdentity((await findApplication(t.context.db, 'acme-app'))!, 'clientSecret');
  who.globalAdmin = userIdentity((await findUser(t.context.db, 'built-in', 'admin'))!, 'session');
  who.builtInApp = applicationIdentity((await findApplication(t.context.db, 'app-built-in'))!, 'clientSecret');
});
afterAll(() => t.dispose());

const key = (fields: Partial<KeyOwnerFields>): KeyOwnerFields => ({
  owner: '',
  organization: '',
  user: '',
  application: '',
  ...fields,
});

async function refusalCode(
  identity: Identity,
  fields: Partial<KeyOwnerFields>,
  existing?: Partial<KeyOwnerFields>,
): Promise<string> {
  return (
    (await refusal(pinKeyToCaller(t.context, identity, key(fields), existing ? key(existing) : undefined)))?.code ??
    'accepted'
  );
}

describe('a key is pinned to the caller organization', () => {
  test('an organization administrator gets keys in their organization only; another organization is refused, not rewritten', async () => {
    expect(await pinKeyToCaller(t.context, who.acmeAdmin!, key({ user: 'alice' }))).toEqual({
      owner: 'acme',
      organization: 'acme',
      user: 'alice',
      application: '',
    });
    expect(await refusalCode(who.acmeAdmin!, { organization: 'built-in', user: 'admin' })).toBe(
      'general.unauthorized_operation',
    );
    expect(await refusalCode(who.acmeAdmin!, { owner: 'beta', user: 'bob' })).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.acmeAdmin!, { owner: 'acme', organization: 'beta', user: 'bob' })).toBe(
      'general.unauthorized_operation',
    );
    expect(await refusalCode(who.acmeAdmin!, { user: 'bob' })).toBe('auth.user_not_found');
  });

  test('an application key only for an application of the same organization', async () => {
    expect(await pinKeyToCaller(t.context, who.acmeApp!, key({ application: 'acme-app' }))).toMatchObject({
      organization: 'acme',
      application: 'acme-app',
    });
    expect(await refusalCode(who.acmeAdmin!, { application: 'app-built-in' })).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.acmeApp!, { application: 'beta-app' })).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.acmeAdmin!, { user: 'alice', application: 'acme-app' })).toBe(
      'auth.key_needs_one_holder',
    );
    expect(await refusalCode(who.acmeAdmin!, {})).toBe('auth.key_needs_one_holder');
  });

  test('a plain user only for themselves', async () => {
    expect(await pinKeyToCaller(t.context, who.alice!, key({}))).toEqual({
      owner: 'acme',
      organization: 'acme',
      user: 'alice',
      application: '',
    });
    expect(await refusalCode(who.alice!, { user: 'acme-admin' })).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.alice!, { application: 'acme-app' })).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.alice!, { organization: 'built-in', user: 'admin' })).toBe(
      'general.unauthorized_operation',
    );
    expect(await refusalCode(anonymous, { user: 'alice' })).toBe('general.please_login_first');
  });

  test('a global administrator (a built-in user or application) may place keys anywhere', async () => {
    expect(await pinKeyToCaller(t.context, who.globalAdmin!, key({ organization: 'beta', user: 'bob' }))).toMatchObject(
      { owner: 'beta', organization: 'beta' },
    );
    expect(
      await pinKeyToCaller(t.context, who.builtInApp!, key({ owner: 'acme', application: 'acme-app' })),
    ).toMatchObject({ organization: 'acme' });
  });

  test('an update needs rights over the key as it was', async () => {
    expect(
      await refusalCode(who.acmeAdmin!, { user: 'alice' }, { owner: 'beta', organization: 'beta', user: 'bob' }),
    ).toBe('general.unauthorized_operation');
    expect(await refusalCode(who.alice!, {}, { owner: 'acme', organization: 'acme', user: 'acme-admin' })).toBe(
      'general.unauthorized_operation',
    );
    expect(await refusalCode(who.alice!, {}, { owner: 'acme', organization: 'acme', user: 'alice' })).toBe('accepted');
  });
});
