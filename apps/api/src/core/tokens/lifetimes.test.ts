import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication, updateRows } from '@latchkey/db';
import { decodeJwt } from 'jose';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { basic } from '../../test/fixtures.ts';
import { MAX_LIFETIME_HOURS } from './lifetimes.ts';

let t: TestApp;
let acme: OrganizationCallers;
let root: Caller;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const addApp = (name: string, fields: Record<string, unknown>) =>
  call(t, acme.admin, '/api/add-application', {
    owner: 'admin',
    name,
    organization: 'acme',
    grantTypes: ['client_credentials'],
    ...fields,
  });

async function clientCredentials(name: string) {
  const application = (await findApplication(t.context.db, name))!;
  const secret = t.context.secrets.open(application.clientSecret);
  const response = await t.request('/api/login/oauth/access_token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
    headers: {
      authorization: basic(application.clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
    },
  });
  return response.json;
}

describe('token and session lifetimes', () => {
  test.each([
    ['expireInHours', 1e300],
    ['expireInHours', -1],
    ['refreshExpireInHours', MAX_LIFETIME_HOURS + 1],
    ['cookieExpireInHours', 1e12],
  ])('%s = %d is refused on add and on update, and nothing is written', async (field, value) => {
    const name = `life-${field}-${String(value).replace(/\W/g, '')}`.toLowerCase();
    expect((await addApp(name, { [field]: value })).msg).toBe(`The field "${field}" has a value that is not allowed.`);
    expect(await findApplication(t.context.db, name)).toBeUndefined();
    expect((await addApp(name, {})).data).toBe('Affected');
    const stored = (await call(t, acme.admin, `/api/get-application?id=admin/${name}`)).data;
    expect(
      (await call(t, acme.admin, `/api/update-application?id=admin/${name}`, { ...stored, [field]: value })).status,
    ).toBe('error');
    expect((await findApplication(t.context.db, name))![field as 'expireInHours']).not.toBe(value);
  });

  test('a lifetime of a year is accepted, and its tokens expire in a year (positive control)', async () => {
    expect((await addApp('life-year', { expireInHours: MAX_LIFETIME_HOURS })).data).toBe('Affected');
    const answer = await clientCredentials('life-year');
    expect(answer.expires_in).toBe(MAX_LIFETIME_HOURS * 3600);
  });

  test('a row written before the limit (or by hand) gives tokens of at most a year, with a valid NumericDate', async () => {
    expect((await addApp('life-legacy', {})).data).toBe('Affected');
    await updateRows(t.context.db, 'application', { name: 'life-legacy' }, { expireInHours: 1e300 });
    const answer = await clientCredentials('life-legacy');
    expect(answer.expires_in).toBe(MAX_LIFETIME_HOURS * 3600);
    const { exp, iat } = decodeJwt(answer.access_token);
    expect(Number.isSafeInteger(exp)).toBe(true);
    expect(exp! - iat!).toBe(MAX_LIFETIME_HOURS * 3600);
    // The token works.
    expect(
      (await t.request('/api/get-users?owner=acme', { headers: { authorization: `Bearer ${answer.access_token}` } }))
        .json.status,
    ).toBe('ok');
    expect(root).toBeDefined();
  });
});
