import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addUser } from '../../test/fixtures.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;

beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest('acme'));
  const stored = await t.context.passwords.hash('a-password-1');
  for (const [name, score] of [
    ['low', 1],
    ['high', 90],
    ['middle', 50],
  ] as const)
    await addUser(t, 'acme', name, stored, { score, accessSecret: t.context.secrets.seal('a-secret-value') });
  await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

const names = (answer: { data: { name: string }[] }) => answer.data.map((user) => user.name);

describe('get-sorted-users', () => {
  test("answers an organization's first users by the sorter, highest first, as Casdoor's Python SDK asks (a column name and a limit)", async () => {
    expect(names(await call(t, acme.app, '/api/get-sorted-users?owner=acme&sorter=score&limit=2'))).toEqual([
      'high',
      'middle',
    ]);
    expect(
      names(await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=created_time&limit=100')).length,
    ).toBe(5);
    expect(names(await call(t, acme.admin, '/api/get-sorted-users?sorter=score')).slice(0, 3)).toEqual([
      'high',
      'middle',
      'low',
    ]);
  });

  test('masks users as get-users does', async () => {
    const users = (await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=score&limit=1')).data;
    expect(users[0].password).toBe('***');
    expect(users[0].accessSecret).toBe('***');
    expect(JSON.stringify(users)).not.toContain('a-secret-value');
  });

  test('refuses a sorter that is not sortable, a bad limit, and callers of other organizations', async () => {
    expect((await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=password_hash&limit=1')).msg).toBe(
      en('object.unknown_sort_field', { field: 'password_hash' }),
    );
    expect(
      (await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=score;drop table user&limit=1')).status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=score&limit=1001')).msg).toBe(
      en('general.invalid_parameter', { name: 'limit' }),
    );
    expect((await call(t, acme.admin, '/api/get-sorted-users?owner=acme&sorter=score&limit=-1')).msg).toBe(
      en('general.invalid_parameter', { name: 'limit' }),
    );
    expect((await call(t, acme.admin, '/api/get-sorted-users?owner=beta&sorter=score&limit=1')).msg).toBe(
      en('general.unauthorized_operation'),
    );
    expect((await call(t, acme.user, '/api/get-sorted-users?owner=acme&sorter=score&limit=1')).msg).toBe(
      en('general.unauthorized_operation'),
    );
    // Positive control: the global administrator reads any organization.
    expect(names(await call(t, root, '/api/get-sorted-users?owner=acme&sorter=score&limit=1'))).toEqual(['high']);
  });
});
