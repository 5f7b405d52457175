import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

/** Transactions as Casdoor's Go SDK uses them, and the user balances those tagged User move. */
let t: TestApp;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, org: acme } = await startObjectTest('acme')));
afterAll(() => t.dispose());

const balance = async () => (await call(t, acme.admin, '/api/get-user?id=acme/acme-user')).data.balance as number;

describe('transactions', () => {
  test('add-transaction names a transaction that has no name and answers the name (the Go SDK reads it)', async () => {
    const added = await call(t, acme.app, '/api/add-transaction', { owner: 'acme', state: 'Paid' });
    expect(added).toMatchObject({ status: 'ok', msg: '' });
    expect(added.data).toMatch(/^[0-9a-f]{32}$/);
    const transaction = (await call(t, acme.app, `/api/get-transaction?id=acme/${added.data}`)).data;
    expect(transaction).toMatchObject({ owner: 'acme', name: added.data, displayName: added.data, state: 'Paid' });
    expect((await call(t, acme.app, '/api/add-transaction', { owner: 'acme', name: 'named' })).data).toBe('named');
    expect(
      (
        await call(t, acme.app, `/api/update-transaction?id=acme/${added.data}`, {
          ...transaction,
          displayName: 'Organization',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.app, `/api/delete-transaction?id=acme/${added.data}`, transaction)).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.app, `/api/get-transaction?id=acme/${added.data}`)).data).toBeNull();
  });

  test('a transaction tagged User moves the user’s balance; its update and deletion move it back', async () => {
    const start = await balance();
    const name = (
      await call(t, acme.admin, '/api/add-transaction', {
        owner: 'acme',
        tag: 'User',
        user: 'acme-user',
        category: 'Recharge',
        amount: 20,
        currency: 'USD',
      })
    ).data;
    expect(await balance()).toBe(start + 20);
    expect(
      (await call(t, acme.admin, `/api/update-transaction?id=acme/${name}&columns=amount`, { amount: 15.5 })).data,
    ).toBe('Affected');
    expect(await balance()).toBe(start + 15.5);
    const debit = (
      await call(t, acme.admin, '/api/add-transaction', {
        owner: 'acme',
        tag: 'User',
        user: 'acme-user',
        category: 'Purchase',
        amount: -0.1,
      })
    ).data;
    expect(await balance()).toBe(start + 15.4);
    await call(t, acme.admin, `/api/delete-transaction?id=acme/${debit}`, {});
    expect(await balance()).toBe(start + 15.5);
    // A transaction tagged Organization moves no user's balance.
    await call(t, acme.admin, '/api/add-transaction', { owner: 'acme', tag: 'Organization', amount: 100 });
    expect(await balance()).toBe(start + 15.5);
  });

  test('a debit that would take the balance below zero is refused, and nothing is written', async () => {
    const start = await balance();
    const count = async () =>
      ((await call(t, acme.admin, '/api/get-transactions?owner=acme')).data as unknown[]).length;
    const before = await count();
    expect(
      (
        await call(t, acme.admin, '/api/add-transaction', {
          owner: 'acme',
          tag: 'User',
          user: 'acme-user',
          amount: -(start + 1),
        })
      ).msg,
    ).toBe('The balance of "acme/acme-user" would fall below zero.');
    expect(
      (
        await call(t, acme.admin, '/api/add-transaction?dryRun=1', {
          owner: 'acme',
          tag: 'User',
          user: 'acme-user',
          amount: -(start + 1),
        })
      ).msg,
    ).toBe('The balance of "acme/acme-user" would fall below zero.');
    expect(
      await call(t, acme.admin, '/api/add-transaction?dryRun=1', {
        owner: 'acme',
        tag: 'User',
        user: 'acme-user',
        amount: -1,
      }),
    ).toMatchObject({ status: 'ok', data: '' });
    expect(await count()).toBe(before);
    expect(await balance()).toBe(start);
  });

  test('amounts are bounded, the currency must be the balance’s, and a User transaction needs a user', async () => {
    const refused = async (body: Record<string, unknown>) =>
      (await call(t, acme.admin, '/api/add-transaction', { owner: 'acme', ...body })).msg;
    expect(await refused({ amount: 2e9 })).toBe('The field "amount" must be a number from -1000000000 to 1000000000.');
    expect(await refused({ currency: 'dollars' })).toBe(
      'The currency "dollars" is not valid; use a three-letter code such as USD.',
    );
    expect(await refused({ tag: 'User', amount: 1 })).toBe('A transaction tagged User needs a user.');
    expect(await refused({ tag: 'User', user: 'acme-user', amount: 1, currency: 'EUR' })).toBe(
      'The balance of "acme/acme-user" is kept in USD; a transaction in EUR cannot change it.',
    );
    expect(await refused({ tag: 'User', user: 'nobody', amount: 1 })).toBe(
      '"nobody" in user does not exist or may not be used here.',
    );
  });

  test('the user reads their own transactions, not those of others', async () => {
    const own = (await call(t, acme.admin, '/api/add-transaction', { owner: 'acme', user: 'acme-user', amount: 0 }))
      .data;
    const other = (await call(t, acme.admin, '/api/add-transaction', { owner: 'acme', user: 'acme-admin', amount: 0 }))
      .data;
    expect((await call(t, acme.user, `/api/get-transaction?id=acme/${own}`)).data.name).toBe(own);
    expect((await call(t, acme.user, `/api/get-transaction?id=acme/${other}`)).status).toBe('error');
    expect((await call(t, acme.user, '/api/get-transactions?owner=acme')).status).toBe('error');
    expect(
      (
        await call(t, acme.user, '/api/add-transaction', {
          owner: 'acme',
          user: 'acme-user',
          tag: 'User',
          amount: 1000,
        })
      ).status,
    ).toBe('error');
  });
});
