import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { formatTime } from '../../core/context.ts';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * What Casdoor's clients and files send that is unambiguous is taken: an `id` query whose owner is
 * empty with the owner in the body, and nested items that leave fields out (Casdoor gives them
 * their zero value). The owner taken from the body is within the caller's reach or refused.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;

const userExists = async (owner: string, name: string) =>
  (await countStoredRows(t.context.db, 'user', { owner, name })) > 0;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  beta = await organizationWithCallers(t, 'beta');
  for (const [owner, name] of [
    ['acme', 'alice'],
    ['acme', 'bob'],
    ['beta', 'alice'],
  ]) {
    expect((await call(t, root, '/api/add-user', { owner, name })).data).toBe('Affected');
  }
  const now = formatTime(t.clock.now());
  await insertRow(
    t.context.db,
    'provider',
    codecs.provider.encode({ owner: 'acme', name: 'acme-github', createdTime: now, category: 'OAuth', type: 'GitHub' }),
  );
  await insertRow(
    t.context.db,
    'provider',
    codecs.provider.encode({ owner: 'beta', name: 'beta-github', createdTime: now, category: 'OAuth', type: 'GitHub' }),
  );
});
afterAll(() => t.dispose());

describe('an id query with an empty owner takes the owner from the body', () => {
  test('delete-user?id=/name and update-user?id=/name with the owner in the body', async () => {
    expect(
      (await call(t, acme.app, '/api/update-user?id=/bob', { owner: 'acme', name: 'bob', displayName: 'Bob' })).data,
    ).toBe('Affected');
    expect((await call(t, acme.app, '/api/get-user?id=acme/bob')).data.displayName).toBe('Bob');
    expect((await call(t, acme.app, '/api/delete-user?id=/bob', { owner: 'acme', name: 'bob' })).data).toBe('Affected');
    expect(await userExists('acme', 'bob')).toBe(false);
  });

  test("the body's owner must be within the caller's reach: another organization's object is neither changed nor deleted", async () => {
    for (const caller of [acme.admin, acme.app]) {
      expect((await call(t, caller, '/api/delete-user?id=/alice', { owner: 'beta', name: 'alice' })).status).toBe(
        'error',
      );
      expect(
        (await call(t, caller, '/api/update-user?id=/alice', { owner: 'beta', name: 'alice', displayName: 'Taken' }))
          .status,
      ).toBe('error');
      expect((await call(t, caller, '/api/delete-user?id=/absent', { owner: 'beta', name: 'absent' })).status).toBe(
        'error',
      );
    }
    expect(await userExists('beta', 'alice')).toBe(true);
    expect((await call(t, beta.admin, '/api/get-user?id=beta/alice')).data.displayName).not.toBe('Taken');
    // A plain user may not delete anyone, whatever the id looks like.
    expect((await call(t, acme.user, '/api/delete-user?id=/alice', { owner: 'acme', name: 'alice' })).status).toBe(
      'error',
    );
    expect(await userExists('acme', 'alice')).toBe(true);
  });

  test('without an owner in the body the id is refused; a full id still decides over the body', async () => {
    expect((await call(t, acme.app, '/api/delete-user?id=/alice', { name: 'alice' })).msg).toBe(
      'The id "/alice" must have the form owner/name.',
    );
    expect((await call(t, acme.app, '/api/delete-user?id=/alice', {})).msg).toBe(
      'The id "/alice" must have the form owner/name.',
    );
    expect((await call(t, acme.app, '/api/delete-user?id=/', { owner: 'acme' })).status).toBe('error');
    // The id names acme's alice; the body's owner does not move the delete elsewhere.
    expect((await call(t, beta.admin, '/api/delete-user?id=acme/alice', { owner: 'beta', name: 'alice' })).status).toBe(
      'error',
    );
    expect(await userExists('acme', 'alice')).toBe(true);
    expect(await userExists('beta', 'alice')).toBe(true);
  });
});

describe('nested items take the zero value of the fields they leave out', () => {
  /** An application as Casdoor's init_data.json.template writes it: items without owner, rule, label or placeholder. */
  const fromTemplate = (name: string, provider: string) => ({
    owner: 'admin',
    name,
    organization: 'acme',
    enablePassword: true,
    providers: [
      { name: provider, canSignUp: true, canSignIn: true, canUnlink: false, prompted: false, alertType: 'None' },
    ],
    signinMethods: [{ name: 'Password', displayName: 'Password', rule: 'All' }],
    signupItems: [
      { name: 'ID', visible: false, required: true, prompted: false, rule: 'Random' },
      { name: 'Username', visible: true, required: true, prompted: false, rule: 'None' },
    ],
    redirectUris: ['http://localhost:9000/callback'],
  });

  test("an application from Casdoor's template is accepted; the missing fields are empty", async () => {
    expect(
      await call(t, acme.admin, '/api/add-application', fromTemplate('from-template', 'acme-github')),
    ).toMatchObject({ status: 'ok', data: 'Affected' });
    const stored = (await call(t, acme.admin, '/api/get-application?id=admin/from-template')).data;
    expect(stored.providers).toEqual([
      {
        owner: '',
        name: 'acme-github',
        canSignUp: true,
        canSignIn: true,
        canUnlink: false,
        prompted: false,
        alertType: 'None',
        rule: '',
      },
    ]);
    expect(stored.signupItems[0]).toEqual({
      name: 'ID',
      visible: false,
      required: true,
      prompted: false,
      label: '',
      placeholder: '',
      rule: 'Random',
    });
    // Sending it back as it was read changes nothing.
    expect(
      (
        await call(t, acme.admin, '/api/update-application?id=admin/from-template', {
          ...fromTemplate('from-template', 'acme-github'),
        })
      ).data,
    ).toBe('Unaffected');
  });

  test("an item without an owner still names only the organization's own or global providers", async () => {
    expect((await call(t, acme.admin, '/api/add-application', fromTemplate('borrowing', 'beta-github'))).msg).toBe(
      '"beta-github" in providers does not exist or may not be used here.',
    );
    expect(
      (
        await call(t, acme.admin, '/api/update-application?id=admin/from-template&columns=providers', {
          providers: [{ name: 'beta-github' }],
        })
      ).status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/get-application?id=admin/from-template')).data.providers[0].name).toBe(
      'acme-github',
    );
    expect(await countStoredRows(t.context.db, 'application', { name: 'borrowing' })).toBe(0);
  });

  test('a nested value of the wrong type is still refused', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          ...fromTemplate('wrong-type', 'acme-github'),
          providers: [{ name: 'acme-github', canSignIn: 'yes' }],
        })
      ).status,
    ).toBe('error');
    expect(
      (
        await call(t, acme.admin, '/api/add-application', {
          ...fromTemplate('wrong-type', 'acme-github'),
          providers: ['acme-github'],
        })
      ).status,
    ).toBe('error');
    expect(await countStoredRows(t.context.db, 'application', { name: 'wrong-type' })).toBe(0);
  });
});
