import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

/**
 * A pricing's `application` is a note of which application offers it (nothing signs in or pays
 * through it): it may name an application not added yet, as Casdoor's Python SDK test does
 * ("Casdoor Website"). Application names are one namespace for every organization, so such a name
 * may later be taken by another organization's application: it then stays a name of nothing for
 * the pricing's organization — the other organization's renames do not follow into it, and the
 * pricing's administrators cannot point it at that application.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;

beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest('acme'));
  beta = await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

const applicationOf = async (owner: string, name: string) =>
  (await storedRows(t.context.db, 'pricing', { owner, name }))[0]?.application;

describe("a pricing's application", () => {
  test("may name one not added yet, as the Python SDK's test does", async () => {
    // The body test_pricing sends (the SDK puts its organization in owner).
    const body = {
      owner: 'acme',
      name: 'Pricing_sdk',
      createdTime: '2026-01-01T00:00:00',
      displayName: 'Pricing_sdk',
      description: 'app-admin',
      plans: [''],
      isEnabled: false,
      trialDuration: 0,
      application: 'Casdoor Website',
      submitter: '',
      approver: '',
      approveTime: '',
      state: '',
    };
    for (const caller of [acme.app, root]) {
      expect((await call(t, caller, '/api/add-pricing', body)).data).toBe('Affected');
      const pricing = (await call(t, caller, '/api/get-pricing?id=acme/Pricing_sdk')).data;
      expect(pricing).toMatchObject({ application: 'Casdoor Website' });
      expect(
        (
          await call(t, caller, '/api/update-pricing?id=acme/Pricing_sdk', {
            ...pricing,
            description: 'Updated Casdoor Website',
          })
        ).data,
      ).toBe('Affected');
      expect((await call(t, caller, '/api/delete-pricing', pricing)).data).toBe('Affected');
    }
  });

  test("another organization's application of that name, added later, is never the pricing's", async () => {
    expect(
      (await call(t, acme.admin, '/api/add-pricing', { owner: 'acme', name: 'early', application: 'later-app' })).data,
    ).toBe('Affected');
    expect(
      (await call(t, root, '/api/add-application', { owner: 'admin', name: 'later-app', organization: 'beta' })).data,
    ).toBe('Affected');
    expect(
      (await call(t, beta.admin, '/api/add-pricing', { owner: 'beta', name: 'beta-own', application: 'later-app' }))
        .data,
    ).toBe('Affected');
    // acme can no longer write that name: it is beta's application now.
    expect(
      (await call(t, acme.admin, '/api/add-pricing', { owner: 'acme', name: 'too-late', application: 'later-app' }))
        .status,
    ).toBe('error');
    expect(await applicationOf('acme', 'too-late')).toBeUndefined();

    // beta renames its application: beta's pricing follows, acme's keeps its name of nothing.
    expect(
      (
        await call(t, beta.admin, '/api/update-application?id=admin/later-app&columns=name', {
          owner: 'admin',
          name: 'renamed-app',
        })
      ).data,
    ).toBe('Affected');
    expect(await applicationOf('beta', 'beta-own')).toBe('renamed-app');
    expect(await applicationOf('acme', 'early')).toBe('later-app');

    // acme's pricing cannot be pointed at beta's application; its other fields still change.
    expect(
      (
        await call(t, acme.admin, '/api/update-pricing?id=acme/early&columns=application', {
          application: 'renamed-app',
        })
      ).status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/update-pricing?id=acme/early&columns=displayName', { displayName: 'Early' }))
        .data,
    ).toBe('Affected');
    expect(await applicationOf('acme', 'early')).toBe('later-app');
  });
});
