import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addApplication, basic, providerItem } from '../../test/fixtures.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;
let dataDir: string;
const files = () => join(dataDir, 'files');

/** upload-resource as Casdoor's SDKs send it: the parameters in the query, the file as the multipart field "file". */
async function upload(
  caller: Caller,
  query: Record<string, string>,
  content: string | Uint8Array<ArrayBuffer> = 'hello',
  type = 'text/plain',
) {
  const body = new FormData();
  body.append('file', new Blob([content], { type }), 'upload');
  const answer = await t.request(
    `/api/upload-resource?${new URLSearchParams({ owner: 'acme', user: 'acme-user', ...query })}`,
    { headers: caller.headers, body },
  );
  return answer.json as { status: string; msg: string; data: string; data2: string };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'latchkey-resources-'));
  ({ t, root, org: acme } = await startObjectTest('acme', { config: { dataDir, uploadLimit: 64 * 1024 } }));
  beta = await organizationWithCallers(t, 'beta');
});
afterAll(async () => {
  await t.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('upload-resource into the data folder', () => {
  test("stores the file under the organization's folder and answers its URL and object key, as Casdoor's SDK reads them", async () => {
    const answer = await upload(acme.app, {
      fullFilePath: 'docs/hello.txt',
      tag: 'notes',
      application: acme.application.name,
    });
    expect(answer).toEqual({
      status: 'ok',
      msg: '',
      data: `${t.context.config.origin}/files/acme/docs/hello.txt`,
      data2: '/docs/hello.txt',
    });
    expect(readFileSync(join(files(), 'acme', 'docs', 'hello.txt'), 'utf8')).toBe('hello');
    const resource = (await call(t, acme.admin, '/api/get-resource?id=acme//docs/hello.txt')).data;
    expect(resource).toMatchObject({
      owner: 'acme',
      name: '/docs/hello.txt',
      user: 'acme-user',
      provider: '',
      application: acme.application.name,
      tag: 'notes',
      fileName: 'hello.txt',
      fileType: 'text',
      fileFormat: '.txt',
      fileSize: 5,
      url: answer.data,
    });
    const listed = (await call(t, acme.admin, '/api/get-resources?owner=acme')).data.map(
      (each: { name: string }) => each.name,
    );
    expect(listed).toContain('/docs/hello.txt');
  });

  test('a second upload of the same path gets a numbered name; an avatar replaces its file', async () => {
    expect((await upload(acme.admin, { fullFilePath: 'twice.txt' }, 'one')).data2).toBe('/twice.txt');
    expect((await upload(acme.admin, { fullFilePath: 'twice.txt' }, 'two')).data2).toBe('/twice-1.txt');
    expect((await upload(acme.admin, { fullFilePath: 'face.png', tag: 'avatar' }, 'first', 'image/png')).data2).toBe(
      '/face.png',
    );
    expect((await upload(acme.admin, { fullFilePath: 'face.png', tag: 'avatar' }, 'second', 'image/png')).data2).toBe(
      '/face.png',
    );
    expect(readFileSync(join(files(), 'acme', 'face.png'), 'utf8')).toBe('second');
  });

  test('a Local File System provider puts its path prefix in the object key', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-provider', {
          owner: 'acme',
          name: 'acme-disk',
          category: 'Storage',
          type: 'Local File System',
          pathPrefix: 'casdoor',
        })
      ).data,
    ).toBe('Affected');
    const answer = await upload(
      acme.admin,
      { fullFilePath: 'casbinTest.svg', provider: 'acme-disk' },
      '<svg/>',
      'image/svg+xml',
    );
    expect(answer.data2).toBe('/casdoor/casbinTest.svg');
    expect(
      (await call(t, acme.admin, '/api/delete-resource', { owner: 'acme', name: '/casdoor/casbinTest.svg' })).data,
    ).toBe('Affected');
    expect(existsSync(join(files(), 'acme', 'casdoor', 'casbinTest.svg'))).toBe(false);
  });

  test("a global administrator's application uploads into an organization with its global storage provider, never with another organization's", async () => {
    const item = (name: string) => providerItem('', name, { rule: 'None' });
    expect(
      (
        await call(t, root, '/api/add-provider', {
          owner: 'admin',
          name: 'global-disk',
          category: 'Storage',
          type: 'Local File System',
          pathPrefix: 'shared',
        })
      ).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, root, '/api/add-provider', {
          owner: 'built-in',
          name: 'built-in-disk',
          category: 'Storage',
          type: 'Local File System',
          pathPrefix: 'own',
        })
      ).data,
    ).toBe('Affected');
    // As the SDK suites' application of `built-in` (Casdoor's CI data): its global Storage provider is used.
    const global = await addApplication(t, 'global-uploader', 'built-in', { providers: [item('global-disk')] });
    const globalApp = { headers: { authorization: basic(global.clientId, global.plainClientSecret) } };
    const answer = await upload(globalApp, { fullFilePath: 'casbinTest.svg', application: global.name }, '<svg/>');
    expect(answer.data2).toBe('/shared/casbinTest.svg');
    expect((await call(t, root, '/api/get-resource?id=acme//shared/casbinTest.svg')).data.provider).toBe('global-disk');
    // A provider of built-in's own is not lent to acme: the upload goes to the data folder (no prefix).
    const own = await addApplication(t, 'own-uploader', 'built-in', { providers: [item('built-in-disk')] });
    const ownApp = { headers: { authorization: basic(own.clientId, own.plainClientSecret) } };
    const plain = await upload(ownApp, { fullFilePath: 'plain.svg', application: own.name }, '<svg/>');
    expect(plain.data2).toBe('/plain.svg');
    expect((await call(t, root, '/api/get-resource?id=acme//plain.svg')).data.provider).toBe('');
  });

  test('needs the user and the path, and a file no larger than the upload limit', async () => {
    expect((await upload(acme.admin, { user: '', fullFilePath: 'a.txt' })).msg).toBe(
      en('resource.user_and_path_required'),
    );
    expect((await upload(acme.admin, { fullFilePath: 'big.bin' }, new Uint8Array(64 * 1024 + 1))).msg).toBe(
      en('general.body_too_large'),
    );
    expect(existsSync(join(files(), 'acme', 'big.bin'))).toBe(false);
    const noFile = await t.request('/api/upload-resource?owner=acme&user=u&fullFilePath=x.txt', {
      headers: acme.admin.headers,
      body: new FormData(),
    });
    expect(noFile.json.msg).toBe(en('resource.file_required'));
  });
});

describe('paths stay inside the organization', () => {
  test.each([
    '../escape.txt',
    'a/../../escape.txt',
    '..',
    'a/./b.txt',
    'a\\..\\escape.txt',
    'bad\u0000name.txt',
    'line\nbreak.txt',
    `${'x'.repeat(401)}.txt`,
  ])('the path %j is refused and nothing is written', async (fullFilePath) => {
    const before = JSON.stringify(listTree(dataDir));
    const answer = await upload(acme.admin, { fullFilePath });
    expect(answer.status).toBe('error');
    expect(JSON.stringify(listTree(dataDir))).toBe(before);
  });

  test('a symbolic link in the folder is never written through, nor served', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'latchkey-outside-'));
    try {
      mkdirSync(join(files(), 'acme'), { recursive: true });
      symlinkSync(outside, join(files(), 'acme', 'linked'));
      writeFileSync(join(outside, 'secret.txt'), 'outside');
      expect((await upload(acme.admin, { fullFilePath: 'linked/planted.txt' })).msg).toBe(en('resource.path_conflict'));
      expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
      expect((await t.request('/files/acme/linked/secret.txt')).status).toBe(404);
    } finally {
      rmSync(join(files(), 'acme', 'linked'), { force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test("an administrator reaches only their own organization's resources", async () => {
    expect((await upload(acme.admin, { fullFilePath: 'private.txt' })).status).toBe('ok');
    const refused = en('general.unauthorized_operation');
    expect((await upload(beta.admin, { fullFilePath: 'planted.txt' })).msg).toBe(refused);
    expect((await call(t, beta.admin, '/api/get-resource?id=acme//private.txt')).msg).toBe(refused);
    expect((await call(t, beta.admin, '/api/get-resources?owner=acme')).msg).toBe(refused);
    expect((await call(t, beta.admin, '/api/delete-resource', { owner: 'acme', name: '/private.txt' })).msg).toBe(
      refused,
    );
    expect((await call(t, beta.admin, '/api/update-resource?id=acme//private.txt', { description: 'mine' })).msg).toBe(
      refused,
    );
    expect((await call(t, beta.admin, '/api/get-resources')).data).toEqual([]);
    expect((await call(t, acme.user, '/api/get-resources?owner=acme')).msg).toBe(refused);
    // Their own names never reach acme's files: beta's file of the same name is beta's.
    expect(
      (await upload(beta.admin, { owner: 'beta', user: 'beta-user', fullFilePath: 'private.txt' }, 'beta')).data,
    ).toBe(`${t.context.config.origin}/files/beta/private.txt`);
    expect(readFileSync(join(files(), 'acme', 'private.txt'), 'utf8')).toBe('hello');
    // Positive control: acme's administrator reads it.
    expect((await call(t, acme.admin, '/api/get-resource?id=acme//private.txt')).data.name).toBe('/private.txt');
  });

  test("another organization's Storage provider cannot be named", async () => {
    expect(
      (
        await call(t, beta.admin, '/api/add-provider', {
          owner: 'beta',
          name: 'beta-disk',
          category: 'Storage',
          type: 'Local File System',
        })
      ).data,
    ).toBe('Affected');
    expect((await upload(acme.admin, { fullFilePath: 'x.txt', provider: 'beta-disk' })).msg).toBe(
      en('service.provider_not_found', { name: 'beta-disk' }),
    );
  });
});

describe('/files serves uploads so that they cannot act in our origin', () => {
  test('an HTML page is a download of opaque bytes, with sniffing off and a sandbox', async () => {
    const answer = await upload(
      acme.admin,
      { fullFilePath: 'page.html' },
      '<script>alert(document.cookie)</script>',
      'text/html',
    );
    const served = await t.request(new URL(answer.data).pathname);
    expect(served.status).toBe(200);
    expect(served.text).toBe('<script>alert(document.cookie)</script>');
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toStartWith('attachment;');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  test('an SVG is a download too; a PNG is shown as a picture', async () => {
    const svg = await upload(acme.admin, { fullFilePath: 'logo.svg' }, '<svg onload="alert(1)"/>', 'image/svg+xml');
    const servedSvg = await t.request(new URL(svg.data).pathname);
    expect([
      servedSvg.headers.get('content-type'),
      servedSvg.headers.get('content-disposition')?.split(';')[0],
    ]).toEqual(['application/octet-stream', 'attachment']);
    const png = await upload(
      acme.admin,
      { fullFilePath: 'pixel.png' },
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'image/png',
    );
    const servedPng = await t.request(new URL(png.data).pathname);
    expect([
      servedPng.headers.get('content-type'),
      servedPng.headers.get('content-disposition')?.split(';')[0],
      servedPng.headers.get('x-content-type-options'),
    ]).toEqual(['image/png', 'inline', 'nosniff']);
  });

  test('names with spaces and other characters are served at the URL answered; unknown and climbing paths are 404', async () => {
    const answer = await upload(acme.admin, { fullFilePath: 'my files/a b#c?.txt' }, 'odd');
    expect(answer.data2).toBe('/my files/a b#c?.txt');
    expect((await t.request(new URL(answer.data).pathname)).text).toBe('odd');
    // (A `%2e%2e` part is `..` to the URL parser itself: /files/acme/%2e%2e/beta/x is /files/beta/x.)
    for (const path of [
      '/files/acme/no-such.txt',
      '/files/acme/..%2fbeta%2fprivate.txt',
      '/files/acme/%2e%2e%2f..%2fsecret.key',
      '/files/acme',
    ]) {
      const status = (await t.request(path)).status;
      expect({ path, status }).toEqual({ path, status: 404 });
    }
  });
});

describe('the other resource routes', () => {
  test('add-resource records a resource without a file; update-resource changes the descriptive fields only', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-resource', {
          owner: 'acme',
          name: '/records/r.txt',
          user: 'acme-user',
          url: 'https://evil.example/',
          fileSize: 99,
          provider: 'beta-disk',
        })
      ).data,
    ).toBe('Affected');
    const added = (await call(t, acme.admin, '/api/get-resource?id=acme//records/r.txt')).data;
    expect(added).toMatchObject({ url: '', fileSize: 0, provider: '' });
    expect(
      (await call(t, acme.admin, '/api/update-resource?id=acme//records/r.txt', { description: 'described', tag: 't' }))
        .data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-resource?id=acme//records/r.txt')).data).toMatchObject({
      description: 'described',
      tag: 't',
    });
    expect((await call(t, acme.admin, '/api/update-resource?id=acme//records/r.txt', { owner: 'beta' })).msg).toBe(
      en('object.cannot_move'),
    );
    expect((await call(t, acme.admin, '/api/update-resource?id=acme//records/r.txt', { name: '/other.txt' })).msg).toBe(
      en('object.field_not_writable', { field: 'name' }),
    );
    expect((await call(t, acme.admin, '/api/add-resource', { owner: 'acme', name: '../../x' })).status).toBe('error');
  });

  test('delete-resource deletes the file and the record (by the body, as the SDKs send it, or by id); a second delete changes nothing', async () => {
    const answer = await upload(acme.admin, { fullFilePath: 'gone.txt' });
    expect(existsSync(join(files(), 'acme', 'gone.txt'))).toBe(true);
    // Casdoor's Node SDK posts the JSON as text with a form content type.
    const deleted = await t.request('/api/delete-resource', {
      headers: { ...acme.app.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ owner: 'acme', name: answer.data2 }),
    });
    expect(deleted.json.data).toBe('Affected');
    expect(existsSync(join(files(), 'acme', 'gone.txt'))).toBe(false);
    expect((await call(t, acme.admin, '/api/get-resource?id=acme//gone.txt')).data).toBeNull();
    // An id without an owner (the Go SDK's GetResource with a bare object key) names nothing.
    expect(await call(t, acme.app, '/api/get-resource?owner=acme&id=/docs/hello.txt')).toMatchObject({
      status: 'ok',
      data: null,
    });
    expect((await call(t, acme.app, '/api/get-resource?id=acme//docs/hello.txt')).data.name).toBe('/docs/hello.txt');
    expect((await call(t, acme.admin, '/api/delete-resource?id=acme//gone.txt', {})).data).toBe('Unaffected');
  });

  test('deleting a record without a file leaves the file of the same name alone', async () => {
    expect((await upload(acme.admin, { fullFilePath: 'kept.txt' })).data2).toBe('/kept.txt');
    expect((await call(t, acme.admin, '/api/add-resource', { owner: 'acme', name: 'kept.txt' })).data).toBe('Affected');
    expect((await call(t, acme.admin, '/api/delete-resource', { owner: 'acme', name: 'kept.txt' })).data).toBe(
      'Affected',
    );
    expect(existsSync(join(files(), 'acme', 'kept.txt'))).toBe(true);
  });

  test('the global administrator reaches every organization', async () => {
    expect((await call(t, root, '/api/get-resource?id=acme//private.txt')).data.name).toBe('/private.txt');
  });
});

function listTree(folder: string): string[] {
  const { readdirSync, lstatSync } = require('node:fs') as typeof import('node:fs');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return lstatSync(path).isDirectory() ? [path, ...listTree(path)] : [path];
  });
}
