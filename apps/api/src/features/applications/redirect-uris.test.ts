import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication } from '@latchkey/db';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { isRefusedRedirectUri } from './redirect-uris.ts';

let t: TestApp;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const addApp = (name: string, fields: Record<string, unknown>) =>
  call(t, acme.admin, '/api/add-application', { owner: 'admin', name, organization: 'acme', ...fields });

describe('redirect URIs an application may register', () => {
  test.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/cb?tenant=7',
    'http://127.0.0.1/native-callback',
    'http://127.0.0.1:51004/cb',
    'http://[::1]:8080/cb',
    'http://localhost:3000/cb',
    'com.example.app:/oauth2redirect',
    'com.example.app://callback',
  ])('%s is accepted', (uri) => expect(isRefusedRedirectUri(uri)).toBe(false));

  test.each([
    'not-a-uri',
    'javascript:alert(1)',
    'data:text/html,hi',
    'http://app.example.com/callback',
    'https://app.example.com/cb#fragment',
    'https://user:pass@app.example.com/cb',
    'myapp:/callback',
    'https://app.example.com/ cb',
    '.*',
    'example.com',
    '',
  ])('%s is refused', (uri) => expect(isRefusedRedirectUri(uri)).toBe(true));

  test('add-application refuses one, naming the URI and the field; nothing is written', async () => {
    const answer = await addApp('bad-redirect', {
      redirectUris: ['https://good.example.com/cb', 'javascript:alert(1)'],
    });
    expect(answer).toMatchObject({ status: 'error', data: { field: 'redirectUris' } });
    expect(answer.msg).toContain('"javascript:alert(1)" cannot be a redirect URI');
    expect(await findApplication(t.context.db, 'bad-redirect')).toBeUndefined();
  });

  test('update-application refuses one; an update that leaves them alone is not checked again', async () => {
    expect((await addApp('fine-redirect', { redirectUris: ['https://fine.example.com/cb'] })).data).toBe('Affected');
    const stored = (await call(t, acme.admin, '/api/get-application?id=admin/fine-redirect')).data;
    expect(
      await call(t, acme.admin, '/api/update-application?id=admin/fine-redirect', {
        ...stored,
        redirectUris: ['not-a-uri'],
      }),
    ).toMatchObject({ status: 'error', data: { field: 'redirectUris' } });
    expect((await findApplication(t.context.db, 'fine-redirect'))!.redirectUris).toEqual([
      'https://fine.example.com/cb',
    ]);
    expect(
      (
        await call(t, acme.admin, '/api/update-application?id=admin/fine-redirect', {
          ...stored,
          displayName: 'Renamed',
        })
      ).data,
    ).toBe('Affected');
  });

  test('empty entries, as an SDK sends for none, are dropped; the rest are kept and checked', async () => {
    expect((await addApp('empty-redirect', { redirectUris: [''] })).data).toBe('Affected');
    expect((await findApplication(t.context.db, 'empty-redirect'))!.redirectUris).toEqual([]);
    expect((await addApp('mixed-redirect', { redirectUris: ['', 'https://mixed.example.com/cb'] })).data).toBe(
      'Affected',
    );
    expect((await findApplication(t.context.db, 'mixed-redirect'))!.redirectUris).toEqual([
      'https://mixed.example.com/cb',
    ]);
    expect(await addApp('blank-redirect', { redirectUris: ['', ' '] })).toMatchObject({
      status: 'error',
      data: { field: 'redirectUris' },
    });
  });

  test('a negative lifetime names its field', async () => {
    expect(await addApp('negative-life', { expireInHours: -5 })).toMatchObject({
      status: 'error',
      data: { field: 'expireInHours' },
    });
    expect(await findApplication(t.context.db, 'negative-life')).toBeUndefined();
  });
});
