import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '@latchkey/i18n';
import S3rver from 's3rver';
import { call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { objectUrl, type S3Settings, s3SettingsOf, signedHeaders } from './storage/s3.ts';

/**
 * The S3 storage against s3rver, an S3-compatible server on this machine (its account is S3RVER).
 * s3rver checks the access key of a SigV4 request but not its signature: the signing itself is
 * checked against AWS's published examples (storage/sigv4.test.ts).
 */
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const BUCKET = 'latchkey-files';

let s3: S3rver;
let s3Folder: string;
let endpoint: string;
let t: TestApp;
let acme: OrganizationCallers;

beforeAll(async () => {
  s3Folder = mkdtempSync(join(tmpdir(), 'latchkey-s3-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Folder,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  ({ t, org: acme } = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: true } }));
  // s3rver knows the access key S3RVER only: another one is refused (403).
  for (const [name, accessKey] of [
    ['acme-s3', 'S3RVER'],
    ['acme-s3-wrong', 'NOT-A-KEY'],
  ]) {
    const added = await call(t, acme.admin, '/api/add-provider', {
      owner: 'acme',
      name,
      category: 'Storage',
      type: 'MinIO',
      endpoint,
      bucket: BUCKET,
      regionId: 'us-east-1',
      clientId: accessKey,
      clientSecret: 'S3RVER',
      pathPrefix: 'uploads',
    });
    expect(added.data).toBe('Affected');
  }
});
afterAll(async () => {
  await t.dispose();
  await s3.close();
  rmSync(s3Folder, { recursive: true, force: true });
});

/** Reads an object back from the bucket, with a request signed the same way. */
async function readObject(key: string[]): Promise<{ status: number; text: string }> {
  const settings: S3Settings = {
    endpoint: new URL(endpoint),
    bucket: BUCKET,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  };
  const url = objectUrl(settings, key);
  const response = await fetch(url, { headers: signedHeaders(settings, 'GET', url) });
  return { status: response.status, text: await response.text() };
}

async function upload(query: Record<string, string>, content = 'stored in S3') {
  const body = new FormData();
  body.append('file', new Blob([content], { type: 'text/plain' }), 'upload');
  return (
    await t.request(`/api/upload-resource?${new URLSearchParams({ owner: 'acme', user: 'acme-user', ...query })}`, {
      headers: acme.app.headers,
      body,
    })
  ).json;
}

describe('a MinIO / S3 Storage provider', () => {
  test('upload-resource puts the object with a signed request the server accepts; delete-resource deletes it', async () => {
    const answer = await upload({ fullFilePath: 'notes/a b.txt', provider: 'acme-s3' });
    expect(answer).toMatchObject({
      status: 'ok',
      data: `${endpoint}/${BUCKET}/acme/uploads/notes/a%20b.txt`,
      data2: '/uploads/notes/a b.txt',
    });
    expect(await readObject(['acme', 'uploads', 'notes', 'a b.txt'])).toEqual({ status: 200, text: 'stored in S3' });
    const resource = (await call(t, acme.admin, '/api/get-resource?id=acme//uploads/notes/a b.txt')).data;
    expect(resource).toMatchObject({ provider: 'acme-s3', fileSize: 12, url: answer.data });
    expect(
      (await call(t, acme.app, '/api/delete-resource', { owner: 'acme', name: '/uploads/notes/a b.txt' })).data,
    ).toBe('Affected');
    expect((await readObject(['acme', 'uploads', 'notes', 'a b.txt'])).status).toBe(404);
  });

  test('bytes arrive as they were sent', async () => {
    const bytes = new Uint8Array(256).map((_, index) => index);
    const body = new FormData();
    body.append('file', new Blob([bytes]), 'bytes.bin');
    const answer = (
      await t.request('/api/upload-resource?owner=acme&user=acme-user&fullFilePath=bytes.bin&provider=acme-s3', {
        headers: acme.app.headers,
        body,
      })
    ).json;
    expect(answer.status).toBe('ok');
    const settings = s3SettingsOf(
      { endpoint, bucket: BUCKET, regionId: 'us-east-1', clientId: 'S3RVER', domain: '' } as never,
      'S3RVER',
    );
    const url = objectUrl(settings, ['acme', 'uploads', 'bytes.bin']);
    const read = new Uint8Array(
      await (await fetch(url, { headers: signedHeaders(settings, 'GET', url) })).arrayBuffer(),
    );
    expect([...read]).toEqual([...bytes]);
  });

  test('a refusal by the server is an error, and nothing is recorded', async () => {
    const answer = await upload({ fullFilePath: 'wrong.txt', provider: 'acme-s3-wrong' });
    expect(answer.msg).toBe(en('resource.storage_failed', { status: 403 }));
    expect((await call(t, acme.admin, '/api/get-resource?id=acme//uploads/wrong.txt')).data).toBeNull();
    expect((await readObject(['acme', 'uploads', 'wrong.txt'])).status).toBe(404);
  });

  test('a private endpoint is refused unless private addresses are allowed (positive control: allowed above)', async () => {
    const strict = await startObjectTest('acme', { config: { allowPrivateCallbackUrls: false } });
    try {
      expect(
        (
          await call(strict.t, strict.org.admin, '/api/add-provider', {
            owner: 'acme',
            name: 's3',
            category: 'Storage',
            type: 'MinIO',
            endpoint,
            bucket: BUCKET,
            clientId: 'S3RVER',
            clientSecret: 'S3RVER',
          })
        ).data,
      ).toBe('Affected');
      const body = new FormData();
      body.append('file', new Blob(['x']), 'x.txt');
      const answer = (
        await strict.t.request('/api/upload-resource?owner=acme&user=u&fullFilePath=x.txt&provider=s3', {
          headers: strict.org.admin.headers,
          body,
        })
      ).json;
      expect(answer.msg).toBe(en('service.address_refused'));
      expect((await readObject(['acme', 'x.txt'])).status).toBe(404);
    } finally {
      await strict.t.dispose();
    }
  });

  test('other storage types answer "not supported"', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-provider', {
          owner: 'acme',
          name: 'acme-oss',
          category: 'Storage',
          type: 'Aliyun OSS',
          endpoint,
          bucket: BUCKET,
        })
      ).data,
    ).toBe('Affected');
    expect((await upload({ fullFilePath: 'x.txt', provider: 'acme-oss' })).msg).toBe(
      en('resource.storage_type_not_supported', { type: 'Aliyun OSS' }),
    );
  });
});
